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
import { isQuoteId, type Position } from '../../domain/schema';
import { runWorker, type WorkerReply } from '../../components/runWorker';

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

export type LayoutProgress = { phase: LayoutPhase; step: number };
/** What the layout worker sends back (components/runWorker.ts). */
export type LayoutMessage = WorkerReply<LayoutProgress, Record<string, Position>>;

/**
 * network-simplex gives the tidiest ranks but grows badly: the team measured
 * ~9 s at 1,000 nodes against ~1 s for tight-tree, so large parts use tight-tree.
 */
export const NETWORK_SIMPLEX_LIMIT = 300;

/** Over this many claims, leaf claims are stacked in blocks like quotes. */
export const LEAF_STACKING = 60;

/** Gaps in flow pixels. */
const QUOTE_GAP_X = 24;
const QUOTE_GAP_Y = 18;
const BLOCK_GAP = 36;
const PART_GAP = 120;
/** The packed parts aim at this width : height. */
const TARGET_ASPECT = 1.5;

const isQuote = isQuoteId;

/** A box to place: a quote, or a claim with its block; `place` puts its top-left corner. */
type Unit = { w: number; h: number; place: (x: number, y: number, out: Record<string, Position>) => void };

/**
 * Units stacked in columns, filled top to bottom. `shape` sets columns
 * against rows: beside a claim (top-down) the block is tall and narrow, one or
 * two columns, so ranks stay narrow; under a claim (left-to-right) it is wide
 * and low. Measured on the example map, these shapes give the smallest box.
 */
function stack(items: Unit[], shape: number): Unit {
  if (!items.length) return { w: 0, h: 0, place: () => undefined };
  const cols = Math.max(1, Math.round(Math.sqrt(items.length * shape)));
  const rows = Math.ceil(items.length / cols);
  const offsets: { unit: Unit; x: number; y: number }[] = [];
  let x = 0;
  let h = 0;
  for (let c = 0; c < cols; c++) {
    let y = 0;
    let colW = 0;
    for (const unit of items.slice(c * rows, (c + 1) * rows)) {
      offsets.push({ unit, x, y });
      y += unit.h + QUOTE_GAP_Y;
      colW = Math.max(colW, unit.w);
    }
    h = Math.max(h, y - QUOTE_GAP_Y);
    if (colW) x += colW + QUOTE_GAP_X;
  }
  return {
    w: x - QUOTE_GAP_X,
    h,
    place: (bx, by, out) => {
      for (const o of offsets) o.unit.place(bx + o.x, by + o.y, out);
    },
  };
}

type Part = { w: number; h: number; place: (x: number, y: number, out: Record<string, Position>) => void };

/**
 * Positions (top-left corners) for every node. Conclusions come first in the
 * direction: rankdir 'BT' (or 'RL') over links from → to puts a thesis, which
 * only receives links, on top (or on the left).
 *
 * On a large map only claims that others bear on are ranked: a claim that
 * bears on exactly one claim and has nothing but quotes bearing on it (a leaf)
 * goes, with its own quotes, into the block of the claim it bears on, like a
 * quote. Large argument trees are mostly leaves, so this keeps the ranks
 * short; a small map keeps every claim in the ranks, its structure plainer.
 */
export function layoutGraph(input: LayoutInput, onPhase?: (phase: LayoutPhase, step: number) => void): Record<string, Position> {
  onPhase?.('Building graph', 0);
  const direction = input.direction ?? 'LR';
  const tb = direction === 'TB';
  const shape = tb ? 0.1 : 2;
  const size = new Map<string, { w: number; h: number }>();
  for (const n of input.nodes) size.set(n.id, { w: n.width, h: n.height });
  const claims = input.nodes.filter((n) => !isQuote(n.id)).map((n) => n.id);

  // Each quote goes with the first claim it bears on.
  const owned = new Map<string, string[]>();
  const ownedQuote = new Set<string>();
  const claimEdges: [string, string][] = [];
  const seen = new Set<string>();
  for (const e of input.edges) {
    if (!size.has(e.from) || !size.has(e.to) || e.from === e.to || isQuote(e.to)) continue;
    if (isQuote(e.from)) {
      if (ownedQuote.has(e.from)) continue;
      ownedQuote.add(e.from);
      let list = owned.get(e.to);
      if (!list) owned.set(e.to, (list = []));
      list.push(e.from);
    } else if (!seen.has(`${e.from} ${e.to}`)) {
      seen.add(`${e.from} ${e.to}`);
      claimEdges.push([e.from, e.to]);
    }
  }
  const into = new Map<string, number>();
  const outOf = new Map<string, string[]>();
  for (const [a, b] of claimEdges) {
    into.set(b, (into.get(b) ?? 0) + 1);
    let list = outOf.get(a);
    if (!list) outOf.set(a, (list = []));
    list.push(b);
  }
  const leafOf = new Map<string, string>();
  if (claims.length > LEAF_STACKING) {
    for (const id of claims) if (!into.get(id) && outOf.get(id)?.length === 1) leafOf.set(id, outOf.get(id)![0]!);
  }
  const leaves = new Map<string, string[]>();
  for (const [leaf, parent] of leafOf) {
    let list = leaves.get(parent);
    if (!list) leaves.set(parent, (list = []));
    list.push(leaf);
  }

  const quoteUnit = (id: string): Unit => {
    const s = size.get(id)!;
    return { w: s.w, h: s.h, place: (x, y, out) => void (out[id] = { x, y }) };
  };
  /** A claim with its block (its leaves, then its quotes) beside it (TB) or under it (LR). */
  const claimUnit = (id: string, kids: ReadonlyMap<string, string[]> = leaves, blockShape = shape): Unit => {
    const c = size.get(id)!;
    const block = stack(
      [...(kids.get(id) ?? []).map((k) => claimUnit(k, kids, blockShape)), ...(owned.get(id) ?? []).map(quoteUnit)],
      blockShape,
    );
    const w = tb ? c.w + (block.w ? BLOCK_GAP + block.w : 0) : Math.max(c.w, block.w);
    const h = tb ? Math.max(c.h, block.h) : c.h + (block.h ? BLOCK_GAP + block.h : 0);
    return {
      w,
      h,
      place: (x, y, out) => {
        out[id] = { x, y };
        block.place(tb ? x + c.w + BLOCK_GAP : x, tb ? y : y + c.h + BLOCK_GAP, out);
      },
    };
  };
  const ranked = claims.filter((id) => !leafOf.has(id));
  const units = new Map<string, Unit>(ranked.map((id) => [id, claimUnit(id)]));
  const rankedEdges = claimEdges.filter(([a, b]) => units.has(a) && units.has(b));

  // Connected parts of the ranked claims (union-find).
  const parent = new Map<string, string>(ranked.map((id) => [id, id]));
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
  for (const [a, b] of rankedEdges) parent.set(root(a), root(b));
  const members = new Map<string, string[]>();
  for (const id of ranked) {
    const r = root(id);
    let list = members.get(r);
    if (!list) members.set(r, (list = []));
    list.push(id);
  }
  const edgesOf = new Map<string, [string, string][]>();
  for (const e of rankedEdges) {
    const r = root(e[0]);
    let list = edgesOf.get(r);
    if (!list) edgesOf.set(r, (list = []));
    list.push(e);
  }

  onPhase?.('Ranking and ordering', 1);
  const parts: Part[] = [];
  for (const [r, ids] of members) {
    if (ids.length === 1) {
      parts.push(units.get(ids[0]!)!);
      continue;
    }
    const g = new dagre.graphlib.Graph({ multigraph: false });
    g.setGraph({
      rankdir: tb ? 'BT' : 'RL',
      nodesep: 40,
      // Left to right, the gap between ranks is also room for overview labels.
      ranksep: tb ? 80 : 140,
      marginx: 0,
      marginy: 0,
      acyclicer: 'greedy',
      ranker: ids.length < NETWORK_SIMPLEX_LIMIT ? 'network-simplex' : 'tight-tree',
    });
    g.setDefaultEdgeLabel(() => ({}));
    for (const id of ids) {
      const u = units.get(id)!;
      g.setNode(id, { width: u.w, height: u.h });
    }
    for (const [a, b] of edgesOf.get(r) ?? []) g.setEdge(a, b);
    dagre.layout(g);
    const laidOut = rankedPart(g, ids);
    const ratio = laidOut.w / laidOut.h;
    // Layers this lopsided do not fit a screen: nest the whole part instead.
    parts.push(ratio > 3 || ratio < 1 / 3 ? nestedPart(ids, edgesOf.get(r) ?? []) : laidOut);
  }

  /**
   * A part as a tree of blocks: each claim's block holds the claims that bear
   * on it (their first such link) with their own blocks, then its quotes.
   * Compact at any breadth or depth; links beyond the tree cross it.
   */
  function nestedPart(ids: string[], edges: [string, string][]): Part {
    const up = new Map<string, string>();
    for (const [a, b] of edges) if (!up.has(a)) up.set(a, b);
    // Break cycles: walking up from a claim must end.
    for (const id of ids) {
      const trail = new Set<string>([id]);
      for (let at = up.get(id); at !== undefined; at = up.get(at)) {
        if (trail.has(at)) {
          up.delete(at);
          break;
        }
        trail.add(at);
      }
    }
    const kids = new Map<string, string[]>();
    for (const id of ids) {
      const parentId = up.get(id);
      if (parentId === undefined) continue;
      let list = kids.get(parentId);
      if (!list) kids.set(parentId, (list = []));
      list.push(id);
    }
    for (const id of ids) {
      const own = leaves.get(id);
      if (own) kids.set(id, [...(kids.get(id) ?? []), ...own]);
    }
    return stack(
      // Nested blocks beside their claims (top-down) need more columns to stay near square.
      ids.filter((id) => !up.has(id)).map((id) => claimUnit(id, kids, tb ? 1 : shape)),
      TARGET_ASPECT,
    );
  }

  function rankedPart(g: InstanceType<typeof dagre.graphlib.Graph>, ids: string[]): Part {
    const at = new Map<string, Position>();
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const id of ids) {
      const u = units.get(id)!;
      const laid = g.node(id) as { x: number; y: number };
      const p = { x: laid.x - u.w / 2, y: laid.y - u.h / 2 };
      at.set(id, p);
      minX = Math.min(minX, p.x);
      minY = Math.min(minY, p.y);
      maxX = Math.max(maxX, p.x + u.w);
      maxY = Math.max(maxY, p.y + u.h);
    }
    return {
      w: maxX - minX,
      h: maxY - minY,
      place: (x, y, out) => {
        for (const id of ids) units.get(id)!.place(x + at.get(id)!.x - minX, y + at.get(id)!.y - minY, out);
      },
    };
  }
  const stray = input.nodes.filter((n) => isQuote(n.id) && !ownedQuote.has(n.id)).map((n) => quoteUnit(n.id));
  // Quotes that bear on nothing: one block of their own, wider than tall.
  if (stray.length) parts.push(stack(stray, 3));

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
    part.place(x, y, out);
    x += part.w + PART_GAP;
    rowH = Math.max(rowH, part.h);
  }
  for (const p of Object.values(out)) {
    p.x = Math.round(p.x);
    p.y = Math.round(p.y);
  }
  return out;
}

export type LayoutRun = { promise: Promise<Record<string, Position> | null>; cancel: () => void };

class LayoutCancelled extends Error {}

/**
 * Lays the graph out in a Web Worker. Resolves with the positions, or null
 * when cancelled; `onProgress` hears each phase.
 */
export function startLayout(input: LayoutInput, onProgress?: (phase: LayoutPhase, step: number) => void): LayoutRun {
  const controller = new AbortController();
  const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  const promise = runWorker<LayoutInput, LayoutProgress, Record<string, Position>>(worker, input, {
    signal: controller.signal,
    onProgress: (p) => onProgress?.(p.phase, p.step),
    cancelled: () => new LayoutCancelled(),
    crashed: (message) => new Error(message || 'The layout worker failed.'),
  }).catch((e: unknown) => {
    if (e instanceof LayoutCancelled) return null;
    throw e;
  });
  return { promise, cancel: () => controller.abort() };
}
