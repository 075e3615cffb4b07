import { describe, expect, it } from 'vitest';
import { describeQuote, reanchorAll } from '../domain/anchoring/anchor';
import { reanchorSourceQuotes } from '../domain/anchoring/quotes';
import type { Quote } from '../domain/schema';
import { AnchoringCancelled, WORKER_THRESHOLD, anchorStoredInWorker, reanchorEdited, wantsWorker, type AnchorReply, type AnchorRequest, type WorkerLike } from './anchorInWorker';

const T = '2026-01-01T00:00:00.000Z';

/** Answers as anchor.worker.ts does, on the next tick. */
function fakeWorker(log: string[]): () => WorkerLike {
  return () => {
    const listeners: Array<(e: Event) => void> = [];
    const send = (data: AnchorReply) => listeners.forEach((l) => l({ data } as unknown as Event));
    return {
      postMessage(req: AnchorRequest) {
        log.push(`request ${req.kind}`);
        setTimeout(() => {
          send({ type: 'progress', done: 1, total: 2 });
          if (req.kind === 'edit') send({ type: 'edited', outcomes: reanchorSourceQuotes(req.text, req.quotes) });
          else send({ type: 'read', results: reanchorAll(req.text, req.quotes, { drift: false }).map((r) => r.result) });
        }, 0);
      },
      terminate: () => log.push('terminated'),
      addEventListener: (type, l) => {
        if (type === 'message') listeners.push(l);
      },
    };
  };
}

const text = 'Alpha sentence here. Bravo sentence here. Charlie sentence here. '.repeat(3);
const quote = (start: number, end: number): Quote => ({ id: `q_${start}`, sourceId: 'src_a', ...describeQuote(text, start, end), createdAt: T });

describe('anchorInWorker', () => {
  it('sends only large work to the worker', () => {
    expect(wantsWorker('x'.repeat(1000), 5)).toBe(false);
    expect(wantsWorker('x'.repeat(WORKER_THRESHOLD / 4), 4)).toBe(true);
    expect(wantsWorker('x'.repeat(WORKER_THRESHOLD), 0)).toBe(false);
  });

  it('anchors small sources at once, without a worker', async () => {
    const log: string[] = [];
    const edited = 'New. ' + text;
    const out = await reanchorEdited(edited, [quote(21, 41)], { makeWorker: fakeWorker(log) });
    expect(log).toEqual([]);
    expect(out[0]).toMatchObject({ status: 'relocated', changed: true, quote: { start: 26, end: 46 } });
  });

  it('reports progress from the worker and terminates it when done', async () => {
    const log: string[] = [];
    const progress: number[] = [];
    const results = await anchorStoredInWorker(text, [quote(21, 41)], { makeWorker: fakeWorker(log), onProgress: (d, t) => progress.push(d / t) });
    expect(results).toEqual([{ status: 'exact', start: 21, end: 41, score: 1 }]);
    expect(progress).toEqual([0.5]);
    expect(log).toEqual(['request read', 'terminated']);
  });

  it('rejects with AnchoringCancelled when aborted, and terminates the worker', async () => {
    const log: string[] = [];
    const controller = new AbortController();
    const running = anchorStoredInWorker(text, [quote(21, 41)], { makeWorker: fakeWorker(log), signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(AnchoringCancelled);
    expect(log).toContain('terminated');
  });
});
