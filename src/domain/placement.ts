/**
 * Where a new node goes in the graph, as plain maths on stored positions: a
 * spot next to what it bears on that overlaps no node. The graph places
 * nodes without a position with it, and the reader places a claim it makes.
 */
import type { MapDoc } from './change';
import { isLiveLink } from './analysis/graph';
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

/** Nodes in a row of a layer before it wraps: a layer of thousands stays a block, not a line kilometres long. */
const LAYER_ROW = 60;

/**
 * A layered placement in time proportional to the nodes and links, for maps
 * too big for the full layout (dagre spends about 20 s on 50,000 claims).
 * A node's layer is its distance in links from a conclusion (a node no link
 * leaves); layers stack from the conclusions down, a layer wider than
 * LAYER_ROW wrapping into several rows, and each layer is ordered by the
 * place of what its nodes bear on in the layer above, so premises gather
 * under their conclusion's column. Nodes on a cycle with no way out start a
 * layer 0 of their own. Deterministic: the same input, the same places.
 */
export function layeredPlacement(
  nodes: readonly { id: string; width: number; height: number }[],
  edges: readonly { from: string; to: string }[],
  gap: { x: number; y: number } = { x: 40, y: 80 },
): Map<string, Position> {
  const n = nodes.length;
  const index = new Map<string, number>();
  nodes.forEach((node, i) => index.set(node.id, i));
  const outs: number[][] = Array.from({ length: n }, () => []);
  const ins: number[][] = Array.from({ length: n }, () => []);
  for (const e of edges) {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined || a === b) continue;
    outs[a]!.push(b);
    ins[b]!.push(a);
  }
  const layer = new Int32Array(n).fill(-1);
  const spread = (roots: number[]) => {
    // A breadth-first walk up the links; the queue is read by index (shift would make it quadratic).
    const queue: number[] = [];
    for (const r of roots) {
      layer[r] = 0;
      queue.push(r);
    }
    for (let head = 0; head < queue.length; head++) {
      const at = queue[head]!;
      for (const from of ins[at]!) {
        if (layer[from]! >= 0) continue;
        layer[from] = layer[at]! + 1;
        queue.push(from);
      }
    }
  };
  spread(nodes.map((_, i) => i).filter((i) => outs[i]!.length === 0));
  for (let i = 0; i < n; i++) if (layer[i]! < 0) spread([i]);

  const layers: number[][] = [];
  for (let i = 0; i < n; i++) (layers[layer[i]!] ??= []).push(i);
  const order = new Float64Array(n);
  const out = new Map<string, Position>();
  let width = NODE_WIDTH;
  for (const node of nodes) width = Math.max(width, node.width);
  let y = 0;
  layers.forEach((members, depth) => {
    if (depth > 0) {
      // Under what they bear on: by the smallest place among their targets one layer up.
      const key = (i: number) => {
        let best = Infinity;
        for (const to of outs[i]!) if (layer[to] === depth - 1) best = Math.min(best, order[to]!);
        return best;
      };
      const keys = new Map(members.map((i) => [i, key(i)]));
      members.sort((a, b) => keys.get(a)! - keys.get(b)! || a - b);
    }
    members.forEach((i, place) => (order[i] = place));
    for (let row = 0; row * LAYER_ROW < members.length; row++) {
      const slice = members.slice(row * LAYER_ROW, (row + 1) * LAYER_ROW);
      let tallest = 0;
      slice.forEach((i, col) => {
        out.set(nodes[i]!.id, { x: col * (width + gap.x), y });
        tallest = Math.max(tallest, nodes[i]!.height);
      });
      y += tallest + gap.y;
    }
  });
  return out;
}

/** More unplaced nodes than this get the layered placement: the full layout would hold the page for seconds to minutes. */
export const LARGE_PLACEMENT = 2_000;

/** The claims, then the quotes, that have no stored place, in the doc's order. */
export function unplacedNodes(doc: Pick<MapDoc, 'claims' | 'quotes' | 'layout'>): string[] {
  const missing: string[] = [];
  for (const id in doc.claims) if (!doc.layout[id]) missing.push(id);
  for (const id in doc.quotes) if (!doc.layout[id]) missing.push(id);
  return missing;
}

/** Where a bulk placement starts: under everything that has a place (the origin when nothing has). */
export function belowPlaced(boxes: readonly Box[]): Position {
  if (!boxes.length) return { x: 0, y: 0 };
  let minX = Infinity;
  let maxY = -Infinity;
  for (const b of boxes) {
    minX = Math.min(minX, b.x);
    maxY = Math.max(maxY, b.y + b.h);
  }
  return { x: minX, y: maxY + 120 };
}

/**
 * The places of many unplaced nodes (more than LARGE_PLACEMENT): the layered
 * placement of them and the live links among them, under what has a place.
 * The graph draws such a map with it (features/graph/placement.ts), and the
 * import stores it with a map file that has that many unplaced nodes, so that
 * opening the map has nothing to place and nothing to write.
 */
export function layeredPlaces(doc: MapDoc, missing: readonly string[]): Map<string, Position> {
  const below = belowPlaced(layoutBoxes(doc));
  const ids = new Set(missing);
  const nodes = missing.map((id) => ({ id, width: NODE_WIDTH, height: nodeHeight(id) }));
  const edges: { from: string; to: string }[] = [];
  for (const id in doc.links) {
    const l = doc.links[id]!;
    if (ids.has(l.from) && ids.has(l.to) && isLiveLink(doc, l)) edges.push({ from: l.from, to: l.to });
  }
  const laid = layeredPlacement(nodes, edges);
  const out = new Map<string, Position>();
  for (const id of missing) {
    const p = laid.get(id) ?? { x: 0, y: 0 };
    out.set(id, { x: below.x + p.x, y: below.y + p.y });
  }
  return out;
}
