import { describe, expect, it } from 'vitest';
import { reflowText } from './ReaderReflow';

const wrapped = [
  'This report was published online,',
  'A Title Line',
  'By Two Authors',
  'the body of the text runs to the margin of the page and then breaks in a',
  'word’s place, so every line but the last of a paragraph is about as long',
  'as this one.',
  '',
  'A second paragraph also runs on to the margin and then it breaks where a',
  'PDF broke it.',
  '- a list item that is long enough to reach the margin of the page here,',
  '- another item',
].join('\n');

describe('reflowText', () => {
  it('joins the lines that ran to the margin, keeping short lines, blank lines and list items', () => {
    expect(reflowText(wrapped).split('\n')).toEqual([
      'This report was published online,',
      'A Title Line',
      'By Two Authors',
      'the body of the text runs to the margin of the page and then breaks in a word’s place, so every line but the last of a paragraph is about as long as this one.',
      '',
      'A second paragraph also runs on to the margin and then it breaks where a PDF broke it.',
      '- a list item that is long enough to reach the margin of the page here,',
      '- another item',
    ]);
  });

  it('keeps the length, and every character but the joined breaks', () => {
    const out = reflowText(wrapped);
    expect(out).toHaveLength(wrapped.length);
    for (let i = 0; i < wrapped.length; i++) if (out[i] !== wrapped[i]) expect([wrapped[i], out[i]]).toEqual(['\n', ' ']);
  });

  it('leaves a text of one paragraph a line, or without breaks, as it is', () => {
    const paragraphs = Array.from({ length: 5 }, (_, i) => `Paragraph ${i} `.repeat(30)).join('\n');
    expect(reflowText(paragraphs)).toBe(paragraphs);
    expect(reflowText('')).toBe('');
    expect(reflowText('plain')).toBe('plain');
  });
});
