/**
 * Auto layout, off the main thread. `layoutGraph` is the pure computation (the
 * worker runs it; a map opened without positions gets it too, and unit tests
 * call it directly); `startLayout` runs it in a Web Worker with progress by
 * phase and a cancel that terminates the worker.
 *
 * A compact layout: dagre ranks only the claims; each claim carries its
 * quotes as a block stacked in columns beside it (top-down) or under it
 * (left-to-right), so a claim with 30 quotes is a 4 × 8 block, not a row of
 * 30. Each connected part is laid out alone and the parts are packed in
 * shelves towards a 3:2 box, so a map of many small arguments (an AIF
 * import) is a rectangle, not one long row.
 */
import dagre from '@dagrejs/dagre';
import type { Position } from '../../domain/schema';

export type LayoutDirection = 'TB' | 'LR';

export type LayoutInput = {
  nodes: { id: string; width: number; height: number }[];
  /** Link direction: evidence `from` → conclusion `to`. */
  edges: { from: string; to: string }[];
  /** TB: conclusions on top, evidence below. LR (the default, the more compact): conclusions on the left. */
  direction?: LayoutDirection;
};

export type LayoutPhase = 'Building graph' | 'Ranking and ordering' | 'Positioning';
export const LAYOUT_PHASES: readonly LayoutPhase[] = ['Building graph', 'Ranking and ordering', 'Positioning'];

export type LayoutMessage =
  | { type: 'progress'; phase: LayoutPhase; step: number }
  | { type: 'done'; positions: Record<string, Position>; ms: number }
  | { type: 'error'; message: string };

/**
 * network-simplex gives the tidiest ranks but grows badly: the team measured
 * ~9 s at 1,000 nodes against ~1 s for tight-tree, so large parts use tight-tree.
 */
export const NETWORK_SIMPLEX_LIMIT = 300;

/** Gaps in flow pixels. */
const QUOTE_GAP_X = 24;
const QUOTE_GAP_Y = 18;
const BLOCK_GAP = 36;
const PART_GAP = 120;
/** The packed parts aim at this width : height. */
const TARGET_ASPECT = 1.5;

const isQuote = (id: string) => id.startsWith('q_');

type Size = { w: number; h: number };
type Block = Size & { offsets: Map<string, Position> };

/**
 * Quotes stacked in columns, filled top to bottom. `shape` sets columns
 * against rows: beside a claim (top-down) the block is tall and narrow, one or
 * two columns, so ranks stay narrow; under a claim (left-to-right) it is wide
 * and low. Measured on the example map, these shapes give the smallest box.
 */
function stack(ids: string[], size: Map<string, Size>, shape: number): Block {
  const offsets = new Map<string, Position>();
  if (!ids.length) return { w: 0, h: 0, offsets };
  const cols = Math.max(1, Math.round(Math.sqrt(ids.length * shape)));
  const rows = Math.ceil(ids.length / cols);
  let x = 0;
  let h = 0;
  for (let c = 0; c < cols; c++) {
    let y = 0;
    let colW = 0;
    for (const id of ids.slice(c * rows, (c + 1) * rows)) {
      const s = size.get(id)!;
      offsets.set(id, { x, y });
      y += s.h + QUOTE_GAP_Y;
      colW = Math.max(colW, s.w);
    }
    h = Math.max(h, y - QUOTE_GAP_Y);
    x += colW + QUOTE_GAP_X;
  }
  return { w: x - QUOTE_GAP_X, h, offsets };
}

type Part = { positions: Map<string, Position>; w: number; h: number };

/**
 * Positions (top-left corners) for every node. Conclusions come first in the
 * direction: rankdir 'BT' (or 'RL') over links from → to puts a thesis, which
 * only receives links, on top (or on the left).
 */
export function layoutGraph(input: LayoutInput, onPhase?: (phase: LayoutPhase, step: number) => void): Record<string, Position> {
  onPhase?.('Building graph', 0);
  const direction = input.direction ?? 'LR';
  const size = new Map<string, Size>();
  for (const n of input.nodes) size.set(n.id, { w: n.width, h: n.height });
  const claims = input.nodes.filter((n) => !isQuote(n.id)).map((n) => n.id);

  // Each quote goes with the first claim it bears on; the claim graph is what is ranked.
  const owned = new Map<string, string[]>();
  const ownedQuote = new Set<string>();
  const claimEdges: [string, string][] = [];
  for (const e of input.edges) {
    if (!size.has(e.from) || !size.has(e.to) || e.from === e.to || isQuote(e.to)) continue;
    if (isQuote(e.from)) {
      if (ownedQuote.has(e.from)) continue;
      ownedQuote.add(e.from);
      let list = owned.get(e.to);
      if (!list) owned.set(e.to, (list = []));
      list.push(e.from);
    } else claimEdges.push([e.from, e.to]);
  }

  // A claim and its block of quotes are one box for dagre.
  const box = new Map<string, Size & { block: Block }>();
  for (const id of claims) {
    const c = size.get(id)!;
    const block = stack(owned.get(id) ?? [], size, direction === 'TB' ? 0.1 : 2);
    const w = direction === 'TB' ? c.w + (block.w ? BLOCK_GAP + block.w : 0) : Math.max(c.w, block.w);
    const h = direction === 'TB' ? Math.max(c.h, block.h) : c.h + (block.h ? BLOCK_GAP + block.h : 0);
    box.set(id, { w, h, block });
  }

  // Connected parts of the claim graph (union-find).
  const parent = new Map<string, string>(claims.map((id) => [id, id]));
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r)!;
    for (let c = id; c !== r; ) {
      const next = parent.get(c)!;
      parent.set(c, r);
      c = next;
    }
    return r;
  };
  for (const [a, b] of claimEdges) parent.set(root(a), root(b));
  const members = new Map<string, string[]>();
  for (const id of claims) {
    const r = root(id);
    let list = members.get(r);
    if (!list) members.set(r, (list = []));
    list.push(id);
  }
  const edgesOf = new Map<string, [string, string][]>();
  for (const e of claimEdges) {
    const r = root(e[0]);
    let list = edgesOf.get(r);
    if (!list) edgesOf.set(r, (list = []));
    list.push(e);
  }

  onPhase?.('Ranking and ordering', 1);
  const parts: Part[] = [];
  for (const [r, ids] of members) {
    const positions = new Map<string, Position>();
    let w: number;
    let h: number;
    if (ids.length === 1) {
      const b = box.get(ids[0]!)!;
      positions.set(ids[0]!, { x: 0, y: 0 });
      w = b.w;
      h = b.h;
    } else {
      const g = new dagre.graphlib.Graph({ multigraph: false });
      g.setGraph({
        rankdir: direction === 'TB' ? 'BT' : 'RL',
        nodesep: 40,
        ranksep: 80,
        marginx: 0,
        marginy: 0,
        acyclicer: 'greedy',
        ranker: ids.length < NETWORK_SIMPLEX_LIMIT ? 'network-simplex' : 'tight-tree',
      });
      g.setDefaultEdgeLabel(() => ({}));
      for (const id of ids) {
        const b = box.get(id)!;
        g.setNode(id, { width: b.w, height: b.h });
      }
      for (const [a, b] of edgesOf.get(r) ?? []) g.setEdge(a, b);
      dagre.layout(g);
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (const id of ids) {
        const b = box.get(id)!;
        const laid = g.node(id) as { x: number; y: number };
        const p = { x: laid.x - b.w / 2, y: laid.y - b.h / 2 };
        positions.set(id, p);
        minX = Math.min(minX, p.x);
        minY = Math.min(minY, p.y);
        maxX = Math.max(maxX, p.x + b.w);
        maxY = Math.max(maxY, p.y + b.h);
      }
      for (const p of positions.values()) {
        p.x -= minX;
        p.y -= minY;
      }
      w = maxX - minX;
      h = maxY - minY;
    }
    parts.push({ positions, w, h });
  }
  const stray = input.nodes.filter((n) => isQuote(n.id) && !ownedQuote.has(n.id)).map((n) => n.id);
  if (stray.length) {
    // Quotes that bear on nothing: one block of their own, wider than tall.
    const cols = Math.max(1, Math.round(Math.sqrt(stray.length * 1.5)));
    const positions = new Map<string, Position>();
    let w = 0;
    let h = 0;
    stray.forEach((id, i) => {
      const s = size.get(id)!;
      const p = { x: (i % cols) * (s.w + QUOTE_GAP_X), y: Math.floor(i / cols) * (s.h + QUOTE_GAP_Y) };
      positions.set(id, p);
      w = Math.max(w, p.x + s.w);
      h = Math.max(h, p.y + s.h);
    });
    parts.push({ positions, w, h });
  }

  onPhase?.('Positioning', 2);
  // Shelves: the biggest parts first, each shelf as wide as a 3:2 box of the total area.
  let area = 0;
  let widest = 0;
  for (const p of parts) {
    area += (p.w + PART_GAP) * (p.h + PART_GAP);
    widest = Math.max(widest, p.w);
  }
  const shelf = Math.max(widest, Math.sqrt(area * TARGET_ASPECT));
  parts.sort((a, b) => b.h * b.w - a.h * a.w);
  const out: Record<string, Position> = {};
  let x = 0;
  let y = 0;
  let rowH = 0;
  for (const part of parts) {
    if (x > 0 && x + part.w > shelf) {
      x = 0;
      y += rowH + PART_GAP;
      rowH = 0;
    }
    for (const [id, p] of part.positions) {
      const at = { x: x + p.x, y: y + p.y };
      out[id] = { x: Math.round(at.x), y: Math.round(at.y) };
      if (isQuote(id)) continue;
      const b = box.get(id)!;
      const c = size.get(id)!;
      const bx = direction === 'TB' ? at.x + c.w + BLOCK_GAP : at.x;
      const by = direction === 'TB' ? at.y : at.y + c.h + BLOCK_GAP;
      for (const [q, o] of b.block.offsets) out[q] = { x: Math.round(bx + o.x), y: Math.round(by + o.y) };
    }
    x += part.w + PART_GAP;
    rowH = Math.max(rowH, part.h);
  }
  return out;
}

export type LayoutRun = { promise: Promise<Record<string, Position> | null>; cancel: () => void };

/**
 * Lays the graph out in a Web Worker. Resolves with the positions, or null
 * when cancelled; `onProgress` hears each phase.
 */
export function startLayout(input: LayoutInput, onProgress?: (phase: LayoutPhase, step: number) => void): LayoutRun {
  const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  let settle: (v: Record<string, Position> | null) => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  const promise = new Promise<Record<string, Position> | null>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  worker.onmessage = (e: MessageEvent<LayoutMessage>) => {
    const msg = e.data;
    if (msg.type === 'progress') onProgress?.(msg.phase, msg.step);
    else {
      worker.terminate();
      if (msg.type === 'done') settle(msg.positions);
      else fail(new Error(msg.message));
    }
  };
  worker.onerror = (e) => {
    worker.terminate();
    fail(new Error(e.message || 'The layout worker failed.'));
  };
  worker.postMessage(input);
  return {
    promise,
    cancel: () => {
      worker.terminate();
      settle(null);
    },
  };
}
