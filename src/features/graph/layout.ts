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
import type { MapDoc } from '../../domain/change';
import { isLiveLink } from '../../domain/analysis/graph';
import { argumentsOf } from '../../domain/derive/derive';
import { JUNCTION_HEIGHT, JUNCTION_WIDTH } from './flowTypes';
import { passThroughs, segmentHitsBox, type Box, type Point } from './crossings';
import { bezierPoints, facing, linkEnds, type Rect } from './edgeGeometry';
import { BoxGrid, type GridBox } from './boxGrid';

export type LayoutDirection = 'TB' | 'LR';

export type LayoutInput = {
  nodes: { id: string; width: number; height: number }[];
  /** Link direction: evidence `from` → conclusion `to`. */
  edges: { from: string; to: string }[];
  /** TB: conclusions on top, evidence below. LR (the default, the more compact): conclusions on the left. */
  direction?: LayoutDirection;
  /**
   * Links aimed at a link (undercutters, backers): `from` bears on the link
   * between `on.from` and `on.to`. A node that bears on nothing else is put
   * beside the middle of that link rather than packed on its own far away.
   */
  aimed?: { from: string; on: { from: string; to: string } }[];
  /**
   * Linked arguments: the premises `from` bear jointly on `to` through a
   * junction `id`. Between claims the junction is ranked like a node of its
   * own, so the layout leaves free room for its marker between the premises
   * and the conclusion; it gets no position (toFlow places it in that room).
   */
  groups?: { id: string; from: string[]; to: string }[];
};

/** A routed line's bend points (flow px), keyed by `routeKey(from, to)`. */
export type LayoutRoutes = Record<string, { x: number; y: number }[]>;
export type LayoutResult = { positions: Record<string, Position>; routes: LayoutRoutes };
export const routeKey = (from: string, to: string): string => `${from}>${to}`;

/** Links aimed at a live link (undercutters, backers), for the layout to put beside it. */
export function aimedLinks(doc: MapDoc): NonNullable<LayoutInput['aimed']> {
  const out: NonNullable<LayoutInput['aimed']> = [];
  for (const l of Object.values(doc.links)) {
    const on = doc.links[l.to];
    if (on && isLiveLink(doc, on) && (l.from in doc.claims || l.from in doc.quotes)) out.push({ from: l.from, on: { from: on.from, to: on.to } });
  }
  return out;
}

/** The linked arguments of `doc`, for the layout to leave room for their junctions. */
export function groupsOf(doc: MapDoc): NonNullable<LayoutInput['groups']> {
  return [...argumentsOf(doc).values()].map((a) => ({ id: a.id, from: a.links.map((l) => l.from), to: a.to }));
}

export type LayoutPhase = 'Building graph' | 'Ranking and ordering' | 'Positioning';
export const LAYOUT_PHASES: readonly LayoutPhase[] = ['Building graph', 'Ranking and ordering', 'Positioning'];

export type LayoutProgress = { phase: LayoutPhase; step: number };
/** What the layout worker sends back (components/runWorker.ts). */
export type LayoutMessage = WorkerReply<LayoutProgress, LayoutResult>;

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

/**
 * A box to place: a quote, or a claim with its block; `place` puts its
 * top-left corner, and the routes of the lines inside it into `routes`.
 * `head`: the node at its top-left corner that its lines start from.
 */
type Unit = {
  w: number;
  h: number;
  place: (x: number, y: number, out: Record<string, Position>, routes?: LayoutRoutes) => void;
  head?: { id: string; w: number; h: number };
  /** Where each unit of a stacked block sits in it, by column. */
  cells?: { unit: Unit; x: number; y: number; col: number; row: number }[];
};

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
  const offsets: { unit: Unit; x: number; y: number; col: number; row: number }[] = [];
  let x = 0;
  let h = 0;
  for (let c = 0; c < cols; c++) {
    let y = 0;
    let colW = 0;
    for (const [row, unit] of items.slice(c * rows, (c + 1) * rows).entries()) {
      offsets.push({ unit, x, y, col: c, row });
      y += unit.h + QUOTE_GAP_Y;
      colW = Math.max(colW, unit.w);
    }
    h = Math.max(h, y - QUOTE_GAP_Y);
    if (colW) x += colW + QUOTE_GAP_X;
  }
  return {
    w: x - QUOTE_GAP_X,
    h,
    place: (bx, by, out, routes) => {
      for (const o of offsets) o.unit.place(bx + o.x, by + o.y, out, routes);
    },
    cells: offsets,
  };
}

/** A laid-out part; `routes` are its lines' bend points relative to its top-left corner. */
type Part = {
  w: number;
  h: number;
  place: (x: number, y: number, out: Record<string, Position>, routes?: LayoutRoutes) => void;
  routes?: LayoutRoutes;
};

/** Free room kept around a node placed beside the link it aims at. */
const AIMED_GAP = 40;

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
  return layoutWithRoutes(input, onPhase).positions;
}

/**
 * `layoutGraph` with the lines' routes: for each link between claims that
 * dagre ranked and that spans more than one rank, the bend points dagre found
 * for it (its dummy nodes), which run between the nodes of the ranks it
 * crosses instead of through them. A link between neighbouring ranks has
 * nothing in its way and gets no route.
 */
export function layoutWithRoutes(input: LayoutInput, onPhase?: (phase: LayoutPhase, step: number) => void): LayoutResult {
  onPhase?.('Building graph', 0);
  const direction = input.direction ?? 'LR';
  const tb = direction === 'TB';
  const shape = tb ? 0.1 : 2;
  const size = new Map<string, { w: number; h: number }>();
  for (const n of input.nodes) size.set(n.id, { w: n.width, h: n.height });
  const claims = input.nodes.filter((n) => !isQuote(n.id)).map((n) => n.id);

  // Each quote goes with the first claim it bears on; a quote that undercuts or backs a link goes beside that link instead.
  const aimingQuote = new Set<string>();
  for (const a of input.aimed ?? []) if (isQuote(a.from) && size.has(a.on.from) && size.has(a.on.to)) aimingQuote.add(a.from);
  const owned = new Map<string, string[]>();
  const ownedQuote = new Set<string>();
  const claimEdges: [string, string][] = [];
  const seen = new Set<string>();
  for (const e of input.edges) {
    if (!size.has(e.from) || !size.has(e.to) || e.from === e.to || isQuote(e.to)) continue;
    if (isQuote(e.from)) {
      if (ownedQuote.has(e.from) || aimingQuote.has(e.from)) continue;
      ownedQuote.add(e.from);
      let list = owned.get(e.to);
      if (!list) owned.set(e.to, (list = []));
      list.push(e.from);
    } else if (!seen.has(`${e.from} ${e.to}`)) {
      seen.add(`${e.from} ${e.to}`);
      claimEdges.push([e.from, e.to]);
    }
  }
  // A linked argument between claims: its premises' links go through its junction, ranked as a node.
  const junctions = new Set<string>();
  for (const grp of input.groups ?? []) {
    if (isQuote(grp.to) || !size.has(grp.to) || grp.from.some((f) => isQuote(f) || !size.has(f) || f === grp.to)) continue;
    const joined = new Set(grp.from.map((f) => `${f} ${grp.to}`));
    for (let i = claimEdges.length - 1; i >= 0; i--) if (joined.has(`${claimEdges[i]![0]} ${claimEdges[i]![1]}`)) claimEdges.splice(i, 1);
    junctions.add(grp.id);
    size.set(grp.id, { w: JUNCTION_WIDTH, h: JUNCTION_HEIGHT });
    claims.push(grp.id);
    for (const f of new Set(grp.from)) claimEdges.push([f, grp.id]);
    claimEdges.push([grp.id, grp.to]);
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
    // A premise of a junction stays ranked: the junction's room is between ranks, not in a block.
    for (const id of claims) if (!into.get(id) && outOf.get(id)?.length === 1 && !junctions.has(outOf.get(id)![0]!)) leafOf.set(id, outOf.get(id)![0]!);
  }
  const leaves = new Map<string, string[]>();
  for (const [leaf, parent] of leafOf) {
    let list = leaves.get(parent);
    if (!list) leaves.set(parent, (list = []));
    list.push(leaf);
  }

  const quoteUnit = (id: string): Unit => {
    const s = size.get(id)!;
    return { w: s.w, h: s.h, head: { id, w: s.w, h: s.h }, place: (x, y, out) => void (out[id] = { x, y }) };
  };
  /**
   * A claim with its block (its leaves, then its quotes) beside it (TB) or
   * under it (LR). The lines of the block's first column (TB) or first row
   * (LR) reach the claim with nothing in the way; the others are routed
   * along the gap before their column (TB) or beside their column (LR) and
   * then the gap between claim and block, not through the nodes before them.
   */
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
      head: { id, w: c.w, h: c.h },
      place: (x, y, out, routes) => {
        if (!junctions.has(id)) out[id] = { x, y };
        const bx = tb ? x + c.w + BLOCK_GAP : x;
        const by = tb ? y : y + c.h + BLOCK_GAP;
        block.place(bx, by, out, routes);
        if (!routes) return;
        for (const cell of block.cells ?? []) {
          const head = cell.unit.head;
          if (!head || (tb ? cell.col === 0 : cell.row === 0)) continue;
          const hx = bx + cell.x;
          const hy = by + cell.y;
          routes[routeKey(head.id, id)] = tb
            ? [
                { x: hx - QUOTE_GAP_X / 2, y: hy + head.h / 2 },
                { x: hx - QUOTE_GAP_X / 2, y: by - QUOTE_GAP_Y / 2 },
                { x: bx - BLOCK_GAP / 2, y: by - QUOTE_GAP_Y / 2 },
                { x: bx - BLOCK_GAP / 2, y: y + c.h / 2 },
              ]
            : [
                { x: hx - QUOTE_GAP_X / 2, y: hy + head.h / 2 },
                { x: hx - QUOTE_GAP_X / 2, y: by - BLOCK_GAP / 2 },
                { x: x + c.w / 2, y: by - BLOCK_GAP / 2 },
              ];
        }
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

  // Undercutters and backers that bear on nothing else: placed beside their link after packing.
  const besideLink = new Map<string, { from: string; to: string }>();
  for (const a of input.aimed ?? []) {
    if (besideLink.has(a.from) || !size.has(a.on.from) || !size.has(a.on.to) || a.on.from === a.from || a.on.to === a.from) continue;
    const alone = isQuote(a.from) ? !ownedQuote.has(a.from) : units.has(a.from) && members.get(root(a.from))?.length === 1;
    if (alone) besideLink.set(a.from, a.on);
  }
  // A node aimed at a link whose end is itself placed beside a link would wait on it: it is packed instead.
  for (const [id, on] of [...besideLink]) if (besideLink.has(on.from) || besideLink.has(on.to)) besideLink.delete(id);

  onPhase?.('Ranking and ordering', 1);
  const parts: Part[] = [];
  for (const [r, ids] of members) {
    if (ids.length === 1) {
      if (!besideLink.has(ids[0]!)) parts.push(units.get(ids[0]!)!);
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
    const routes: LayoutRoutes = {};
    for (const e of g.edges()) {
      const points = (g.edge(e) as { points?: { x: number; y: number }[] }).points;
      // Dagre gives an edge between neighbouring ranks three points (its two ends and the middle of the gap).
      if (!points || points.length <= 3) continue;
      routes[routeKey(e.v, e.w)] = points.slice(1, -1).map((p) => ({ x: p.x - minX, y: p.y - minY }));
    }
    return {
      w: maxX - minX,
      h: maxY - minY,
      place: (x, y, out, blockRoutes) => {
        for (const id of ids) units.get(id)!.place(x + at.get(id)!.x - minX, y + at.get(id)!.y - minY, out, blockRoutes);
      },
      routes,
    };
  }
  const stray = input.nodes.filter((n) => isQuote(n.id) && !ownedQuote.has(n.id) && !besideLink.has(n.id)).map((n) => quoteUnit(n.id));
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
  const routes: LayoutRoutes = {};
  let x = 0;
  let y = 0;
  let rowH = 0;
  for (const part of parts) {
    if (x > 0 && x + part.w > shelf) {
      x = 0;
      y += rowH + PART_GAP;
      rowH = 0;
    }
    part.place(x, y, out, routes);
    for (const [key, points] of Object.entries(part.routes ?? {})) routes[key] = points.map((p) => ({ x: Math.round(x + p.x), y: Math.round(y + p.y) }));
    x += part.w + PART_GAP;
    rowH = Math.max(rowH, part.h);
  }
  if (besideLink.size) placeBesideLinks(besideLink, (id) => (isQuote(id) ? quoteUnit(id) : units.get(id)!), size, out, routes);
  for (const p of Object.values(out)) {
    p.x = Math.round(p.x);
    p.y = Math.round(p.y);
  }
  if (input.nodes.length <= DETOUR_LIMIT) {
    const grouped = new Set<string>();
    for (const grp of input.groups ?? []) if (junctions.has(grp.id)) for (const f of grp.from) grouped.add(`${f}>${grp.to}`);
    detours(
      input.edges.filter((e) => !grouped.has(routeKey(e.from, e.to))),
      out,
      size,
      direction,
      routes,
    );
  }
  return { positions: out, routes };
}

/**
 * Over this many nodes lines left unrouted are not checked for nodes in
 * their way: the check and its search are per line, and at 1,000 nodes they
 * took 11 s of a layout that takes 1 s without them.
 */
export const DETOUR_LIMIT = 400;
/** Detours stop being looked for after this long (ms), whatever is left: Auto layout stays quick. */
const DETOUR_BUDGET_MS = 400;

/**
 * A line the layout left unrouted that would run through a node (a quote
 * bearing on a second claim far from its block, a link between ranks that a
 * wide block reaches into) gets one bend point off to the side of its
 * middle, the nearest that clears every node; failing that, a path through
 * the free cells of a grid (`gridRoute`).
 */
function detours(
  edges: readonly { from: string; to: string }[],
  out: Record<string, Position>,
  size: ReadonlyMap<string, { w: number; h: number }>,
  direction: LayoutDirection,
  routes: LayoutRoutes,
): void {
  const boxes: Box[] = [];
  for (const [id, p] of Object.entries(out)) boxes.push({ id, x: p.x, y: p.y, ...size.get(id)! });
  const rect = (id: string) => ({ x: out[id]!.x, y: out[id]!.y, ...size.get(id)! });
  const clear = (from: string, to: string, points: Point[]) =>
    passThroughs([{ id: '', from, to, points }], boxes, 2).length === 0;
  const deadline = performance.now() + DETOUR_BUDGET_MS;
  for (const e of edges) {
    if (performance.now() > deadline) break;
    if (!out[e.from] || !out[e.to] || e.from === e.to || routes[routeKey(e.from, e.to)]) continue;
    const a = rect(e.from);
    const b = rect(e.to);
    if (clear(e.from, e.to, bezierPoints(linkEnds(a, b, direction, isQuote(e.from))))) continue;
    const ca = { x: a.x + a.w / 2, y: a.y + a.h / 2 };
    const cb = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
    const len = Math.hypot(cb.x - ca.x, cb.y - ca.y) || 1;
    const normal = { x: -(cb.y - ca.y) / len, y: (cb.x - ca.x) / len };
    found: for (let k = 1; k <= 30; k++)
      for (const sign of [1, -1])
        for (const t of [0.5, 0.35, 0.65, 0.2, 0.8]) {
          const w = { x: ca.x + (cb.x - ca.x) * t + normal.x * sign * k * 40, y: ca.y + (cb.y - ca.y) * t + normal.y * sign * k * 40 };
          const s = facing(a, w);
          const f = facing(b, w);
          if (clear(e.from, e.to, [s, w, f])) {
            routes[routeKey(e.from, e.to)] = [{ x: Math.round(w.x), y: Math.round(w.y) }];
            break found;
          }
        }
    if (!routes[routeKey(e.from, e.to)]) {
      const path = gridRoute(a, b, boxes);
      // A long way round crosses more than it clears: only a detour of modest length is taken.
      let run = 0;
      for (let i = 1; i < (path?.length ?? 0); i++) run += Math.abs(path![i]!.x - path![i - 1]!.x) + Math.abs(path![i]!.y - path![i - 1]!.y);
      if (path && run <= 1.6 * len + 200) routes[routeKey(e.from, e.to)] = path;
    }
  }
}

/** Grid cell of the fallback router (flow px), and the most cells it searches. */
const GRID_CELL = 20;
const GRID_MAX_CELLS = 400_000;
/** A bend costs as much as this many cells of run: fewer, longer straight runs. */
const TURN_COST = 6;

/**
 * A line from box `a` to box `b` along a grid of free cells (every node box
 * with a margin is blocked): the cheapest path with few bends, as its corner
 * points, each end just off the side of its box that faces the other. Null
 * when no path exists or the map is too large to search.
 */
export function gridRoute(a: Rect, b: Rect, boxes: readonly Box[]): Point[] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of boxes) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.w);
    maxY = Math.max(maxY, r.y + r.h);
  }
  minX -= 4 * GRID_CELL;
  minY -= 4 * GRID_CELL;
  const cols = Math.ceil((maxX - minX) / GRID_CELL) + 4;
  const rows = Math.ceil((maxY - minY) / GRID_CELL) + 4;
  if (cols * rows > GRID_MAX_CELLS) return null;
  const blocked = new Uint8Array(cols * rows);
  const MARGIN = 8;
  for (const r of boxes) {
    const c0 = Math.max(0, Math.floor((r.x - MARGIN - minX) / GRID_CELL));
    const c1 = Math.min(cols - 1, Math.floor((r.x + r.w + MARGIN - minX) / GRID_CELL));
    const r0 = Math.max(0, Math.floor((r.y - MARGIN - minY) / GRID_CELL));
    const r1 = Math.min(rows - 1, Math.floor((r.y + r.h + MARGIN - minY) / GRID_CELL));
    for (let y = r0; y <= r1; y++) blocked.fill(1, y * cols + c0, y * cols + c1 + 1);
  }
  /** Just off the side of `r` that faces `toward`, or failing that off another side, on a free cell. */
  const out = (r: Rect, toward: Rect): { cell: number; p: Point } | null => {
    const first = facing(r, { x: toward.x + toward.w / 2, y: toward.y + toward.h / 2 }).side;
    const push = MARGIN + GRID_CELL;
    for (const side of [first, ...(['top', 'right', 'bottom', 'left'] as const).filter((x) => x !== first)]) {
      const p = {
        x: side === 'left' ? r.x - push : side === 'right' ? r.x + r.w + push : r.x + r.w / 2,
        y: side === 'top' ? r.y - push : side === 'bottom' ? r.y + r.h + push : r.y + r.h / 2,
      };
      const cx = Math.floor((p.x - minX) / GRID_CELL);
      const cy = Math.floor((p.y - minY) / GRID_CELL);
      if (cx < 0 || cy < 0 || cx >= cols || cy >= rows || blocked[cy * cols + cx]) continue;
      return { cell: cy * cols + cx, p };
    }
    return null;
  };
  const start = out(a, b);
  const goal = out(b, a);
  if (!start || !goal) return null;
  // Dijkstra over (cell, heading) with a cost per bend; a binary heap of [cost, state].
  const n = cols * rows * 4;
  const cost = new Float64Array(n).fill(Infinity);
  const prev = new Int32Array(n).fill(-1);
  const heap: [number, number][] = [];
  const push = (c: number, st: number) => {
    heap.push([c, st]);
    for (let i = heap.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (heap[up]![0] <= heap[i]![0]) break;
      [heap[up], heap[i]] = [heap[i]!, heap[up]!];
      i = up;
    }
  };
  const pop = (): [number, number] => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l]![0] < heap[m]![0]) m = l;
        if (r < heap.length && heap[r]![0] < heap[m]![0]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
    return top;
  };
  const DX = [1, -1, 0, 0];
  const DY = [0, 0, 1, -1];
  for (let d = 0; d < 4; d++) {
    cost[start.cell * 4 + d] = 0;
    push(0, start.cell * 4 + d);
  }
  let end = -1;
  while (heap.length) {
    const [c, st] = pop();
    if (c > cost[st]!) continue;
    const cell = st >> 2;
    const d = st & 3;
    if (cell === goal.cell) {
      end = st;
      break;
    }
    const x = cell % cols;
    const y = (cell - x) / cols;
    for (let nd = 0; nd < 4; nd++) {
      const nx = x + DX[nd]!;
      const ny = y + DY[nd]!;
      if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
      const ncell = ny * cols + nx;
      if (blocked[ncell] && ncell !== goal.cell) continue;
      const ns = ncell * 4 + nd;
      const nc = c + 1 + (nd === d ? 0 : TURN_COST);
      if (nc < cost[ns]!) {
        cost[ns] = nc;
        prev[ns] = st;
        push(nc, ns);
      }
    }
  }
  if (end < 0) return null;
  const cells: number[] = [];
  for (let st = end; st >= 0; st = prev[st]!) cells.push(st);
  cells.reverse();
  const centre = (st: number): Point => {
    const cell = st >> 2;
    const x = cell % cols;
    return { x: Math.round(minX + (x + 0.5) * GRID_CELL), y: Math.round(minY + ((cell - x) / cols + 0.5) * GRID_CELL) };
  };
  const points: Point[] = [{ x: Math.round(start.p.x), y: Math.round(start.p.y) }];
  for (let i = 1; i < cells.length - 1; i++) if ((cells[i]! & 3) !== (cells[i + 1]! & 3)) points.push(centre(cells[i]!));
  points.push({ x: Math.round(goal.p.x), y: Math.round(goal.p.y) });
  return points;
}

/**
 * Puts each undercutter or backer (with its block) beside the middle of the
 * link it aims at: across the link's run (beside a link that runs up and
 * down, above or below one that runs across), as near as it fits without
 * covering a node, nearest first. A link whose ends were not placed leaves
 * its node under the rest.
 */
function placeBesideLinks(
  besideLink: ReadonlyMap<string, { from: string; to: string }>,
  unitOf: (id: string) => Unit,
  size: ReadonlyMap<string, { w: number; h: number }>,
  out: Record<string, Position>,
  routes: LayoutRoutes,
): void {
  const grid = new BoxGrid<GridBox>(400);
  const add = (r: GridBox) => grid.add(r);
  let bottom = 0;
  for (const [id, p] of Object.entries(out)) {
    const s = size.get(id)!;
    add({ x: p.x, y: p.y, w: s.w, h: s.h });
    bottom = Math.max(bottom, p.y + s.h);
  }
  const free = (x: number, y: number, w: number, h: number) => {
    const g = AIMED_GAP / 2;
    for (const r of grid.near(x - g, y - g, x + w + g, y + h + g)) if (x - g < r.x + r.w && r.x < x + w + g && y - g < r.y + r.h && r.y < y + h + g) return false;
    return true;
  };
  const centre = (id: string) => ({ x: out[id]!.x + size.get(id)!.w / 2, y: out[id]!.y + size.get(id)!.h / 2 });
  let spareX = 0;
  for (const [id, on] of besideLink) {
    const unit = unitOf(id);
    const here = new Map<string, Position>();
    const put = (x: number, y: number) => {
      const local: Record<string, Position> = {};
      unit.place(x, y, local, routes);
      for (const [k, p] of Object.entries(local)) {
        out[k] = p;
        here.set(k, p);
        const s = size.get(k)!;
        add({ x: p.x, y: p.y, w: s.w, h: s.h });
      }
    };
    if (!out[on.from] || !out[on.to]) {
      put(spareX, bottom + PART_GAP);
      spareX += unit.w + PART_GAP;
      continue;
    }
    const a = centre(on.from);
    const b = centre(on.to);
    const m = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    const upright = Math.abs(b.y - a.y) >= Math.abs(b.x - a.x);
    // The node's own box (not its whole block) is what sits by the middle: its top-left corner, per side.
    const own = size.get(id)!;
    const candidates: Position[] = [];
    for (let d = AIMED_GAP; d <= AIMED_GAP + 1200; d += 40)
      for (const slide of [0, 60, -60, 140, -140]) {
        if (upright) {
          candidates.push({ x: m.x + d, y: m.y - own.h / 2 + slide }, { x: m.x - d - unit.w, y: m.y - own.h / 2 + slide });
        } else {
          candidates.push({ x: m.x - own.w / 2 + slide, y: m.y + d }, { x: m.x - own.w / 2 + slide, y: m.y - d - unit.h });
        }
      }
    // Off the link's own line too (with room for a junction on it), so the node does not stand in the way it attacks.
    const offLine = (c: Position) =>
      !segmentHitsBox(a, b, { id: '', x: c.x - AIMED_GAP, y: c.y - AIMED_GAP, w: unit.w + 2 * AIMED_GAP, h: unit.h + 2 * AIMED_GAP });
    const spot = candidates.find((c) => free(c.x, c.y, unit.w, unit.h) && offLine(c)) ?? { x: m.x + AIMED_GAP, y: m.y };
    put(spot.x, spot.y);
  }
}

export type LayoutRun = { promise: Promise<LayoutResult | null>; cancel: () => void };

class LayoutCancelled extends Error {}

/**
 * Lays the graph out in a Web Worker. Resolves with the positions and routes, or null
 * when cancelled; `onProgress` hears each phase.
 */
export function startLayout(input: LayoutInput, onProgress?: (phase: LayoutPhase, step: number) => void): LayoutRun {
  const controller = new AbortController();
  const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  const promise = runWorker<LayoutInput, LayoutProgress, LayoutResult>(worker, input, {
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
