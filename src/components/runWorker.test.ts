import { describe, expect, it } from 'vitest';
import { runWorker, WorkerChannel, type ChannelReply, type ChannelRequest, type WorkerLike, type WorkerReply } from './runWorker';

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

/** A long-lived worker that answers each numbered request by the script it is given. */
class FakeChannelWorker implements WorkerLike<ChannelRequest<number>> {
  terminated = 0;
  private listeners: Record<string, Array<(e: Event) => void>> = { message: [], error: [] };
  constructor(private readonly script: (msg: ChannelRequest<number>, w: FakeChannelWorker) => void) {}
  addEventListener(type: 'message' | 'error', listener: (e: Event) => void) {
    this.listeners[type]!.push(listener);
  }
  postMessage(msg: ChannelRequest<number>) {
    queueMicrotask(() => this.script(msg, this));
  }
  terminate() {
    this.terminated++;
  }
  send(msg: ChannelReply<string>) {
    for (const l of this.listeners['message']!) l(new MessageEvent('message', { data: msg }));
  }
  fail(message: string) {
    // Node has no ErrorEvent; the channel reads only `message`.
    for (const l of this.listeners['error']!) l(Object.assign(new Event('error'), { message }));
  }
}

describe('WorkerChannel', () => {
  it('answers many requests on one worker, each by its own number, and keeps the worker', async () => {
    const worker = new FakeChannelWorker(({ id, request }, w) =>
      request < 0 ? w.send({ id, type: 'error', message: 'negative' }) : w.send({ id, type: 'done', result: `ok ${request}` }),
    );
    const channel = new WorkerChannel<number, string>(worker, { cancelled });
    await expect(Promise.all([channel.request(1), channel.request(2)])).resolves.toEqual(['ok 1', 'ok 2']);
    await expect(channel.request(-1)).rejects.toThrow('negative');
    await expect(channel.request(3)).resolves.toBe('ok 3');
    expect(worker.terminated).toBe(0);
    channel.close();
    expect(worker.terminated).toBe(1);
  });

  it('cancels a request by AbortSignal, as runWorker does, and drops its late answer; the others go on', async () => {
    const held: ChannelRequest<number>[] = [];
    const worker = new FakeChannelWorker((msg) => held.push(msg));
    const channel = new WorkerChannel<number, string>(worker, { cancelled });
    const controller = new AbortController();
    const first = channel.request(1, controller.signal);
    const second = channel.request(2);
    controller.abort();
    await expect(first).rejects.toThrow('cancelled');
    await Promise.resolve();
    for (const { id, request } of held) worker.send({ id, type: 'done', result: `ok ${request}` });
    await expect(second).resolves.toBe('ok 2');
    expect(worker.terminated).toBe(0);
    const aborted = new AbortController();
    aborted.abort();
    await expect(channel.request(3, aborted.signal)).rejects.toThrow('cancelled');
  });

  it('fails the requests in flight when the worker dies, and those left when it is closed', async () => {
    const worker = new FakeChannelWorker(() => {});
    const channel = new WorkerChannel<number, string>(worker, { cancelled, crashed: (m) => new Error(`crashed: ${m}`) });
    const a = channel.request(1);
    worker.fail('out of memory');
    await expect(a).rejects.toThrow('crashed: out of memory');
    const b = channel.request(2);
    channel.close();
    await expect(b).rejects.toThrow('cancelled');
  });
});
