import { memo, useLayoutEffect } from 'react';
import { DEFAULT_WEIGHT, isQuoteId } from '../../../domain/schema';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, useInternalNode, useStore, type EdgeProps, type Position } from '@xyflow/react';
import { sizeOf, type EvidenceFlowEdge } from '../flowTypes';
import { aimedEnds, facing, linkEnds, polylineMiddle, roundedPath, type Rect } from '../edgeGeometry';
import { freshRoute, routeKey, useRoutes } from '../routes';
import { useGraphUi } from '../graphUi';
import { EDGE_DROP } from '../linking';
import { EdgeBadges } from './EdgeBadges';
import { useMapStore } from '../../../store/useMapStore';
import { edgeName } from '../toFlow';

/** Stroke width by weight: 1 weak, 2 moderate, 3 strong. */
const STROKE = { 1: 1.25, 2: 2.25, 3: 3.75 } as const;

/**
 * A link: supports is a solid green line with an arrow; contradicts a dashed
 * red line ending in a bar, so colour is not the only cue.
 *
 * The handles sit where dragging starts and ends (source at the bottom, target
 * at the top), but evidence is laid out after its claim (to the right, or
 * below), so a line from handle to handle would loop through both nodes: the
 * line runs between the sides of the two nodes that face each other instead
 * (edgeGeometry.ts). Right after Auto layout a line that spans ranks follows
 * the route the layout found around the nodes in between (routes.ts).
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
  // A routed line from the last Auto layout, while its ends stand where it put them.
  const route = useRoutes((st) => st.routes.get(routeKey(data?.on ? data.on.from : source, data?.on ? data.on.to : target)));
  // The edge's name (ui.md) comes from the store, not from the edge object
  // (toFlow.edgeName: a keystroke in a claim keeps every edge object), and
  // is set on React Flow's wrapper here. The wrapper writes its default name
  // only when it mounts or its ends change, and then this runs after it.
  const name = useMapStore((st) => (st.doc ? edgeName(st.doc, props.id) : null));
  const flowDom = useStore((st) => st.domNode);
  useLayoutEffect(() => {
    const el = name === null ? null : flowDom?.querySelector(`.react-flow__edge[data-id="${CSS.escape(props.id)}"]`);
    if (el && name !== null && el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
  }, [name, flowDom, props.id, source, target]);
  let path: string;
  let midX: number;
  let midY: number;
  const rect = (n: NonNullable<typeof from>): Rect => ({ ...n.internals.positionAbsolute, ...sizeOf(n) });
  const routed = (a: NonNullable<typeof from>, b: NonNullable<typeof from>) => {
    const points = freshRoute(route, a.internals.positionAbsolute, b.internals.positionAbsolute);
    if (!points?.length) return null;
    const ra = rect(a);
    const rb = rect(b);
    const s = facing(ra, points[0]!);
    const t = facing(rb, points[points.length - 1]!);
    return [{ x: s.x, y: s.y }, ...points, { x: t.x, y: t.y }];
  };
  if (data?.on && from && onFrom && onTo) {
    // The middle of the line aimed at: of its route when it has one, else between its ends' centres.
    const line = routed(onFrom, onTo);
    const a = rect(onFrom);
    const b = rect(onTo);
    const m = line ? polylineMiddle(line) : { x: (a.x + a.w / 2 + b.x + b.w / 2) / 2, y: (a.y + a.h / 2 + b.y + b.h / 2) / 2 };
    const e = aimedEnds(rect(from), m);
    [path, midX, midY] = getBezierPath({ sourceX: e.sx, sourceY: e.sy, sourcePosition: e.sp as Position, targetX: e.tx, targetY: e.ty, targetPosition: e.tp as Position });
  } else if (from && to) {
    const line = data?.part ? null : routed(from, to);
    if (line) {
      path = roundedPath(line);
      ({ x: midX, y: midY } = polylineMiddle(line));
    } else {
      // Lines meet the nodes at the middle of a side; the handles sit off-centre
      // so that a line never covers the handle a drag would start from.
      const e = linkEnds(rect(from), rect(to), direction, isQuoteId(source));
      [path, midX, midY] = getBezierPath({ sourceX: e.sx, sourceY: e.sy, sourcePosition: e.sp as Position, targetX: e.tx, targetY: e.ty, targetPosition: e.tp as Position });
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
