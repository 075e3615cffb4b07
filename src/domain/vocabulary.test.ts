import { describe, expect, it } from 'vitest';
import { gradeText, isGraded, signedWeight, signText } from './vocabulary';

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
