/**
 * The links of a map as a compact, integer-indexed graph: the one index every
 * analysis walks. Built in one pass over the links and cached per doc, so the
 * graph, the thesis check and the matrix share it instead of each rebuilding it.
 */
import type { MapDoc } from '../change';
import { isClaimId, linkWeight, type Link } from '../schema';
import { linkWeights, type AnalysisOptions } from './weights';
import { keysOf, type KeysToken } from '../derive/tables';

export type LinkGraph = {
  /** Claims in doc order; a claim's index is its position here. */
  readonly claimIds: readonly string[];
  readonly claimIndex: ReadonlyMap<string, number>;
  /** Live links (see `isLiveLink`) in doc order; a link's index is its position here. */
  readonly links: readonly Link[];
  /** Claim index of the link's `from`, or -1 when `from` is a quote. */
  readonly fromClaim: Int32Array;
  /** Claim index of the link's `to`. */
  readonly toClaim: Int32Array;
  /** +1 supports, -1 contradicts. */
  readonly sign: Int8Array;
  /**
   * The weight the link carries (`weights.ts`): 1, 2 or 3, less what
   * undercutters take, the weakest of its group, and with `weighByGrades`
   * scaled by its quote's grades. 0: fully undercut, it carries nothing.
   */
  readonly weight: Float64Array;
  /** `weight` in hundredths, for the bucket queue of the evidence search. */
  readonly units: Uint16Array;
  /** Index of the link's linked argument (format version 2 `group`), or -1. */
  readonly groupOf: Int32Array;
  /** Incoming links of claim c: `inLinks[inStart[c] .. inStart[c + 1])`. */
  readonly inStart: Int32Array;
  readonly inLinks: Int32Array;
  /** Outgoing claim-to-claim links of claim c: `outLinks[outStart[c] .. outStart[c + 1])`. */
  readonly outStart: Int32Array;
  readonly outLinks: Int32Array;
};

/**
 * A link counts in analysis only when both ends exist: a half-applied change
 * or a damaged record must not crash analysis or invent evidence.
 */
export function isLiveLink(doc: MapDoc, link: Link): boolean {
  if (!(link.to in doc.claims)) return false;
  return isClaimId(link.from) ? link.from in doc.claims : link.from in doc.quotes;
}

type CacheEntry = { claims: KeysToken; quotes: KeysToken | MapDoc['quotes']; sources: MapDoc['sources'] | null; graph: LinkGraph };
// Keyed by the links table: docs are never mutated and untouched tables are
// shared between docs. The graph reads only which claims and quotes exist
// (and their order), so it keys on their key sets (derive/tables.ts), not
// their tables: typing in a claim or quote makes new tables with the same
// keys and keeps the graph. Graded weights also read quote credibility and
// source reliability: that cache keys on the quotes and sources tables.
// The WeakMap lets old docs' graphs be collected.
const cache = new WeakMap<object, CacheEntry>();
const gradedCache = new WeakMap<object, CacheEntry>();

export function linkGraph(doc: MapDoc, options?: AnalysisOptions): LinkGraph {
  const graded = options?.weighByGrades === true;
  const c = graded ? gradedCache : cache;
  const claims = keysOf(doc.claims);
  const quotes = graded ? doc.quotes : keysOf(doc.quotes);
  const sources = graded ? doc.sources : null;
  const hit = c.get(doc.links);
  if (hit && hit.claims === claims && hit.quotes === quotes && hit.sources === sources) return hit.graph;
  const graph = buildGraph(doc, graded);
  c.set(doc.links, { claims, quotes, sources, graph });
  return graph;
}

function buildGraph(doc: MapDoc, graded: boolean): LinkGraph {
  const weights = linkWeights(doc, { weighByGrades: graded });
  const claimIds = Object.keys(doc.claims);
  const claimIndex = new Map<string, number>();
  for (let i = 0; i < claimIds.length; i++) claimIndex.set(claimIds[i]!, i);
  const links: Link[] = [];
  for (const link of Object.values(doc.links)) if (isLiveLink(doc, link)) links.push(link);

  const n = claimIds.length;
  const m = links.length;
  const fromClaim = new Int32Array(m);
  const toClaim = new Int32Array(m);
  const sign = new Int8Array(m);
  const weight = new Float64Array(m);
  const units = new Uint16Array(m);
  const groupOf = new Int32Array(m).fill(-1);
  const groupIndex = new Map<string, number>();
  const inStart = new Int32Array(n + 1);
  const outStart = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) {
    const link = links[i]!;
    const to = claimIndex.get(link.to)!;
    const from = isClaimId(link.from) ? claimIndex.get(link.from)! : -1;
    fromClaim[i] = from;
    toClaim[i] = to;
    sign[i] = link.relation === 'supports' ? 1 : -1;
    const w = weights.get(link.id);
    weight[i] = w ? w.weight : linkWeight(link);
    units[i] = Math.round(weight[i]! * 100);
    if (w?.group !== undefined) {
      let gi = groupIndex.get(w.group);
      if (gi === undefined) groupIndex.set(w.group, (gi = groupIndex.size));
      groupOf[i] = gi;
    }
    inStart[to + 1]!++;
    if (from >= 0) outStart[from + 1]!++;
  }
  for (let c = 0; c < n; c++) {
    inStart[c + 1]! += inStart[c]!;
    outStart[c + 1]! += outStart[c]!;
  }
  const inLinks = new Int32Array(m);
  const outLinks = new Int32Array(outStart[n]!);
  const inFill = inStart.slice(0, n);
  const outFill = outStart.slice(0, n);
  for (let i = 0; i < m; i++) {
    inLinks[inFill[toClaim[i]!]!++] = i;
    const from = fromClaim[i]!;
    if (from >= 0) outLinks[outFill[from]!++] = i;
  }
  return { claimIds, claimIndex, links, fromClaim, toClaim, sign, weight, units, groupOf, inStart, inLinks, outStart, outLinks };
}

