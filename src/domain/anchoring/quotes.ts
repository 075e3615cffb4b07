/**
 * What happens to the stored quotes of a source when its text changes, and
 * to the quotes of an imported file: one set of rules, so that what a source
 * edit stores, import takes back unchanged (map-format.md, rules 3 and 8).
 */
import type { Quote } from '../schema';
import { createAnchorIndex, describeQuote, reanchorAll, splitsSurrogatePair, type AnchorResult, type AnchorStatus } from './anchor';

export type QuoteOutcome = {
  quoteId: string;
  status: AnchorStatus;
  /** The quote as it is to be stored now. */
  quote: Quote;
  /** Whether `quote` differs from the stored one. */
  changed: boolean;
  /**
   * The anchoring of `quote` (as to be stored) in the new text, as the
   * anchoring cache would work it out (`drift: false`), when it was worked
   * out with the outcome (the anchoring worker does): the caller primes the
   * cache with it, so that drawing the edited source anchors nothing again.
   */
  anchor?: AnchorResult;
};

/**
 * A valid range in `text` as near as can be to [start, end): inside the
 * text, not empty, not splitting a surrogate pair. Null for an empty text.
 */
export function validRange(text: string, start: number, end: number): { start: number; end: number } | null {
  if (text.length === 0) return null;
  let e = Math.min(Math.max(1, Math.trunc(end) || 1), text.length);
  let s = Math.min(Math.max(0, Math.trunc(start) || 0), e - 1);
  if (s > 0 && splitsSurrogatePair(text, s)) s--;
  if (e < text.length && splitsSurrogatePair(text, e)) e++;
  if (s === e) e = Math.min(text.length, e + 1);
  return { start: s, end: e };
}

const sameSelector = (a: Quote, b: Quote) =>
  a.start === b.start && a.end === b.end && a.exact === b.exact && a.prefix === b.prefix && a.suffix === b.suffix;

/** The quote kept at [start, end) (made valid when it is not), its words unchanged. */
function keep(text: string, q: Quote, start = q.start, end = q.end): Quote {
  // Rule 7: a kept range never splits an emoji, or the map could not be imported again.
  const fits = start >= 0 && start < end && end <= text.length && !splitsSurrogatePair(text, start) && !splitsSurrogatePair(text, end);
  const range = fits ? { start, end } : validRange(text, start, end);
  return range && (range.start !== q.start || range.end !== q.end) ? { ...q, ...range } : q;
}

function placeFound(text: string, q: Quote, result: AnchorResult): Quote {
  if (result.start === undefined || result.end === undefined) return keep(text, q);
  if (result.status === 'fuzzy') return keep(text, q, result.start, result.end);
  return { ...q, ...describeQuote(text, result.start, result.end) };
}

/**
 * After a source's text changed from what `quotes` were taken in to `text`:
 * found quotes (`exact`, `relocated`) are re-described at their place;
 * `fuzzy` ones move there but keep their words, so they show as needing
 * review; `ambiguous` and `orphaned` ones keep their range, made valid for
 * the new text. No quote is ever dropped.
 *
 * `results` may come from a worker (same order as `quotes`). The stored
 * result is settled: a quote whose new place the app would read as found
 * elsewhere is re-described now, so that reading, export and import all
 * agree on its status afterwards.
 */
export function reanchorSourceQuotes(text: string, quotes: readonly Quote[], results?: readonly AnchorResult[]): QuoteOutcome[] {
  const index = createAnchorIndex(text);
  const found = results ?? reanchorAll(text, quotes, { index }).map((e) => e.result);
  return quotes.map((q, i) => {
    const result = found[i]!;
    let next = placeFound(text, q, result);
    let status = result.status;
    if (status !== 'exact' && status !== 'relocated') {
      const settled = reanchorAll(text, [next], { index, drift: false })[0]!.result;
      status = settled.status;
      if (settled.status === 'relocated') next = placeFound(text, next, settled);
    }
    return { quoteId: q.id, status, quote: next, changed: !sameSelector(next, q) };
  });
}

/**
 * Import (rule 3): every quote is anchored again in its source. A quote at
 * its position stays; one found elsewhere is re-described there; fuzzy,
 * ambiguous and orphaned ones are kept as the file has them (their range
 * made valid) and flagged, never refused.
 */
export function importSourceQuotes(text: string, quotes: readonly Quote[]): QuoteOutcome[] {
  const index = createAnchorIndex(text);
  const results = reanchorAll(text, quotes, { index, drift: false });
  return quotes.map((q, i) => {
    const { result } = results[i]!;
    const next = result.status === 'relocated' ? placeFound(text, q, result) : keep(text, q);
    return { quoteId: q.id, status: result.status, quote: next, changed: !sameSelector(next, q) };
  });
}
