/**
 * Anchoring results kept per source text, so that a quote's status is worked
 * out once per version of its source, not on every render or keystroke (a
 * note edit makes a new quote object but leaves its selector alone).
 *
 * Keyed by the source record: records are immutable, so a new text is a new
 * record and old entries go with the old record.
 */
import type { Quote, Source } from '../schema';
import { createAnchorIndex, reanchorAll, type AnchorIndex, type AnchorResult } from './anchor';

type Entry = { index: AnchorIndex; results: Map<string, AnchorResult> };
const bySource = new WeakMap<Source, Entry>();

type SelectorFields = Pick<Quote, 'exact' | 'prefix' | 'suffix' | 'start' | 'end'>;

/** What anchoring depends on, as one string. */
export const selectorKey = (q: SelectorFields): string => `${q.start}:${q.end}:${q.prefix.length}:${q.exact.length}:${q.prefix}${q.exact}${q.suffix}`;

function entryOf(source: Source): Entry {
  let entry = bySource.get(source);
  if (!entry) {
    entry = { index: createAnchorIndex(source.text), results: new Map() };
    bySource.set(source, entry);
  }
  return entry;
}

/** The cached result, or undefined when this quote has not been anchored against this text yet. */
export function cachedAnchor(source: Source, quote: SelectorFields): AnchorResult | undefined {
  return bySource.get(source)?.results.get(selectorKey(quote));
}

/** Stores results worked out elsewhere (a worker) for this source text. */
export function primeAnchors(source: Source, entries: ReadonlyArray<readonly [string, AnchorResult]>): void {
  const { results } = entryOf(source);
  for (const [key, result] of entries) results.set(key, result);
}

/** The quote's anchoring in its source as it is now, from the cache or worked out (and kept). */
export function anchorOfQuote(source: Source, quote: SelectorFields): AnchorResult {
  const entry = entryOf(source);
  const key = selectorKey(quote);
  const hit = entry.results.get(key);
  if (hit) return hit;
  const [result] = reanchorAll(source.text, [quote], { index: entry.index, drift: false });
  entry.results.set(key, result!.result);
  return result!.result;
}

/** Anchors the not-yet-cached quotes of one source together, sharing one index. */
export function anchorAllOfSource(source: Source, quotes: readonly SelectorFields[]): void {
  const entry = entryOf(source);
  const missing = quotes.filter((q) => !entry.results.has(selectorKey(q)));
  if (missing.length === 0) return;
  const out = reanchorAll(source.text, missing, { index: entry.index, drift: false });
  out.forEach(({ quote, result }) => entry.results.set(selectorKey(quote), result));
}
