/**
 * Questions asked of the map's links by the graph's tools: what bears on a
 * claim (focus mode), which nodes match a query (find), what the Focus list
 * offers, and where an arrow key goes.
 */
import type { MapDoc } from '../../domain/change';
import { isLiveLink } from '../../domain/analysis/graph';
import type { Position } from '../../domain/schema';
import { argumentsOf } from '../../domain/derive/derive';

// ---------------------------------------------------------------- focus and find

/**
 * The nodes that bear on `claimId`: the claim and everything with a path of
 * links to it (a reverse breadth-first search over incoming links), and
 * whatever undercuts or backs a link among them (format version 2), with
 * what bears on that in turn.
 */
export function bearingOn(doc: MapDoc, claimId: string): Set<string> {
  // By target: a claim, or a link that other links are aimed at.
  const incoming = new Map<string, { from: string; link: string }[]>();
  for (const link of Object.values(doc.links)) {
    let list = incoming.get(link.to);
    if (!list) incoming.set(link.to, (list = []));
    list.push({ from: link.from, link: link.id });
  }
  const seen = new Set<string>();
  if (!(claimId in doc.claims)) return seen;
  seen.add(claimId);
  const queue = [claimId];
  const links = new Set<string>();
  for (let i = 0; i < queue.length; i++) {
    for (const { from, link } of incoming.get(queue[i]!) ?? []) {
      if (!(from in doc.claims || from in doc.quotes)) continue;
      if (!seen.has(from)) {
        seen.add(from);
        queue.push(from);
      }
      // The link is shown: what is aimed at it bears on the claim too.
      if (!links.has(link)) {
        links.add(link);
        queue.push(link);
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

/** A line of the drawn graph: a link between nodes, through its junction when it is a co-premise. */
type Step = { from: string; to: string };

/**
 * The graph as drawn, for the arrow keys: a co-premise's link runs to its
 * junction and the junction on to the conclusion; a link aimed at a link
 * (format version 2) runs to both ends of the line it meets at the middle.
 */
function drawnSteps(doc: MapDoc): Step[] {
  const junctionOf = new Map<string, string>();
  const steps: Step[] = [];
  for (const a of argumentsOf(doc).values()) {
    for (const l of a.links) junctionOf.set(l.id, a.id);
    steps.push({ from: a.id, to: a.to });
  }
  for (const l of Object.values(doc.links)) {
    if (isLiveLink(doc, l)) {
      steps.push({ from: l.from, to: junctionOf.get(l.id) ?? l.to });
      continue;
    }
    const aimed = doc.links[l.to];
    if (!aimed || !isLiveLink(doc, aimed) || !(l.from in doc.claims || l.from in doc.quotes)) continue;
    steps.push({ from: l.from, to: aimed.from }, { from: l.from, to: junctionOf.get(aimed.id) ?? aimed.to });
  }
  return steps;
}

/**
 * Where an arrow key goes from `id` (a node or a junction) along the lines
 * as drawn: up to what it links to, down to what links to it, left/right to
 * its siblings (the other evidence of what it links to), each time the
 * nearest by position. A junction counts as shown when its conclusion is.
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
  const args = argumentsOf(doc);
  const shown = (n: string) => !visible || visible.has(n) || visible.has(args.get(n)?.to ?? '');
  const ok = (n: string) => n !== id && shown(n);
  const live = drawnSteps(doc);
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
