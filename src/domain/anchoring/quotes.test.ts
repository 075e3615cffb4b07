import { describe, expect, it } from 'vitest';
import type { Quote } from '../schema';
import { describeQuote } from './anchor';
import { anchorOfQuote, cachedAnchor } from './cache';
import { importSourceQuotes, reanchorSourceQuotes, validRange } from './quotes';

const T = '2026-01-01T00:00:00.000Z';
const TEXT = 'Alpha sentence here. Bravo sentence here. Charlie sentence here.';
const q = (exact: string): Quote => {
  const at = TEXT.indexOf(exact);
  return { id: 'q_1', sourceId: 'src_a', ...describeQuote(TEXT, at, at + exact.length), createdAt: T };
};

describe('validRange', () => {
  it('keeps a valid range, and pulls an outside one into the text', () => {
    expect(validRange('abcdef', 1, 3)).toEqual({ start: 1, end: 3 });
    expect(validRange('abcdef', 10, 20)).toEqual({ start: 5, end: 6 });
    expect(validRange('abcdef', 4, 4)).toEqual({ start: 3, end: 4 });
    expect(validRange('', 0, 1)).toBeNull();
  });

  it('never splits a surrogate pair', () => {
    const text = 'a😀b';
    expect(validRange(text, 2, 9)).toEqual({ start: 1, end: 4 });
  });
});

describe('reanchorSourceQuotes and importSourceQuotes', () => {
  it('moves a fuzzy quote to its new place but keeps its words; import then keeps it as it is', () => {
    const quote = q('Bravo sentence here.');
    const edited = TEXT.replace('Bravo sentence here.', 'Bravo sentences are here.');
    const [out] = reanchorSourceQuotes(edited, [quote]);
    expect(out).toMatchObject({ status: 'fuzzy', changed: true });
    expect(out!.quote.exact).toBe('Bravo sentence here.');
    expect(edited.slice(out!.quote.start, out!.quote.end)).toBe('Bravo sentences are here.');
    expect(importSourceQuotes(edited, [out!.quote])).toEqual([{ quoteId: 'q_1', status: 'fuzzy', quote: out!.quote, changed: false }]);
  });

  it('keeps an orphaned quote, inside the shortened text', () => {
    const quote = q('Charlie sentence here.');
    const [out] = reanchorSourceQuotes('Alpha.', [quote]);
    expect(out!.status).toBe('orphaned');
    expect(out!.quote).toMatchObject({ exact: 'Charlie sentence here.', start: 5, end: 6 });
    expect(importSourceQuotes('Alpha.', [out!.quote])[0]).toMatchObject({ status: 'orphaned', changed: false });
  });
});

describe('anchor cache', () => {
  it('anchors a quote once per source record, whatever its other fields', () => {
    const source = { id: 'src_a', title: 'a', text: TEXT.replace('Bravo sentence', 'Bravo sentences'), addedAt: T };
    const quote = q('Bravo sentence here.');
    expect(cachedAnchor(source, quote)).toBeUndefined();
    const first = anchorOfQuote(source, quote);
    expect(first.status).toBe('fuzzy');
    expect(anchorOfQuote(source, { ...quote, note: 'typed' } as Quote)).toBe(first);
    expect(cachedAnchor({ ...source }, quote)).toBeUndefined();
  });
});
