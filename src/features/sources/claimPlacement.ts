import type { MapDoc } from '../../domain/change';
import type { Position } from '../../domain/schema';
import { freeSpot, layoutBoxes } from '../graph/placement';
import { CLAIM_HEIGHT, NODE_WIDTH } from '../graph/flowTypes';

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
