/**
 * The doc as React Flow nodes and edges, pure. The canvas keeps its own node
 * array (React Flow needs `measured`, local drag positions and selection on
 * it); `syncNodes`/`syncEdges` bring that array up to date with a new doc and
 * hand back the SAME object for every node whose record, position, hidden flag
 * and derived data did not change — so React Flow (which compares user nodes by
 * identity) re-renders only what changed, and a drag of one node of a
 * 1,000-node map re-renders one node component.
 */
import type { MapDoc } from '../../domain/change';
import { isLiveLink } from '../../domain/analysis/graph';
import { linkWeights } from '../../domain/analysis/weights';
import { argumentsOf, balancesOf, evidenceCounts, junctionOfLink, type Argument } from '../../domain/derive/derive';
import { changedIds, keysOf, type KeysToken } from '../../domain/derive/tables';
import { isQuoteId, linkWeight, type Claim, type Link, type Position, type Quote } from '../../domain/schema';
import { Position as Side, type NodeHandle } from '@xyflow/react';
import { fallbackPositions } from './placement';
import { segmentHitsBox } from './crossings';
import { BoxGrid } from './boxGrid';
import {
  CLAIM_HEIGHT,
  JUNCTION_HEIGHT,
  JUNCTION_WIDTH,
  NODE_WIDTH,
  QUOTE_HEIGHT,
  sizeOf,
  type ClaimFlowNode,
  type EvidenceFlowEdge,
  type FlowNode,
  type JunctionFlowNode,
  type QuoteFlowNode,
} from './flowTypes';

/** A claim node's accessible name (ui.md): exactly `Claim: ` + its text. */
export const claimLabel = (text: string): string => `Claim: ${text}`;
/** A quote node's accessible name (ui.md): `Quote: ` + its passage cut to 80 characters. */
export const quoteLabel = (exact: string): string => `Quote: ${exact.slice(0, 80)}`;

const end = (raw: string) => {
  const text = raw.replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 59)}…` : text || '(no text)';
};
/** An edge's accessible name (ui.md): the relation word first, then its ends, `supports: <from> → <to>`. */
export const edgeLabel = (relation: string, from: string, to: string): string => `${relation}: ${end(from)} → ${end(to)}`;

/** A linked argument's junction's accessible name (ui.md): `Argument: ` + its scheme or `linked`. */
export const junctionName = (scheme: string | undefined): string => scheme || 'linked';
export const junctionLabel = (scheme: string | undefined): string => `Argument: ${junctionName(scheme)}`;

export { fallbackPositions } from './placement';
export { bearingOn, findNodes, focusChoices, neighbour, type Direction } from './graphQueries';

// ---------------------------------------------------------------- nodes

/**
 * Where a node's handles are before it is first drawn (CSS: 16 px, 88% across,
 * on the top and bottom edges). React Flow draws every node without handle
 * bounds once, culling or not, to measure them: a 5,000-node map mounted all
 * 5,000 node components to show five. Measured bounds replace these
 * (useFlowState drops them).
 */
const handlesOf = (w: number, h: number, target: boolean): NodeHandle[] => {
  const x = Math.round(w * 0.88) - 8;
  const source: NodeHandle = { type: 'source', position: Side.Bottom, x, y: h - 8, width: 16, height: 16 };
  return target ? [{ type: 'target', position: Side.Top, x, y: -8, width: 16, height: 16 }, source] : [source];
};
const CLAIM_HANDLES = handlesOf(NODE_WIDTH, CLAIM_HEIGHT, true);
const QUOTE_HANDLES = handlesOf(NODE_WIDTH, QUOTE_HEIGHT, false);
const JUNCTION_HANDLES = handlesOf(JUNCTION_WIDTH, JUNCTION_HEIGHT, true);

const near = (a: Position, b: Position) => Math.abs(a.x - b.x) < 0.06 && Math.abs(a.y - b.y) < 0.06;

export type SyncOptions = {
  /** Nodes hidden by focus mode (`null`: nothing hidden). */
  visible: ReadonlySet<string> | null;
  /** Nodes being dragged keep their local position whatever the doc says. */
  dragging?: ReadonlySet<string>;
  /** Quotes folded into their claim's evidence badge (the overview at low zoom). */
  collapsed?: ReadonlySet<string> | null;
  /** The far view of a large map (FarView): only these nodes stay in the DOM, the rest is drawn on a canvas. */
  drawn?: ReadonlySet<string> | null;
};

// ---------------------------------------------------------------- evidence badges

/** Which quotes the overview folds away: all but those of the claims whose badge is open. */
export function collapsedQuotes(doc: MapDoc, expanded: ReadonlySet<string>): Set<string> {
  const shown = new Set<string>();
  if (expanded.size) for (const l of Object.values(doc.links)) if (expanded.has(l.to) && isQuoteId(l.from)) shown.add(l.from);
  const out = new Set<string>();
  for (const id in doc.quotes) if (!shown.has(id)) out.add(id);
  return out;
}

/** The widest and tallest an overview label gets, in flow pixels. */
const MAX_SPREAD = 1000;
const MAX_DROP = 700;

type Place = { id: string; p: Position };
type Room = { w: number; h: number };

/** The first index of `byX` (sorted by x) whose x is greater than `x`. */
function firstAfter(byX: readonly Place[], x: number): number {
  let lo = 0;
  let hi = byX.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byX[mid]!.p.x <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * How much room each claim's overview label has: across, up to the next
 * claim to its right whose row it shares; down, up to the next claim under
 * that span. Quotes are folded away in the overview, so the label may run
 * over its own quote block.
 *
 * Each claim looks only at the claims whose x is within reach (a binary
 * search into the claims sorted by x): a scan from the first claim for each
 * was quadratic, seconds on a 50,000-claim map.
 */
function spreads(claims: readonly Place[]): Map<string, Room> {
  const byX = [...claims].sort((a, b) => a.p.x - b.p.x);
  const out = new Map<string, Room>();
  for (let i = 0; i < byX.length; i++) {
    const c = byX[i]!;
    let room = MAX_SPREAD;
    for (let j = i + 1; j < byX.length; j++) {
      const o = byX[j]!;
      const dx = o.p.x - c.p.x;
      if (dx - 24 >= room) break;
      if (dx < NODE_WIDTH / 2) continue;
      if (o.p.y < c.p.y + 260 && o.p.y + CLAIM_HEIGHT > c.p.y - 10) room = dx - 24;
    }
    const w = Math.max(NODE_WIDTH, room);
    let drop = MAX_DROP;
    // Claims at x - NODE_WIDTH or further left cannot overlap the span: start past them.
    for (let j = firstAfter(byX, c.p.x - NODE_WIDTH); j < byX.length; j++) {
      const o = byX[j]!;
      if (o.p.x >= c.p.x + w) break;
      if (o === c || o.p.x + NODE_WIDTH <= c.p.x) continue;
      const dy = o.p.y - c.p.y;
      if (dy > 10 && dy - 12 < drop) drop = dy - 12;
    }
    out.set(c.id, { w: Math.round(w), h: Math.round(Math.max(CLAIM_HEIGHT, drop)) });
  }
  return out;
}

/**
 * `spreads`, again only when a claim moved, came or went: a keystroke keeps
 * every place (the same position objects), so the last answer stands.
 */
let lastSpreads: { places: readonly Place[]; rooms: Map<string, Room> } | null = null;
function spreadsOf(places: readonly Place[]): Map<string, Room> {
  const last = lastSpreads;
  if (last && last.places.length === places.length && places.every((x, i) => x.id === last.places[i]!.id && x.p === last.places[i]!.p)) {
    return last.rooms;
  }
  const rooms = spreads(places);
  lastSpreads = { places, rooms };
  return rooms;
}

type Box = { x: number; y: number; w: number; h: number };
const JUNCTION_CELL = 400;
/** Room kept between a junction and any node, so its marker covers no text. */
const JUNCTION_MARGIN = 6;

/** The claims' and quotes' boxes bucketed on a grid, for the junctions to keep clear of. */
function boxGrid(nodes: Iterable<FlowNode>): BoxGrid<Box> {
  const grid = new BoxGrid<Box>(JUNCTION_CELL);
  for (const n of nodes) {
    if (n.type === 'junction') continue;
    const s = sizeOf({ measured: n.measured ?? {}, initialWidth: n.initialWidth, initialHeight: n.initialHeight });
    grid.add({ x: n.position.x, y: n.position.y, w: s.w, h: s.h });
  }
  return grid;
}

/**
 * How many node boxes (but `skip`) the straight line from `p` to `q` runs
 * through. Only the grid cells along the line are looked at (points every
 * 50 px), not every cell of its bounding box: a long line across a large
 * map passes a few dozen cells of thousands.
 */
function nodesCrossed(grid: BoxGrid<Box>, p: Position, q: Position, skip: ReadonlySet<Box>): number {
  const seen = new Set<Box>();
  const cells = new Set<readonly Box[]>();
  const steps = Math.max(1, Math.ceil(Math.hypot(q.x - p.x, q.y - p.y) / 50));
  for (let i = 0; i <= steps; i++) {
    const cell = grid.at(p.x + ((q.x - p.x) * i) / steps, p.y + ((q.y - p.y) * i) / steps);
    if (cells.has(cell)) continue;
    cells.add(cell);
    for (const b of cell) if (!skip.has(b) && !seen.has(b) && segmentHitsBox(p, q, { id: '', ...b }, 4)) seen.add(b);
  }
  return seen.size;
}

function coversNode(grid: BoxGrid<Box>, x: number, y: number): boolean {
  const m = JUNCTION_MARGIN;
  const x1 = x + JUNCTION_WIDTH;
  const y1 = y + JUNCTION_HEIGHT;
  for (const b of grid.near(x - m, y - m, x1 + m, y1 + m)) if (x - m < b.x + b.w && b.x < x1 + m && y - m < b.y + b.h && b.y < y1 + m) return true;
  return false;
}

/** Where along the way from the premises to the conclusion a junction is tried, the middle first. */
const JUNCTION_STEPS = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9];
/** Sideways shifts tried at each step (flow px), for a way that runs between nodes side by side. */
const JUNCTION_SHIFTS = [0, 120, -120, 240, -240];

/**
 * Where a junction goes: on the way from the middle of its premises to its
 * conclusion, at the first point from the middle out where its marker covers
 * no node (its text stays readable), so the compact layout needs no place of
 * its own for it; halfway when no such point is free. Node sizes are the
 * graph's one measure (`sizeOf`: measured once drawn, else the size the node
 * was given).
 */
function junctionPlace(a: Argument, at: (id: string) => FlowNode | undefined, grid: BoxGrid<Box>): Position {
  const middle = (id: string) => {
    const n = at(id);
    if (!n) return { x: 0, y: 0 };
    const s = sizeOf({ measured: n.measured ?? {}, initialWidth: n.initialWidth, initialHeight: n.initialHeight });
    return { x: n.position.x + s.w / 2, y: n.position.y + s.h / 2 };
  };
  let x = 0;
  let y = 0;
  for (const l of a.links) {
    const m = middle(l.from);
    x += m.x;
    y += m.y;
  }
  x /= a.links.length;
  y /= a.links.length;
  const c = middle(a.to);
  const across = Math.abs(c.x - x) > Math.abs(c.y - y);
  // Of the free spots, the first whose lines (from each premise, on to the conclusion) cross the fewest nodes.
  const boxAt = (id: string): Box | undefined => {
    const m = middle(id);
    return grid.at(m.x, m.y).find(
      (b) => m.x > b.x && m.x < b.x + b.w && m.y > b.y && m.y < b.y + b.h,
    );
  };
  const only = (id: string) => new Set([boxAt(id)].filter((b): b is Box => !!b));
  const conclusionBox = only(a.to);
  const premiseBoxes = a.links.map((l) => only(l.from));
  let best: Position | null = null;
  let bestHits = Infinity;
  for (const shift of JUNCTION_SHIFTS)
    for (const t of JUNCTION_STEPS) {
      const px = Math.round(x + (c.x - x) * t - JUNCTION_WIDTH / 2 + (across ? 0 : shift));
      const py = Math.round(y + (c.y - y) * t - JUNCTION_HEIGHT / 2 + (across ? shift / 2 : 0));
      if (coversNode(grid, px, py)) continue;
      // Shifted aside, the lines fan out across others: taken only when no spot on the way is free.
      if (shift !== 0 && best) return best;
      const j = { x: px + JUNCTION_WIDTH / 2, y: py + JUNCTION_HEIGHT / 2 };
      let hits = nodesCrossed(grid, j, c, conclusionBox);
      a.links.forEach((l, i) => (hits += nodesCrossed(grid, middle(l.from), j, premiseBoxes[i]!)));
      if (hits < bestHits) {
        best = { x: px, y: py };
        bestHits = hits;
        if (hits === 0) return best;
      }
    }
  if (best) return best;
  return { x: Math.round((x + c.x) / 2 - JUNCTION_WIDTH / 2), y: Math.round((y + c.y) / 2 - JUNCTION_HEIGHT / 2) };
}

/**
 * Junctions moved to where their ends now are, once those ends are measured:
 * a node drawn for the first time (a quote unfolded from the overview, or for
 * an image export) was placed by its given size. The same array when none moves.
 */
export function placeJunctions(nodes: FlowNode[], doc: MapDoc): FlowNode[] {
  const args = argumentsOf(doc);
  if (args.size === 0) return nodes;
  const byId = new Map<string, FlowNode>();
  for (const n of nodes) byId.set(n.id, n);
  const grid = boxGrid(nodes);
  let moved = false;
  const out = nodes.map((n) => {
    if (n.type !== 'junction') return n;
    const a = args.get(n.id);
    if (!a) return n;
    const p = junctionPlace(a, (id) => byId.get(id), grid);
    if (near(n.position, p)) return n;
    moved = true;
    return { ...n, position: p };
  });
  return moved ? out : nodes;
}

const nodeLabels = new WeakMap<Quote, string>();

/** A quote node's name, per record: the same string object while the record stands (a pointer test against the drawn node's). */
function labelOf(record: Quote, text: string, label: (text: string) => string): string {
  let hit = nodeLabels.get(record);
  if (hit === undefined) nodeLabels.set(record, (hit = label(text)));
  return hit;
}

/**
 * The canvas's nodes for `doc`, reusing every object of `prev` that is still
 * right. Selection and measured size are local state and carry over.
 */
export function syncNodes(prev: readonly FlowNode[], doc: MapDoc, options: SyncOptions): FlowNode[] {
  const quick = claimEditOnly(prev, doc, options);
  if (quick) {
    lastSync = { out: quick, doc, options, index: lastSync!.index };
    return quick;
  }
  const out = syncAll(prev, doc, options);
  lastSync = { out, doc, options, index: null };
  return out;
}

/** The last `syncNodes` answer, for the fast path of an edit to claims only. */
let lastSync: { out: readonly FlowNode[]; doc: MapDoc; options: SyncOptions; index: Map<string, number> | null } | null = null;

/**
 * Work in proportion to the edit: when the doc differs from the one the
 * last answer was made for only in the records of a few claims (typing,
 * a kind switch) — same links, quotes, sources, layout, claim ids, options
 * and no drag — only those claims' nodes can change (balances, counts,
 * places and label room read none of what changed). A claim node carries
 * no text (its name and words are ClaimNode's, from the store), so typing
 * hands back the same array and React Flow does no work for it at all.
 * Null: sync everything.
 */
function claimEditOnly(prev: readonly FlowNode[], doc: MapDoc, options: SyncOptions): FlowNode[] | null {
  const last = lastSync;
  // `prev` may be the last answer with local changes made since (selection,
  // measured sizes: useFlowState), which keep every node where it was; a
  // node by any other id at a changed claim's index means it is not.
  if (!last || last.out.length !== prev.length) return null;
  const was = last.doc;
  if (was.links !== doc.links || was.quotes !== doc.quotes || was.sources !== doc.sources || was.layout !== doc.layout) return null;
  const o = last.options;
  if (o.visible !== options.visible || (o.collapsed ?? null) !== (options.collapsed ?? null) || (o.drawn ?? null) !== (options.drawn ?? null)) return null;
  if (o.dragging?.size || options.dragging?.size) return null;
  if (keysOf(was.claims) !== keysOf(doc.claims)) return null;
  const ids = changedIds(was.claims, doc.claims, 64);
  if (!ids) return null;
  const index = (last.index ??= new Map(prev.map((n, i) => [n.id, i])));
  let out: FlowNode[] | null = null;
  for (const id of ids) {
    const i = index.get(id);
    const claim = doc.claims[id];
    const old = i === undefined ? undefined : prev[i];
    if (i === undefined || !claim || old?.type !== 'claim' || old.id !== id) return null;
    // The text is not on the node (ClaimNode names it): only a kind switch shows here.
    const thesis = claim.kind === 'thesis';
    if (old.data.thesis === thesis) continue;
    out ??= prev.slice();
    out[i] = { ...old, data: { ...old.data, thesis }, className: thesis ? 'is-thesis' : undefined };
  }
  return out ?? (prev as FlowNode[]);
}

function syncAll(prev: readonly FlowNode[], doc: MapDoc, options: SyncOptions): FlowNode[] {
  const before = new Map<string, FlowNode>();
  for (const n of prev) before.set(n.id, n);
  const balances = balancesOf(doc);
  const counts = evidenceCounts(doc);
  const fallback = fallbackPositions(doc);
  const next: FlowNode[] = [];
  const args = argumentsOf(doc);
  let same = prev.length === Object.keys(doc.claims).length + Object.keys(doc.quotes).length + args.size;

  const place = (id: string, old: FlowNode | undefined): Position => {
    if (old && options.dragging?.has(id)) return old.position;
    const p = doc.layout[id] ?? fallback.get(id) ?? { x: 0, y: 0 };
    return old && near(old.position, p) ? old.position : p;
  };

  const claimList = Object.values(doc.claims);
  const claimPlaces = claimList.map((c) => ({ id: c.id, p: place(c.id, before.get(c.id)) }));
  const spreadOf = spreadsOf(claimPlaces);
  for (const [i, claim] of claimList.entries()) {
    const old = before.get(claim.id);
    const b = balances[claim.id];
    const count = counts.get(claim.id);
    const forCount = count?.for ?? 0;
    const againstCount = count?.against ?? 0;
    // A node under the pointer keeps what it shows until the drag ends.
    const room = spreadOf.get(claim.id);
    const keep = old?.type === 'claim' && options.dragging?.has(claim.id);
    const spread = keep ? old.data.spread : (room?.w ?? NODE_WIDTH);
    const drop = keep ? old.data.drop : (room?.h ?? CLAIM_HEIGHT);
    const thesis = claim.kind === 'thesis';
    const status = b?.status ?? 'unsupported';
    const forWeight = b?.forWeight ?? 0;
    const againstWeight = b?.againstWeight ?? 0;
    const position = claimPlaces[i]!.p;
    const hidden = (options.visible ? !options.visible.has(claim.id) : false) || !!(options.drawn && !options.drawn.has(claim.id));
    let node: FlowNode;
    if (
      old &&
      old.type === 'claim' &&
      old.position === position &&
      !!old.hidden === hidden &&
      old.data.thesis === thesis &&
      old.data.status === status &&
      old.data.forWeight === forWeight &&
      old.data.againstWeight === againstWeight &&
      old.data.forCount === forCount &&
      old.data.againstCount === againstCount &&
      old.data.spread === spread &&
      old.data.drop === drop
    ) {
      node = old;
    } else {
      const fresh: ClaimFlowNode = {
        id: claim.id,
        type: 'claim',
        position,
        data: { thesis, status, forWeight, againstWeight, forCount, againstCount, spread, drop },
        hidden,
        selected: old?.selected ?? false,
        className: thesis ? 'is-thesis' : undefined,
        // A size before measuring: culling can skip off-screen nodes from the first frame.
        initialWidth: NODE_WIDTH,
        initialHeight: CLAIM_HEIGHT,
      };
      if (old?.measured) fresh.measured = old.measured;
      else fresh.handles = CLAIM_HANDLES;
      node = fresh;
    }
    if (node !== prev[next.length]) same = false;
    next.push(node);
  }

  for (const quote of Object.values(doc.quotes)) {
    const old = before.get(quote.id);
    const position = place(quote.id, old);
    const hidden =
      (options.visible ? !options.visible.has(quote.id) : false) ||
      !!options.collapsed?.has(quote.id) ||
      !!(options.drawn && !options.drawn.has(quote.id));
    const ariaLabel = labelOf(quote, quote.exact, quoteLabel);
    let node: FlowNode;
    if (
      old &&
      old.type === 'quote' &&
      old.position === position &&
      !!old.hidden === hidden &&
      old.ariaLabel === ariaLabel
    ) {
      node = old;
    } else {
      const fresh: QuoteFlowNode = {
        id: quote.id,
        type: 'quote',
        position,
        // The anchor warning is worked out by the node when drawn (QuoteNode): most quotes of a large map never are.
        data: {},
        ariaLabel,
        hidden,
        selected: old?.selected ?? false,
        initialWidth: NODE_WIDTH,
        initialHeight: QUOTE_HEIGHT,
      };
      if (old?.measured) fresh.measured = old.measured;
      else fresh.handles = QUOTE_HANDLES;
      node = fresh;
    }
    if (node !== prev[next.length]) same = false;
    next.push(node);
  }

  const placed = new Map<string, FlowNode>();
  for (const n of next) placed.set(n.id, n);
  const grid = args.size ? boxGrid(next) : new BoxGrid<Box>(JUNCTION_CELL);
  for (const a of args.values()) {
    const old = before.get(a.id);
    const p = junctionPlace(a, (id) => placed.get(id), grid);
    const position = old && near(old.position, p) ? old.position : p;
    const isHidden = (id: string) => (options.visible ? !options.visible.has(id) : false) || !!options.collapsed?.has(id);
    const hidden = !!options.drawn || isHidden(a.to) || a.links.every((l) => isHidden(l.from));
    const ariaLabel = junctionLabel(a.scheme);
    const name = junctionName(a.scheme);
    const link = a.links[0]!.id;
    let node: FlowNode;
    if (
      old &&
      old.type === 'junction' &&
      old.position === position &&
      !!old.hidden === hidden &&
      old.ariaLabel === ariaLabel &&
      old.data.relation === a.relation &&
      old.data.link === link
    ) {
      node = old;
    } else {
      const fresh: JunctionFlowNode = {
        id: a.id,
        type: 'junction',
        position,
        data: { name, relation: a.relation, link },
        ariaLabel,
        hidden,
        // Not selectable itself (it is drawn, not stored): a click selects its link.
        selectable: false,
        initialWidth: JUNCTION_WIDTH,
        initialHeight: JUNCTION_HEIGHT,
      };
      if (old?.measured) fresh.measured = old.measured;
      else fresh.handles = JUNCTION_HANDLES;
      node = fresh;
    }
    if (node !== prev[next.length]) same = false;
    next.push(node);
  }
  return same ? (prev as FlowNode[]) : next;
}

// ---------------------------------------------------------------- edges

const textOf = (doc: MapDoc, id: string) => doc.claims[id]?.text ?? doc.quotes[id]?.exact ?? id;

const edgeLabels = new WeakMap<Link, { from: Claim | Quote | undefined; to: Claim | undefined; label: string }>();

/**
 * A live link's edge name, made again only when the link or one of its end
 * records changes: the same string object otherwise, so comparing it with
 * the drawn edge's is one pointer test, and a keystroke in one claim builds
 * the names of that claim's edges only.
 */
function liveEdgeLabel(doc: MapDoc, link: Link): string {
  const from = doc.claims[link.from] ?? doc.quotes[link.from];
  const to = doc.claims[link.to];
  const hit = edgeLabels.get(link);
  if (hit && hit.from === from && hit.to === to) return hit.label;
  const label = edgeLabel(link.relation, textOf(doc, link.from), textOf(doc, link.to));
  edgeLabels.set(link, { from, to, label });
  return label;
}

/**
 * An edge's accessible name (ui.md), by edge id, from the doc as it is now;
 * null when the edge's link or argument is gone. Not on the edge object:
 * names carry the text of the claims at both ends, and a new edge array
 * per keystroke makes React Flow rebuild its lookup of every edge (tens of
 * milliseconds at 50,000 links). EvidenceEdge names the drawn edge.
 */
export function edgeName(doc: MapDoc, id: string): string | null {
  if (id.startsWith('jx:')) {
    const a = argumentsOf(doc).get(id.slice(3));
    return a ? edgeLabel(a.relation, junctionLabel(a.scheme), textOf(doc, a.to)) : null;
  }
  const link = doc.links[id];
  if (!link) return null;
  if (isLiveLink(doc, link)) return liveEdgeLabel(doc, link);
  // Format version 2: a link aimed at a link.
  const aimed = doc.links[link.to];
  if (!aimed) return null;
  const word = link.relation === 'contradicts' ? 'undercuts' : 'backs';
  return `${word}: ${end(textOf(doc, link.from))} → ${end(textOf(doc, aimed.from))} → ${end(textOf(doc, aimed.to))}`;
}

/** The last `syncEdges` answer and what it read, for the keystroke's fast path. */
let lastEdges: {
  out: readonly EvidenceFlowEdge[];
  links: MapDoc['links'];
  claims: KeysToken;
  quotes: KeysToken;
  visible: ReadonlySet<string> | null;
  collapsed: ReadonlySet<string> | null;
} | null = null;

/**
 * The canvas's edges for `doc`, reusing every object of `prev` that is still
 * right. An edge reads the links, which claims and quotes exist (liveness,
 * weights, arguments: all keyed so) and the options, never a record's text:
 * when none of these changed since the last answer, that answer stands
 * without a walk over every link (typing in a 50,000-claim map).
 */
export function syncEdges(
  prev: readonly EvidenceFlowEdge[],
  doc: MapDoc,
  visible: ReadonlySet<string> | null,
  collapsed: ReadonlySet<string> | null = null,
): EvidenceFlowEdge[] {
  const claims = keysOf(doc.claims);
  const quotes = keysOf(doc.quotes);
  const last = lastEdges;
  if (
    last &&
    last.out === prev &&
    last.links === doc.links &&
    last.claims === claims &&
    last.quotes === quotes &&
    last.visible === visible &&
    last.collapsed === collapsed
  ) {
    return prev as EvidenceFlowEdge[];
  }
  const out = syncAllEdges(prev, doc, visible, collapsed);
  lastEdges = { out, links: doc.links, claims, quotes, visible, collapsed };
  return out;
}

function syncAllEdges(
  prev: readonly EvidenceFlowEdge[],
  doc: MapDoc,
  visible: ReadonlySet<string> | null,
  collapsed: ReadonlySet<string> | null,
): EvidenceFlowEdge[] {
  const before = new Map<string, EvidenceFlowEdge>();
  for (const e of prev) before.set(e.id, e);
  const next: EvidenceFlowEdge[] = [];
  let same = true;
  const weights = linkWeights(doc);
  const args = argumentsOf(doc);
  const junctionOf = junctionOfLink(doc);
  const isHidden = (id: string) => (visible ? !visible.has(id) : false) || !!collapsed?.has(id);

  const keep = (edge: EvidenceFlowEdge) => {
    if (edge !== prev[next.length]) same = false;
    next.push(edge);
  };
  const push = (fresh: EvidenceFlowEdge) => {
    const old = before.get(fresh.id);
    const d = fresh.data!;
    const o = old?.data;
    const edge =
      old &&
      o &&
      old.source === fresh.source &&
      old.target === fresh.target &&
      o.relation === d.relation &&
      o.weight === d.weight &&
      o.status === d.status &&
      o.part === d.part &&
      o.link === d.link &&
      o.on?.from === d.on?.from &&
      o.on?.to === d.on?.to &&
      !!old.hidden === !!fresh.hidden
        ? old
        : { ...fresh, selected: old?.selected ?? false };
    keep(edge);
  };

  // Where an edge aimed at a link meets it: the drawn edge of that link.
  const endsOf = (link: Link): { from: string; to: string } => ({ from: link.from, to: junctionOf.get(link.id) ?? link.to });

  for (const link of Object.values(doc.links)) {
    const status = weights.get(link.id)?.status;
    const weight = linkWeight(link);
    if (isLiveLink(doc, link)) {
      const junction = junctionOf.get(link.id);
      const target = junction ?? link.to;
      const part = junction ? 'premise' : undefined;
      const hidden = isHidden(link.from) || isHidden(link.to);
      // Checked before anything is built: a keystroke keeps nearly every edge as it was.
      const old = before.get(link.id);
      const o = old?.data;
      if (
        old &&
        o &&
        old.source === link.from &&
        old.target === target &&
        o.relation === link.relation &&
        o.weight === weight &&
        o.status === status &&
        o.part === part &&
        o.link === undefined &&
        o.on === undefined &&
        !!old.hidden === hidden
      ) {
        keep(old);
        continue;
      }
      push({
        id: link.id,
        type: 'evidence',
        source: link.from,
        target: junction ?? link.to,
        data: junction ? { relation: link.relation, weight, status, part: 'premise' } : { relation: link.relation, weight, status },
        hidden,
      });
      continue;
    }
    // Format version 2: a link aimed at a link, drawn to the middle of that link's edge.
    const aimed = doc.links[link.to];
    if (!aimed || !isLiveLink(doc, aimed) || !status) continue;
    const on = endsOf(aimed);
    push({
      id: link.id,
      type: 'evidence',
      source: link.from,
      target: on.to,
      data: { relation: link.relation, weight, status, on },
      hidden: isHidden(link.from) || isHidden(aimed.from) || isHidden(aimed.to),
    });
  }

  for (const a of args.values()) {
    const head = a.links[0]!;
    push({
      id: `jx:${a.id}`,
      type: 'evidence',
      source: a.id,
      target: a.to,
      data: {
        relation: a.relation,
        weight: linkWeight(head),
        status: weights.get(head.id)?.status,
        part: 'conclusion',
        link: head.id,
      },
      hidden: isHidden(a.to) || a.links.every((l) => isHidden(l.from)),
    });
  }
  return same && next.length === prev.length ? (prev as EvidenceFlowEdge[]) : next;
}
