/**
 * Evidence reaching a thesis through chains of links (docs/file-format.md,
 * "Meaning"): supports is +1, contradicts is −1, and signs multiply along a
 * chain, so a quote contradicting a claim that supports the thesis counts
 * against the thesis.
 *
 * Definitions chosen here (the UI explains them in the same words):
 *
 * - **Weight of a piece of evidence** = the weight of the weakest link on its
 *   chain, maximised over all chains with that sign (the "widest path"). A
 *   chain is as strong as its weakest inference: a strong quote attached
 *   through a weak "supports" must not count as strong. Taking the minimum
 *   keeps the 1–3 scale of a single link (a product would not: 3·3 = 9 is not
 *   comparable to a direct 3), and for a quote linked directly to the thesis
 *   it is simply the weight of that link. The witness path reported is a
 *   chain that achieves the weight, so the number can always be explained.
 * - **Both signs**: a quote may reach the thesis positively along one chain
 *   and negatively along another (it supports one reason and undermines
 *   another, or a cycle with an odd number of contradicts flips the sign). It
 *   then appears twice, once per sign, each with its own witness: hiding
 *   either would misstate what the map says.
 * - **Cycles** never loop: the search visits each (claim, sign) once. The
 *   thesis itself is never passed through again, so evidence does not count
 *   "through itself". A witness may pass one claim twice with opposite signs
 *   (only around a cycle with an odd number of contradicts).
 */
import type { MapDoc } from '../change';
import type { Quote } from '../schema';
import { emptyBalance, type Balance } from './balance';
import { linkGraph, type LinkGraph } from './graph';
import type { AnalysisOptions } from './weights';

export type EvidenceOptions = AnalysisOptions & {
  /** Sources whose quotes are left out (the "what if" sensitivity check). */
  disabledSources?: ReadonlySet<string>;
  /** Quotes left out. */
  disabledQuotes?: ReadonlySet<string>;
};

export type Sign = 1 | -1;

export type EvidenceItem = {
  quoteId: string;
  sourceId: string;
  sign: Sign;
  /** The weakest link weight on the strongest chain (1–3; fractions when weighed by grades); see the module comment. */
  weight: number;
  /**
   * The linked argument (format version 2 group) nearest the quote on its
   * chain, when there is one. Each quote still counts on its own, with at
   * most the argument's weight (that of its weakest premise).
   */
  argument?: string;
  /** Link ids from the quote to the thesis, in order. */
  path: string[];
  /** Claim ids between the quote and the thesis, in order (empty for a direct link). */
  via: string[];
};

export type SourceEvidence = Balance & { sourceId: string };

export type Evidence = {
  /** Strongest first, then shortest path, then by quote id. */
  items: EvidenceItem[];
  /** One row per source with evidence, ordered by source title then id. */
  bySource: SourceEvidence[];
  totals: Balance;
};

/** Where a (quote, sign) was found: the quote's link and the claim state it enters. */
export type Hit = { quote: Quote; sign: Sign; weight: number; link: number; state: number };

export type Search = {
  /** Hits in the order first found; at most one per (quote, sign). */
  hits: Hit[];
  /** Per claim state (claim index · 2 + (sign < 0 ? 1 : 0)): link taken towards the root, -1 for none. */
  parent: Int32Array;
  root: number;
};

/** Is this quote in play under the options? */
export function quoteEnabled(quote: Quote, options: EvidenceOptions | undefined): boolean {
  if (options?.disabledQuotes?.has(quote.id)) return false;
  return !options?.disabledSources?.has(quote.sourceId);
}

/**
 * Backwards widest-path search from claim `root` over (claim, sign) states.
 * Weights are 1–3, so a bucket queue replaces Dijkstra's heap: states are
 * settled in order of non-increasing bottleneck, each once, which makes the
 * search O(claims + links) and lets cycles terminate.
 */
export function searchEvidence(doc: MapDoc, g: LinkGraph, root: number, options?: EvidenceOptions): Search {
  const states = g.claimIds.length * 2;
  const best = new Uint16Array(states);
  const parent = new Int32Array(states).fill(-1);
  const settled = new Uint8Array(states);
  // Buckets by weight in hundredths (1–3 → 100–300; graded weights fall between).
  const buckets: number[][] = [];
  const push = (units: number, state: number) => (buckets[units] ??= []).push(state);
  const rootState = root * 2;
  best[rootState] = MAX_UNITS;
  settled[rootState + 1] = 1; // never re-enter the thesis with the other sign
  push(MAX_UNITS, rootState);

  const hits: Hit[] = [];
  const hitIndex = new Map<string, number>(); // quote id → index of its + hit; the − hit uses hitIndexNeg
  const hitIndexNeg = new Map<string, number>();
  const quotes = doc.quotes;

  for (let b = MAX_UNITS; b >= 1; b--) {
    const bucket = buckets[b];
    if (!bucket) continue;
    // The bucket grows while it is read: relaxing can only push into buckets ≤ b.
    for (let head = 0; head < bucket.length; head++) {
      const u = bucket[head]!;
      if (settled[u]) continue;
      settled[u] = 1;
      const c = u >> 1;
      const s = u & 1 ? -1 : 1;
      const bu = best[u]!;
      for (let k = g.inStart[c]!, end = g.inStart[c + 1]!; k < end; k++) {
        const l = g.inLinks[k]!;
        const w = g.units[l]!;
        if (w === 0) continue; // fully undercut: carries nothing
        const nb = w < bu ? w : bu;
        const ns = (s * g.sign[l]!) as Sign;
        const from = g.fromClaim[l]!;
        if (from >= 0) {
          const v = from * 2 + (ns < 0 ? 1 : 0);
          if (!settled[v] && nb > best[v]!) {
            best[v] = nb;
            parent[v] = l;
            push(nb, v);
          }
          continue;
        }
        const quote = quotes[g.links[l]!.from]!;
        if (!quoteEnabled(quote, options)) continue;
        const index = ns > 0 ? hitIndex : hitIndexNeg;
        const at = index.get(quote.id);
        const weight = nb / 100;
        if (at === undefined) {
          index.set(quote.id, hits.length);
          hits.push({ quote, sign: ns, weight, link: l, state: u });
        } else if (weight > hits[at]!.weight) {
          // States come in non-increasing order of bottleneck, but the quote's own
          // link can still make a later chain stronger.
          hits[at] = { quote, sign: ns, weight, link: l, state: u };
        }
      }
    }
  }
  return { hits, parent, root: rootState };
}

/** The largest weight, 3, in hundredths. */
const MAX_UNITS = 300;

/** The witness chain of a hit: link ids quote → thesis, and the claims in between. */
export function witness(g: LinkGraph, search: Search, hit: Hit): { path: string[]; via: string[] } {
  const path = [g.links[hit.link]!.id];
  const via: string[] = [];
  let u = hit.state;
  while (u !== search.root) {
    const l = search.parent[u]!;
    via.push(g.claimIds[u >> 1]!);
    path.push(g.links[l]!.id);
    const s = (u & 1 ? -1 : 1) * g.sign[l]!;
    u = g.toClaim[l]! * 2 + (s < 0 ? 1 : 0);
  }
  return { path, via };
}

function addTo(balance: Balance, sign: Sign, weight: number): void {
  // Hundredths: graded weights are fractions, and 0.1 + 0.2 must read 0.3.
  if (sign > 0) {
    balance.forWeight = Math.round((balance.forWeight + weight) * 100) / 100;
    balance.forCount++;
  } else {
    balance.againstWeight = Math.round((balance.againstWeight + weight) * 100) / 100;
    balance.againstCount++;
  }
}

/**
 * Every quote whose evidence reaches `thesisId`, with its sign, weight and one
 * witness chain, summed per source and overall. An unknown thesis has no
 * evidence. Disabled sources and quotes are left out; claims reached only
 * through them contribute nothing.
 */
export function evidenceFor(doc: MapDoc, thesisId: string, options?: EvidenceOptions): Evidence {
  const g = linkGraph(doc, options);
  const totals = emptyBalance();
  const root = g.claimIndex.get(thesisId);
  if (root === undefined) return { items: [], bySource: [], totals };
  const search = searchEvidence(doc, g, root, options);

  const items: EvidenceItem[] = [];
  const perSource = new Map<string, SourceEvidence>();
  const linkIndex = new Map<string, number>();
  g.links.forEach((l, i) => linkIndex.set(l.id, i));
  for (const hit of search.hits) {
    const { path, via } = witness(g, search, hit);
    const sourceId = hit.quote.sourceId;
    const item: EvidenceItem = { quoteId: hit.quote.id, sourceId, sign: hit.sign, weight: hit.weight, path, via };
    for (const id of path) {
      const link = g.links[linkIndex.get(id)!]!;
      if (link.group !== undefined) {
        item.argument = link.group;
        break;
      }
    }
    items.push(item);
    let row = perSource.get(sourceId);
    if (!row) perSource.set(sourceId, (row = { sourceId, ...emptyBalance() }));
    addTo(row, hit.sign, hit.weight);
    addTo(totals, hit.sign, hit.weight);
  }
  items.sort(
    (a, b) =>
      b.weight - a.weight ||
      a.path.length - b.path.length ||
      compareStrings(a.quoteId, b.quoteId) ||
      b.sign - a.sign,
  );
  const title = (id: string) => doc.sources[id]?.title ?? '';
  const bySource = [...perSource.values()].sort(
    (a, b) => compareTitles(title(a.sourceId), title(b.sourceId)) || compareStrings(a.sourceId, b.sourceId),
  );
  return { items, bySource, totals };
}

/** Code-unit order, for ids: the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// A fixed locale, so a list sorts the same whatever the user's settings.
const titleCollator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Human order for titles: case-insensitive, "Report 2" before "Report 10". */
export function compareTitles(a: string, b: string): number {
  return titleCollator.compare(a, b);
}
