import { EdgeLabelRenderer } from '@xyflow/react';
import { CompareMarkLabel, OpenThreads, openCount } from '../nodes/OpenThreads';
import { useCompareMarks } from '../../../store/compareMarks';
import { useMapStore } from '../../../store/useMapStore';

/**
 * What a link shows at its middle besides its line: its count of open review
 * threads (a button that opens them in Details) and, while a comparison is
 * open, what the comparison would do to it or add at it. Nothing is drawn
 * when there is nothing to show.
 */
export function EdgeBadges({ id, x, y }: { id: string; x: number; y: number }) {
  const threads = useMapStore((s) => openCount(s.doc, id));
  const marked = useCompareMarks((s) => s.marks.has(id) || s.added.has(id));
  if (threads === 0 && !marked) return null;
  return (
    <EdgeLabelRenderer>
      <div className="gn-edge-badges nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}>
        <OpenThreads id={id} kind="link" />
        <CompareMarkLabel id={id} />
      </div>
    </EdgeLabelRenderer>
  );
}
