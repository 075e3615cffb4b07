/**
 * Runs `readImport` in a worker, with a time budget and Cancel. Where there
 * are no workers (unit tests in Node), it runs in place.
 */
import { runWorker, type WorkerLike as RunnableWorker } from '../../components/runWorker';
import type { ImportWorkerRequest } from './import.worker';
import type { ReadMode, ReadResult, ReadStage } from './readImport';

/** Foreign formats (Argdown, AIF) get this long; a parser that needs more is refused. */
export const FOREIGN_BUDGET_MS = 4000;
/** The largest foreign-format file read: a bound on what a parser can allocate. */
export const MAX_FOREIGN_CHARS = 20 * 1024 * 1024;

export class ImportCancelled extends Error {
  override readonly name = 'ImportCancelled';
  constructor() {
    super('The import was cancelled.');
  }
}

/** The reader ran past its budget, or ran out of memory; it was stopped. */
export class ImportBudgetExceeded extends Error {
  override readonly name = 'ImportBudgetExceeded';
}

export type WorkerLike = RunnableWorker<ImportWorkerRequest>;

const defaultWorker = (): WorkerLike | null =>
  typeof Worker === 'undefined' ? null : new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });

export type ReadOptions = {
  signal?: AbortSignal;
  /** Milliseconds before the worker is stopped; none: no limit (the user can Cancel). */
  budgetMs?: number;
  onStage?: (stage: ReadStage) => void;
  makeWorker?: () => WorkerLike | null;
};

export async function readInWorker(text: string, fileName: string, mode: ReadMode, options: ReadOptions = {}): Promise<ReadResult> {
  if (options.signal?.aborted) throw new ImportCancelled();
  const worker = (options.makeWorker ?? defaultWorker)();
  if (!worker) {
    const { readImport } = await import('./readImport');
    return readImport(text, fileName, mode, options.onStage);
  }
  return runWorker<ImportWorkerRequest, ReadStage, ReadResult>(worker, { text, fileName, mode }, {
    signal: options.signal,
    budgetMs: options.budgetMs,
    onProgress: options.onStage,
    cancelled: () => new ImportCancelled(),
    overBudget: () => new ImportBudgetExceeded(`Reading it took longer than ${options.budgetMs! / 1000} seconds, so Warrant stopped.`),
    // A worker that dies without a message most often ran out of memory.
    crashed: (message) =>
      new ImportBudgetExceeded(message ? `Reading it failed: ${message}` : 'Reading it needed more memory than Warrant allows, so it was stopped.'),
  });
}
