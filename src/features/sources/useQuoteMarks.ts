import { useMemo } from 'react';
import { mapStore, useMapStore } from '../../store/useMapStore';
import { quoteAnchorStatus } from '../../domain/edits';
import { anchorQuote, type AnchorStatus } from '../../domain/anchoring/anchor';
import type { Quote, Source } from '../../domain/schema';
import { ellipsize } from '../../domain/vocabulary';
import { combineRelations, type MarkRange, type MarkRelation } from './segments';

export type PlacedQuote = { quote: Quote; status: AnchorStatus; start?: number; end?: number };

/** Where each quote of the source is in its text as it is now, and how sure that is. */
function placeQuotes(source: Source, quotes: readonly Quote[]): PlacedQuote[] {
  const doc = mapStore.getState().doc;
  return quotes.map((quote) => {
    // quoteAnchorStatus only reads this source; `doc` is the snapshot these quotes came from.
    const status = doc ? quoteAnchorStatus(doc, quote) : 'orphaned';
    if (status === 'exact') return { quote, status, start: quote.start, end: quote.end };
    if (status === 'ambiguous' || status === 'orphaned') return { quote, status };
    // Relocated or fuzzy: mark where re-anchoring finds it now (for a fuzzy
    // quote that is where updateSource put it, its `exact` still the old words).
    const found = anchorQuote(source.text, quote);
    if (found.start === undefined || found.end === undefined) return { quote, status: found.status };
    return { quote, status, start: found.start, end: found.end };
  });
}

/**
 * The quotes of the open source: their marks (ranges and relations, for the
 * text), titles (naming the claims, applied to the marks separately), and
 * those that cannot be marked. Subscribes to whole tables, but only the
 * Reader (one instance) uses it.
 */
export function useQuoteMarks(source: Source | undefined) {
  const quotes = useMapStore((s) => s.doc?.quotes);
  const links = useMapStore((s) => s.doc?.links);
  const claims = useMapStore((s) => s.doc?.claims);
  const sourceId = source?.id;

  const sourceQuotes = useMemo(
    () => (sourceId && quotes ? Object.values(quotes).filter((q) => q.sourceId === sourceId).sort((a, b) => a.start - b.start) : []),
    [quotes, sourceId],
  );

  const placed = useMemo(() => (source ? placeQuotes(source, sourceQuotes) : []), [source, sourceQuotes]);

  const linksByQuote = useMemo(() => {
    const out = new Map<string, { to: string; relation: 'supports' | 'contradicts' }[]>();
    if (!links) return out;
    for (const l of Object.values(links)) {
      const list = out.get(l.from);
      if (list) list.push(l);
      else out.set(l.from, [l]);
    }
    return out;
  }, [links]);

  const ranges = useMemo<MarkRange[]>(() => {
    const out: MarkRange[] = [];
    for (const p of placed) {
      if (p.start === undefined || p.end === undefined) continue;
      const rels: MarkRelation[] = (linksByQuote.get(p.quote.id) ?? []).map((l) => l.relation);
      out.push({ id: p.quote.id, start: p.start, end: p.end, relation: combineRelations(rels), fuzzy: p.status === 'fuzzy' });
    }
    return out;
  }, [placed, linksByQuote]);

  const titles = useMemo(() => {
    const out = new Map<string, string>();
    for (const p of placed) {
      const ls = linksByQuote.get(p.quote.id) ?? [];
      const parts = ls.map((l) => {
        const text = claims?.[l.to]?.text.trim() || 'untitled claim';
        return `${l.relation} '${ellipsize(text, 60)}'`;
      });
      let title = parts.length ? `Quote: ${parts.join('; ')}` : 'Quote: not linked to a claim';
      if (p.status === 'fuzzy') title += ' (needs review: the text changed here)';
      out.set(p.quote.id, title);
    }
    return out;
  }, [placed, linksByQuote, claims]);

  const unplaced = useMemo(() => placed.filter((p) => p.start === undefined || p.end === undefined), [placed]);
  const needReview = useMemo(() => placed.filter((p) => p.status === 'fuzzy' || p.start === undefined).length, [placed]);

  return { ranges, titles, unplaced, needReview };
}
