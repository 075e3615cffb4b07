/**
 * The derived layer: what the graph, the Thesis check, the Evidence matrix,
 * the Claim view and the Markdown report read about a map beyond its
 * records — balances, linked arguments, evidence counts, anchor statuses.
 * Each is worked out once per distinct input and shared, so two views never
 * disagree (one anchor status for a quote everywhere) and a keystroke
 * recomputes only what the typed record changes.
 *
 * Keys (tables.ts): the links table's identity plus the key-set tokens of
 * claims and quotes. Typing in a claim or a quote changes neither, so none
 * of these is worked out again; adding, deleting or relinking does.
 * Anchor statuses are cached per source record and selector
 * (anchoring/cache.ts), so a quote's note or grade edit reuses its status.
 */
import type { MapDoc } from '../change';
import type { Link, Quote, Source } from '../schema';
import { isQuoteId } from '../schema';
import { allBalances, emptyBalance, type ClaimBalance } from '../analysis/balance';
import { evidenceFor, type Evidence, type EvidenceOptions } from '../analysis/evidence';
import { evidenceMatrix, type EvidenceMatrix } from '../analysis/matrix';
import { isLiveLink } from '../analysis/graph';
import { anchorOfQuote } from '../anchoring/cache';
import type { AnchorStatus } from '../anchoring/anchor';
import { changedIds, keysOf, type KeysToken } from './tables';

type Entry<T> = { claims: KeysToken; quotes: KeysToken; claimsTable: MapDoc['claims']; value: T };

/** Every id a link of `links` starts or ends at, once per links table. */
const endsMemo = new WeakMap<object, ReadonlySet<string>>();
function linkEnds(links: MapDoc['links']): ReadonlySet<string> {
  let ends = endsMemo.get(links);
  if (!ends) {
    const all = new Set<string>();
    for (const l of Object.values(links)) {
      all.add(l.from);
      all.add(l.to);
    }
    endsMemo.set(links, (ends = all));
  }
  return ends;
}

/**
 * The claims added to `next` since `from` (noted lineage), when claims were
 * only added or edited and no link starts or ends at an added one; null
 * otherwise.
 * Such claims are islands: every link stays live or dead as it was, so what
 * the link graph says about the other claims holds as it was.
 */
function islandsAdded(from: MapDoc['claims'], next: MapDoc['claims'], links: MapDoc['links']): string[] | null {
  const ids = changedIds(from, next);
  if (!ids) return null;
  const ends = linkEnds(links);
  const added: string[] = [];
  for (const id of ids) {
    if (!(id in next)) return null; // a deletion
    if (id in from) continue; // an edit: these values read which claims exist, never what they say
    if (ends.has(id)) return null; // a claim a link names: that link may come alive
    added.push(id);
  }
  return added;
}

/**
 * One value per (links table, claim ids, quote ids): `make` runs only when
 * one of them changes. Old links tables and their values are collected with
 * the docs that held them.
 *
 * A peer adding claims to a large map changes the claim ids on every
 * update: `extend`, when given, brings the last value up to date for claims
 * added without links (`islandsAdded`), at the cost of those claims rather
 * than of the whole link graph.
 */
function byStructure<T>(make: (doc: MapDoc) => T, extend?: (value: T, added: readonly string[]) => T): (doc: MapDoc) => T {
  const cache = new WeakMap<object, Entry<T>>();
  return (doc) => {
    const claims = keysOf(doc.claims);
    const quotes = keysOf(doc.quotes);
    const hit = cache.get(doc.links);
    if (hit && hit.claims === claims && hit.quotes === quotes) return hit.value;
    const added = extend && hit && hit.quotes === quotes ? islandsAdded(hit.claimsTable, doc.claims, doc.links) : null;
    const value = added && extend && hit ? extend(hit.value, added) : make(doc);
    cache.set(doc.links, { claims, quotes, claimsTable: doc.claims, value });
    return value;
  };
}

/** For values that claims without links leave as they are: the same value. */
const unchanged = <T>(value: T): T => value;

// ---------------------------------------------------------------- balances

/** Every claim's direct balance and status (analysis/balance.ts), by claim id. */
export const balancesOf: (doc: MapDoc) => Readonly<Record<string, ClaimBalance>> = byStructure(
  (doc) => allBalances(doc),
  (value, added) => {
    // A claim no link reaches: nothing for, nothing against. An indexed
    // copy: spread is about twice as slow on an object of thousands of keys.
    const next: Record<string, ClaimBalance> = {};
    const ids = Object.keys(value);
    for (let i = 0; i < ids.length; i++) next[ids[i]!] = value[ids[i]!]!;
    for (const id of added) next[id] = { ...emptyBalance(), status: 'unsupported' };
    return next;
  },
);

// ---------------------------------------------------------------- evidence badges

export type EvidenceCount = { for: number; against: number };

/** How many quotes bear directly on each claim, for and against (the overview's badge). */
export const evidenceCounts: (doc: MapDoc) => ReadonlyMap<string, EvidenceCount> = byStructure((doc) => {
  const out = new Map<string, EvidenceCount>();
  for (const link of Object.values(doc.links)) {
    if (!isQuoteId(link.from) || !isLiveLink(doc, link)) continue;
    let c = out.get(link.to);
    if (!c) out.set(link.to, (c = { for: 0, against: 0 }));
    if (link.relation === 'supports') c.for++;
    else c.against++;
  }
  return out;
}, unchanged);

// ---------------------------------------------------------------- linked arguments

/** A linked argument: links sharing group, target and relation (weights.ts groups them so). */
export type Argument = { id: string; to: string; relation: Link['relation']; scheme: string | undefined; links: Link[] };

/**
 * The map's linked arguments of two or more live links to a claim, by
 * junction id. A group of one is drawn as a plain edge: there is nothing to
 * join.
 */
export const argumentsOf: (doc: MapDoc) => ReadonlyMap<string, Argument> = byStructure((doc) => {
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
  return args;
}, unchanged);

/** The junction a link runs through, by link id. */
export const junctionOfLink: (doc: MapDoc) => ReadonlyMap<string, string> = byStructure((doc) => {
  const out = new Map<string, string>();
  for (const a of argumentsOf(doc).values()) for (const l of a.links) out.set(l.id, a.id);
  return out;
}, unchanged);

// ---------------------------------------------------------------- anchors

const anchorMemo = new WeakMap<Quote, { source: Source; status: AnchorStatus }>();

/**
 * A quote's anchor status in its source as it is now — the one status the
 * graph, the reader, the Thesis check and the report all show: what
 * re-anchoring finds (anchoring/cache.ts, cached per source record and
 * selector). A quote whose source is missing is `orphaned`.
 */
export function anchorOf(doc: MapDoc, quote: Quote): AnchorStatus {
  const source = doc.sources[quote.sourceId];
  if (!source) return 'orphaned';
  // Per record: a quote node's store selector asks on every change of the doc.
  const hit = anchorMemo.get(quote);
  if (hit && hit.source === source) return hit.status;
  const status = anchorOfQuote(source, quote).status;
  anchorMemo.set(quote, { source, status });
  return status;
}

/** `anchorOf` by quote id, for analyses that take a lookup (an unknown id is `orphaned`). */
export function anchorStatusOf(doc: MapDoc): (quoteId: string) => AnchorStatus {
  return (quoteId) => {
    const quote = doc.quotes[quoteId];
    return quote ? anchorOf(doc, quote) : 'orphaned';
  };
}

// ---------------------------------------------------------------- evidence (Thesis check, Evidence matrix)

type EvidenceEntry<T> = {
  claims: KeysToken;
  quotes: MapDoc['quotes'];
  sources: MapDoc['sources'];
  disabledSources: EvidenceOptions['disabledSources'];
  disabledQuotes: EvidenceOptions['disabledQuotes'];
  value: T;
};

/**
 * Evidence searches read the link graph, the quotes (enabled, grade, source)
 * and the sources (title order, reliability) but never a claim's text: one
 * value per (links, claim ids, quotes, sources, switches, `key`), so typing
 * in a claim reuses it. A few `key`s per links table (baseline and live
 * Thesis check, the matrix) are kept; old tables go with their docs.
 */
function byEvidence<A extends unknown[], T>(
  keyOf: (...args: A) => string,
  make: (doc: MapDoc, options: EvidenceOptions | undefined, ...args: A) => T,
): (doc: MapDoc, options: EvidenceOptions | undefined, ...args: A) => T {
  const cache = new WeakMap<object, Map<string, EvidenceEntry<T>>>();
  return (doc, options, ...args) => {
    const key = `${options?.weighByGrades === true}|${keyOf(...args)}`;
    const claims = keysOf(doc.claims);
    let entries = cache.get(doc.links);
    if (!entries) cache.set(doc.links, (entries = new Map()));
    const hit = entries.get(key);
    if (
      hit &&
      hit.claims === claims &&
      hit.quotes === doc.quotes &&
      hit.sources === doc.sources &&
      hit.disabledSources === options?.disabledSources &&
      hit.disabledQuotes === options?.disabledQuotes
    ) {
      return hit.value;
    }
    const value = make(doc, options, ...args);
    if (entries.size > 8) entries.clear();
    entries.set(key, { claims, quotes: doc.quotes, sources: doc.sources, disabledSources: options?.disabledSources, disabledQuotes: options?.disabledQuotes, value });
    return value;
  };
}

const evidenceMemo = byEvidence(
  (thesisId: string) => thesisId,
  (doc, options, thesisId) => evidenceFor(doc, thesisId, options),
);
/** `evidenceFor` (analysis/evidence.ts), shared and kept while its inputs stand. */
export const evidenceOf = (doc: MapDoc, thesisId: string, options?: EvidenceOptions): Evidence => evidenceMemo(doc, options, thesisId);

const matrixMemo = byEvidence(
  (hypotheses: readonly string[]) => hypotheses.join('\n'),
  (doc, options, hypotheses) => evidenceMatrix(doc, hypotheses, options),
);
/** `evidenceMatrix` (analysis/matrix.ts), shared and kept while its inputs stand. */
export const matrixOf = (doc: MapDoc, hypotheses: readonly string[], options?: EvidenceOptions): EvidenceMatrix =>
  matrixMemo(doc, options, hypotheses);
