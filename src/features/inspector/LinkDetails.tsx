import { useId } from 'react';
import { updateLink } from '../../domain/edits';
import { linkWeight, type Relation } from '../../domain/schema';
import { mapStore, useMapStore } from '../../store/useMapStore';
import { NoteField } from './NoteField';
import { applyEdit, select, selectNode } from './edit';
import { cutAtWord, parseWeight, WEIGHT_NAMES } from '../../domain/vocabulary';

export function LinkDetails({ id }: { id: string }) {
  const link = useMapStore((s) => s.doc?.links[id]);
  const fromQuote = useMapStore((s) => (link ? s.doc?.quotes[link.from] : undefined));
  const fromClaim = useMapStore((s) => (link ? s.doc?.claims[link.from] : undefined));
  const to = useMapStore((s) => (link ? s.doc?.claims[link.to] : undefined));
  const fromSource = useMapStore((s) => (fromQuote ? s.doc?.sources[fromQuote.sourceId] : undefined));
  const ids = { weight: useId(), radio: useId() };
  if (!link) return null;

  const setRelation = (relation: Relation) =>
    applyEdit((doc) => (doc.links[id] ? updateLink(doc, id, { relation }) : null), {
      label: relation === 'supports' ? 'Make link supporting' : 'Make link contradicting',
    });

  return (
    <div className="inspector">
      <h2 className="inspector-heading">Link</h2>
      <div className="link-ends">
        <span className="muted">From</span>
        {fromQuote ? (
          <button type="button" className="ev-node" onClick={() => select('quote', fromQuote.id)}>
            <span className="ev-text">“{cutAtWord(fromQuote.exact, 160)}”</span>
            <span className="ev-meta">{fromSource?.title ?? 'Missing source'}</span>
          </button>
        ) : fromClaim ? (
          <button type="button" className="ev-node" onClick={() => selectNode(fromClaim.id)}>
            <span className="ev-text">{fromClaim.text || 'Untitled claim'}</span>
            <span className="ev-meta">claim</span>
          </button>
        ) : (
          <p>Missing</p>
        )}
        <span className={`link-relation rel-${link.relation}`}>{link.relation}</span>
        {to ? (
          <button type="button" className="ev-node" onClick={() => select('claim', to.id)}>
            <span className="ev-text">{to.text || 'Untitled claim'}</span>
            <span className="ev-meta">{to.kind === 'thesis' ? 'thesis' : 'claim'}</span>
          </button>
        ) : (
          <p>Missing</p>
        )}
      </div>
      <fieldset className="field relation">
        <legend>Relation</legend>
        {(['supports', 'contradicts'] as const).map((r) => (
          <label key={r} className={`radio rel-${r}`}>
            <input
              type="radio"
              name={ids.radio}
              value={r}
              checked={link.relation === r}
              onChange={() => setRelation(r)}
            />
            {r === 'supports' ? 'Supports' : 'Contradicts'}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.weight}>Weight</label>
        <select
          id={ids.weight}
          value={linkWeight(link)}
          onChange={(e) => {
            const w = parseWeight(e.target.value);
            // Moderate is what an absent weight means: store it absent, as addLink does.
            applyEdit((doc) => (doc.links[id] ? updateLink(doc, id, { weight: w }) : null), {
              label: 'Change link weight',
            });
          }}
        >
          {([1, 2, 3] as const).map((w) => (
            <option key={w} value={w}>
              {WEIGHT_NAMES[w]}
            </option>
          ))}
        </select>
      </div>
      <NoteField value={link.note} kind="link" id={id} build={(doc, note) => (doc.links[id] ? updateLink(doc, id, { note }) : null)} />
      <div className="inspector-actions">
        <button type="button" className="danger" onClick={() => void mapStore.getState().remove({ links: [id] }, 'Delete link')}>
          Delete link
        </button>
      </div>
    </div>
  );
}
