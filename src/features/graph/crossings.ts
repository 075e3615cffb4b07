/**
 * How well a drawn graph reads, counted: edges crossing edges, and edges
 * running through a node they do not end at (which reads as a chain that is
 * not there). Plain geometry over polylines and boxes, so the layout's unit
 * tests and bench can measure a layout without a browser; a curve is given as
 * the polyline of its corners (or of points sampled along it).
 */
import { BoxGrid } from './boxGrid';

export type Point = { x: number; y: number };
export type Box = { id: string; x: number; y: number; w: number; h: number };
/** A drawn edge: its end nodes and the polyline it is drawn as. */
export type DrawnEdge = { id: string; from: string; to: string; points: readonly Point[] };

const cross = (o: Point, a: Point, b: Point) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

/**
 * Do segments ab and cd cross at a point inside both? Touching at an end,
 * or running along each other, is not a crossing: edges that meet at a node
 * share an end point by design.
 */
export function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

type Seg = { edge: number; a: Point; b: Point; minX: number; maxX: number; minY: number; maxY: number };

function segmentsOf(edges: readonly DrawnEdge[]): Seg[] {
  const out: Seg[] = [];
  edges.forEach((e, edge) => {
    for (let i = 1; i < e.points.length; i++) {
      const a = e.points[i - 1]!;
      const b = e.points[i]!;
      out.push({ edge, a, b, minX: Math.min(a.x, b.x), maxX: Math.max(a.x, b.x), minY: Math.min(a.y, b.y), maxY: Math.max(a.y, b.y) });
    }
  });
  return out;
}

/**
 * How many pairs of edges cross, each pair counted once however often its
 * polylines meet. Edges that share an end node are not counted: they meet at
 * that node, and where they fan out is the node's business. A sweep over the
 * segments sorted by left end keeps this near-linear on a spread-out map.
 */
export function countCrossings(edges: readonly DrawnEdge[]): number {
  const segs = segmentsOf(edges).sort((s, t) => s.minX - t.minX);
  const pairs = new Set<number>();
  const n = edges.length;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    for (let j = i + 1; j < segs.length; j++) {
      const t = segs[j]!;
      if (t.minX > s.maxX) break;
      if (s.edge === t.edge || t.minY > s.maxY || t.maxY < s.minY) continue;
      const e = edges[s.edge]!;
      const f = edges[t.edge]!;
      if (e.from === f.from || e.from === f.to || e.to === f.from || e.to === f.to) continue;
      if (!segmentsCross(s.a, s.b, t.a, t.b)) continue;
      const lo = Math.min(s.edge, t.edge);
      const hi = Math.max(s.edge, t.edge);
      pairs.add(lo * n + hi);
    }
  }
  return pairs.size;
}

/** Does segment ab pass through the inside of box (shrunk by `inset` on every side)? */
export function segmentHitsBox(a: Point, b: Point, box: Box, inset = 0): boolean {
  const x0 = box.x + inset;
  const y0 = box.y + inset;
  const x1 = box.x + box.w - inset;
  const y1 = box.y + box.h - inset;
  if (x0 >= x1 || y0 >= y1) return false;
  // Liang–Barsky clipping: the part of the segment inside the box, if any.
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const edges: [number, number][] = [
    [-dx, a.x - x0],
    [dx, x1 - a.x],
    [-dy, a.y - y0],
    [dy, y1 - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
  }
  return t1 - t0 > 1e-9;
}

/**
 * Every (edge, node) where the edge's polyline runs through a node box it
 * does not end at. `inset` shrinks the boxes, so a line grazing a corner or
 * a border does not count. Boxes are bucketed on a grid so each segment
 * looks only at the boxes near it.
 */
export function passThroughs(edges: readonly DrawnEdge[], boxes: readonly Box[], inset = 4): { edge: string; node: string }[] {
  const grid = new BoxGrid<Box>(256);
  for (const box of boxes) grid.add(box);
  const out: { edge: string; node: string }[] = [];
  for (const e of edges) {
    const hit = new Set<string>();
    for (let i = 1; i < e.points.length; i++) {
      const a = e.points[i - 1]!;
      const b = e.points[i]!;
      for (const box of grid.near(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x), Math.max(a.y, b.y))) {
        if (box.id === e.from || box.id === e.to || hit.has(box.id)) continue;
        if (segmentHitsBox(a, b, box, inset)) hit.add(box.id);
      }
    }
    for (const node of hit) out.push({ edge: e.id, node });
  }
  return out;
}
