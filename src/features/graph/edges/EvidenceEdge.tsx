import { memo } from 'react';
import { BaseEdge, Position, getBezierPath, useInternalNode, type EdgeProps } from '@xyflow/react';
import type { EvidenceFlowEdge } from '../flowTypes';
import { useGraphUi } from '../graphUi';

/** Stroke width by weight: 1 weak, 2 moderate, 3 strong. */
const STROKE = { 1: 1.25, 2: 2.25, 3: 3.75 } as const;

/**
 * A link: supports is a solid green line with an arrow; contradicts a dashed
 * red line ending in a bar, so colour is not the only cue.
 *
 * The handles sit where dragging starts and ends (source at the bottom, target
 * at the top), but evidence is laid out after its claim (to the right, or
 * below), so a line from handle to handle would loop through both nodes: the
 * line runs between the sides of the two nodes that face each other instead.
 */
function EvidenceEdgeComponent(props: EdgeProps<EvidenceFlowEdge>) {
  const { source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, interactionWidth } =
    props;
  const from = useInternalNode(source);
  const to = useInternalNode(target);
  const direction = useGraphUi((st) => st.direction);
  let path: string;
  if (from && to) {
    // Lines meet the nodes at the middle of a side; the handles sit off-centre
    // so that a line never covers the handle a drag would start from.
    const f = from.internals.positionAbsolute;
    const t = to.internals.positionAbsolute;
    const fw = from.measured.width ?? 0;
    const fh = from.measured.height ?? 0;
    const tw = to.measured.width ?? 0;
    const th = to.measured.height ?? 0;
    const hGap = Math.max(f.x - (t.x + tw), t.x - (f.x + fw));
    const vGap = Math.max(f.y - (t.y + th), t.y - (f.y + fh));
    // The layout puts claims after what they bear on in its direction and a
    // quote block across it (under a claim left to right, beside it top-down):
    // each line leaves by the side that faces its target.
    const quote = source.startsWith('q_');
    const sideways = direction === 'LR' ? (quote ? vGap <= 0 : hGap > 0) : quote ? hGap > 0 : vGap <= 0 && hGap > 0;
    if (sideways) {
      const right = f.x > t.x;
      [path] = getBezierPath({
        sourceX: right ? f.x : f.x + fw,
        sourceY: f.y + fh / 2,
        sourcePosition: right ? Position.Left : Position.Right,
        targetX: right ? t.x + tw : t.x,
        targetY: t.y + th / 2,
        targetPosition: right ? Position.Right : Position.Left,
      });
    } else {
      const below = f.y > t.y + th;
      [path] = getBezierPath(
        below
          ? { sourceX: f.x + fw / 2, sourceY: f.y, sourcePosition: Position.Top, targetX: t.x + tw / 2, targetY: t.y + th, targetPosition: Position.Bottom }
          : { sourceX: f.x + fw / 2, sourceY: f.y + fh, sourcePosition: Position.Bottom, targetX: t.x + tw / 2, targetY: t.y, targetPosition: Position.Top },
      );
    }
  } else {
    [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  }
  const relation = data?.relation ?? 'supports';
  const weight = data?.weight ?? 2;
  return (
    <BaseEdge
      path={path}
      className={`gn-evidence-edge is-${relation}${selected ? ' gn-is-selected' : ''}`}
      markerEnd={`url(#warrant-marker-${relation})`}
      style={{ strokeWidth: STROKE[weight] + (selected ? 1 : 0) }}
      interactionWidth={interactionWidth ?? 16}
    />
  );
}

export const EvidenceEdge = memo(EvidenceEdgeComponent);
