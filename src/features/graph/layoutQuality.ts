/**
 * How a laid-out map reads, measured the way the canvas draws it: the edges
 * as the edge component draws them (edgeGeometry.ts: a bezier between facing
 * sides, a routed line through its bend points, an undercutter's line to the
 * middle of its link) and the junctions where toFlow puts them. Plain
 * TypeScript over the doc, so unit tests and the bench measure a layout
 * without a browser.
 */
import type { MapDoc } from '../../domain/change';
import { isQuoteId, type Position } from '../../domain/schema';
import { countCrossings, passThroughs, type Box, type DrawnEdge, type Point } from './crossings';
import { aimedEnds, bezierPoints, facing, linkEnds, polylineMiddle, type Rect } from './edgeGeometry';
import { aimedLinks, groupsOf, layoutWithRoutes, routeKey, type LayoutDirection, type LayoutRoutes } from './layout';
import { syncEdges, syncNodes } from './toFlow';
import { CLAIM_HEIGHT, NODE_WIDTH, QUOTE_HEIGHT, sizeOf, type FlowNode } from './flowTypes';

export type LayoutQuality = {
  /** Pairs of edges whose drawn lines cross (edges sharing a node not counted). */
  crossings: number;
  /** (edge, node) pairs where a line runs through a node it does not end at. */
  throughNodes: number;
  /** Junction markers overlapping a claim or quote. */
  junctionsOnNodes: number;
};

/**
 * Auto layout of `doc` as the canvas asks for it; `plain`: as it was before
 * undercutters went beside their link and junctions got room of their own
 * (its routes are then left undrawn by the caller).
 */
export function autoLayout(doc: MapDoc, direction: LayoutDirection, plain = false) {
  const nodes = [...Object.keys(doc.claims), ...Object.keys(doc.quotes)].map((id) => ({
    id,
    width: NODE_WIDTH,
    height: isQuoteId(id) ? QUOTE_HEIGHT : CLAIM_HEIGHT,
  }));
  const edges = Object.values(doc.links)
    .filter((l) => l.to in doc.claims && (l.from in doc.claims || l.from in doc.quotes))
    .map((l) => ({ from: l.from, to: l.to }));
  return layoutWithRoutes({ nodes, edges, direction, ...(plain ? {} : { aimed: aimedLinks(doc), groups: groupsOf(doc) }) });
}

/**
 * The drawn lines and node boxes of `doc` laid out at `positions`.
 * `routes`: the layout's routes (none: every line drawn the plain way).
 * `junctionAt`: a junction placement to measure instead of toFlow's.
 */
export function drawn(
  doc: MapDoc,
  positions: Record<string, Position>,
  direction: LayoutDirection,
  routes: LayoutRoutes = {},
  junctionAt?: (id: string, nodes: ReadonlyMap<string, FlowNode>) => Position,
): { edges: DrawnEdge[]; boxes: Box[]; junctions: Box[] } {
  const laid: MapDoc = { ...doc, layout: positions };
  const nodes = syncNodes([], laid, { visible: null });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const rectOf = (n: FlowNode): Rect => {
    const s = sizeOf({ measured: n.measured ?? {}, initialWidth: n.initialWidth, initialHeight: n.initialHeight });
    const p = n.type === 'junction' && junctionAt ? junctionAt(n.id, byId) : n.position;
    return { x: p.x, y: p.y, w: s.w, h: s.h };
  };
  const rect = (id: string) => rectOf(byId.get(id)!);
  const line = (from: string, to: string): Point[] => {
    const route = routes[routeKey(from, to)];
    const a = rect(from);
    const b = rect(to);
    if (route?.length) {
      const s = facing(a, route[0]!);
      const t = facing(b, route[route.length - 1]!);
      return [{ x: s.x, y: s.y }, ...route, { x: t.x, y: t.y }];
    }
    return bezierPoints(linkEnds(a, b, direction, isQuoteId(from)));
  };
  const edges: DrawnEdge[] = [];
  for (const e of syncEdges([], laid, null)) {
    if (e.hidden || !byId.has(e.source) || !byId.has(e.target)) continue;
    if (e.data?.on) {
      const on = e.data.on;
      const m = polylineMiddle(line(on.from, on.to));
      edges.push({ id: e.id, from: e.source, to: e.target, points: bezierPoints(aimedEnds(rect(e.source), m)) });
    } else if (e.data?.part) {
      edges.push({ id: e.id, from: e.source, to: e.target, points: bezierPoints(linkEnds(rect(e.source), rect(e.target), direction, isQuoteId(e.source))) });
    } else {
      edges.push({ id: e.id, from: e.source, to: e.target, points: line(e.source, e.target) });
    }
  }
  const boxes: Box[] = [];
  const junctions: Box[] = [];
  for (const n of nodes) (n.type === 'junction' ? junctions : boxes).push({ id: n.id, ...rectOf(n) });
  return { edges, boxes, junctions };
}

export function quality(d: ReturnType<typeof drawn>): LayoutQuality {
  let junctionsOnNodes = 0;
  for (const j of d.junctions)
    for (const b of d.boxes) if (j.x < b.x + b.w && b.x < j.x + j.w && j.y < b.y + b.h && b.y < j.y + j.h) junctionsOnNodes++;
  return { crossings: countCrossings(d.edges), throughNodes: passThroughs(d.edges, d.boxes).length, junctionsOnNodes };
}
