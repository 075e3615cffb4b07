import { afterEach, beforeEach, expect, it, vi } from 'vitest';

beforeEach(() => {
  vi.resetModules(); // `requestPersistence` asks once per module instance
});
afterEach(() => {
  vi.unstubAllGlobals();
});

it('is safe where navigator.storage is missing', async () => {
  vi.stubGlobal('navigator', {});
  const { requestPersistence, storageEstimate } = await import('./persistence');
  await expect(requestPersistence()).resolves.toBe(false);
  await expect(storageEstimate()).resolves.toBeNull();
});

it('asks the browser once, and not when storage is already persistent', async () => {
  const persist = vi.fn(async () => true);
  const persisted = vi.fn(async () => false);
  vi.stubGlobal('navigator', { storage: { persist, persisted, estimate: async () => ({ usage: 10, quota: 100 }) } });
  const { requestPersistence, storageEstimate } = await import('./persistence');
  await expect(requestPersistence()).resolves.toBe(true);
  await expect(requestPersistence()).resolves.toBe(true);
  expect(persist).toHaveBeenCalledTimes(1);
  await expect(storageEstimate()).resolves.toEqual({ usage: 10, quota: 100 });

  vi.resetModules();
  const already = vi.fn(async () => true);
  const persist2 = vi.fn(async () => true);
  vi.stubGlobal('navigator', { storage: { persist: persist2, persisted: already } });
  const again = await import('./persistence');
  await expect(again.requestPersistence()).resolves.toBe(true);
  expect(persist2).not.toHaveBeenCalled();
});

it('answers false / null when the browser API fails', async () => {
  vi.stubGlobal('navigator', {
    storage: {
      persist: async () => {
        throw new Error('denied');
      },
      estimate: async () => {
        throw new Error('nope');
      },
    },
  });
  const { requestPersistence, storageEstimate } = await import('./persistence');
  await expect(requestPersistence()).resolves.toBe(false);
  await expect(storageEstimate()).resolves.toBeNull();
});
