import type { MapDoc } from '../../domain/change';
import type { Position } from '../../domain/schema';

/** Vertical distance between a new claim and the lowest claim above it. */
export const NEW_CLAIM_GAP = 140;

/**
 * Where a claim created from the reader goes in the graph: below the lowest
 * claim that has a position, in its column, so new claims stack under the
 * map instead of piling up at the origin. The first claim of a map goes at
 * the origin.
 */
export function newClaimPosition(doc: Pick<MapDoc, 'claims' | 'layout'>): Position {
  let lowest: Position | null = null;
  for (const id of Object.keys(doc.claims)) {
    const p = doc.layout[id];
    if (p && (!lowest || p.y > lowest.y)) lowest = p;
  }
  return lowest ? { x: lowest.x, y: lowest.y + NEW_CLAIM_GAP } : { x: 0, y: 0 };
}
