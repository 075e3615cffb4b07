import { memo } from 'react';
import { DEFAULT_WEIGHT, isQuoteId } from '../../../domain/schema';
import { BaseEdge, EdgeLabelRenderer, Position, getBezierPath, useInternalNode, useStore, type EdgeProps } from '@xyflow/react';
import { sizeOf, type EvidenceFlowEdge } from '../flowTypes';
import { useGraphUi } from '../graphUi';
import { EDGE_DROP } from '../linking';
import { EdgeBadges } from './EdgeBadges';

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
  // An undercutter or backing meets the middle of the edge it is aimed at.
  const onFrom = useInternalNode(data?.on?.from ?? source);
  const onTo = useInternalNode(data?.on?.to ?? target);
  // While a link is being made (drag or keyboard), a link's middle takes a drop: the new link is aimed at it.
  const dragging = useStore((st) => st.connection.inProgress);
  const linking = useGraphUi((st) => st.linkFrom !== null) || dragging;
  let path: string;
  let midX: number;
  let midY: number;
  if (data?.on && from && onFrom && onTo) {
    const centre = (n: NonNullable<typeof onFrom>) => ({
      x: n.internals.positionAbsolute.x + (sizeOf(n).w) / 2,
      y: n.internals.positionAbsolute.y + (sizeOf(n).h) / 2,
    });
    const a = centre(onFrom);
    const b = centre(onTo);
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    const f = from.internals.positionAbsolute;
    const fw = sizeOf(from).w;
    const fh = sizeOf(from).h;
    // Leave by the side of the undercutter that faces the middle.
    const dx = mx - (f.x + fw / 2);
    const dy = my - (f.y + fh / 2);
    const across = Math.abs(dx) * fh > Math.abs(dy) * fw;
    const side = across ? (dx > 0 ? Position.Right : Position.Left) : dy > 0 ? Position.Bottom : Position.Top;
    const sx = across ? (dx > 0 ? f.x + fw : f.x) : f.x + fw / 2;
    const sy = across ? f.y + fh / 2 : dy > 0 ? f.y + fh : f.y;
    const opposite = { [Position.Right]: Position.Left, [Position.Left]: Position.Right, [Position.Top]: Position.Bottom, [Position.Bottom]: Position.Top };
    [path, midX, midY] = getBezierPath({ sourceX: sx, sourceY: sy, sourcePosition: side, targetX: mx, targetY: my, targetPosition: opposite[side] });
  } else if (from && to) {
    // Lines meet the nodes at the middle of a side; the handles sit off-centre
    // so that a line never covers the handle a drag would start from.
    const f = from.internals.positionAbsolute;
    const t = to.internals.positionAbsolute;
    const fw = sizeOf(from).w;
    const fh = sizeOf(from).h;
    const tw = sizeOf(to).w;
    const th = sizeOf(to).h;
    const hGap = Math.max(f.x - (t.x + tw), t.x - (f.x + fw));
    const vGap = Math.max(f.y - (t.y + th), t.y - (f.y + fh));
    // The layout puts claims after what they bear on in its direction and a
    // quote block across it (under a claim left to right, beside it top-down):
    // each line leaves by the side that faces its target.
    const quote = isQuoteId(source);
    const sideways = direction === 'LR' ? (quote ? vGap <= 0 : hGap > 0) : quote ? hGap > 0 : vGap <= 0 && hGap > 0;
    if (sideways) {
      const right = f.x > t.x;
      [path, midX, midY] = getBezierPath({
        sourceX: right ? f.x : f.x + fw,
        sourceY: f.y + fh / 2,
        sourcePosition: right ? Position.Left : Position.Right,
        targetX: right ? t.x + tw : t.x,
        targetY: t.y + th / 2,
        targetPosition: right ? Position.Right : Position.Left,
      });
    } else {
      const below = f.y > t.y + th;
      [path, midX, midY] = getBezierPath(
        below
          ? { sourceX: f.x + fw / 2, sourceY: f.y, sourcePosition: Position.Top, targetX: t.x + tw / 2, targetY: t.y + th, targetPosition: Position.Bottom }
          : { sourceX: f.x + fw / 2, sourceY: f.y + fh, sourcePosition: Position.Bottom, targetX: t.x + tw / 2, targetY: t.y, targetPosition: Position.Top },
      );
    }
  } else {
    [path, midX, midY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  }
  const relation = data?.relation ?? 'supports';
  const weight = data?.weight ?? DEFAULT_WEIGHT;
  const status = data?.status ?? 'holds';
  // What analysis leaves of a link shows: undercut faded, weakened thinner.
  const width = status === 'holds' ? STROKE[weight] : Math.max(1, STROKE[weight] - 1);
  const cls = `gn-evidence-edge is-${relation}${data?.on ? ' is-aimed' : ''}${status !== 'holds' ? ` is-${status}` : ''}${selected ? ' gn-is-selected' : ''}`;
  // Only links between nodes take a drop: an edge aimed at an edge is drawn to its middle, not aimed at itself,
  // and a junction's arrow stands for its co-premises' links, which take the drop (one target a link).
  const dropLink = linking && !data?.on && data?.part !== 'conclusion' ? props.id : null;
  return (
    <>
      <BaseEdge
        path={path}
        className={cls}
        markerEnd={data?.part === 'premise' ? undefined : `url(#warrant-marker-${relation})`}
        style={{ strokeWidth: width + (selected ? 1 : 0) }}
        interactionWidth={interactionWidth ?? 16}
      />
      {!dropLink && data?.part !== 'conclusion' && <EdgeBadges id={props.id} x={midX} y={midY} />}
      {dropLink && (
        <EdgeLabelRenderer>
          <div
            className={`${EDGE_DROP} is-${relation} nodrag nopan`}
            data-link={dropLink}
            title="Drop here to aim the new link at this link: Supports backs it, Contradicts undercuts it"
            style={{ transform: `translate(-50%, -50%) translate(${midX}px, ${midY}px)` }}
          />
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const EvidenceEdge = memo(EvidenceEdgeComponent);
