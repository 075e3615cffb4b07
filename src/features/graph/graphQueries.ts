/**
 * Questions asked of the map's links by the graph's tools: what bears on a
 * claim (focus mode), which nodes match a query (find), what the Focus list
 * offers, and where an arrow key goes.
 */
import type { MapDoc } from '../../domain/change';
import { isLiveLink } from '../../domain/analysis/graph';
import type { Position } from '../../domain/schema';

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
