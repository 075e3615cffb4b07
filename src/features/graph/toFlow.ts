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
import {
  CLAIM_HEIGHT,
  COL_GAP,
  NODE_WIDTH,
  QUOTE_HEIGHT,
  ROW_GAP,
  type ClaimFlowNode,
  type EvidenceFlowEdge,
  type FlowNode,
  type QuoteFlowNode,
} from './flowTypes';

/** A claim node's accessible name (ui.md): exactly `Claim: ` + its text. */
export const claimLabel = (text: string): string => `Claim: ${text}`;
/** A quote node's accessible name (ui.md): `Quote: ` + its passage cut to 80 characters. */
export const quoteLabel = (exact: string): string => `Quote: ${exact.slice(0, 80)}`;

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

// ---------------------------------------------------------------- fallback positions

const nodeHeight = (id: string) => (id.startsWith('q_') ? QUOTE_HEIGHT : CLAIM_HEIGHT);

const fallbackCache = new WeakMap<
  object,
  { links: MapDoc['links']; claims: MapDoc['claims']; quotes: MapDoc['quotes']; positions: ReadonlyMap<string, Position> }
>();

/**
 * Places every node that has no stored position, without a full relayout:
 * evidence goes in a row under the claim it links to (once that claim has a
 * place), and what links to nothing placed starts a new row below everything.
 * Deterministic, so the same doc always gives the same places (and the same
 * node objects); the place is persisted the first time the user moves the node.
 */
export function fallbackPositions(doc: MapDoc): ReadonlyMap<string, Position> {
  const hit = fallbackCache.get(doc.layout);
  if (hit && hit.links === doc.links && hit.claims === doc.claims && hit.quotes === doc.quotes) return hit.positions;
  const positions = computeFallback(doc);
  fallbackCache.set(doc.layout, { links: doc.links, claims: doc.claims, quotes: doc.quotes, positions });
  return positions;
}

function computeFallback(doc: MapDoc): Map<string, Position> {
  const out = new Map<string, Position>();
  const ids = [...Object.keys(doc.claims), ...Object.keys(doc.quotes)];
  const missing = ids.filter((id) => !doc.layout[id]);
  if (missing.length === 0) return out;
  const placed = (id: string): Position | undefined => doc.layout[id] ?? out.get(id);

  // Evidence of each claim (links ending at it), and which nodes link anywhere.
  const incoming = new Map<string, string[]>();
  const linksOut = new Set<string>();
  for (const link of Object.values(doc.links)) {
    if (!isLiveLink(doc, link)) continue;
    let list = incoming.get(link.to);
    if (!list) incoming.set(link.to, (list = []));
    list.push(link.from);
    linksOut.add(link.from);
  }

  let maxY = -Infinity;
  let minX = Infinity;
  for (const id of ids) {
    const p = doc.layout[id];
    if (!p) continue;
    maxY = Math.max(maxY, p.y + nodeHeight(id));
    minX = Math.min(minX, p.x);
  }
  if (!Number.isFinite(maxY)) {
    maxY = -ROW_GAP + CLAIM_HEIGHT;
    minX = 0;
  }

  /**
   * Gives the unplaced evidence under each root a tree of its own (each node
   * joins the first tree that reaches it), sized so that subtrees sit side by
   * side without overlapping: a tidy tree, computed only for what has no place.
   */
  const children = new Map<string, string[]>();
  const claimTrees = (roots: string[]) => {
    const order: string[] = [];
    const taken = new Set<string>();
    const queue = [...roots];
    for (const r of roots) taken.add(r);
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i]!;
      order.push(id);
      const kids: string[] = [];
      for (const c of incoming.get(id) ?? []) {
        if (placed(c) || taken.has(c)) continue;
        taken.add(c);
        kids.push(c);
        queue.push(c);
      }
      children.set(id, kids);
    }
    return order;
  };
  const widthOf = new Map<string, number>();
  const measure = (order: string[]) => {
    for (let i = order.length - 1; i >= 0; i--) {
      const id = order[i]!;
      const kids = children.get(id) ?? [];
      let w = 0;
      for (const k of kids) w += widthOf.get(k)! + COL_GAP;
      widthOf.set(id, Math.max(NODE_WIDTH, w - COL_GAP));
    }
  };
  const placeUnder = (order: string[]) => {
    for (const id of order) {
      const at = placed(id)!;
      const kids = children.get(id) ?? [];
      if (!kids.length) continue;
      let total = -COL_GAP;
      for (const k of kids) total += widthOf.get(k)! + COL_GAP;
      let x = at.x + NODE_WIDTH / 2 - total / 2;
      for (const k of kids) {
        const w = widthOf.get(k)!;
        const p = { x: x + w / 2 - NODE_WIDTH / 2, y: at.y + ROW_GAP };
        out.set(k, p);
        maxY = Math.max(maxY, p.y + nodeHeight(k));
        x += w + COL_GAP;
      }
    }
  };

  // Under claims that already have a place.
  const anchored = claimTrees(Object.keys(doc.claims).filter((id) => doc.layout[id] && incoming.has(id)));
  measure(anchored);
  placeUnder(anchored);

  // What is left links to nothing placed: conclusions first (theses, then claims
  // that link nowhere), then anything else (a cycle), side by side on a new row.
  const rest = () => missing.filter((id) => !placed(id));
  for (let left = rest(); left.length; left = rest()) {
    const roots = left.filter((id) => !linksOut.has(id));
    roots.sort((a, b) => rank(doc, a) - rank(doc, b));
    const row = roots.length ? roots : [left[0]!];
    const order = claimTrees(row);
    measure(order);
    const y = maxY + ROW_GAP - CLAIM_HEIGHT;
    let x = minX;
    for (const id of row) {
      const w = widthOf.get(id)!;
      out.set(id, { x: x + w / 2 - NODE_WIDTH / 2, y });
      x += w + COL_GAP;
    }
    for (const id of row) maxY = Math.max(maxY, y + nodeHeight(id));
    placeUnder(order);
  }
  return out;
}

const rank = (doc: MapDoc, id: string) => (doc.claims[id]?.kind === 'thesis' ? 0 : id.startsWith('c_') ? 1 : 2);

// ---------------------------------------------------------------- nodes

const near = (a: Position, b: Position) => Math.abs(a.x - b.x) < 0.06 && Math.abs(a.y - b.y) < 0.06;

export type SyncOptions = {
  /** Nodes hidden by focus mode (`null`: nothing hidden). */
  visible: ReadonlySet<string> | null;
  /** Nodes being dragged keep their local position whatever the doc says. */
  dragging?: ReadonlySet<string>;
};

/**
 * The canvas's nodes for `doc`, reusing every object of `prev` that is still
 * right. Selection and measured size are local state and carry over.
 */
export function syncNodes(prev: readonly FlowNode[], doc: MapDoc, options: SyncOptions): FlowNode[] {
  const before = new Map<string, FlowNode>();
  for (const n of prev) before.set(n.id, n);
  const balances = balancesOf(doc);
  const fallback = fallbackPositions(doc);
  const next: FlowNode[] = [];
  let same = prev.length === Object.keys(doc.claims).length + Object.keys(doc.quotes).length;

  const place = (id: string, old: FlowNode | undefined): Position => {
    if (old && options.dragging?.has(id)) return old.position;
    const p = doc.layout[id] ?? fallback.get(id) ?? { x: 0, y: 0 };
    return old && near(old.position, p) ? old.position : p;
  };

  for (const claim of Object.values(doc.claims)) {
    const old = before.get(claim.id);
    const b = balances[claim.id];
    const thesis = claim.kind === 'thesis';
    const status = b?.status ?? 'unsupported';
    const forWeight = b?.forWeight ?? 0;
    const againstWeight = b?.againstWeight ?? 0;
    const position = place(claim.id, old);
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
      old.data.againstWeight === againstWeight
    ) {
      node = old;
    } else {
      const fresh: ClaimFlowNode = {
        id: claim.id,
        type: 'claim',
        position,
        data: { thesis, status, forWeight, againstWeight },
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
    const hidden = options.visible ? !options.visible.has(quote.id) : false;
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

/** The canvas's edges for `doc`, reusing every object of `prev` that is still right. */
export function syncEdges(prev: readonly EvidenceFlowEdge[], doc: MapDoc, visible: ReadonlySet<string> | null): EvidenceFlowEdge[] {
  const before = new Map<string, EvidenceFlowEdge>();
  for (const e of prev) before.set(e.id, e);
  const next: EvidenceFlowEdge[] = [];
  let same = true;
  for (const link of Object.values(doc.links)) {
    if (!isLiveLink(doc, link)) continue;
    const old = before.get(link.id);
    const weight = linkWeight(link);
    const hidden = visible ? !(visible.has(link.from) && visible.has(link.to)) : false;
    let edge: EvidenceFlowEdge;
    if (
      old &&
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
        ariaLabel: link.relation,
        hidden,
        selected: old?.selected ?? false,
      };
    }
    if (edge !== prev[next.length]) same = false;
    next.push(edge);
  }
  return same && next.length === prev.length ? (prev as EvidenceFlowEdge[]) : next;
}

// ---------------------------------------------------------------- focus and find

/**
 * The nodes that bear on `claimId`: the claim and everything with a path of
 * links to it (a reverse breadth-first search over incoming links).
 */
export function bearingOn(doc: MapDoc, claimId: string): Set<string> {
  const incoming = new Map<string, string[]>();
  for (const link of Object.values(doc.links)) {
    if (!isLiveLink(doc, link)) continue;
    let list = incoming.get(link.to);
    if (!list) incoming.set(link.to, (list = []));
    list.push(link.from);
  }
  const seen = new Set<string>();
  if (!(claimId in doc.claims)) return seen;
  seen.add(claimId);
  const queue = [claimId];
  for (let i = 0; i < queue.length; i++) {
    for (const from of incoming.get(queue[i]!) ?? []) {
      if (!seen.has(from)) {
        seen.add(from);
        queue.push(from);
      }
    }
  }
  return seen;
}

/** Claims and quotes whose text contains `query` (case-insensitive), claims first, in doc order. */
export function findNodes(doc: MapDoc, query: string, visible: ReadonlySet<string> | null = null): string[] {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return [];
  const out: string[] = [];
  for (const c of Object.values(doc.claims)) {
    if ((!visible || visible.has(c.id)) && c.text.toLocaleLowerCase().includes(q)) out.push(c.id);
  }
  for (const quote of Object.values(doc.quotes)) {
    if ((!visible || visible.has(quote.id)) && quote.exact.toLocaleLowerCase().includes(q)) out.push(quote.id);
  }
  return out;
}

/** Claims for the `Focus on` list: theses first, then the others, each by text. */
export function focusChoices(doc: MapDoc): { id: string; text: string; thesis: boolean }[] {
  const claims = Object.values(doc.claims).map((c) => ({ id: c.id, text: c.text, thesis: c.kind === 'thesis' }));
  return claims.sort((a, b) => Number(b.thesis) - Number(a.thesis) || a.text.localeCompare(b.text));
}

// ---------------------------------------------------------------- keyboard moves

export type Direction = 'up' | 'down' | 'left' | 'right';

/**
 * Where an arrow key goes from `id` along the links: up to a claim it links to,
 * down to evidence linking to it, left/right to its siblings (the other
 * evidence of the claim it links to), each time the nearest by position.
 */
export function neighbour(
  doc: MapDoc,
  id: string,
  direction: Direction,
  positionOf: (id: string) => Position | undefined,
  visible: ReadonlySet<string> | null = null,
): string | null {
  const here = positionOf(id);
  if (!here) return null;
  const ok = (n: string) => n !== id && (!visible || visible.has(n));
  const live = Object.values(doc.links).filter((l) => isLiveLink(doc, l));
  const nearest = (ids: string[]) => {
    let best: string | null = null;
    let bestD = Infinity;
    for (const n of ids) {
      const p = positionOf(n);
      if (!p) continue;
      const d = Math.abs(p.x - here.x) + Math.abs(p.y - here.y) / 4;
      if (d < bestD) {
        bestD = d;
        best = n;
      }
    }
    return best;
  };
  if (direction === 'up') return nearest(live.filter((l) => l.from === id && ok(l.to)).map((l) => l.to));
  if (direction === 'down') return nearest(live.filter((l) => l.to === id && ok(l.from)).map((l) => l.from));
  // Siblings: the other evidence of the claims this node bears on, in order of x.
  const parents = new Set(live.filter((l) => l.from === id).map((l) => l.to));
  const siblings = [...new Set(live.filter((l) => parents.has(l.to) && ok(l.from)).map((l) => l.from))];
  const withPos = siblings.map((s) => ({ s, p: positionOf(s) })).filter((x): x is { s: string; p: Position } => !!x.p);
  if (direction === 'left') {
    const left = withPos.filter((x) => x.p.x < here.x || (x.p.x === here.x && x.s < id));
    left.sort((a, b) => b.p.x - a.p.x);
    return left[0]?.s ?? null;
  }
  const right = withPos.filter((x) => x.p.x > here.x || (x.p.x === here.x && x.s > id));
  right.sort((a, b) => a.p.x - b.p.x);
  return right[0]?.s ?? null;
}
