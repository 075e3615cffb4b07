/**
 * Re-anchoring large sources in a module worker (anchor.worker.ts), with
 * progress and cancel, so that saving or reading a big source never blocks
 * the page; small ones are anchored at once, where a worker would cost more
 * than it saves. Same pattern as the JSON export (exportJson.ts).
 */
import type { AnchorResult } from '../domain/anchoring/anchor';
import { reanchorSourceQuotes, type QuoteOutcome } from '../domain/anchoring/quotes';
import type { Quote } from '../domain/schema';

type Selector = Pick<Quote, 'exact' | 'prefix' | 'suffix' | 'start' | 'end'>;

export type AnchorRequest = { kind: 'edit'; text: string; quotes: Quote[] } | { kind: 'read'; text: string; quotes: Selector[] };
export type AnchorReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'edited'; outcomes: QuoteOutcome[] }
  | { type: 'read'; results: AnchorResult[] }
  | { type: 'error'; message: string };

/**
 * Work (text length × quotes, plus the text once for its index) above which
 * anchoring goes to the worker: about 20 ms of main-thread time.
 */
export const WORKER_THRESHOLD = 2_000_000;

export const wantsWorker = (text: string, quoteCount: number): boolean =>
  quoteCount > 0 && text.length * Math.max(1, quoteCount) + text.length >= WORKER_THRESHOLD;

export class AnchoringCancelled extends Error {
  constructor() {
    super('Re-anchoring cancelled');
    this.name = 'AnchoringCancelled';
  }
}

/** A worker as this module uses it; tests hand in a fake. */
export type WorkerLike = {
  postMessage(message: AnchorRequest): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error', listener: (e: Event) => void): void;
};

const defaultWorker = (): WorkerLike => new Worker(new URL('./anchor.worker.ts', import.meta.url), { type: 'module' });

type Options = { onProgress?: (done: number, total: number) => void; signal?: AbortSignal; makeWorker?: () => WorkerLike };

function run<T>(request: AnchorRequest, pick: (reply: AnchorReply) => T | undefined, options: Options): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new AnchoringCancelled());
      return;
    }
    const worker = (options.makeWorker ?? defaultWorker)();
    const stop = () => {
      worker.terminate();
      options.signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      stop();
      reject(new AnchoringCancelled());
    };
    options.signal?.addEventListener('abort', onAbort);
    worker.addEventListener('message', (e) => {
      const msg = (e as MessageEvent<AnchorReply>).data;
      if (msg.type === 'progress') {
        options.onProgress?.(msg.done, msg.total);
        return;
      }
      stop();
      if (msg.type === 'error') {
        reject(new Error(msg.message));
        return;
      }
      const value = pick(msg);
      if (value === undefined) reject(new Error('The anchoring worker answered out of turn.'));
      else resolve(value);
    });
    worker.addEventListener('error', (e) => {
      stop();
      reject(new Error((e as ErrorEvent).message || 'The anchoring worker failed.'));
    });
    worker.postMessage(request);
  });
}

/**
 * What a source edit does to the source's quotes (`reanchorSourceQuotes`),
 * in the worker when the work is large.
 */
export function reanchorEdited(text: string, quotes: Quote[], options: Options = {}): Promise<QuoteOutcome[]> {
  if (!wantsWorker(text, quotes.length)) return Promise.resolve(reanchorSourceQuotes(text, quotes));
  return run({ kind: 'edit', text, quotes }, (r) => (r.type === 'edited' ? r.outcomes : undefined), options);
}

/** The anchoring of stored quotes in their source's text, in the worker. */
export function anchorStoredInWorker(text: string, quotes: Selector[], options: Options = {}): Promise<AnchorResult[]> {
  return run({ kind: 'read', text, quotes }, (r) => (r.type === 'read' ? r.results : undefined), options);
}
