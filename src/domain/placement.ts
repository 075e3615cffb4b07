/**
 * Where a new node goes in the graph, as plain maths on stored positions: a
 * spot next to what it bears on that overlaps no node. The graph places
 * nodes without a position with it, and the reader places a claim it makes.
 */
import type { MapDoc } from './change';
import { isQuoteId, type Position } from './schema';

/** Node sizes before a node is measured (layout, placement, centring). */
export const NODE_WIDTH = 220;
export const CLAIM_HEIGHT = 92;
export const QUOTE_HEIGHT = 104;

export type Box = { x: number; y: number; w: number; h: number };

export const nodeHeight = (id: string): number => (isQuoteId(id) ? QUOTE_HEIGHT : CLAIM_HEIGHT);
/** Space kept free around a placed node. */
const GAP = 24;

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

/** Vertical distance between a new claim and the lowest claim above it. */
export const NEW_CLAIM_GAP = 140;

/**
 * Where a claim created from the reader goes in the graph: below the lowest
 * claim that has a position, in its column, on the first spot there that
 * overlaps no node (a quote block may sit below that claim). The first claim
 * of a map goes at the origin.
 */
export function newClaimPosition(doc: Pick<MapDoc, 'claims' | 'quotes' | 'layout'>): Position {
  let lowest: Position | null = null;
  for (const id of Object.keys(doc.claims)) {
    const p = doc.layout[id];
    if (p && (!lowest || p.y > lowest.y)) lowest = p;
  }
  if (!lowest) return { x: 0, y: 0 };
  return freeSpot({ x: lowest.x, y: lowest.y + NEW_CLAIM_GAP }, { w: NODE_WIDTH, h: CLAIM_HEIGHT }, layoutBoxes(doc));
}
