/**
 * Runs `readImport` in a worker, with a time budget and Cancel. Where there
 * are no workers (unit tests in Node), it runs in place.
 */
import { runWorker, type WorkerLike as RunnableWorker } from '../../components/runWorker';
import type { ReadMode, ReadResult, ReadStage } from './readImport';
import type { ParseResult } from '../../domain/format/parse';
import type { ImportOptions, ImportResult } from '../../storage/transfer';

/** `store`: store a Warrant map in the worker too, with these options (see import.worker.ts). */
export type ImportWorkerRequest = { text: string; fileName: string; mode: ReadMode; store?: ImportOptions };
/** What the worker answers: the file as read, or, asked to store a Warrant map, what storing it did. */
export type WorkerRead = ReadResult | { kind: 'stored'; result: ImportResult; parsed?: ParseResult };
export type WorkerStage = ReadStage | 'saving';

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
  onStage?: (stage: WorkerStage) => void;
  makeWorker?: () => WorkerLike | null;
};

export function readInWorker(text: string, fileName: string, mode: ReadMode, options?: ReadOptions): Promise<ReadResult>;
export function readInWorker(text: string, fileName: string, mode: ReadMode, options: ReadOptions & { store: ImportOptions }): Promise<WorkerRead>;
export async function readInWorker(text: string, fileName: string, mode: ReadMode, options: ReadOptions & { store?: ImportOptions } = {}): Promise<WorkerRead> {
  if (options.signal?.aborted) throw new ImportCancelled();
  const { store } = options;
  const worker = (options.makeWorker ?? defaultWorker)();
  if (!worker) {
    // No workers (unit tests): the same steps on this thread.
    const { readImport } = await import('./readImport');
    const read = await readImport(text, fileName, mode, options.onStage);
    if (!store || read.kind !== 'map-file') return read;
    if (options.signal?.aborted) throw new ImportCancelled();
    options.onStage?.('saving');
    const [{ importMapFile }, { withOpeningPlaces }] = await Promise.all([import('../../storage/transfer'), import('./openingPlaces')]);
    const parsed = withOpeningPlaces(read.parsed);
    const result = await importMapFile(parsed, store);
    return result.kind === 'conflict' ? { kind: 'stored', result, parsed } : { kind: 'stored', result };
  }
  return runWorker<ImportWorkerRequest, WorkerStage, WorkerRead>(worker, store ? { text, fileName, mode, store } : { text, fileName, mode }, {
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
