import { describe, expect, it } from 'vitest';
import { CHUNK, chunkAt, chunkAtY, chunkCount, chunkText, estimateHeights, segmentsIn, topsOf, windowFor } from './readerWindow';
import { splitSegments } from './segments';

const wrapped = (paragraphs: number) =>
  Array.from({ length: paragraphs }, (_, p) => Array.from({ length: 6 }, (_, l) => `Paragraph ${p} line ${l}: ${'word '.repeat(11).trim()}`).join('\n') + '\n\n').join('');

describe('chunkText', () => {
  it('cuts at line starts into chunks of about CHUNK characters that cover the text exactly', () => {
    const text = wrapped(400);
    const c = chunkText(text);
    expect(c.starts[0]).toBe(0);
    expect(c.starts[c.starts.length - 1]).toBe(text.length);
    for (let i = 1; i < chunkCount(c); i++) {
      const at = c.starts[i]!;
      // Just after a line break, never inside a run of them.
      expect(text[at - 1]).toBe('\n');
      expect(text[at]).not.toBe('\n');
      const size = c.starts[i]! - c.starts[i - 1]!;
      expect(size).toBeGreaterThanOrEqual(CHUNK);
      expect(size).toBeLessThan(CHUNK + 200);
    }
  });

  it('counts each line and each blank line once', () => {
    const c = chunkText('one\ntwo\n\n\nthree');
    expect([...c.lineLengths]).toEqual([3, 3, 0, 0, 5]);
    expect(chunkCount(c)).toBe(1);
  });

  it('cuts a line with no breaks at spaces, and a text with no spaces anywhere but inside a surrogate pair', () => {
    const prose = 'word '.repeat(20_000);
    const c = chunkText(prose);
    expect(chunkCount(c)).toBeGreaterThan(50);
    for (let i = 1; i < chunkCount(c); i++) expect(prose[c.starts[i]! - 1]).toBe(' ');
    const emoji = '😀'.repeat(10_000);
    const e = chunkText(emoji);
    expect(chunkCount(e)).toBeGreaterThan(5);
    // Every emoji is two UTF-16 units: a cut at an odd offset would split one.
    for (let i = 1; i < chunkCount(e); i++) expect(e.starts[i]! % 2).toBe(0);
  });

  it('gives an empty text one empty chunk', () => {
    const c = chunkText('');
    expect(chunkCount(c)).toBe(1);
    expect(chunkAt(c, 0)).toBe(0);
  });
});

describe('heights and windows', () => {
  const text = wrapped(200);
  const c = chunkText(text);

  it('estimates wrapped lines: half the width, twice the height', () => {
    const wide = estimateHeights(c, 200, 20);
    const narrow = estimateHeights(c, 40, 20);
    // Lines are about 70 characters: one line each when wide, two when 40 fit.
    expect(narrow[0]! / wide[0]!).toBeGreaterThan(1.5);
    expect(wide[0]! % 20).toBe(0);
  });

  it('finds the chunk of an offset and of a height, and the chunks of a view', () => {
    for (const offset of [0, 1, 5000, text.length - 1, text.length]) {
      const i = chunkAt(c, offset);
      expect(c.starts[i]! <= offset && (offset < c.starts[i + 1]! || i === chunkCount(c) - 1)).toBe(true);
    }
    const tops = topsOf(estimateHeights(c, 120, 25));
    const total = tops[tops.length - 1]!;
    expect(chunkAtY(tops, 0)).toBe(0);
    expect(chunkAtY(tops, total + 100)).toBe(chunkCount(c) - 1);
    const w = windowFor(tops, total / 2, 600, 400);
    expect(tops[w.first]!).toBeLessThanOrEqual(total / 2 - 400);
    expect(tops[w.last + 1]!).toBeGreaterThanOrEqual(total / 2 + 1000);
    // A screenful, not the text.
    expect(w.last - w.first).toBeLessThan(10);
  });
});

describe('segmentsIn', () => {
  it('gives the runs of a range, cut at its ends, marks and all', () => {
    const segments = splitSegments(100, [
      { id: 'q1', start: 10, end: 30, relation: 'supports', fuzzy: false },
      { id: 'q2', start: 50, end: 90, relation: 'contradicts', fuzzy: true },
    ]);
    const got = segmentsIn(segments, 20, 60);
    expect(got.map((s) => [s.start, s.end, s.quoteIds.join()])).toEqual([
      [20, 30, 'q1'],
      [30, 50, ''],
      [50, 60, 'q2'],
    ]);
    expect(segmentsIn(segments, 0, 100).reduce((n, s) => n + s.end - s.start, 0)).toBe(100);
  });
});
