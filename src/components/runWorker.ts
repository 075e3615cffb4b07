/**
 * The one way the app talks to a worker that does one job: send one request,
 * take progress messages, settle on `done` or `error`, and terminate the
 * worker when it settles, when `signal` aborts (Cancel) or when its time
 * budget runs out. Every worker of this kind replies with `WorkerReply`.
 * A worker that stays up and answers many requests (the search index) uses
 * {@link WorkerChannel} below, with the same way to cancel.
 */

/** What a worker sends back: any number of progress messages, then one result or one error. */
export type WorkerReply<Progress, Result> =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; result: Result }
  | { type: 'error'; message: string };

/** A worker as the helper uses it; tests hand in a fake. */
export type WorkerLike<Request> = {
  postMessage(message: Request): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error', listener: (e: Event) => void): void;
};

export type RunWorkerOptions<Progress> = {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Milliseconds before the worker is stopped; none: no limit (the user can Cancel). */
  budgetMs?: number;
  /** The error a cancelled run rejects with. */
  cancelled: () => Error;
  /** The error a run past its budget rejects with. */
  overBudget?: () => Error;
  /** The error for a worker that died without a message (`message` may be empty). */
  crashed?: (message: string) => Error;
};

/** Runs one request on `worker`; the promise settles once, and the worker is always terminated. */
export function runWorker<Request, Progress, Result>(
  worker: WorkerLike<Request>,
  request: Request,
  options: RunWorkerOptions<Progress>,
): Promise<Result> {
  return new Promise<Result>((resolve, reject) => {
    if (options.signal?.aborted) {
      worker.terminate();
      reject(options.cancelled());
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const settle = (then: () => void) => {
      if (settled) return;
      settled = true;
      worker.terminate();
      if (timer !== undefined) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      then();
    };
    const onAbort = () => settle(() => reject(options.cancelled()));
    options.signal?.addEventListener('abort', onAbort);
    if (options.budgetMs !== undefined) {
      const overBudget = options.overBudget ?? (() => new Error('The work took too long and was stopped.'));
      timer = setTimeout(() => settle(() => reject(overBudget())), options.budgetMs);
    }
    worker.addEventListener('message', (e) => {
      const msg = (e as MessageEvent<WorkerReply<Progress, Result>>).data;
      if (msg.type === 'progress') {
        if (!settled) options.onProgress?.(msg.progress);
      } else if (msg.type === 'done') settle(() => resolve(msg.result));
      else settle(() => reject(new Error(msg.message)));
    });
    worker.addEventListener('error', (e) => {
      const message = (e as ErrorEvent).message ?? '';
      settle(() => reject(options.crashed ? options.crashed(message) : new Error(message || 'The worker failed.')));
    });
    worker.postMessage(request);
  });
}

/** A request to a long-lived worker, numbered so its reply can name it. */
export type ChannelRequest<Request> = { id: number; request: Request };

/** A long-lived worker's answer to request `id`: its result or its error. */
export type ChannelReply<Result> = { id: number } & ({ type: 'done'; result: Result } | { type: 'error'; message: string });

export type WorkerChannelOptions = {
  /** The error a cancelled request rejects with. */
  cancelled: () => Error;
  /** The error for requests in flight when the worker dies (`message` may be empty). */
  crashed?: (message: string) => Error;
};

/**
 * The other way the app talks to a worker: one that stays up and answers
 * many requests, keeping its state between them (the search index). Cancel
 * is the same as {@link runWorker}'s: a request whose `signal` aborts rejects
 * with `cancelled()` and its late answer is dropped; the worker lives on for
 * the other requests. `close` terminates it.
 */
export class WorkerChannel<Request, Result> {
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly worker: WorkerLike<ChannelRequest<Request>>,
    private readonly options: WorkerChannelOptions,
  ) {
    worker.addEventListener('message', (e) => {
      const msg = (e as MessageEvent<ChannelReply<Result>>).data;
      const waiting = this.pending.get(msg.id);
      if (!waiting) return;
      this.pending.delete(msg.id);
      if (msg.type === 'done') waiting.resolve(msg.result);
      else waiting.reject(new Error(msg.message));
    });
    worker.addEventListener('error', (e) => {
      const message = (e as ErrorEvent).message ?? '';
      this.failAll(options.crashed ? options.crashed(message) : new Error(message || 'The worker failed.'));
    });
  }

  /** Sends `request`; requests are answered in the order they were sent. */
  request(request: Request, signal?: AbortSignal): Promise<Result> {
    if (signal?.aborted) return Promise.reject(this.options.cancelled());
    const id = ++this.seq;
    return new Promise<Result>((resolve, reject) => {
      const onAbort = () => {
        if (this.pending.delete(id)) reject(this.options.cancelled());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (r) => {
          done();
          resolve(r);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      });
      this.worker.postMessage({ id, request });
    });
  }

  /** Terminates the worker; requests still waiting reject as cancelled. */
  close(): void {
    this.worker.terminate();
    this.failAll(this.options.cancelled());
  }

  private failAll(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const w of waiting) w.reject(error);
  }
}

/** The worker's side of a {@link WorkerChannel}: answers each request with `handle`, in order. */
export function answerRequests<Request, Result>(
  scope: { postMessage(msg: ChannelReply<Result>): void; onmessage: ((e: MessageEvent<ChannelRequest<Request>>) => void) | null },
  handle: (request: Request) => Result,
): void {
  scope.onmessage = (e) => {
    const { id, request } = e.data;
    let reply: ChannelReply<Result>;
    try {
      reply = { id, type: 'done', result: handle(request) };
    } catch (err) {
      reply = { id, type: 'error', message: err instanceof Error ? err.message : String(err) };
    }
    scope.postMessage(reply);
  };
}
