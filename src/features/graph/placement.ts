/**
 * Where nodes without a stored position go. A map that has no layout (an
 * import, a generated map) gets the compact auto layout; a few nodes added to
 * a laid-out map (New claim, Link quote) go next to what they link to, on a
 * spot that overlaps nothing.
 */
import type { MapDoc } from '../../domain/change';
import { isLiveLink } from '../../domain/analysis/graph';
import type { Position } from '../../domain/schema';
import { layoutGraph } from './layout';
import { CLAIM_HEIGHT, NODE_WIDTH, QUOTE_HEIGHT } from './flowTypes';

export type Box = { x: number; y: number; w: number; h: number };

const nodeHeight = (id: string) => (id.startsWith('q_') ? QUOTE_HEIGHT : CLAIM_HEIGHT);
/** Space kept free around a placed node. */
const GAP = 24;
/** More unplaced nodes than this get a layout of their own rather than a spot each. */
export const BULK_PLACEMENT = 20;

/**
 * The nearest spot at or after `want` (down its column first, then the next
 * columns to the right) where a node of `size` touches none of `boxes`.
 */
export function freeSpot(want: Position, size: { w: number; h: number }, boxes: readonly Box[]): Position {
  const near = boxes.filter((b) => Math.abs(b.x - want.x) < 12_000 && Math.abs(b.y - want.y) < 6_000);
  const hits = (x: number, y: number) =>
    near.some((b) => x < b.x + b.w + GAP && b.x < x + size.w + GAP && y < b.y + b.h + GAP && b.y < y + size.h + GAP);
  for (let col = 0; col < 40; col++) {
    for (let row = 0; row < 80; row++) {
      const x = want.x + col * (NODE_WIDTH + GAP);
      const y = want.y + row * 40;
      if (!hits(x, y)) return { x, y };
    }
  }
  let bottom = want.y;
  for (const b of boxes) bottom = Math.max(bottom, b.y + b.h + GAP);
  return { x: want.x, y: bottom };
}

/** The boxes of every node of `doc` that has a stored position, at the sizes used before measuring. */
export function layoutBoxes(doc: Pick<MapDoc, 'layout' | 'claims' | 'quotes'>): Box[] {
  const out: Box[] = [];
  for (const [id, p] of Object.entries(doc.layout)) {
    if (!(id in doc.claims || id in doc.quotes)) continue;
    out.push({ x: p.x, y: p.y, w: NODE_WIDTH, h: nodeHeight(id) });
  }
  return out;
}

const fallbackCache = new WeakMap<object, { links: MapDoc['links']; key: string; positions: ReadonlyMap<string, Position> }>();

/**
 * Places every node that has no stored position. Deterministic, so the same
 * doc always gives the same places (and the same node objects). Cached by
 * layout, links and the set of unplaced nodes: editing a claim's text does not
 * place anything again.
 */
export function fallbackPositions(doc: MapDoc): ReadonlyMap<string, Position> {
  const missing: string[] = [];
  for (const id in doc.claims) if (!doc.layout[id]) missing.push(id);
  for (const id in doc.quotes) if (!doc.layout[id]) missing.push(id);
  const key = missing.join(' ');
  const hit = fallbackCache.get(doc.layout);
  if (hit && hit.links === doc.links && hit.key === key) return hit.positions;
  const positions = missing.length === 0 ? new Map<string, Position>() : computeFallback(doc, missing);
  fallbackCache.set(doc.layout, { links: doc.links, key, positions });
  return positions;
}

function computeFallback(doc: MapDoc, missing: string[]): Map<string, Position> {
  const out = new Map<string, Position>();
  const boxes = layoutBoxes(doc);
  let minX = Infinity;
  let maxY = -Infinity;
  for (const b of boxes) {
    minX = Math.min(minX, b.x);
    maxY = Math.max(maxY, b.y + b.h);
  }
  const below = boxes.length ? { x: minX, y: maxY + 120 } : { x: 0, y: 0 };
  const live = Object.values(doc.links).filter((l) => isLiveLink(doc, l));

  if (missing.length > BULK_PLACEMENT || boxes.length === 0) {
    // An import or a map never laid out: the compact layout, under what has a place.
    const ids = new Set(missing);
    const laid = layoutGraph({
      nodes: missing.map((id) => ({ id, width: NODE_WIDTH, height: nodeHeight(id) })),
      edges: live.filter((l) => ids.has(l.from) && ids.has(l.to)).map((l) => ({ from: l.from, to: l.to })),
    });
    for (const id of missing) {
      const p = laid[id] ?? { x: 0, y: 0 };
      out.set(id, { x: below.x + p.x, y: below.y + p.y });
    }
    return out;
  }

  // A few added nodes: each next to what it bears on, where it overlaps nothing.
  const placed = (id: string): Position | undefined => doc.layout[id] ?? out.get(id);
  const target = new Map<string, string>();
  for (const l of live) if (!target.has(l.from)) target.set(l.from, l.to);
  const place = (id: string, want: Position) => {
    const size = { w: NODE_WIDTH, h: nodeHeight(id) };
    const p = freeSpot(want, size, boxes);
    out.set(id, p);
    boxes.push({ x: p.x, y: p.y, ...size });
  };
  const order = [...missing].sort((a, b) => Number(a.startsWith('q_')) - Number(b.startsWith('q_')));
  for (let progress = true; progress; ) {
    progress = false;
    for (const id of order) {
      if (out.has(id)) continue;
      const to = target.get(id);
      const at = to ? placed(to) : undefined;
      if (!at) continue;
      // Quotes stack in a column beside their claim; a claim goes under the one it bears on.
      place(id, id.startsWith('q_') ? { x: at.x + NODE_WIDTH + 36, y: at.y } : { x: at.x, y: at.y + CLAIM_HEIGHT + 80 });
      progress = true;
    }
  }
  for (const id of order) if (!out.has(id)) place(id, below);
  return out;
}
