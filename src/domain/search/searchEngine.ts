/**
 * Everything search knows of the open map, behind one message protocol: the
 * search worker runs it, and where there is no Worker (unit tests) the
 * client runs it in the page. It mirrors the map's sources, quotes, claims
 * and links, is told each Change as records put and ids deleted, and keeps
 * the search index and the evidence finder up to date with them.
 */
import type { Claim, Link, Quote, Source } from '../schema';
import { EvidenceFinder, evidenceQueryFor, holdsMostOf, type EvidenceQuery, type Suggestion } from './finder';
import { paragraphsOf, overlapLength, type Span } from './passages';
import { SearchIndex, type SearchResults } from './searchIndex';

export type Records = {
  sources: Source[];
  quotes: Quote[];
  claims: Claim[];
  links: Link[];
};

export type EngineRequest =
  | { type: 'load'; mapId: string; records: Records }
  | { type: 'change'; mapId: string; put: Partial<Records>; delete: { sources?: string[]; quotes?: string[]; claims?: string[]; links?: string[] } }
  | { type: 'search'; query: string; limit?: number }
  | { type: 'find'; claimId: string; limit?: number }
  | { type: 'relevant'; sourceId: string; limit?: number };

export type EngineResponse =
  | { type: 'indexed'; mapId: string; ms: number; documents: number }
  | { type: 'search'; results: SearchResults; ms: number }
  | { type: 'find'; suggestions: Suggestion[]; ms: number }
  | { type: 'relevant'; paragraphs: Span[]; ms: number };

export class SearchEngine {
  private mapId: string | null = null;
  private sources = new Map<string, Source>();
  private quotes = new Map<string, Quote>();
  private claims = new Map<string, Claim>();
  private links = new Map<string, Link>();
  private index = new SearchIndex();
  /** Built on the first request for evidence: most sessions never ask. */
  private finder: EvidenceFinder | null = null;

  handle(msg: EngineRequest): EngineResponse | null {
    const t0 = performance.now();
    switch (msg.type) {
      case 'load': {
        this.mapId = msg.mapId;
        this.sources = new Map(msg.records.sources.map((r) => [r.id, r]));
        this.quotes = new Map(msg.records.quotes.map((r) => [r.id, r]));
        this.claims = new Map(msg.records.claims.map((r) => [r.id, r]));
        this.links = new Map(msg.records.links.map((r) => [r.id, r]));
        this.index = new SearchIndex();
        this.finder = null;
        this.index.load(msg.records.sources, msg.records.quotes, msg.records.claims);
        return { type: 'indexed', mapId: msg.mapId, ms: performance.now() - t0, documents: this.index.documentCount };
      }
      case 'change': {
        if (msg.mapId !== this.mapId) return null;
        for (const id of msg.delete.sources ?? []) {
          this.sources.delete(id);
          this.index.remove(id);
          this.finder?.removeSource(id);
        }
        for (const id of msg.delete.quotes ?? []) {
          this.quotes.delete(id);
          this.index.remove(id);
        }
        for (const id of msg.delete.claims ?? []) {
          this.claims.delete(id);
          this.index.remove(id);
        }
        for (const id of msg.delete.links ?? []) this.links.delete(id);
        for (const s of msg.put.sources ?? []) {
          const old = this.sources.get(s.id);
          this.sources.set(s.id, s);
          this.index.putSource(s);
          // Only a new text changes the passages (a title or grade edit does not).
          if (this.finder && old?.text !== s.text) this.finder.putSource(s);
        }
        for (const q of msg.put.quotes ?? []) {
          this.quotes.set(q.id, q);
          this.index.putQuote(q);
        }
        for (const c of msg.put.claims ?? []) {
          this.claims.set(c.id, c);
          this.index.putClaim(c);
        }
        for (const l of msg.put.links ?? []) this.links.set(l.id, l);
        return { type: 'indexed', mapId: msg.mapId, ms: performance.now() - t0, documents: this.index.documentCount };
      }
      case 'search':
        return { type: 'search', results: this.index.search(msg.query, msg.limit), ms: performance.now() - t0 };
      case 'find': {
        const query = evidenceQueryFor(this.doc(), msg.claimId);
        const suggestions = query ? this.evidenceFinder().find(query, msg.limit ?? 10) : [];
        return { type: 'find', suggestions, ms: performance.now() - t0 };
      }
      case 'relevant':
        return { type: 'relevant', paragraphs: this.relevantUnquoted(msg.sourceId, msg.limit ?? 30), ms: performance.now() - t0 };
    }
  }

  private doc() {
    return {
      claims: Object.fromEntries(this.claims),
      quotes: Object.fromEntries(this.quotes),
      links: Object.fromEntries(this.links),
    };
  }

  private evidenceFinder(): EvidenceFinder {
    if (!this.finder) {
      this.finder = new EvidenceFinder();
      this.finder.putSources(this.sources.values());
    }
    return this.finder;
  }

  /**
   * Paragraphs of a source with no quote in them that the finder rates
   * relevant to the map's theses (their words and those of the claims
   * linked to them), in text order.
   */
  private relevantUnquoted(sourceId: string, limit: number): Span[] {
    const source = this.sources.get(sourceId);
    if (!source) return [];
    const theses = [...this.claims.values()].filter((c) => c.kind === 'thesis');
    if (!theses.length) return [];
    const doc = this.doc();
    const parts = theses.map((t) => evidenceQueryFor(doc, t.id)!);
    const query: EvidenceQuery = {
      text: parts.map((p) => p.text).join('\n'),
      note: parts.map((p) => p.note ?? '').join('\n'),
      tags: parts.flatMap((p) => p.tags ?? []),
      related: parts.flatMap((p) => p.related ?? []),
      quoted: parts.flatMap((p) => p.quoted ?? []),
    };
    const quoted = [...this.quotes.values()].filter((q) => q.sourceId === sourceId);
    const suggestions = this.evidenceFinder().find(query, limit * 3, { sourceId });
    const paragraphs = paragraphsOf(source.text);
    const out = new Map<number, Span>();
    for (const s of suggestions) {
      if (s.score <= 0) continue;
      const para = paragraphs.find((p) => overlapLength(p, s) > 0);
      if (!para || out.has(para.start)) continue;
      if (quoted.some((q) => overlapLength(q, para) > 0 || holdsMostOf(para, q))) continue;
      out.set(para.start, para);
      if (out.size >= limit) break;
    }
    return [...out.values()].sort((a, b) => a.start - b.start);
  }
}
