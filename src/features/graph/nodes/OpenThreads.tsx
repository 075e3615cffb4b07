import type { MapDoc } from '../../../domain/change';
import { openThreadCounts } from '../../../domain/comments';
import { edgeLabel } from '../toFlow';
import { mapStore, useMapStore } from '../../../store/useMapStore';
import { workspaceStore } from '../../../store/workspaceStore';
import { useId } from 'react';
import { COMPARE_MARK_TEXT, compareAddedText, useCompareMarks } from '../../../store/compareMarks';

/**
 * Counts per comments table: the table object changes only when a comment
 * does (structural sharing), so thousands of nodes share one count per edit.
 */
const counts = new WeakMap<MapDoc['comments'], ReadonlyMap<string, number>>();
export function openCount(doc: MapDoc | null, id: string): number {
  if (!doc) return 0;
  let c = counts.get(doc.comments);
  if (!c) counts.set(doc.comments, (c = openThreadCounts(doc)));
  return c.get(id) ?? 0;
}

/** The name of a link in the count's label: as the graph names its edge (`supports: A → B`). */
function linkName(doc: MapDoc | null, id: string): string {
  const l = doc?.links[id];
  if (!doc || !l) return 'a link';
  const text = (end: string) => doc.claims[end]?.text ?? doc.quotes[end]?.exact ?? (doc.links[end] ? 'a link' : end);
  return edgeLabel(l.relation, text(l.from), text(l.to));
}

/**
 * A node's or link's count of open review threads; a click selects it, and
 * its details show them. A link's count sits apart from its edge, so its
 * name says which link it is on.
 */
export function OpenThreads({ id, kind }: { id: string; kind: 'claim' | 'quote' | 'link' }) {
  const n = useMapStore((s) => openCount(s.doc, id));
  const on = useMapStore((s) => (kind === 'link' && n > 0 ? linkName(s.doc, id) : null));
  if (n === 0) return null;
  return (
    <button
      type="button"
      className="gn-open-threads nodrag"
      aria-label={`${n} open ${n === 1 ? 'thread' : 'threads'}${on ? `: ${on}` : ''}`}
      title="Open review threads: show them in the details"
      onClick={(e) => {
        e.stopPropagation();
        mapStore.getState().select({ kind, id });
        workspaceStore.getState().showPanel('details');
      }}
    >
      {n}
    </button>
  );
}

/**
 * While a comparison is open: what it would do to this node or link
 * (changed or removed), and what it would add here, as visible labels; the
 * added records' words are the added label's accessible description.
 */
export function CompareMarkLabel({ id }: { id: string }) {
  const mark = useCompareMarks((s) => s.marks.get(id));
  const added = useCompareMarks((s) => s.added.get(id));
  const describedBy = useId();
  if (!mark && !added?.length) return null;
  return (
    <>
      {mark && <span className={`gn-compare-mark gn-compare-${mark}`}>{COMPARE_MARK_TEXT[mark]}</span>}
      {added && added.length > 0 && (
        <span className="gn-compare-mark gn-compare-added" role="note" aria-label={compareAddedText(added.length)} aria-describedby={describedBy} title={added.join('\n')}>
          {compareAddedText(added.length)}
          <span id={describedBy} hidden>
            {added.join('; ')}
          </span>
        </span>
      )}
    </>
  );
}
