/**
 * The index behind the Search dialog: every source's text by paragraph,
 * every quote and every claim of the open map, in MiniSearch. Matching is
 * by prefix and fuzzy, on folded words (case, diacritics and curly quotes
 * ignored). Kept up to date record by record, and an edit to a source
 * re-indexes only the paragraphs whose text changed.
 */
import type { Options, SearchResult } from 'minisearch';
import { BulkMiniSearch } from './bulkIndex';
import type { Claim, Quote, Source } from '../schema';
import { paragraphsOf, type Span } from './passages';
import { STOP_WORDS, words } from './text';
import { firstMatch, snippet, type TextPart } from './highlight';

export type HitKind = 'source' | 'quote' | 'claim';

type Doc = {
  id: string;
  kind: HitKind;
  /** The record: a source (for its paragraphs and its title), a quote or a claim. */
  recordId: string;
  text: string;
  /** A paragraph's place in its source; absent for a source's title. */
  span?: Span;
};

export type SearchHit = {
  kind: HitKind;
  recordId: string;
  /** A paragraph of a source: where it is. */
  start?: number;
  end?: number;
  /** A paragraph of a source: where its first matched word is, to show in the reader. */
  matchStart?: number;
  matchEnd?: number;
  /** The source's title, the quote's or the claim's text, around the matched words. */
  parts: TextPart[];
  score: number;
};

export type SearchResults = { query: string; sources: SearchHit[]; quotes: SearchHit[]; claims: SearchHit[]; total: number };

/** Words come folded from `words` (the tokenizer, for texts and queries alike). */
const processTerm = (t: string) => (t && !STOP_WORDS.has(t) ? t : null);

const OPTIONS: Options<Doc> = {
  fields: ['text'],
  // A paragraph's place is kept beside the index (`spans`): it moves when text before it is edited.
  storeFields: ['kind', 'recordId'],
  tokenize: words,
  processTerm,
  searchOptions: {
    processTerm,
    prefix: true,
    // Typing errors: one edit in words of 4+ letters, two in 8+.
    fuzzy: (term) => (term.length >= 8 ? 2 : term.length >= 4 ? 1 : false),
    combineWith: 'AND',
    // A prefix or fuzzy match counts less than the word itself.
    weights: { prefix: 0.5, fuzzy: 0.3 },
  },
  autoVacuum: { minDirtCount: 2000, minDirtFactor: 0.2, batchSize: 5000, batchWait: 5 },
};


type SourceRecord = Pick<Source, 'id' | 'title' | 'author' | 'publisher' | 'text'>;
type QuoteRecord = Pick<Quote, 'id' | 'exact' | 'note'>;
type ClaimRecord = Pick<Claim, 'id' | 'text' | 'note' | 'tags'>;

/** A source's documents, without ids yet: its title line, and each paragraph. */
function sourceDocs(source: SourceRecord): Omit<Doc, 'id'>[] {
  const docs: Omit<Doc, 'id'>[] = [];
  const title = [source.title, source.author, source.publisher].filter(Boolean).join(' · ');
  if (title) docs.push({ kind: 'source', recordId: source.id, text: title });
  for (const p of paragraphsOf(source.text)) docs.push({ kind: 'source', recordId: source.id, text: source.text.slice(p.start, p.end), span: p });
  return docs;
}

function quoteDoc(quote: QuoteRecord): Doc {
  return { id: quote.id, kind: 'quote', recordId: quote.id, text: quote.note ? `${quote.exact}\n${quote.note}` : quote.exact };
}

function claimDoc(claim: ClaimRecord): Doc {
  const text = [claim.text, claim.tags?.length ? claim.tags.join(', ') : '', claim.note ?? ''].filter(Boolean).join('\n');
  return { id: claim.id, kind: 'claim', recordId: claim.id, text };
}

export class SearchIndex {
  private index = new BulkMiniSearch<Doc>(OPTIONS);
  /** Index ids of each record's documents (a source has one a paragraph). */
  private readonly docsOf = new Map<string, string[]>();
  /** The text of each document, for snippets; not stored in the index twice. */
  private readonly texts = new Map<string, string>();
  /** Where each paragraph document is in its source. */
  private readonly spans = new Map<string, Span>();
  /** Numbers a source's documents: `source#n`. */
  private nextDoc = 0;

  /**
   * Adds or replaces a source. An edit to a long source most often changes
   * one paragraph: a paragraph whose text is unchanged keeps its document
   * (only its place is updated), so only changed paragraphs are re-indexed.
   */
  putSource(source: SourceRecord): void {
    const unchanged = new Map<string, string[]>();
    for (const id of this.docsOf.get(source.id) ?? []) {
      const text = this.texts.get(id)!;
      const same = unchanged.get(text);
      if (same) same.push(id);
      else unchanged.set(text, [id]);
    }
    const ids: string[] = [];
    const added: Doc[] = [];
    for (const d of sourceDocs(source)) {
      const id = unchanged.get(d.text)?.shift();
      if (id === undefined) {
        added.push({ ...d, id: `${source.id}#${this.nextDoc++}` });
        continue;
      }
      ids.push(id);
      if (d.span) this.spans.set(id, d.span);
      else this.spans.delete(id);
    }
    for (const gone of unchanged.values()) for (const id of gone) this.discard(id);
    this.docsOf.set(source.id, ids);
    this.addDocs([[source.id, added]]);
  }

  /** Replaces everything with these records, for opening a map: one pass for all of them (see bulkIndex.ts). */
  load(sources: readonly SourceRecord[], quotes: readonly QuoteRecord[], claims: readonly ClaimRecord[]): void {
    this.index = new BulkMiniSearch(OPTIONS);
    this.docsOf.clear();
    this.texts.clear();
    this.spans.clear();
    this.addDocs([
      ...sources.map((s): [string, Doc[]] => [s.id, sourceDocs(s).map((d) => ({ ...d, id: `${s.id}#${this.nextDoc++}` }))]),
      ...quotes.map((q): [string, Doc[]] => [q.id, [quoteDoc(q)]]),
      ...claims.map((c): [string, Doc[]] => [c.id, [claimDoc(c)]]),
    ]);
  }

  putQuote(quote: QuoteRecord): void {
    this.remove(quote.id);
    this.addDocs([[quote.id, [quoteDoc(quote)]]]);
  }

  putClaim(claim: ClaimRecord): void {
    this.remove(claim.id);
    this.addDocs([[claim.id, [claimDoc(claim)]]]);
  }

  /** Removes a source, quote or claim. */
  remove(recordId: string): void {
    for (const id of this.docsOf.get(recordId) ?? []) this.discard(id);
    this.docsOf.delete(recordId);
  }

  get documentCount(): number {
    return this.index.documentCount;
  }

  private discard(id: string): void {
    // discard is O(1): the index drops the words lazily (auto vacuum).
    this.index.discard(id);
    this.texts.delete(id);
    this.spans.delete(id);
  }

  /** Indexes new documents of each record, after those it has. */
  private addDocs(byRecord: readonly [string, Doc[]][]): void {
    const bulk = [];
    for (const [recordId, docs] of byRecord) {
      const ids = this.docsOf.get(recordId) ?? [];
      this.docsOf.set(recordId, ids);
      for (const d of docs) {
        ids.push(d.id);
        this.texts.set(d.id, d.text);
        if (d.span) this.spans.set(d.id, d.span);
        bulk.push({ id: d.id, words: words(d.text), stored: { kind: d.kind, recordId: d.recordId } });
      }
    }
    this.index.addBulk(processTerm, bulk);
  }

  /** The best hits of each kind for `query`, at most `limit` of each. */
  search(query: string, limit = 20): SearchResults {
    const empty: SearchResults = { query, sources: [], quotes: [], claims: [], total: 0 };
    if (!query.trim()) return empty;
    const prefixes = words(query).filter((w) => !STOP_WORDS.has(w));
    const hits = this.index.search(query);
    const out = empty;
    out.total = hits.length;
    for (const h of hits) {
      const list = h['kind'] === 'source' ? out.sources : h['kind'] === 'quote' ? out.quotes : out.claims;
      if (list.length >= limit) continue;
      list.push(this.hit(h, prefixes));
    }
    return out;
  }

  private hit(h: SearchResult, prefixes: readonly string[]): SearchHit {
    const text = this.texts.get(h.id as string) ?? '';
    const terms = new Set(h.terms);
    const hit: SearchHit = {
      kind: h['kind'] as HitKind,
      recordId: h['recordId'] as string,
      parts: snippet(text, terms, prefixes),
      score: h.score,
    };
    const span = this.spans.get(h.id as string);
    if (span) {
      hit.start = span.start;
      hit.end = span.end;
      const word = firstMatch(text, terms, prefixes);
      hit.matchStart = hit.start + (word?.start ?? 0);
      hit.matchEnd = hit.start + (word?.end ?? text.length);
    }
    return hit;
  }
}
