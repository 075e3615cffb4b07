import { useId, useMemo } from 'react';
import { Field } from './Field';
import { renameMap } from '../../domain/edits';
import { useMapStore } from '../../store/useMapStore';
import { applyEdit, select } from './edit';
import { useDraft } from './useDraft';
import { MAX_TITLE } from '../../domain/schema';

const UNTITLED = 'Untitled map';
/** What `renameMap` stores for a typed title. */
const storedTitle = (typed: string) => typed.trim() || UNTITLED;

/** Nothing selected: how to use the panel, the map's title, and a way into the map through its theses. */
export function MapDetails() {
  const title = useMapStore((s) => s.doc?.map.title ?? '');
  const description = useMapStore((s) => s.doc?.map.description);
  const claims = useMapStore((s) => s.doc?.claims);
  const [draft, setDraft] = useDraft(title, (t) => t, (d, t) => storedTitle(d) === t);
  const titleId = useId();
  const theses = useMemo(() => Object.values(claims ?? {}).filter((c) => c.kind === 'thesis'), [claims]);

  return (
    <div className="inspector">
      <h2 className="inspector-heading">Map</h2>
      <p className="inspector-hint">
        Select a claim, quote, source or link — in the graph, the source list or the text — to see and edit its details here.
      </p>
      <Field>
        <label htmlFor={titleId}>Map title</label>
        <input
          id={titleId}
          value={draft}
          maxLength={MAX_TITLE}
          onChange={(e) => {
            const text = e.target.value;
            setDraft(text);
            applyEdit((doc) => (doc.map.title === storedTitle(text) ? null : renameMap(doc, text)), {
              label: 'Rename map',
              coalesceKey: 'map-title',
            });
          }}
        />
      </Field>
      {description && (
        <Field>
          <h3 className="inspector-subheading">Description</h3>
          <p className="inspector-description">{description}</p>
        </Field>
      )}
      {theses.length > 0 && (
        <div className="field">
          <h3 className="inspector-subheading">{theses.length === 1 ? 'Thesis' : 'Theses'}</h3>
          <ul className="item-list">
            {theses.map((t) => (
              <li key={t.id}>
                <button type="button" className="item-button" onClick={() => select('claim', t.id)}>
                  {t.text || 'Untitled claim'}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
