import { describe, expect, test } from 'vitest';
import { foldText, stem, tokenize, words } from './text';

describe('foldText', () => {
  test('ignores case, diacritics and curly vs straight quotes', () => {
    expect(foldText('Régime’s “Ça”')).toBe(foldText("regime's \"ca\""));
    expect(foldText('ÉLAN')).toBe('elan');
  });
});

describe('tokenize', () => {
  test('gives folded words with their offsets in the original text', () => {
    const text = 'Xi’s régime, “unity”';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.term)).toEqual(['xi', 's', 'regime', 'unity']);
    for (const t of tokens) expect(foldText(text.slice(t.start, t.end))).toBe(t.term);
  });
  test('a decomposed accent stays inside its word', () => {
    expect(words('re\u0301gime')).toEqual(['regime']);
  });
});

describe('stem', () => {
  test('joins inflections and leaves numbers alone', () => {
    expect(stem('negotiations')).toBe(stem('negotiation'));
    expect(stem('2023')).toBe('2023');
  });
});
