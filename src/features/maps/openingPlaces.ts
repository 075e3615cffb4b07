/**
 * The places a large map file opens with, stored with it on import. A map
 * with more than LARGE_PLACEMENT unplaced claims and quotes is drawn with the
 * layered placement and keeps those places (the graph stores them the first
 * time it draws them); computed here, in the import worker, the map is stored
 * with them, so opening it places nothing and writes nothing: no
 * hundred-thousand-row write on the page's thread, no second pass of the
 * graph over a doc with a new layout. Smaller maps are stored as the file
 * has them (the graph's own placement serves them).
 */
import type { ParseResult } from '../../domain/format/parse';
import { LARGE_PLACEMENT, layeredPlaces, unplacedNodes } from '../../domain/placement';
import type { Position } from '../../domain/schema';

export function withOpeningPlaces(parsed: ParseResult): ParseResult {
  if (parsed.kind !== 'ok') return parsed;
  const { doc } = parsed;
  const missing = unplacedNodes(doc);
  if (missing.length <= LARGE_PLACEMENT) return parsed;
  const layout: Record<string, Position> = { ...doc.layout };
  for (const [id, p] of layeredPlaces(doc, missing)) layout[id] = p;
  return { ...parsed, doc: { ...doc, layout } };
}
