/**
 * The JSON export: small maps are written at once, big ones in a module
 * worker that reports progress and can be cancelled.
 */
import type { MapDoc } from '../../domain/change';
import { serializeMap } from '../../domain/format/serialize';
import { runWorker, type WorkerLike as RunnableWorker } from '../../components/runWorker';
import type { ExportProgress, ExportRequest } from './export.worker';

/** Maps with at least this many records (sources, quotes, claims, links) go to the worker. */
export const WORKER_THRESHOLD = 2000;

export const entityCount = (doc: MapDoc): number =>
  Object.keys(doc.sources).length + Object.keys(doc.quotes).length + Object.keys(doc.claims).length + Object.keys(doc.links).length;

export class ExportCancelled extends Error {
  constructor() {
    super('Export cancelled');
    this.name = 'ExportCancelled';
  }
}

/** A worker as this module uses it; tests hand in a fake. */
export type WorkerLike = RunnableWorker<ExportRequest>;

const defaultWorker = (): WorkerLike => new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });

/**
 * The text of the map's `.warrant.json` file. For a big map, `onProgress`
 * gets (done, total) records as the worker goes; aborting `signal`
 * terminates the worker and rejects with {@link ExportCancelled}.
 */
export function mapJson(
  doc: MapDoc,
  options: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal; makeWorker?: () => WorkerLike; exportedAt?: string } = {},
): Promise<string> {
  const exportedAt = options.exportedAt ?? new Date().toISOString();
  if (entityCount(doc) < WORKER_THRESHOLD) return Promise.resolve(serializeMap(doc, exportedAt));
  if (options.signal?.aborted) return Promise.reject(new ExportCancelled());
  const onProgress = options.onProgress;
  return runWorker<ExportRequest, ExportProgress, string>((options.makeWorker ?? defaultWorker)(), { doc, exportedAt }, {
    signal: options.signal,
    onProgress: onProgress && ((p) => onProgress(p.done, p.total)),
    cancelled: () => new ExportCancelled(),
    crashed: (message) => new Error(message || 'The export worker failed.'),
  });
}
