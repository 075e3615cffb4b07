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
import { quoteAnchorStatus } from '../../domain/edits';
import type { AnchorStatus } from '../../domain/anchoring/anchor';
import { linkWeight, type Position, type Quote, type Source } from '../../domain/schema';
import { fallbackPositions } from './placement';
import {
  CLAIM_HEIGHT,
  NODE_WIDTH,
  QUOTE_HEIGHT,
  type ClaimFlowNode,
  type EvidenceFlowEdge,
  type FlowNode,
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

const near = (a: Position, b: Position) => Math.abs(a.x - b.x) < 0.06 && Math.abs(a.y - b.y) < 0.06;

export type SyncOptions = {
  /** Nodes hidden by focus mode (`null`: nothing hidden). */
  visible: ReadonlySet<string> | null;
  /** Nodes being dragged keep their local position whatever the doc says. */
  dragging?: ReadonlySet<string>;
  /** Quotes folded into their claim's evidence badge (the overview at low zoom). */
  collapsed?: ReadonlySet<string> | null;
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
    if (!link.from.startsWith('q_') || !isLiveLink(doc, link)) continue;
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
  if (expanded.size) for (const l of Object.values(doc.links)) if (expanded.has(l.to) && l.from.startsWith('q_')) shown.add(l.from);
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
  let same = prev.length === Object.keys(doc.claims).length + Object.keys(doc.quotes).length;

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
    const hidden = options.visible ? !options.visible.has(claim.id) : false;
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
      node = fresh;
    }
    if (node !== prev[next.length]) same = false;
    next.push(node);
  }

  for (const quote of Object.values(doc.quotes)) {
    const old = before.get(quote.id);
    const anchor = anchorOf(doc, quote);
    const position = place(quote.id, old);
    const hidden = (options.visible ? !options.visible.has(quote.id) : false) || !!options.collapsed?.has(quote.id);
    const ariaLabel = quoteLabel(quote.exact);
    let node: FlowNode;
    if (
      old &&
      old.type === 'quote' &&
      old.position === position &&
      !!old.hidden === hidden &&
      old.ariaLabel === ariaLabel &&
      old.data.anchor === anchor
    ) {
      node = old;
    } else {
      const fresh: QuoteFlowNode = {
        id: quote.id,
        type: 'quote',
        position,
        data: { anchor },
        ariaLabel,
        hidden,
        selected: old?.selected ?? false,
        initialWidth: NODE_WIDTH,
        initialHeight: QUOTE_HEIGHT,
      };
      if (old?.measured) fresh.measured = old.measured;
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
  for (const link of Object.values(doc.links)) {
    if (!isLiveLink(doc, link)) continue;
    const old = before.get(link.id);
    const weight = linkWeight(link);
    const hidden = (visible ? !(visible.has(link.from) && visible.has(link.to)) : false) || !!collapsed?.has(link.from);
    const ariaLabel = edgeLabel(link.relation, textOf(doc, link.from), textOf(doc, link.to));
    let edge: EvidenceFlowEdge;
    if (
      old &&
      old.ariaLabel === ariaLabel &&
      old.source === link.from &&
      old.target === link.to &&
      old.data?.relation === link.relation &&
      old.data.weight === weight &&
      !!old.hidden === hidden
    ) {
      edge = old;
    } else {
      edge = {
        id: link.id,
        type: 'evidence',
        source: link.from,
        target: link.to,
        data: { relation: link.relation, weight },
        ariaLabel,
        hidden,
        selected: old?.selected ?? false,
      };
    }
    if (edge !== prev[next.length]) same = false;
    next.push(edge);
  }
  return same && next.length === prev.length ? (prev as EvidenceFlowEdge[]) : next;
}

