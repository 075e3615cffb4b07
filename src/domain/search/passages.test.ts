import { describe, expect, test } from 'vitest';
import { paragraphsOf, passagesOf, sentencesIn } from './passages';

const texts = (text: string, spans: { start: number; end: number }[]) => spans.map((s) => text.slice(s.start, s.end));

describe('paragraphsOf', () => {
  test('a hard-wrapped line inside a sentence does not end the paragraph', () => {
    const text = 'The first paragraph is\nwrapped across lines.\nThe second one.\n\n  Third  ';
    expect(texts(text, paragraphsOf(text))).toEqual(['The first paragraph is\nwrapped across lines.', 'The second one.', 'Third']);
  });

  test('in hard-wrapped text, a line well short of the usual length ends its paragraph', () => {
    const wrapped = Array.from({ length: 12 }, (_, i) => `line ${i} of a long printed paragraph that goes on and on to the margin`);
    const text = `${wrapped.slice(0, 6).join('\n')}\nshort last line\n${wrapped.slice(6).join('\n')}`;
    const paras = texts(text, paragraphsOf(text));
    expect(paras).toHaveLength(2);
    expect(paras[0]!.endsWith('short last line')).toBe(true);
  });
});

describe('sentencesIn', () => {
  test('splits at sentence ends, not at abbreviations or initials', () => {
    const text = 'Mr. Li met the U.S. envoy in Sept. 2023. It went “well.” Did it? Yes!';
    expect(texts(text, sentencesIn(text, { start: 0, end: text.length }))).toEqual([
      'Mr. Li met the U.S. envoy in Sept. 2023.',
      'It went “well.”',
      'Did it?',
      'Yes!',
    ]);
  });

  test('a footnote number after a full stop ends the sentence; a decimal point does not', () => {
    const text = 'It laid out the survival\nstrategy.10 The actions predate it. Trade grew 3.5 percent. Then 4.2 More came.';
    expect(texts(text, sentencesIn(text, { start: 0, end: text.length }))).toEqual([
      'It laid out the survival\nstrategy.10',
      'The actions predate it.',
      'Trade grew 3.5 percent.',
      'Then 4.2 More came.',
    ]);
  });
});

describe('passagesOf', () => {
  test('joins very short sentences to the next and cuts very long ones at clause marks', () => {
    const long = `${'a'.repeat(250)}; ${'b'.repeat(250)}.`;
    const text = `Not so. The claim holds up under a closer look at the record.\n${long}`;
    const parts = texts(text, passagesOf(text));
    expect(parts[0]).toBe('Not so. The claim holds up under a closer look at the record.');
    expect(parts.slice(1)).toEqual([`${'a'.repeat(250)};`, `${'b'.repeat(250)}.`]);
  });
});
