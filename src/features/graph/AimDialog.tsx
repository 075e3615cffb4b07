/**
 * The keyboard's way to aim a new link at a link (format version 2): the
 * `Aim at a link` dialog lists the links the source may aim at, nearest to it
 * first, with a filter; picking one opens the relation chooser, where
 * Supports backs the inference and Contradicts undercuts it.
 */
import { useMemo, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useMapStore } from '../../store/useMapStore';
import { isLiveLink } from '../../domain/analysis/graph';
import type { MapDoc } from '../../domain/change';
import { edgeLabel } from './toFlow';

/** Links listed at once; the filter narrows a larger map's list. */
const SHOWN = 30;

type Box = { x: number; y: number; w: number; h: number };

/** The links `from` may aim at, each with its name, nearest first (by the middle of its edge). */
export function aimChoices(
  doc: MapDoc,
  from: string,
  boxOf: (id: string) => Box | null,
): { id: string; name: string }[] {
  const taken = new Set<string>();
  for (const l of Object.values(doc.links)) if (l.from === from) taken.add(l.to);
  const centre = (id: string) => {
    const b = boxOf(id);
    return b ? { x: b.x + b.w / 2, y: b.y + b.h / 2 } : null;
  };
  const here = centre(from);
  const text = (id: string) => doc.claims[id]?.text ?? doc.quotes[id]?.exact ?? id;
  const out: { id: string; name: string; d: number }[] = [];
  for (const l of Object.values(doc.links)) {
    // Not its own links, nor those into it: a node does not back or undercut the inferences it makes or receives.
    if (l.from === from || l.to === from || taken.has(l.id) || !isLiveLink(doc, l)) continue;
    const a = centre(l.from);
    const b = centre(l.to);
    const d = here && a && b ? Math.hypot((a.x + b.x) / 2 - here.x, (a.y + b.y) / 2 - here.y) : Infinity;
    out.push({ id: l.id, name: edgeLabel(l.relation, text(l.from), text(l.to)), d });
  }
  out.sort((p, q) => p.d - q.d || p.name.localeCompare(q.name));
  return out.map(({ id, name }) => ({ id, name }));
}

export function AimDialog({
  from,
  boxOf,
  onPick,
  onClose,
}: {
  from: string;
  boxOf: (id: string) => Box | null;
  onPick: (linkId: string) => void;
  onClose: () => void;
}) {
  const doc = useMapStore((s) => s.doc);
  const [filter, setFilter] = useState('');
  const all = useMemo(() => (doc ? aimChoices(doc, from, boxOf) : []), [doc, from, boxOf]);
  const words = filter.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const matching = words.length ? all.filter((c) => words.every((w) => c.name.toLocaleLowerCase().includes(w))) : all;
  const shown = matching.slice(0, SHOWN);
  const source = doc?.claims[from]?.text ?? doc?.quotes[from]?.exact ?? '';
  return (
    <Dialog title="Aim at a link" onClose={onClose} className="aim-dialog">
      <p className="hint">
        From “{source.length > 80 ? `${source.slice(0, 79)}…` : source}”. Then Supports backs the inference and Contradicts undercuts it.
      </p>
      <label>
        Filter links
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      {shown.length ? (
        <ul className="aim-list" aria-label="Links to aim at">
          {shown.map((c) => (
            <li key={c.id}>
              <button type="button" onClick={() => onPick(c.id)}>
                {c.name}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="placeholder">{all.length ? 'No link matches.' : 'There is no link this node can aim at.'}</p>
      )}
      {matching.length > shown.length && (
        <p className="hint">
          {matching.length - shown.length} more: type to narrow the list.
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
