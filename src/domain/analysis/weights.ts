/**
 * The weight each link carries in analysis (docs/file-format.md, "Meaning" and
 * "Version 2"; the factors are documented in docs/analysis.md):
 *
 * 1. **Base**: the link's weight, 1–3 (absent means 2). With `weighByGrades`,
 *    a link from a quote is scaled by its source's reliability and its own
 *    credibility (GRADE_FACTORS below), so a strong link from an unreliable
 *    source counts less, as Analysis of Competing Hypotheses weighs evidence.
 * 2. **Undercut**: a `contradicts` link aimed at a link (an undercutter) of
 *    weight w lowers that link's weight by w, not below 0. Undercutters are
 *    weighed the same way first, so an undercutter that is itself undercut
 *    takes less. A `supports` link aimed at a link (a backing) leaves its
 *    weight as it is: it says why the inference holds, not how strongly.
 * 3. **Linked argument**: the links of one group hold only as a whole: each
 *    carries the weight of the weakest (after 1 and 2), so the argument is as
 *    strong as its weakest premise, and undercutting one co-premise's link
 *    undercuts the argument.
 *
 * A link whose weight ends at 0 while its base was not is `undercut`: it
 * carries nothing along its chains. One below its base is `weakened`.
 */
import type { MapDoc } from '../change';
import { isClaimId, linkWeight, type Credibility, type Link, type Reliability } from '../schema';
import { keysOf, type KeysToken } from '../derive/tables';

export type AnalysisOptions = {
  /** Scale evidence by source reliability (A–F) and quote credibility (1–6). */
  weighByGrades?: boolean;
};

/** Factors of the Admiralty grades; an ungraded half, or one that "cannot be judged", counts 1. */
export const RELIABILITY_FACTOR: Readonly<Record<Reliability, number>> = { A: 1, B: 0.9, C: 0.75, D: 0.5, E: 0.25, F: 1 };
export const CREDIBILITY_FACTOR: Readonly<Record<Credibility, number>> = { 1: 1, 2: 0.9, 3: 0.75, 4: 0.5, 5: 0.25, 6: 1 };

export type LinkStatus = 'holds' | 'weakened' | 'undercut';

export type LinkWeight = {
  /** The weight before undercutters (with grades, when asked). */
  base: number;
  /** What the link carries. */
  weight: number;
  status: LinkStatus;
  /** Key of its linked argument (group, target and relation), when it is in one. */
  group?: string;
};

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The grade factor of a quote: reliability × credibility factor, 1 when ungraded. */
export function gradeFactor(doc: MapDoc, quoteId: string): number {
  const quote = doc.quotes[quoteId];
  if (!quote) return 1;
  const reliability = doc.sources[quote.sourceId]?.reliability;
  const r = reliability ? RELIABILITY_FACTOR[reliability] : 1;
  const c = quote.credibility ? CREDIBILITY_FACTOR[quote.credibility] : 1;
  return r * c;
}

/** Does the link's `from` exist, and its `to` (a claim, or a link that itself is live)? */
function liveLinks(doc: MapDoc): Link[] {
  const out: Link[] = [];
  for (const l of Object.values(doc.links)) {
    const fromOk = isClaimId(l.from) ? l.from in doc.claims : l.from in doc.quotes;
    if (fromOk && (l.to in doc.claims || l.to in doc.links)) out.push(l);
  }
  return out;
}

type Cache = { claims: KeysToken; quotes: KeysToken | MapDoc['quotes']; sources: MapDoc['sources'] | null; weights: Map<string, LinkWeight> };
const caches = [new WeakMap<object, Cache>(), new WeakMap<object, Cache>()] as const;

/**
 * The weight of every link whose ends exist, by link id. Cached per links
 * table and the claims' and quotes' key sets (derive/tables.ts: a text edit
 * keeps them); with grades, per quotes and sources tables too.
 */
export function linkWeights(doc: MapDoc, options?: AnalysisOptions): ReadonlyMap<string, LinkWeight> {
  const graded = options?.weighByGrades === true;
  const cache = caches[graded ? 1 : 0];
  const claims = keysOf(doc.claims);
  const quotes = graded ? doc.quotes : keysOf(doc.quotes);
  const sources = graded ? doc.sources : null;
  const hit = cache.get(doc.links);
  if (hit && hit.claims === claims && hit.quotes === quotes && hit.sources === sources) return hit.weights;
  const weights = computeWeights(doc, graded);
  cache.set(doc.links, { claims, quotes, sources, weights });
  return weights;
}

function computeWeights(doc: MapDoc, graded: boolean): Map<string, LinkWeight> {
  const links = liveLinks(doc);
  const byId = new Map<string, Link>();
  for (const l of links) byId.set(l.id, l);
  const undercutters = new Map<string, Link[]>();
  for (const l of links) {
    if (l.relation !== 'contradicts' || !byId.has(l.to)) continue;
    const list = undercutters.get(l.to);
    if (list) list.push(l);
    else undercutters.set(l.to, [l]);
  }
  const base = (l: Link) => round2(linkWeight(l) * (graded && !isClaimId(l.from) ? gradeFactor(doc, l.from) : 1));

  // Effective weights, children (undercutters) before parents, without
  // recursion: undercut chains in a hostile file may be long. A cycle (which
  // integrity forbids) counts its back edge as nothing.
  const effective = new Map<string, number>();
  const state = new Map<string, 1 | 2>(); // 1 open, 2 done
  for (const root of links) {
    if (state.has(root.id)) continue;
    const stack: Array<{ link: Link; next: number }> = [{ link: root, next: 0 }];
    state.set(root.id, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const attackers = undercutters.get(top.link.id) ?? [];
      if (top.next < attackers.length) {
        const a = attackers[top.next++]!;
        if (!state.has(a.id)) {
          state.set(a.id, 1);
          stack.push({ link: a, next: 0 });
        }
        continue;
      }
      let cut = 0;
      for (const a of attackers) if (state.get(a.id) === 2) cut += effective.get(a.id) ?? 0;
      effective.set(top.link.id, Math.max(0, round2(base(top.link) - cut)));
      state.set(top.link.id, 2);
      stack.pop();
    }
  }

  // A linked argument carries the weight of its weakest link.
  const groupKey = (l: Link) => (l.group === undefined ? undefined : `${l.group}\u0000${l.to}\u0000${l.relation}`);
  const weakest = new Map<string, number>();
  for (const l of links) {
    const key = groupKey(l);
    if (key === undefined) continue;
    const w = effective.get(l.id)!;
    const have = weakest.get(key);
    if (have === undefined || w < have) weakest.set(key, w);
  }
  const out = new Map<string, LinkWeight>();
  for (const l of links) {
    const key = groupKey(l);
    const b = base(l);
    const weight = key === undefined ? effective.get(l.id)! : weakest.get(key)!;
    const status: LinkStatus = weight <= 0 && b > 0 ? 'undercut' : weight < b ? 'weakened' : 'holds';
    out.set(l.id, key === undefined ? { base: b, weight, status } : { base: b, weight, status, group: key });
  }
  return out;
}

/** The status of one link (`holds` for a link whose ends are missing: analysis ignores it). */
export function linkStatus(doc: MapDoc, linkId: string, options?: AnalysisOptions): LinkStatus {
  return linkWeights(doc, options).get(linkId)?.status ?? 'holds';
}
