/**
 * Which storage work may run in a worker: a worker opens the app's own
 * database by name, so work on another database (unit tests give each test
 * one of its own) or in a page without workers runs on this thread.
 */
import type { WorkerLike } from '../components/runWorker';
import { db as defaultDb, type WarrantDB } from './db';

/**
 * `given` when a test hands one in; else `make` when the page has workers and
 * the work is on the app's database; else null (run it here).
 */
export function workerFor<Request>(
  db: WarrantDB | undefined,
  make: () => WorkerLike<Request>,
  given?: () => WorkerLike<Request>,
): (() => WorkerLike<Request>) | null {
  if (given) return given;
  return typeof Worker === 'function' && (db ?? defaultDb) === defaultDb ? make : null;
}
