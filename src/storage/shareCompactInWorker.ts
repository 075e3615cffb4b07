/**
 * Compacting a shared map's saved Y.Doc in a worker (share.worker.ts) when
 * the page has workers and uses the app's database; on this thread otherwise
 * (unit tests, a database of their own).
 */
import { runWorker, type WorkerLike } from '../components/runWorker';
import { db as defaultDb, type WarrantDB } from './db';
import { workerFor } from './dbWorker';
import { compactShareState, type CompactResult } from './shareCompact';

export type CompactRequest = { mapId: string };

export function compactShareStateSoon(
  mapId: string,
  options: { db?: WarrantDB; makeWorker?: () => WorkerLike<CompactRequest> } = {},
): Promise<CompactResult> {
  const make = workerFor(options.db, () => new Worker(new URL('./share.worker.ts', import.meta.url), { type: 'module' }), options.makeWorker);
  if (!make) return compactShareState(mapId, options.db ?? defaultDb);
  return runWorker<CompactRequest, never, CompactResult>(make(), { mapId }, {
    cancelled: () => new Error('The shared map was not compacted: cancelled.'),
    crashed: (message) => new Error(`The shared map was not compacted${message ? `: ${message}` : '.'}`),
  });
}
