/**
 * Where nodes without a stored position go. A map that has no layout (an
 * import, a generated map) gets the compact auto layout; a few nodes added to
 * a laid-out map (New claim, Link quote) go next to what they link to, on a
 * spot that overlaps nothing.
 */
import type { MapDoc } from '../../domain/change';
import { isLiveLink } from '../../domain/analysis/graph';
import { keysOf, type KeysToken } from '../../domain/derive/tables';
import { isQuoteId, type Position } from '../../domain/schema';
import { layoutGraph } from './layout';
import { CLAIM_HEIGHT, LARGE_PLACEMENT, NODE_WIDTH, belowPlaced, freeSpot, layeredPlaces, layoutBoxes, nodeHeight, unplacedNodes } from '../../domain/placement';

/** More unplaced nodes than this get a layout of their own rather than a spot each. */
export const BULK_PLACEMENT = 20;
export { LARGE_PLACEMENT };

// GraphCanvas places a new claim with it; the maths is the domain's.
export { freeSpot };

type Fallback = { links: MapDoc['links']; claims: KeysToken; quotes: KeysToken; key: string; positions: ReadonlyMap<string, Position> };
const fallbackCache = new WeakMap<object, Fallback>();

/**
 * Places every node that has no stored position. Deterministic, so the same
 * doc always gives the same places (and the same node objects). Cached by
 * layout, links and the set of unplaced nodes: editing a claim's text does not
 * place anything again.
 */
export function fallbackPositions(doc: MapDoc): ReadonlyMap<string, Position> {
  const claims = keysOf(doc.claims);
  const quotes = keysOf(doc.quotes);
  const last = fallbackCache.get(doc.layout);
  // Same layout, links and node ids (a keystroke): nothing to look at again.
  if (last && last.links === doc.links && last.claims === claims && last.quotes === quotes) return last.positions;
  const missing = unplacedNodes(doc);
  const key = missing.join(' ');
  if (last && last.links === doc.links && last.key === key) {
    fallbackCache.set(doc.layout, { ...last, claims, quotes });
    return last.positions;
  }
  const positions = missing.length === 0 ? new Map<string, Position>() : computeFallback(doc, missing);
  fallbackCache.set(doc.layout, { links: doc.links, claims, quotes, key, positions });
  return positions;
}

function computeFallback(doc: MapDoc, missing: string[]): Map<string, Position> {
  // The same places the import stores with a map file this large (domain/placement.ts).
  if (missing.length > LARGE_PLACEMENT) return layeredPlaces(doc, missing);
  const out = new Map<string, Position>();
  const boxes = layoutBoxes(doc);
  const below = belowPlaced(boxes);
  const live = Object.values(doc.links).filter((l) => isLiveLink(doc, l));

  if (missing.length > BULK_PLACEMENT || boxes.length === 0) {
    // An import or a map never laid out: the compact layout, under what has a place.
    const ids = new Set(missing);
    const graph = {
      nodes: missing.map((id) => ({ id, width: NODE_WIDTH, height: nodeHeight(id) })),
      edges: live.filter((l) => ids.has(l.from) && ids.has(l.to)).map((l) => ({ from: l.from, to: l.to })),
    };
    const laid = new Map(Object.entries(layoutGraph(graph)));
    for (const id of missing) {
      const p = laid.get(id) ?? { x: 0, y: 0 };
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
  const order = [...missing].sort((a, b) => Number(isQuoteId(a)) - Number(isQuoteId(b)));
  for (let progress = true; progress; ) {
    progress = false;
    for (const id of order) {
      if (out.has(id)) continue;
      const to = target.get(id);
      const at = to ? placed(to) : undefined;
      if (!at) continue;
      // Quotes stack in a column beside their claim; a claim goes under the one it bears on.
      place(id, isQuoteId(id) ? { x: at.x + NODE_WIDTH + 36, y: at.y } : { x: at.x, y: at.y + CLAIM_HEIGHT + 80 });
      progress = true;
    }
  }
  for (const id of order) if (!out.has(id)) place(id, below);
  return out;
}
