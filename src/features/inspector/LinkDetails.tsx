import { useId } from 'react';
import { EditButton, Field } from './Field';
import { useShallow } from 'zustand/react/shallow';
import { groupLinks, ungroupLink, updateLink } from '../../domain/edits';
import type { MapDoc } from '../../domain/change';
import { linkWeight, MAX_SCHEME, type Link, type Relation } from '../../domain/schema';
import { mapStore, useMapStore } from '../../store/useMapStore';
import { NoteField } from './NoteField';
import { applyEdit, select, selectNode } from './edit';
import { cutAtWord, ellipsize, parseWeight, WEIGHT_NAMES } from '../../domain/vocabulary';

export function LinkDetails({ id }: { id: string }) {
  const link = useMapStore((s) => s.doc?.links[id]);
  const fromQuote = useMapStore((s) => (link ? s.doc?.quotes[link.from] : undefined));
  const fromClaim = useMapStore((s) => (link ? s.doc?.claims[link.from] : undefined));
  const to = useMapStore((s) => (link ? s.doc?.claims[link.to] : undefined));
  // Format version 2: a link may be aimed at a link (an undercutter or a backing).
  const toLink = useMapStore((s) => (link && !to ? s.doc?.links[link.to] : undefined));
  const toLinkEnds = useMapStore(
    useShallow((s) => (toLink && s.doc ? [endText(s.doc, toLink.from), endText(s.doc, toLink.to)] : null)),
  );
  const groupChoices = useMapStore(useShallow((s) => (link && s.doc ? groupOptions(s.doc, link) : [])));
  const fromSource = useMapStore((s) => (fromQuote ? s.doc?.sources[fromQuote.sourceId] : undefined));
  const ids = { weight: useId(), radio: useId(), scheme: useId(), group: useId() };
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
        ) : toLink && toLinkEnds ? (
          <button type="button" className="ev-node" onClick={() => select('link', toLink.id)}>
            <span className="ev-text">
              the inference {toLinkEnds[0]} → {toLinkEnds[1]}
            </span>
            <span className="ev-meta">{link.relation === 'contradicts' ? 'undercut' : 'backed'} link</span>
          </button>
        ) : (
          <p>Missing</p>
        )}
      </div>
      <Field className="field relation">
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
      </Field>
      <Field>
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
      </Field>
      {/* The note before the argument fields: Tab out of it goes on to Scheme, never straight onto Delete link. */}
      <NoteField value={link.note} kind="link" id={id} build={(doc, note) => (doc.links[id] ? updateLink(doc, id, { note }) : null)} />
      <Field>
        <label htmlFor={ids.scheme}>Scheme</label>
        <input
          id={ids.scheme}
          // Remounted when the stored scheme changes (undo, another edit): the draft follows it.
          key={link.scheme ?? ''}
          type="text"
          maxLength={MAX_SCHEME}
          defaultValue={link.scheme ?? ''}
          placeholder="e.g. Argument From Sign"
          onBlur={(e) => commitScheme(id, e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitScheme(id, e.currentTarget.value);
          }}
        />
      </Field>
      {!toLink && (
        <Field>
          <label htmlFor={ids.group}>Group</label>
          <select id={ids.group} value={link.group === undefined ? '' : `g:${link.group}`} onChange={(e) => setGroup(id, e.target.value)}>
            <option value="">Not in a linked argument</option>
            {groupChoices.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
      )}
      <div className="inspector-actions">
        <EditButton type="button" className="danger" onClick={() => void mapStore.getState().remove({ links: [id] }, 'Delete link')}>
          Delete link
        </EditButton>
      </div>
    </div>
  );
}

const endText = (doc: MapDoc, id: string): string => {
  const t = doc.claims[id]?.text ?? (doc.quotes[id] ? `“${doc.quotes[id].exact}”` : undefined);
  return t === undefined ? (doc.links[id] ? 'an inference' : 'missing') : ellipsize(t || 'Untitled claim', 60);
};

/**
 * What the Group combobox offers: the linked arguments for the same claim with
 * the same relation, and each other ungrouped link there to start one with.
 * A flat list of strings pairs, so the store selector can compare it shallowly.
 */
function groupOptions(doc: MapDoc, link: Link): { value: string; label: string }[] {
  const groups = new Map<string, Link[]>();
  const single: Link[] = [];
  for (const l of Object.values(doc.links)) {
    if (l.to !== link.to || l.relation !== link.relation) continue;
    if (l.group !== undefined) {
      const list = groups.get(l.group);
      if (list) list.push(l);
      else groups.set(l.group, [l]);
    } else if (l.id !== link.id) single.push(l);
  }
  const out: { value: string; label: string }[] = [];
  for (const [g, members] of groups) {
    const names = members.map((m) => endText(doc, m.from)).join(' + ');
    out.push({ value: `g:${g}`, label: `Argument: ${members[0]!.scheme || 'linked'} (${ellipsize(names, 80)})` });
  }
  for (const l of single) out.push({ value: `l:${l.id}`, label: `Join with ${endText(doc, l.from)}` });
  return cached(out);
}

// useShallow compares the array's items by identity: hand back the same objects for the same options.
const optionCache = new Map<string, { value: string; label: string }>();
function cached(list: { value: string; label: string }[]) {
  return list.map((o) => {
    const key = `${o.value}\u0000${o.label}`;
    let hit = optionCache.get(key);
    if (!hit) {
      if (optionCache.size > 500) optionCache.clear();
      optionCache.set(key, (hit = o));
    }
    return hit;
  });
}

function commitScheme(id: string, value: string) {
  const scheme = value.trim();
  applyEdit(
    (doc) => {
      const link = doc.links[id];
      if (!link || (link.scheme ?? '') === scheme) return null;
      return updateLink(doc, id, { scheme: scheme || null });
    },
    { label: scheme ? 'Set argument scheme' : 'Remove argument scheme' },
  );
}

function setGroup(id: string, value: string) {
  applyEdit(
    (doc) => {
      const link = doc.links[id];
      if (!link) return null;
      if (value === '') return ungroupLink(doc, id);
      const members = value.startsWith('g:')
        ? Object.values(doc.links).filter((l) => l.group === value.slice(2) && l.to === link.to && l.relation === link.relation && l.id !== id)
        : [doc.links[value.slice(2)]].filter((l): l is Link => !!l);
      if (!members.length) return null;
      // Joining a group: its links lead, so the link takes the group's name and scheme.
      const r = groupLinks(doc, value.startsWith('g:') ? [...members.map((m) => m.id), id] : [id, members[0]!.id]);
      if (!r.ok) return null;
      // Leaving a group of two leaves no argument behind.
      if (link.group !== undefined && link.group !== r.group) {
        const left = ungroupLink(doc, id);
        const rest = left?.put.links?.filter((l) => l.id !== id) ?? [];
        r.change.put.links = [...(r.change.put.links ?? []), ...rest];
      }
      return r.change;
    },
    { label: value === '' ? 'Take link out of linked argument' : 'Link as one argument' },
  );
}
