import { describe, expect, it } from 'vitest';
import { exportNoticeLines, sentenceList } from './summary';

describe('what an export leaves out, as a sentence', () => {
  it('joins short sentences into one list, not "2 link weights. the text of 3 sources"', () => {
    expect(sentenceList(['2 link weights.', 'the text of 3 sources.'])).toBe('2 link weights and the text of 3 sources.');
    expect(sentenceList(['1 scheme.', '2 link weights.', '4 notes.'])).toBe('1 scheme, 2 link weights and 4 notes.');
    expect(sentenceList(['3 notes.'])).toBe('3 notes.');
  });

  it('keeps an item with its own "and" apart with semicolons', () => {
    expect(sentenceList(['2 notes.', 'the text of 3 sources and the grades of their quotes.'])).toBe(
      '2 notes; and the text of 3 sources and the grades of their quotes.',
    );
  });

  it('reads as one sentence in the notice', () => {
    const [line] = exportNoticeLines('Argdown', { leftOut: ['2 link weights.', 'the text of 3 sources (quotes come back as claims).'], otherToolsIgnore: [] });
    expect(line).toBe('Not kept in the Argdown file: 2 link weights and the text of 3 sources (quotes come back as claims).');
    expect(line).not.toMatch(/\. [a-z]/);
  });
});
