import { describe, expect, test } from 'vitest';
import { EvidenceFinder, type FinderWeights } from './finder';

describe('EvidenceFinder', () => {
  test('a heading ranks below a sentence with the same words', () => {
    const finder = new EvidenceFinder();
    const text = 'China pushes cyber norms\n\nChina pushes cyber norms, and few observers expected it to happen so soon.';
    finder.putSource({ id: 'src_a', text });
    const starts = (weights: Partial<FinderWeights> = {}) => finder.find({ text: 'China pushes cyber norms' }, 10, { weights }).map((s) => s.start);
    expect(starts({ notSentence: 0 })).toEqual([0, 26]);
    expect(starts()).toEqual([26, 0]);
  });

  test('after an edit, ranks as a finder built afresh on the new text', () => {
    const before = 'Xi met Putin in Moscow for talks. Trade and energy were on the table.\n\nUnity was on show at the summit. Energy deals followed the talks.';
    const after = `A new opening sentence about energy trade. ${before.replace('Unity was on show', 'Discord was on show')}`;
    const edited = new EvidenceFinder();
    edited.putSource({ id: 'src_a', text: before });
    edited.putSource({ id: 'src_a', text: after });
    const fresh = new EvidenceFinder();
    fresh.putSource({ id: 'src_a', text: after });
    // Spans in rank order; not scores: MiniSearch drops the words of replaced passages lazily, so the
    // first query after an edit may score with them once.
    const strip = (xs: { start: number; end: number }[]) => xs.map((x) => [x.start, x.end]);
    for (const text of ['energy trade talks', 'discord at the summit', 'unity on show']) {
      expect(strip(edited.find({ text }))).toEqual(strip(fresh.find({ text })));
    }
    expect(edited.passagesOf('src_a')).toEqual(fresh.passagesOf('src_a'));
  });
});
