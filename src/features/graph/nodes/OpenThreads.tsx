import type { MapDoc } from '../../../domain/change';
import { openThreadCounts } from '../../../domain/comments';
import { mapStore, useMapStore } from '../../../store/useMapStore';
import { workspaceStore } from '../../../store/workspaceStore';
import { COMPARE_MARK_TEXT, useCompareMarks } from '../../../store/compareMarks';

/**
 * Counts per comments table: the table object changes only when a comment
 * does (structural sharing), so thousands of nodes share one count per edit.
 */
const counts = new WeakMap<MapDoc['comments'], ReadonlyMap<string, number>>();
function openCount(doc: MapDoc | null, id: string): number {
  if (!doc) return 0;
  let c = counts.get(doc.comments);
  if (!c) counts.set(doc.comments, (c = openThreadCounts(doc)));
  return c.get(id) ?? 0;
}

/** A node's count of open review threads; a click selects the node, whose details show them. */
export function OpenThreads({ id, kind }: { id: string; kind: 'claim' | 'quote' }) {
  const n = useMapStore((s) => openCount(s.doc, id));
  if (n === 0) return null;
  return (
    <button
      type="button"
      className="gn-open-threads nodrag"
      aria-label={`${n} open ${n === 1 ? 'thread' : 'threads'}`}
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

/** While a comparison is open: what it would do to this node (changed or removed), as a visible label. */
export function CompareMarkLabel({ id }: { id: string }) {
  const mark = useCompareMarks((s) => s.marks.get(id));
  if (!mark) return null;
  return <span className={`gn-compare-mark gn-compare-${mark}`}>{COMPARE_MARK_TEXT[mark]}</span>;
}
