import { describe, expect, it } from 'vitest';
import { CredibilitySchema, DEFAULT_WEIGHT, linkWeight, ReliabilitySchema, storedWeight } from './schema';
import {
  briefText,
  clipText,
  CREDIBILITY_GRADES,
  CREDIBILITY_LABELS,
  credibilityOption,
  cutAtWord,
  ELLIPSIS,
  ellipsize,
  gradeMeaning,
  gradeText,
  isGraded,
  parseCredibility,
  parseReliability,
  parseWeight,
  plural,
  RELIABILITY_GRADES,
  reliabilityOption,
  signedWeight,
  signText,
  WEIGHT_NAMES,
  WEIGHTS,
  weightWord,
} from './vocabulary';

describe('gradeText', () => {
  it('spells a rated grade as letter and digit', () => {
    expect(gradeText('B', 2)).toBe('B2');
  });
  it('shows an unrated half as an en dash, never a question mark', () => {
    expect(gradeText('B', undefined)).toBe('B–');
    expect(gradeText(undefined, 3)).toBe('–3');
    expect(gradeText(undefined, undefined)).toBe('––');
    expect(gradeText('A', null)).not.toContain('?');
  });
  it('tells whether anything is rated', () => {
    expect(isGraded(undefined, undefined)).toBe(false);
    expect(isGraded('F', undefined)).toBe(true);
  });
});

describe('signedWeight', () => {
  it('never shows a signed zero', () => {
    expect(signedWeight(0)).toBe('0');
    expect(signedWeight(-0)).toBe('0');
  });
  it('uses the minus sign for negatives', () => {
    expect(signedWeight(-3)).toBe('\u22123');
    expect(signedWeight(2)).toBe('+2');
    expect(signText(-1)).toBe('\u2212');
    expect(signText(1)).toBe('+');
  });
});

describe('the words of the scales', () => {
  it('name every grade the schema stores, once', () => {
    expect(RELIABILITY_GRADES).toEqual(ReliabilitySchema.options);
    expect(CREDIBILITY_GRADES.map((c) => CredibilitySchema.safeParse(c).success)).toEqual(Array(6).fill(true));
    expect(Object.keys(CREDIBILITY_LABELS).map(Number)).toEqual([...CREDIBILITY_GRADES]);
    expect(WEIGHTS.map((w) => WEIGHT_NAMES[w])).toEqual(['Weak', 'Moderate', 'Strong']);
  });
  it('spell an option one way, with an en dash', () => {
    expect(reliabilityOption('F')).toBe('F – Reliability cannot be judged');
    expect(credibilityOption(6)).toBe('6 – Truth cannot be judged');
  });
  it('read a select back, unrated as nothing', () => {
    expect(parseReliability('B')).toBe('B');
    expect(parseReliability('')).toBeUndefined();
    expect(parseCredibility('3')).toBe(3);
    expect(parseCredibility('')).toBeNull();
    expect(parseCredibility('7')).toBeNull();
    expect(parseWeight('3')).toBe(3);
    expect(parseWeight('x')).toBe(2);
  });
  it('spell a grade out for screen readers', () => {
    expect(gradeMeaning('A', undefined)).toBe('source completely reliable, information not rated');
  });
  it('say weights in running text', () => {
    expect(weightWord(3)).toBe('strong');
    expect(weightWord(1.5)).toBe('1.5');
  });
});

describe('weight 2 is stored absent', () => {
  it('leaves the default out and keeps the others', () => {
    expect(storedWeight(2)).toBeUndefined();
    expect(storedWeight(null)).toBeUndefined();
    expect(storedWeight(1)).toBe(1);
    expect(storedWeight(3)).toBe(3);
    expect(linkWeight({})).toBe(DEFAULT_WEIGHT);
  });
});

describe('plural', () => {
  it('counts in words', () => {
    expect(plural(1, 'quote')).toBe('1 quote');
    expect(plural(0, 'quote')).toBe('0 quotes');
    expect(plural(2, 'copy', 'copies')).toBe('2 copies');
  });
});

describe('shortened text', () => {
  it('ellipsize keeps short text and ends cut text with one ellipsis within the limit', () => {
    expect(ellipsize('short', 10)).toBe('short');
    const cut = ellipsize('a'.repeat(20), 10);
    expect(cut).toHaveLength(10);
    expect(cut.endsWith(ELLIPSIS)).toBe(true);
    expect(ellipsize('word    more words', 9)).toBe('word…');
  });
  it('briefText flattens to one line and names empty text', () => {
    expect(briefText('one\n two')).toBe('one two');
    expect(briefText('   ')).toBe('(untitled)');
  });
  it('cutAtWord cuts on a word boundary when one is near', () => {
    expect(cutAtWord('alpha beta gamma delta', 15)).toBe('alpha beta…');
    expect(cutAtWord('alpha', 15)).toBe('alpha');
  });
  it('clipText never splits a surrogate pair and adds no mark', () => {
    expect(clipText('ab😀', 3)).toBe('ab');
    expect(clipText('abcd', 3)).toBe('abc');
  });
});
