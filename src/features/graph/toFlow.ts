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
import { allBalances, type ClaimBalance } from '../../domain/analysis/balance';
import { isLiveLink } from '../../domain/analysis/graph';
import { linkWeights } from '../../domain/analysis/weights';
import { quoteAnchorStatus } from '../../domain/edits';
import type { AnchorStatus } from '../../domain/anchoring/anchor';
import { isQuoteId, linkWeight, type Link, type Position, type Quote, type Source } from '../../domain/schema';
import { Position as Side, type NodeHandle } from '@xyflow/react';
import { fallbackPositions } from './placement';
import {
  CLAIM_HEIGHT,
  JUNCTION_HEIGHT,
  JUNCTION_WIDTH,
  NODE_WIDTH,
  QUOTE_HEIGHT,
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

// ---------------------------------------------------------------- balances

const balanceCache = new WeakMap<object, { claims: MapDoc['claims']; balances: Record<string, ClaimBalance> }>();

/**
 * Every claim's balance, computed once per change of links or claims (docs are
 * immutable and untouched tables are shared, so table identity is the key).
 */
export function balancesOf(doc: MapDoc): Record<string, ClaimBalance> {
  const hit = balanceCache.get(doc.links);
  if (hit && hit.claims === doc.claims) return hit.balances;
  const balances = allBalances(doc);
  balanceCache.set(doc.links, { claims: doc.claims, balances });
  return balances;
}

// ---------------------------------------------------------------- anchors

const anchorCache = new WeakMap<Quote, { source: Source | undefined; status: AnchorStatus }>();

/** A quote's anchor status, recomputed only when the quote or its source record changes. */
export function anchorOf(doc: MapDoc, quote: Quote): AnchorStatus {
  const source = doc.sources[quote.sourceId];
  const hit = anchorCache.get(quote);
  if (hit && hit.source === source) return hit.status;
  const status = quoteAnchorStatus(doc, quote);
  anchorCache.set(quote, { source, status });
  return status;
}

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

export type EvidenceCount = { for: number; against: number };
const countCache = new WeakMap<object, Map<string, EvidenceCount>>();

/** How many quotes bear directly on each claim, for and against (the overview's badge). */
export function evidenceCounts(doc: MapDoc): Map<string, EvidenceCount> {
  const hit = countCache.get(doc.links);
  if (hit) return hit;
  const out = new Map<string, EvidenceCount>();
  for (const link of Object.values(doc.links)) {
    if (!isQuoteId(link.from) || !isLiveLink(doc, link)) continue;
    let c = out.get(link.to);
    if (!c) out.set(link.to, (c = { for: 0, against: 0 }));
    if (link.relation === 'supports') c.for++;
    else c.against++;
  }
  countCache.set(doc.links, out);
  return out;
}

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

/**
 * How much room each claim's overview label has: across, up to the next
 * claim to its right whose row it shares; down, up to the next claim under
 * that span. Quotes are folded away in the overview, so the label may run
 * over its own quote block.
 */
function spreads(claims: { id: string; p: Position }[]): Map<string, { w: number; h: number }> {
  const byX = [...claims].sort((a, b) => a.p.x - b.p.x);
  const out = new Map<string, { w: number; h: number }>();
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
    for (let j = 0; j < byX.length; j++) {
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

// ---------------------------------------------------------------- linked arguments

/** A linked argument: links sharing group, target and relation (weights.ts groups them so). */
export type Argument = { id: string; to: string; relation: Link['relation']; scheme: string | undefined; links: Link[] };

const argumentCache = new WeakMap<object, { claims: MapDoc['claims']; quotes: MapDoc['quotes']; args: Map<string, Argument> }>();

/**
 * The map's linked arguments of two or more live links to a claim, by junction
 * id. A group of one is drawn as a plain edge: there is nothing to join.
 */
export function argumentsOf(doc: MapDoc): Map<string, Argument> {
  const hit = argumentCache.get(doc.links);
  if (hit && hit.claims === doc.claims && hit.quotes === doc.quotes) return hit.args;
  const all = new Map<string, Argument>();
  for (const link of Object.values(doc.links)) {
    if (link.group === undefined || !isLiveLink(doc, link)) continue;
    const id = `j:${link.to}:${link.relation}:${link.group}`;
    let a = all.get(id);
    if (!a) all.set(id, (a = { id, to: link.to, relation: link.relation, scheme: link.scheme, links: [] }));
    a.links.push(link);
  }
  const args = new Map<string, Argument>();
  for (const [id, a] of all) if (a.links.length > 1) args.set(id, a);
  argumentCache.set(doc.links, { claims: doc.claims, quotes: doc.quotes, args });
  return args;
}

/** The junction a link runs through, by link id. */
export function junctionOfLink(doc: MapDoc): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of argumentsOf(doc).values()) for (const l of a.links) out.set(l.id, a.id);
  return out;
}

const sizeOf = (id: string) => ({ w: NODE_WIDTH, h: isQuoteId(id) ? QUOTE_HEIGHT : CLAIM_HEIGHT });

/**
 * Where a junction goes: halfway between the middle of its premises and its
 * conclusion, so the compact layout needs no place of its own for it.
 */
function junctionPlace(a: Argument, at: (id: string) => Position): Position {
  let x = 0;
  let y = 0;
  for (const l of a.links) {
    const p = at(l.from);
    const s = sizeOf(l.from);
    x += p.x + s.w / 2;
    y += p.y + s.h / 2;
  }
  x /= a.links.length;
  y /= a.links.length;
  const c = at(a.to);
  const cx = c.x + NODE_WIDTH / 2;
  const cy = c.y + CLAIM_HEIGHT / 2;
  return { x: Math.round((x + cx) / 2 - JUNCTION_WIDTH / 2), y: Math.round((y + cy) / 2 - JUNCTION_HEIGHT / 2) };
}

/**
 * The canvas's nodes for `doc`, reusing every object of `prev` that is still
 * right. Selection and measured size are local state and carry over.
 */
export function syncNodes(prev: readonly FlowNode[], doc: MapDoc, options: SyncOptions): FlowNode[] {
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
  const spreadOf = spreads(claimPlaces);
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
    const ariaLabel = claimLabel(claim.text);
    let node: FlowNode;
    if (
      old &&
      old.type === 'claim' &&
      old.position === position &&
      !!old.hidden === hidden &&
      old.ariaLabel === ariaLabel &&
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
        ariaLabel,
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
    const ariaLabel = quoteLabel(quote.exact);
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

  const placed = new Map<string, Position>();
  for (const n of next) placed.set(n.id, n.position);
  for (const a of args.values()) {
    const old = before.get(a.id);
    const p = junctionPlace(a, (id) => placed.get(id) ?? { x: 0, y: 0 });
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

/** The canvas's edges for `doc`, reusing every object of `prev` that is still right. */
export function syncEdges(
  prev: readonly EvidenceFlowEdge[],
  doc: MapDoc,
  visible: ReadonlySet<string> | null,
  collapsed: ReadonlySet<string> | null = null,
): EvidenceFlowEdge[] {
  const before = new Map<string, EvidenceFlowEdge>();
  for (const e of prev) before.set(e.id, e);
  const next: EvidenceFlowEdge[] = [];
  let same = true;
  const weights = linkWeights(doc);
  const args = argumentsOf(doc);
  const junctionOf = junctionOfLink(doc);
  const isHidden = (id: string) => (visible ? !visible.has(id) : false) || !!collapsed?.has(id);

  const push = (fresh: EvidenceFlowEdge) => {
    const old = before.get(fresh.id);
    const d = fresh.data!;
    const o = old?.data;
    const edge =
      old &&
      o &&
      old.ariaLabel === fresh.ariaLabel &&
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
    if (edge !== prev[next.length]) same = false;
    next.push(edge);
  };

  // Where an edge aimed at a link meets it: the drawn edge of that link.
  const endsOf = (link: Link): { from: string; to: string } => ({ from: link.from, to: junctionOf.get(link.id) ?? link.to });

  for (const link of Object.values(doc.links)) {
    const status = weights.get(link.id)?.status;
    const weight = linkWeight(link);
    if (isLiveLink(doc, link)) {
      const junction = junctionOf.get(link.id);
      push({
        id: link.id,
        type: 'evidence',
        source: link.from,
        target: junction ?? link.to,
        data: junction ? { relation: link.relation, weight, status, part: 'premise' } : { relation: link.relation, weight, status },
        ariaLabel: edgeLabel(link.relation, textOf(doc, link.from), textOf(doc, link.to)),
        hidden: isHidden(link.from) || isHidden(link.to),
      });
      continue;
    }
    // Format version 2: a link aimed at a link, drawn to the middle of that link's edge.
    const aimed = doc.links[link.to];
    if (!aimed || !isLiveLink(doc, aimed) || !status) continue;
    const on = endsOf(aimed);
    const word = link.relation === 'contradicts' ? 'undercuts' : 'backs';
    push({
      id: link.id,
      type: 'evidence',
      source: link.from,
      target: on.to,
      data: { relation: link.relation, weight, status, on },
      ariaLabel: `${word}: ${end(textOf(doc, link.from))} → ${end(textOf(doc, aimed.from))} → ${end(textOf(doc, aimed.to))}`,
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
      ariaLabel: edgeLabel(a.relation, junctionLabel(a.scheme), textOf(doc, a.to)),
      hidden: isHidden(a.to) || a.links.every((l) => isHidden(l.from)),
    });
  }
  return same && next.length === prev.length ? (prev as EvidenceFlowEdge[]) : next;
}
