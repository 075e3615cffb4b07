import { describe, expect, it } from 'vitest';
import { serializeMap } from '../../domain/format/serialize';
import { generateMap } from '../../test/testMaps';
import { sampleMap } from '../../test/interchangeMaps';
import { ExportCancelled, WORKER_THRESHOLD, entityCount, mapJson, type WorkerLike } from './exportJson';
import type { ExportReply, ExportRequest } from './export.worker';

const AT = '2026-12-01T00:00:00.000Z';

/** A stand-in for the module worker: runs the same code as export.worker.ts, on the next tick. */
class FakeWorker implements WorkerLike {
  terminated = false;
  posted = 0;
  private listeners = new Map<string, Array<(e: Event) => void>>();
  constructor(private readonly hold = false) {}
  addEventListener(type: string, listener: (e: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  private emit(msg: ExportReply) {
    if (this.terminated) return;
    for (const l of this.listeners.get('message') ?? []) l(new MessageEvent('message', { data: msg }));
  }
  postMessage(req: ExportRequest) {
    this.posted++;
    if (this.hold) return;
    setTimeout(() => {
      const text = serializeMap(req.doc, req.exportedAt, (done, total) => this.emit({ type: 'progress', progress: { done, total } }));
      this.emit({ type: 'done', result: text });
    });
  }
  terminate() {
    this.terminated = true;
  }
}

describe('mapJson', () => {
  it('writes a small map at once, without a worker', async () => {
    let made = 0;
    const text = await mapJson(sampleMap(), { exportedAt: AT, makeWorker: () => (made++, new FakeWorker()) });
    expect(text).toBe(serializeMap(sampleMap(), AT));
    expect(made).toBe(0);
  });

  it('sends a big map to the worker, reports progress, and gives serializeMap’s text', async () => {
    const doc = generateMap({ claims: 600, quotes: 1200, links: 2000, seed: 5 });
    expect(entityCount(doc)).toBeGreaterThanOrEqual(WORKER_THRESHOLD);
    const worker = new FakeWorker();
    const progress: number[] = [];
    const text = await mapJson(doc, { exportedAt: AT, makeWorker: () => worker, onProgress: (done) => progress.push(done) });
    expect(text).toBe(serializeMap(doc, AT));
    expect(worker.posted).toBe(1);
    expect(progress.length).toBeGreaterThan(2);
    expect(worker.terminated).toBe(true);
  });

  it('terminates the worker and rejects with ExportCancelled when cancelled', async () => {
    const doc = generateMap({ claims: 600, quotes: 1200, links: 2000, seed: 5 });
    const worker = new FakeWorker(true);
    const controller = new AbortController();
    const pending = mapJson(doc, { makeWorker: () => worker, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(ExportCancelled);
    expect(worker.terminated).toBe(true);
  });
});
