import { describe, expect, it } from 'vitest';
import { blocksOf, combineRelations, snapToCharacters, splitSegments, type MarkRange } from './segments';

const r = (id: string, start: number, end: number, relation: MarkRange['relation'] = 'supports', fuzzy = false): MarkRange => ({
  id,
  start,
  end,
  relation,
  fuzzy,
});

const view = (text: string, ranges: MarkRange[]) =>
  splitSegments(text.length, ranges).map((s) => [text.slice(s.start, s.end), s.quoteIds.join(','), s.relation ?? '-']);

describe('splitSegments', () => {
  it('is one plain run without quotes, nothing for an empty text', () => {
    expect(splitSegments(5, [])).toEqual([{ start: 0, end: 5, quoteIds: [] }]);
    expect(splitSegments(0, [r('a', 0, 1)])).toEqual([]);
  });

  it('cuts around a single quote', () => {
    expect(view('abcdefgh', [r('a', 2, 5)])).toEqual([
      ['ab', '', '-'],
      ['cde', 'a', 'supports'],
      ['fgh', '', '-'],
    ]);
  });

  it('splits overlapping quotes at every boundary and combines their relations', () => {
    expect(view('0123456789', [r('s', 1, 6, 'supports'), r('c', 4, 9, 'contradicts')])).toEqual([
      ['0', '', '-'],
      ['123', 's', 'supports'],
      ['45', 'c,s', 'both'],
      ['678', 'c', 'contradicts'],
      ['9', '', '-'],
    ]);
  });

  it('lists the innermost (shortest) quote first in a nested run', () => {
    const segs = splitSegments(10, [r('outer', 0, 10, 'contradicts'), r('inner', 3, 5, 'contradicts')]);
    expect(segs.map((s) => s.quoteIds)).toEqual([['outer'], ['inner', 'outer'], ['outer']]);
    expect(segs[1]!.relation).toBe('contradicts');
  });

  it('handles identical and adjacent ranges', () => {
    expect(view('abcdef', [r('x', 0, 3), r('y', 0, 3, 'unlinked'), r('z', 3, 6, 'unlinked')])).toEqual([
      ['abc', 'x,y', 'supports'],
      ['def', 'z', 'unlinked'],
    ]);
  });

  it('clips ranges to the text and ignores empty ones', () => {
    expect(view('abc', [r('a', -2, 1), r('b', 2, 99), r('e', 1, 1)])).toEqual([
      ['a', 'a', 'supports'],
      ['b', '', '-'],
      ['c', 'b', 'supports'],
    ]);
  });

  it('marks a run fuzzy when a covering quote is fuzzy', () => {
    const segs = splitSegments(6, [r('f', 0, 4, 'supports', true), r('g', 2, 6)]);
    expect(segs.map((s) => s.fuzzy)).toEqual([true, true, false]);
  });

  it('covers the whole text without gaps, in order, for many random ranges', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const len = 500;
    const ranges = Array.from({ length: 60 }, (_, i) => {
      const a = rnd(len);
      return r(`q${i}`, a, a + 1 + rnd(80));
    });
    const segs = splitSegments(len, ranges);
    expect(segs[0]!.start).toBe(0);
    expect(segs[segs.length - 1]!.end).toBe(len);
    for (let i = 1; i < segs.length; i++) expect(segs[i]!.start).toBe(segs[i - 1]!.end);
    for (const s of segs) {
      const expected = ranges.filter((q) => q.start <= s.start && Math.min(q.end, len) >= s.end).map((q) => q.id).sort();
      expect([...s.quoteIds].sort()).toEqual(expected);
    }
  });
});

describe('combineRelations', () => {
  it('mixed signs are both; unlinked adds nothing', () => {
    expect(combineRelations(['supports', 'unlinked'])).toBe('supports');
    expect(combineRelations(['contradicts', 'supports'])).toBe('both');
    expect(combineRelations(['both'])).toBe('both');
    expect(combineRelations(['unlinked'])).toBe('unlinked');
  });
});

describe('blocksOf', () => {
  it('cuts after each run of line breaks, splitting a quote that spans paragraphs', () => {
    const text = 'One.\n\nTwo two.\nThree.';
    const segs = splitSegments(text.length, [r('q', 2, 9)]);
    const blocks = blocksOf(text, segs);
    expect(blocks.map((b) => text.slice(b.start, b.end))).toEqual(['One.\n\n', 'Two two.\n', 'Three.']);
    expect(blocks.map((b) => b.segments.map((s) => [text.slice(s.start, s.end), s.quoteIds.join(',')]))).toEqual([
      [['On', ''], ['e.\n\n', 'q']],
      [['Two', 'q'], [' two.\n', '']],
      [['Three.', '']],
    ]);
  });
  it('keeps a text without line breaks in one block, and an empty text in none', () => {
    expect(blocksOf('abc', splitSegments(3, []))).toEqual([{ start: 0, end: 3, segments: [{ start: 0, end: 3, quoteIds: [] }] }]);
    expect(blocksOf('', [])).toEqual([]);
  });
});

describe('snapToCharacters', () => {
  it('never cuts an emoji in half', () => {
    const text = 'ab😀cd';
    const r = (start: number, end: number): MarkRange => ({ id: 'q_1', start, end, relation: 'supports', fuzzy: false });
    expect(snapToCharacters(text, [r(3, 5)])[0]).toMatchObject({ start: 2, end: 5 });
    expect(snapToCharacters(text, [r(0, 3)])[0]).toMatchObject({ start: 0, end: 4 });
    expect(snapToCharacters(text, [r(0, 2)])[0]).toMatchObject({ start: 0, end: 2 });
    for (const seg of splitSegments(text.length, snapToCharacters(text, [r(3, 5)]))) {
      expect(text.slice(seg.start, seg.end).isWellFormed()).toBe(true);
    }
  });
});
