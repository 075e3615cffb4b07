/**
 * The JSON export: small maps are written at once, big ones in a module
 * worker that reports progress and can be cancelled.
 */
import type { MapDoc } from '../../domain/change';
import { serializeMap } from '../../domain/format/serialize';
import type { ExportReply, ExportRequest } from './export.worker';

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
export type WorkerLike = {
  postMessage(message: ExportRequest): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error', listener: (e: Event) => void): void;
};

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
  return new Promise<string>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new ExportCancelled());
      return;
    }
    const worker = (options.makeWorker ?? defaultWorker)();
    const stop = () => {
      worker.terminate();
      options.signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      stop();
      reject(new ExportCancelled());
    };
    options.signal?.addEventListener('abort', onAbort);
    worker.addEventListener('message', (e) => {
      const msg = (e as MessageEvent<ExportReply>).data;
      if (msg.type === 'progress') options.onProgress?.(msg.done, msg.total);
      else if (msg.type === 'done') {
        stop();
        resolve(msg.text);
      } else {
        stop();
        reject(new Error(msg.message));
      }
    });
    worker.addEventListener('error', (e) => {
      stop();
      reject(new Error((e as ErrorEvent).message || 'The export worker failed.'));
    });
    const request: ExportRequest = { doc, exportedAt };
    worker.postMessage(request);
  });
}
