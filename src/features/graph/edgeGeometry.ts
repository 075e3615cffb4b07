/**
 * Where a link's line runs, as plain geometry: the edge component draws it
 * and the crossing count (crossings.ts) measures the same line. Sides are
 * React Flow's `Position` values.
 */
import type { Point } from './crossings';

export type Side = 'top' | 'right' | 'bottom' | 'left';
export type Rect = { x: number; y: number; w: number; h: number };
/** A line's two ends and the sides they leave and enter by (a bezier's tangents). */
export type Ends = { sx: number; sy: number; sp: Side; tx: number; ty: number; tp: Side };

const OPPOSITE: Record<Side, Side> = { right: 'left', left: 'right', top: 'bottom', bottom: 'top' };

/** The middle of the side of `r` that faces `p`, and that side. */
export function facing(r: Rect, p: Point): { x: number; y: number; side: Side } {
  const dx = p.x - (r.x + r.w / 2);
  const dy = p.y - (r.y + r.h / 2);
  if (Math.abs(dx) * r.h > Math.abs(dy) * r.w) return dx > 0 ? { x: r.x + r.w, y: r.y + r.h / 2, side: 'right' } : { x: r.x, y: r.y + r.h / 2, side: 'left' };
  return dy > 0 ? { x: r.x + r.w / 2, y: r.y + r.h, side: 'bottom' } : { x: r.x + r.w / 2, y: r.y, side: 'top' };
}

/** An undercutter's or backer's line: from the side of `f` facing the point `m` it meets. */
export function aimedEnds(f: Rect, m: Point): Ends {
  const s = facing(f, m);
  return { sx: s.x, sy: s.y, sp: s.side, tx: m.x, ty: m.y, tp: OPPOSITE[s.side] };
}

/**
 * A link's line between two nodes. The layout puts claims after what they
 * bear on in its direction and a quote block across it (under a claim left
 * to right, beside it top-down): each line leaves by the side that faces its
 * target, meeting the nodes at the middle of a side.
 */
export function linkEnds(f: Rect, t: Rect, direction: 'TB' | 'LR', quoteSource: boolean): Ends {
  const hGap = Math.max(f.x - (t.x + t.w), t.x - (f.x + f.w));
  const vGap = Math.max(f.y - (t.y + t.h), t.y - (f.y + f.h));
  const sideways = direction === 'LR' ? (quoteSource ? vGap <= 0 : hGap > 0) : quoteSource ? hGap > 0 : vGap <= 0 && hGap > 0;
  if (sideways) {
    const right = f.x > t.x;
    return {
      sx: right ? f.x : f.x + f.w,
      sy: f.y + f.h / 2,
      sp: right ? 'left' : 'right',
      tx: right ? t.x + t.w : t.x,
      ty: t.y + t.h / 2,
      tp: right ? 'right' : 'left',
    };
  }
  const below = f.y > t.y + t.h;
  return below
    ? { sx: f.x + f.w / 2, sy: f.y, sp: 'top', tx: t.x + t.w / 2, ty: t.y + t.h, tp: 'bottom' }
    : { sx: f.x + f.w / 2, sy: f.y + f.h, sp: 'bottom', tx: t.x + t.w / 2, ty: t.y, tp: 'top' };
}

/** React Flow's bezier control offset (getBezierPath, curvature 0.25). */
const offset = (distance: number) => (distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance));
function control(side: Side, x1: number, y1: number, x2: number, y2: number): Point {
  switch (side) {
    case 'left':
      return { x: x1 - offset(x1 - x2), y: y1 };
    case 'right':
      return { x: x1 + offset(x2 - x1), y: y1 };
    case 'top':
      return { x: x1, y: y1 - offset(y1 - y2) };
    case 'bottom':
      return { x: x1, y: y1 + offset(y2 - y1) };
  }
}

/** The bezier React Flow draws for `e`, as `n` + 1 points along it (for measuring, not drawing). */
export function bezierPoints(e: Ends, n = 16): Point[] {
  const c1 = control(e.sp, e.sx, e.sy, e.tx, e.ty);
  const c2 = control(e.tp, e.tx, e.ty, e.sx, e.sy);
  const out: Point[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    out.push({
      x: u * u * u * e.sx + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * e.tx,
      y: u * u * u * e.sy + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * e.ty,
    });
  }
  return out;
}

/** The point halfway along a polyline. */
export function polylineMiddle(points: readonly Point[]): Point {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len >= left && len > 0) return { x: a.x + ((b.x - a.x) * left) / len, y: a.y + ((b.y - a.y) * left) / len };
    left -= len;
  }
  return points[points.length - 1] ?? { x: 0, y: 0 };
}

/** Corners of a routed line are rounded with at most this radius (flow px). */
const CORNER = 24;

/**
 * A routed line as an SVG path: straight runs through the route's points
 * with each corner rounded (a quadratic curve), so the line stays in the
 * channel the router found, which a spline through the points would leave.
 */
export function roundedPath(points: readonly Point[]): string {
  if (points.length < 2) return '';
  const f = (v: number) => Math.round(v * 10) / 10;
  let d = `M${f(points[0]!.x)},${f(points[0]!.y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i - 1]!;
    const c = points[i]!;
    const n = points[i + 1]!;
    const inLen = Math.hypot(c.x - p.x, c.y - p.y);
    const outLen = Math.hypot(n.x - c.x, n.y - c.y);
    const r = Math.min(CORNER, inLen / 2, outLen / 2);
    if (r < 0.5) {
      d += ` L${f(c.x)},${f(c.y)}`;
      continue;
    }
    const a = { x: c.x - ((c.x - p.x) * r) / inLen, y: c.y - ((c.y - p.y) * r) / inLen };
    const b = { x: c.x + ((n.x - c.x) * r) / outLen, y: c.y + ((n.y - c.y) * r) / outLen };
    d += ` L${f(a.x)},${f(a.y)} Q${f(c.x)},${f(c.y)} ${f(b.x)},${f(b.y)}`;
  }
  const last = points[points.length - 1]!;
  return `${d} L${f(last.x)},${f(last.y)}`;
}
