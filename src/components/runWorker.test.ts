import { describe, expect, it } from 'vitest';
import { runWorker, type WorkerLike, type WorkerReply } from './runWorker';

/** A worker that answers each request by the script it is given. */
class FakeWorker implements WorkerLike<number> {
  terminated = 0;
  private listeners: Record<string, Array<(e: Event) => void>> = { message: [], error: [] };
  constructor(private readonly script: (req: number, w: FakeWorker) => void) {}
  addEventListener(type: 'message' | 'error', listener: (e: Event) => void) {
    this.listeners[type]!.push(listener);
  }
  postMessage(req: number) {
    queueMicrotask(() => this.script(req, this));
  }
  terminate() {
    this.terminated++;
  }
  send(msg: WorkerReply<number, string>) {
    for (const l of this.listeners['message']!) l(new MessageEvent('message', { data: msg }));
  }
}

const cancelled = () => new Error('cancelled');

describe('runWorker', () => {
  it('reports progress, resolves with the result and terminates the worker', async () => {
    const worker = new FakeWorker((req, w) => {
      w.send({ type: 'progress', progress: 1 });
      w.send({ type: 'progress', progress: 2 });
      w.send({ type: 'done', result: `ok ${req}` });
    });
    const seen: number[] = [];
    await expect(runWorker(worker, 7, { cancelled, onProgress: (p: number) => seen.push(p) })).resolves.toBe('ok 7');
    expect(seen).toEqual([1, 2]);
    expect(worker.terminated).toBe(1);
  });

  it('rejects with the worker’s error message', async () => {
    const worker = new FakeWorker((_req, w) => w.send({ type: 'error', message: 'bad file' }));
    await expect(runWorker(worker, 1, { cancelled })).rejects.toThrow('bad file');
  });

  it('cancels by AbortSignal: rejects as cancelled, terminates, and ignores what comes later', async () => {
    let later: (() => void) | undefined;
    const worker = new FakeWorker((_req, w) => {
      later = () => w.send({ type: 'done', result: 'too late' });
    });
    const controller = new AbortController();
    const run = runWorker<number, number, string>(worker, 1, { cancelled, signal: controller.signal });
    controller.abort();
    await expect(run).rejects.toThrow('cancelled');
    later?.();
    expect(worker.terminated).toBe(1);
  });

  it('never starts a run whose signal is already aborted', async () => {
    const worker = new FakeWorker(() => {});
    const controller = new AbortController();
    controller.abort();
    await expect(runWorker(worker, 1, { cancelled, signal: controller.signal })).rejects.toThrow('cancelled');
    expect(worker.terminated).toBe(1);
  });
});
