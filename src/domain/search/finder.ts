/**
 * The evidence finder: ranks the passages (sentences) of every source by
 * relevance to a claim. Retrieval is BM25 (MiniSearch) over stemmed words
 * without stop words; the best candidates are then re-ranked with what
 * retrieval research adds to BM25:
 * - query expansion: the claim's tags, note and linked claims at lower weights;
 * - word variants: a query stem also matches longer stems it begins
 *   (`lead` → `leadership`, `west` → `western`, `partner` → `partnership`,
 *   which Porter's stemmer leaves apart) at a lower weight;
 * - relevance feedback (Rocchio): the words of passages already quoted for
 *   the claim, and of claims linked to it, join the query at a lower weight;
 * - context: the sentences either side of a passage add to its score;
 * - nearest neighbours: likeness (tf-idf cosine) to a passage already quoted;
 * - phrase and proximity: query words side by side, or close, in the passage;
 * - locality: evidence clusters, so sentences near a passage already quoted
 *   for the claim get a small boost;
 * - passage type: a heading or a lead-in ending in a colon ranks lower;
 * - the source: passages of a source that bears on the claim as a whole
 *   (the mean BM25 of its passages) rank higher (document evidence, as
 *   passage retrieval combines it with the passage's own score).
 */
import type { Options } from 'minisearch';
import { BulkMiniSearch } from './bulkIndex';
import type { MapDoc } from '../change';
import type { Reliability } from '../schema';
import { overlapLength, passagesOf, type Span } from './passages';
import { STOP_WORDS, stem, words } from './text';

export type FinderSource = { id: string; text: string; reliability?: Reliability | undefined };

export type SourceSpan = Span & { sourceId: string };

export type EvidenceQuery = {
  text: string;
  note?: string | undefined;
  tags?: readonly string[] | undefined;
  /** Texts of claims linked to or from the claim. */
  related?: readonly string[];
  /** Passages already quoted for the claim: left out, and used as feedback. */
  quoted?: readonly (SourceSpan & { exact: string })[];
  /** Passages quoted for other claims: kept, and marked with those claims. */
  quotedElsewhere?: readonly (SourceSpan & { claimIds: readonly string[] })[];
};

export type Suggestion = SourceSpan & {
  score: number;
  /** Claims this passage (or most of it) is already quoted for. */
  quotedFor: string[];
};

export type FinderOptions = {
  /** Only passages of this source. */
  sourceId?: string;
  /** For experiments: weights other than {@link FINDER_WEIGHTS}. */
  weights?: Partial<FinderWeights>;
};

type PassageDoc = {
  id: number;
  sourceId: string;
  start: number;
  end: number;
  /** Its place among its source's passages, for the ones either side. */
  pos: number;
  sentence?: boolean;
};

/** Stemmed content words of a text. */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) if (w.length > 1 && !STOP_WORDS.has(w)) out.push(stem(w));
  return out;
}

/** Weights of the query's parts and of the re-ranking features. */
export const FINDER_WEIGHTS = {
  text: 1,
  tags: 0.8,
  note: 0.4,
  related: 0.25,
  feedback: 0.3,
  bm25: 1,
  phrase: 0.15,
  proximity: 0.2,
  near: 0.5,
  context: 1,
  knn: 1,
  usedElsewhere: 1,
  /** The source's share of the query (its passages' mean BM25, the best source 1). */
  source: 0.25,
  /** A heading or a lead-in (`Xi stated:`) is not a passage to quote. */
  notSentence: 0.4,
  /** A longer word the query stem begins (see the top), against the stem itself. */
  variant: 0.5,
  /** BM25 term saturation and length normalisation (MiniSearch's defaults are 1.2 and 0.7). */
  k: 1.2,
  b: 0.7,
};
export type FinderWeights = typeof FINDER_WEIGHTS;
/** The end of a full sentence, closing quotes, brackets or a footnote number after it. */
const SENTENCE_END = /[.!?\u2026]["'\u2019\u201D)\]]*\d{0,3}$/;
/** How many BM25 candidates are re-ranked. */
const CANDIDATES = 300;

/** Passages of many sources, indexed for {@link EvidenceFinder.find}. */
const PASSAGE_OPTIONS: Options<{ id: number; text: string }> = {
  fields: ['text'],
  storeFields: [],
  // Passages are added as lists of stems (see `putSources`); a query comes as stems joined by spaces.
  tokenize: (s) => s.split(' '),
  processTerm: (t) => t || null,
  searchOptions: { processTerm: (t) => t || null },
  autoVacuum: { minDirtCount: 2000, minDirtFactor: 0.2, batchSize: 5000, batchWait: 5 },
};

export class EvidenceFinder {
  private readonly index = new BulkMiniSearch<{ id: number; text: string }>(PASSAGE_OPTIONS);
  private readonly passages = new Map<number, PassageDoc & { stems: string[] }>();
  /** Each source's passages in text order, and the text they were cut from. */
  private readonly bySource = new Map<string, { ids: number[]; text: string; reliability?: Reliability | undefined }>();
  private nextId = 1;
  /** In how many passages each stem occurs: the idf of the tf-idf vectors. */
  private readonly df = new Map<string, number>();

  /** Adds or replaces a source's passages. */
  putSource(source: FinderSource): void {
    this.putSources([source]);
  }

  /**
   * Adds or replaces sources' passages; indexing many at once is faster
   * (see bulkIndex.ts). A passage whose text an edit left as it was keeps
   * its place in the index (only its offsets move), so an edit re-indexes
   * the changed passages only.
   */
  putSources(sources: Iterable<FinderSource>): void {
    const docs: { id: number; words: string[] }[] = [];
    for (const source of sources) {
      const old = this.bySource.get(source.id);
      const unchanged = new Map<string, number[]>();
      for (const id of old?.ids ?? []) {
        const p = this.passages.get(id)!;
        const text = old!.text.slice(p.start, p.end);
        const same = unchanged.get(text);
        if (same) same.push(id);
        else unchanged.set(text, [id]);
      }
      const ids: number[] = [];
      for (const span of passagesOf(source.text)) {
        const text = source.text.slice(span.start, span.end);
        const kept = unchanged.get(text)?.shift();
        const pos = ids.length;
        if (kept !== undefined) {
          const p = this.passages.get(kept)!;
          Object.assign(p, { start: span.start, end: span.end, pos });
          ids.push(kept);
          continue;
        }
        const stems = contentStems(text);
        const id = this.nextId++;
        for (const t of new Set(stems)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
        const sentence = SENTENCE_END.test(text.slice(-4));
        this.passages.set(id, { id, sourceId: source.id, start: span.start, end: span.end, pos, stems, sentence });
        ids.push(id);
        docs.push({ id, words: stems });
      }
      for (const gone of unchanged.values()) for (const id of gone) this.discard(id);
      this.bySource.set(source.id, { ids, text: source.text, reliability: source.reliability });
    }
    this.index.addBulk((t) => t || null, docs);
  }

  removeSource(sourceId: string): void {
    const entry = this.bySource.get(sourceId);
    if (!entry) return;
    for (const id of entry.ids) this.discard(id);
    this.bySource.delete(sourceId);
  }

  private discard(id: number): void {
    // discard is O(1): the index drops the words lazily (auto vacuum).
    this.index.discard(id);
    const p = this.passages.get(id);
    if (p) for (const t of new Set(p.stems)) this.df.set(t, (this.df.get(t) ?? 1) - 1);
    this.passages.delete(id);
  }

  /** A tf-idf vector of a passage's stems, of unit length. */
  private vector(stems: readonly string[]): Map<string, number> {
    const n = Math.max(1, this.passages.size);
    const v = new Map<string, number>();
    for (const t of stems) v.set(t, (v.get(t) ?? 0) + 1);
    let norm = 0;
    for (const [t, f] of v) {
      const x = (1 + Math.log(f)) * Math.log(1 + n / (1 + (this.df.get(t) ?? 0)));
      v.set(t, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, x] of v) v.set(t, x / norm);
    return v;
  }

  hasSource(sourceId: string): boolean {
    return this.bySource.has(sourceId);
  }

  /** The passages of `sourceId`, in text order. */
  passagesOf(sourceId: string): SourceSpan[] {
    return (this.bySource.get(sourceId)?.ids ?? []).map((id) => {
      const p = this.passages.get(id)!;
      return { sourceId: p.sourceId, start: p.start, end: p.end };
    });
  }

  /** The best `limit` passages for a claim, best first. */
  find(query: EvidenceQuery, limit = 10, options: FinderOptions = {}): Suggestion[] {
    const w = { ...FINDER_WEIGHTS, ...options.weights };
    const weights = queryWeights(query, w);
    if (weights.size === 0) return [];
    const terms = [...weights.keys()];
    const exclude = query.quoted ?? [];
    const hits = this.index.search(terms.join(' '), {
      combineWith: 'OR',
      bm25: { k: w.k, b: w.b, d: 0.5 },
      boostTerm: (t) => weights.get(t) ?? 0,
      // Shorter stems are too often the start of unrelated words (`war` → `warn`).
      prefix: w.variant ? (t) => t.length >= 4 : false,
      weights: { prefix: w.variant, fuzzy: 0 },
      filter: options.sourceId ? (r) => this.passages.get(r.id as number)?.sourceId === options.sourceId : undefined,
    });
    // BM25 of every matching passage, for the context of the candidates.
    const bm25 = new Map<number, number>();
    for (const h of hits) bm25.set(h.id as number, h.score);
    const maxBm25 = hits[0]?.score ?? 1;
    // Document evidence: a source about the claim's subject as a whole holds its evidence more
    // often than one that touches it in passing (the mean BM25 of its passages, the best source 1).
    const sourceScore = new Map<string, number>();
    if (w.source) {
      for (const h of hits) {
        const p = this.passages.get(h.id as number);
        if (p) sourceScore.set(p.sourceId, (sourceScore.get(p.sourceId) ?? 0) + h.score);
      }
      let top = 0;
      for (const [id, sum] of sourceScore) {
        const mean = sum / Math.max(1, this.bySource.get(id)?.ids.length ?? 1);
        sourceScore.set(id, mean);
        top = Math.max(top, mean);
      }
      for (const [id, mean] of sourceScore) sourceScore.set(id, mean / (top || 1));
    }
    const around = (p: PassageDoc, d: number) => {
      const id = this.bySource.get(p.sourceId)?.ids[p.pos + d];
      return id === undefined ? 0 : (bm25.get(id) ?? 0);
    };
    const queryStems = contentStems(query.text);
    const examples = w.knn ? exclude.map((q) => this.vector(contentStems(q.exact))) : [];
    const elsewhere = query.quotedElsewhere ?? [];
    const scored: { p: PassageDoc & { stems: string[] }; score: number }[] = [];
    for (const hit of hits.slice(0, CANDIDATES)) {
      const p = this.passages.get(hit.id as number);
      if (!p || exclude.some((q) => q.sourceId === p.sourceId && holdsMostOf(p, q))) continue;
      let score = rerank(hit.score / maxBm25, p, weights, queryStems, exclude, w);
      // Passage retrieval with context: the sentences either side count too.
      score += (w.context * (around(p, -1) + around(p, 1))) / 2 / maxBm25;
      // Nearest neighbour feedback: like one of the passages already quoted for the claim.
      if (examples.length) {
        const v = this.vector(p.stems);
        let best = 0;
        for (const e of examples) best = Math.max(best, cosine(v, e));
        score += w.knn * best;
      }
      // Evidence already used for another claim is shown (marked) after new evidence.
      if (elsewhere.some((q) => q.sourceId === p.sourceId && holdsMostOf(p, q))) score -= w.usedElsewhere;
      if (!p.sentence) score -= w.notSentence;
      score += w.source * (sourceScore.get(p.sourceId) ?? 0);
      scored.push({ p, score });
    }
    scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, limit).map(({ p, score }) => ({
      sourceId: p.sourceId,
      start: p.start,
      end: p.end,
      score,
      quotedFor: [...new Set(elsewhere.filter((q) => q.sourceId === p.sourceId && holdsMostOf(p, q)).flatMap((q) => q.claimIds))],
    }));
  }
}

function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  if (a.size > b.size) [a, b] = [b, a];
  let dot = 0;
  for (const [t, x] of a) dot += x * (b.get(t) ?? 0);
  return dot;
}

/** Does `passage` hold at least half of `quote`? Then suggesting it would suggest the quote again. */
export function holdsMostOf(passage: Span, quote: Span): boolean {
  return overlapLength(passage, quote) >= 0.5 * (quote.end - quote.start);
}

/** Do `a` and `b` share at least half of the longer one? */
export function mostlyOverlap(a: Span, b: Span): boolean {
  return overlapLength(a, b) >= 0.5 * Math.max(a.end - a.start, b.end - b.start);
}

function add(weights: Map<string, number>, stems: readonly string[], w: number): void {
  // A word repeated in the query counts more, with diminishing returns.
  const counts = new Map<string, number>();
  for (const s of stems) counts.set(s, (counts.get(s) ?? 0) + 1);
  for (const [s, n] of counts) weights.set(s, (weights.get(s) ?? 0) + w * (1 + Math.log(n)));
}

/** The weighted words of a claim's query: its own, expansion and feedback. */
export function queryWeights(query: EvidenceQuery, W: FinderWeights = FINDER_WEIGHTS): Map<string, number> {
  const weights = new Map<string, number>();
  add(weights, contentStems(query.text), W.text);
  add(weights, (query.tags ?? []).flatMap(contentStems), W.tags);
  if (query.note) add(weights, contentStems(query.note), W.note);
  const related = (query.related ?? []).flatMap(contentStems);
  if (related.length) add(weights, related, W.related / Math.sqrt(query.related!.length));
  const feedback = (query.quoted ?? []).flatMap((q) => contentStems(q.exact));
  if (feedback.length) add(weights, feedback, W.feedback / Math.sqrt(query.quoted!.length));
  return weights;
}

function rerank(
  bm25: number,
  p: PassageDoc & { stems: string[] },
  weights: ReadonlyMap<string, number>,
  queryStems: readonly string[],
  quoted: readonly SourceSpan[],
  W: FinderWeights,
): number {
  // Phrase: a pair of the claim's words side by side, in order.
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < queryStems.length; i++) pairs.add(queryStems[i] + ' ' + queryStems[i + 1]);
  let phrase = 0;
  for (let i = 0; i + 1 < p.stems.length; i++) if (pairs.has(p.stems[i] + ' ' + p.stems[i + 1])) phrase++;
  // Proximity: the shortest window holding two different query words.
  const lastAt = new Map<string, number>();
  let best = Infinity;
  p.stems.forEach((s, i) => {
    if (!weights.has(s)) return;
    for (const [t, j] of lastAt) if (t !== s && i - j < best) best = i - j;
    lastAt.set(s, i);
  });
  const proximity = best === Infinity ? 0 : 1 / best;
  // Locality: evidence clusters, so sentences near one already quoted count more.
  const near = nearness(p, quoted);
  return W.bm25 * bm25 + W.phrase * Math.min(phrase, 2) + W.proximity * proximity + W.near * near;
}

/** 1 for a passage touching one of `spans`, falling to 0 at ~600 characters (two or three sentences) away. */
function nearness(p: SourceSpan, spans: readonly SourceSpan[]): number {
  let near = 0;
  for (const q of spans) {
    if (q.sourceId !== p.sourceId) continue;
    const gap = p.start >= q.end ? p.start - q.end : q.start >= p.end ? q.start - p.end : 0;
    if (gap < 600) near = Math.max(near, 1 - gap / 600);
  }
  return near;
}

/** The finder's query for a claim of `doc`, built from its text, note, tags, quotes and linked claims. */
export function evidenceQueryFor(doc: Pick<MapDoc, 'claims' | 'quotes' | 'links'>, claimId: string): EvidenceQuery | null {
  const claim = doc.claims[claimId];
  if (!claim) return null;
  const quoted: (SourceSpan & { exact: string })[] = [];
  const claimsOfQuote = new Map<string, string[]>();
  const related: string[] = [];
  for (const l of Object.values(doc.links)) {
    const q = doc.quotes[l.from];
    if (q) {
      if (l.to === claimId) quoted.push({ sourceId: q.sourceId, start: q.start, end: q.end, exact: q.exact });
      else {
        const list = claimsOfQuote.get(q.id) ?? [];
        list.push(l.to);
        claimsOfQuote.set(q.id, list);
      }
    } else if (l.to === claimId || l.from === claimId) {
      const other = doc.claims[l.to === claimId ? l.from : l.to];
      if (other) related.push(other.text);
    }
  }
  const quotedElsewhere = [...claimsOfQuote].map(([qid, claimIds]) => {
    const q = doc.quotes[qid]!;
    return { sourceId: q.sourceId, start: q.start, end: q.end, claimIds };
  });
  return { text: claim.text, note: claim.note, tags: claim.tags, related, quoted, quotedElsewhere };
}
