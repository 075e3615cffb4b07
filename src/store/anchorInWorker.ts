/**
 * Re-anchoring large sources in a module worker (anchor.worker.ts), with
 * progress and cancel, so that saving or reading a big source never blocks
 * the page; small ones are anchored at once, where a worker would cost more
 * than it saves. Same pattern as the JSON export (exportJson.ts).
 */
import { createAnchorIndex, reanchorAll, type AnchorResult } from '../domain/anchoring/anchor';
import { reanchorSourceQuotes, type QuoteOutcome } from '../domain/anchoring/quotes';
import type { Quote } from '../domain/schema';
import type { WarrantDB } from '../storage/db';
import { readSourceTexts } from '../storage/sourceTexts';

type Selector = Pick<Quote, 'exact' | 'prefix' | 'suffix' | 'start' | 'end'>;

/**
 * `edit`: a text not stored yet (the form's), posted with the request.
 * `stored`: the quotes of a stored source, whose text the worker reads from
 * IndexedDB itself, so that the page posts no copy of it.
 */
export type AnchorRequest =
  | { kind: 'edit'; text: string; quotes: Quote[] }
  | { kind: 'stored'; mapId: string; sourceId: string; quotes: Selector[] };

/** The anchoring of stored quotes, and the length of the stored text it was worked out on. */
export type StoredAnchoring = { results: AnchorResult[]; textLength: number };

export type AnchorReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'edited'; outcomes: QuoteOutcome[] }
  | { type: 'read'; anchoring: StoredAnchoring }
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

/**
 * The anchoring of stored quotes in the stored text of source `sourceId`,
 * in the worker, which reads that text from IndexedDB. The caller waits for
 * the map's queued writes first, and checks that the source it asked about
 * is still the open one when the answer comes (a newer text may have been
 * stored meanwhile).
 */
export function anchorStoredInWorker(mapId: string, sourceId: string, quotes: Selector[], options: Options = {}): Promise<StoredAnchoring> {
  return run({ kind: 'stored', mapId, sourceId, quotes }, (r) => (r.type === 'read' ? r.anchoring : undefined), options);
}

/**
 * The worker's job for an `edit` request: the outcomes of a source edit
 * (`reanchorSourceQuotes`), each with the anchoring of its quote as stored
 * in the new text, worked out here with the same index so that the page's
 * anchoring cache can be primed with it instead of working it out again.
 */
export function reanchorEditedText(text: string, quotes: readonly Quote[], onProgress?: (done: number, total: number) => void): QuoteOutcome[] {
  const index = createAnchorIndex(text);
  const results = reanchorAll(text, quotes, { onProgress, index }).map((r) => r.result);
  const outcomes = reanchorSourceQuotes(text, quotes, results);
  const anchors = reanchorAll(
    text,
    outcomes.map((o) => o.quote),
    { index, drift: false },
  );
  return outcomes.map((o, i) => ({ ...o, anchor: anchors[i]!.result }));
}

/** The worker's job for a `stored` request: reads the source's text and anchors the quotes in it. */
export async function anchorStoredSource(
  request: Extract<AnchorRequest, { kind: 'stored' }>,
  db: WarrantDB,
  onProgress?: (done: number, total: number) => void,
): Promise<StoredAnchoring> {
  const text = (await readSourceTexts(request.mapId, [request.sourceId], db)).get(request.sourceId);
  if (text === undefined) throw new Error('The source is no longer stored.');
  const results = reanchorAll(text, request.quotes, { onProgress, drift: false }).map((r) => r.result);
  return { results, textLength: text.length };
}
