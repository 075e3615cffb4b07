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
});
