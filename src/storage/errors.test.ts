import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { IntegrityError, StaleRevisionError, StorageFullError, classifyStorageError, isQuotaError } from './errors';

describe('classifyStorageError', () => {
  it('recognises a full disk however it arrives', () => {
    const dom = new DOMException('full', 'QuotaExceededError');
    const cases: unknown[] = [
      dom,
      new StorageFullError({ cause: dom }),
      new Dexie.QuotaExceededError('quota'),
      new Dexie.AbortError('Transaction aborted', dom),
      new Dexie.AbortError('Transaction aborted', new Dexie.QuotaExceededError('quota')),
      { name: 'AbortError', inner: { name: 'QuotaExceededError' } },
      new Error('wrapped', { cause: dom }),
    ];
    for (const e of cases) {
      expect(isQuotaError(e)).toBe(true);
      expect(classifyStorageError(e, 'The new claim')).toEqual({
        kind: 'full',
        message: expect.stringMatching(/^The new claim was not saved: .*storage .* is full/),
      });
    }
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted'))).toBe(false);
  });

  it('tells stale, closed and other errors apart', () => {
    expect(classifyStorageError(new StaleRevisionError('map_a', 1, 2)).kind).toBe('stale');
    expect(classifyStorageError(new Dexie.DatabaseClosedError()).kind).toBe('closed');
    expect(classifyStorageError(new Dexie.AbortError('aborted', new Dexie.DatabaseClosedError())).kind).toBe('closed');
    expect(classifyStorageError(new IntegrityError(['x'])).kind).toBe('other');
    expect(classifyStorageError('a string')).toEqual({ kind: 'other', message: 'Your last change was not saved: a string' });
  });
});
