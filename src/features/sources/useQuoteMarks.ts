import { useEffect, useMemo, useState } from 'react';
import { mapStore, useMapStore } from '../../store/useMapStore';
import { type AnchorStatus } from '../../domain/anchoring/anchor';
import { anchorOfQuote, cachedAnchor, primeAnchors, selectorKey } from '../../domain/anchoring/cache';
import type { Quote, Source } from '../../domain/schema';
import { ellipsize } from '../../domain/vocabulary';
import { combineRelations, type MarkRange, type MarkRelation } from './segments';
import { anchorStoredInWorker, wantsWorker } from '../../store/anchorInWorker';

export type PlacedQuote = { quote: Quote; status: AnchorStatus; start?: number; end?: number };


/**
 * Where each quote of the source is in its text as it is now, and how sure
 * that is. Anchoring is cached per source text and selector, so a note edit
 * or a re-render costs nothing; `pending` quotes (a large source still being
 * anchored in the worker) are marked at their stored range if their words
 * are still there, and otherwise left out until the worker answers.
 */
function placeQuotes(source: Source, quotes: readonly Quote[], pending: boolean): PlacedQuote[] {
  const out: PlacedQuote[] = [];
  for (const quote of quotes) {
    const found = cachedAnchor(source, quote) ?? (pending ? undefined : anchorOfQuote(source, quote));
    if (!found) {
      if (source.text.startsWith(quote.exact, quote.start)) out.push({ quote, status: 'exact', start: quote.start, end: quote.end });
      continue;
    }
    // Relocated or fuzzy: marked where anchoring finds it now (for a fuzzy
    // quote that is where updateSource put it, its `exact` still the old words).
    out.push({ quote, status: found.status, start: found.start, end: found.end });
  }
  return out;
}

/**
 * Anchors a large source's not-yet-anchored quotes in the worker and fills
 * the cache; answers true while that is under way. The worker reads the
 * stored text itself (no copy of it is posted), once the map's queued writes
 * have landed; its answer is kept only if `source` is still the open doc's
 * record of that source and of the length the worker read (a text stored
 * later belongs to a newer record, which runs this again).
 */
function useAnchoredInWorker(mapId: string | null, source: Source | undefined, quotes: readonly Quote[]): boolean {
  const missing = useMemo(() => (source ? quotes.filter((q) => !cachedAnchor(source, q)) : []), [source, quotes]);
  const big = mapId !== null && source !== undefined && missing.length > 0 && wantsWorker(source.text, missing.length);
  const [done, setDone] = useState<{ source: Source; quotes: readonly Quote[] } | null>(null);
  useEffect(() => {
    if (!big || !source || !mapId) return;
    const controller = new AbortController();
    const selectors = missing.map(({ exact, prefix, suffix, start, end }) => ({ exact, prefix, suffix, start, end }));
    mapStore
      .getState()
      .whenSettled()
      .then(() => anchorStoredInWorker(mapId, source.id, selectors, { signal: controller.signal }))
      .then(({ results, textLength }) => {
        if (controller.signal.aborted) return;
        const current = mapStore.getState().mapId === mapId && mapStore.getState().doc?.sources[source.id] === source;
        if (current && textLength === source.text.length) {
          primeAnchors(
            source,
            selectors.map((q, i) => [selectorKey(q), results[i]!] as const),
          );
        }
        // Otherwise the quotes are anchored on the main thread (a stale answer is never kept).
        setDone({ source, quotes });
      })
      .catch(() => {
        // Cancelled, or the worker failed: the quotes are anchored on the main thread instead.
        if (!controller.signal.aborted) setDone({ source, quotes });
      });
    return () => controller.abort();
  }, [big, mapId, source, missing, quotes]);
  return big && !(done?.source === source && done.quotes === quotes);
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
  const mapId = useMapStore((s) => s.mapId);
  const sourceId = source?.id;

  const sourceQuotes = useMemo(
    () => (sourceId && quotes ? Object.values(quotes).filter((q) => q.sourceId === sourceId).sort((a, b) => a.start - b.start) : []),
    [quotes, sourceId],
  );

  const pending = useAnchoredInWorker(mapId, source, sourceQuotes);
  const placed = useMemo(() => (source ? placeQuotes(source, sourceQuotes, pending) : []), [source, sourceQuotes, pending]);

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
