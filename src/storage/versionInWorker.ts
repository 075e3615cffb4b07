/**
 * Saving a version of a stored map in a worker (version.worker.ts), so that
 * serializing and writing a large map (tens of megabytes of source text) is
 * no main-thread task. Where there is no Worker (unit tests), on this thread.
 */
import { runWorker, type WorkerLike } from '../components/runWorker';
import { db as defaultDb, type WarrantDB } from './db';
import { workerFor } from './dbWorker';
import { saveVersion } from './versions';
import type { VersionListing, VersionRow } from './rows';

export type VersionRequest = { mapId: string; name: string; kind: VersionRow['kind'] };

class VersionCancelled extends Error {
  constructor() {
    super('The version was not saved: cancelled.');
  }
}

/**
 * Saves the stored map `mapId` as it is now as a version; in a worker when
 * the page has workers. The caller waits for the map's queued writes first
 * when the version must hold them.
 */
export function saveStoredVersion(
  mapId: string,
  name: string,
  kind: VersionRow['kind'],
  options: { db?: WarrantDB; makeWorker?: () => WorkerLike<VersionRequest> } = {},
): Promise<VersionListing> {
  const make = workerFor(options.db, () => new Worker(new URL('./version.worker.ts', import.meta.url), { type: 'module' }), options.makeWorker);
  if (!make) return saveVersion(mapId, name, kind, options.db ?? defaultDb);
  return runWorker<VersionRequest, never, VersionListing>(make(), { mapId, name, kind }, {
    cancelled: () => new VersionCancelled(),
    crashed: (message) => new Error(`The version was not saved${message ? `: ${message}` : '.'}`),
  });
}
