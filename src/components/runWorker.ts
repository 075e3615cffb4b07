/**
 * The one way the app talks to a worker that does one job: send one request,
 * take progress messages, settle on `done` or `error`, and terminate the
 * worker when it settles, when `signal` aborts (Cancel) or when its time
 * budget runs out. Every worker of this kind replies with `WorkerReply`.
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
