import { expect, test } from 'vitest';
import { coveredLength, quotedShare } from './coverage';

test('overlapping and nested quotes count once, and spans are clipped to the text', () => {
  expect(coveredLength(100, [{ start: 10, end: 30 }, { start: 20, end: 40 }, { start: 25, end: 26 }, { start: 90, end: 120 }])).toBe(40);
  expect(quotedShare(0, [])).toBe(0);
  expect(quotedShare(10, [{ start: 0, end: 5 }])).toBe(0.5);
});
