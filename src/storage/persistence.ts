/**
 * Asking the browser to keep Warrant's data. Without persistence a browser
 * may evict IndexedDB under storage pressure, and with it every map.
 */

type StorageManagerLike = Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>;

function storageManager(): Partial<StorageManagerLike> | undefined {
  if (typeof navigator === 'undefined') return undefined;
  return (navigator as { storage?: Partial<StorageManagerLike> }).storage;
}

let asked: Promise<boolean> | null = null;

/**
 * Asks once per page load for persistent storage; later calls return the
 * first answer. Call it when the user has data worth keeping (after the
 * first successful write), not at start-up: browsers grant it more readily
 * to a site the user has used, and some show a prompt. Resolves to whether
 * storage is persistent; false where the API is missing or fails.
 */
export function requestPersistence(): Promise<boolean> {
  if (asked) return asked;
  asked = (async () => {
    const storage = storageManager();
    if (!storage?.persist) return false;
    try {
      if (storage.persisted && (await storage.persisted())) return true;
      return await storage.persist();
    } catch {
      return false;
    }
  })();
  return asked;
}

/** How much this site stores and may store, in bytes; null where the browser does not say. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  const storage = storageManager();
  if (!storage?.estimate) return null;
  try {
    const { usage, quota } = await storage.estimate();
    if (typeof usage !== 'number' || typeof quota !== 'number') return null;
    return { usage, quota };
  } catch {
    return null;
  }
}
