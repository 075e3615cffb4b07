import { describe, expect, it } from 'vitest';
import { describeQuote, reanchorAll } from '../domain/anchoring/anchor';
import { cachedAnchor } from '../domain/anchoring/cache';
import { updateSource } from '../domain/edits';
import { reanchorSourceQuotes } from '../domain/anchoring/quotes';
import { docFromRecords } from '../domain/change';
import type { Quote } from '../domain/schema';
import type { WarrantDB } from '../storage/db';
import { createMap } from '../storage/writes';
import { testDatabases } from '../test/testDocs';
import {
  AnchoringCancelled,
  WORKER_THRESHOLD,
  anchorStoredInWorker,
  anchorStoredSource,
  reanchorEdited,
  reanchorEditedText,
  wantsWorker,
  type AnchorReply,
  type AnchorRequest,
  type WorkerLike,
} from './anchorInWorker';

const T = '2026-01-01T00:00:00.000Z';
const newDB = testDatabases();

/** Answers as anchor.worker.ts does, on the next tick; `stored` requests read `db`. */
function fakeWorker(log: string[], db?: WarrantDB): () => WorkerLike {
  return () => {
    const listeners: Array<(e: Event) => void> = [];
    const send = (data: AnchorReply) => listeners.forEach((l) => l({ data } as unknown as Event));
    return {
      postMessage(req: AnchorRequest) {
        log.push(`request ${req.kind}`);
        setTimeout(() => {
          send({ type: 'progress', done: 1, total: 2 });
          if (req.kind === 'edit') send({ type: 'edited', outcomes: reanchorSourceQuotes(req.text, req.quotes) });
          else
            void anchorStoredSource(req, db!).then(
              (anchoring) => send({ type: 'read', anchoring }),
              (e: unknown) => send({ type: 'error', message: (e as Error).message }),
            );
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

/** Map `map_a` stored with source `src_a` holding `text`. */
async function storedMap(): Promise<WarrantDB> {
  const db = newDB();
  await createMap(
    docFromRecords({
      map: { id: 'map_a', title: 'A', createdAt: T, updatedAt: T },
      sources: [{ id: 'src_a', title: 'A', text, addedAt: T }],
      quotes: [quote(21, 41)],
      claims: [],
      links: [],
      comments: [],
      layout: {},
    }),
    db,
  );
  return db;
}

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
    const db = await storedMap();
    const log: string[] = [];
    const progress: number[] = [];
    const seen: AnchorRequest[] = [];
    const make = fakeWorker(log, db);
    const out = await anchorStoredInWorker('map_a', 'src_a', [quote(21, 41)], {
      makeWorker: () => {
        const w = make();
        return { ...w, postMessage: (req) => (seen.push(req), w.postMessage(req)) };
      },
      onProgress: (d, t) => progress.push(d / t),
    });
    expect(out).toEqual({ results: [{ status: 'exact', start: 21, end: 41, score: 1 }], textLength: text.length });
    expect(progress).toEqual([0.5]);
    expect(log).toEqual(['request stored', 'terminated']);
    // The page posts the map and source ids and the selectors, never the text.
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toHaveProperty('text');
  });

  it('reads the text of the stored source, and fails plainly when it is gone', async () => {
    const db = await storedMap();
    const moved = await anchorStoredSource({ kind: 'stored', mapId: 'map_a', sourceId: 'src_a', quotes: [quote(21, 41)] }, db);
    expect(moved.results[0]).toMatchObject({ status: 'exact', start: 21, end: 41 });
    await expect(anchorStoredSource({ kind: 'stored', mapId: 'map_a', sourceId: 'src_gone', quotes: [quote(21, 41)] }, db)).rejects.toThrow(
      'The source is no longer stored.',
    );
    await expect(anchorStoredSource({ kind: 'stored', mapId: 'map_other', sourceId: 'src_a', quotes: [quote(21, 41)] }, db)).rejects.toThrow();
  });

  it('rejects with AnchoringCancelled when aborted, and terminates the worker', async () => {
    const log: string[] = [];
    const controller = new AbortController();
    const running = anchorStoredInWorker('map_a', 'src_a', [quote(21, 41)], { makeWorker: fakeWorker(log), signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(AnchoringCancelled);
    expect(log).toContain('terminated');
  });

  it("gives each edited quote its anchoring in the new text, which updateSource puts in the cache", () => {
    const body =
      'The summit in Geneva ended without a joint statement on tariffs. ' +
      'Delegates from the coalition said the talks on regional defence would resume in spring. ' +
      'Observers expect the alliance to revisit its strategy before the next round of negotiations.';
    const q = (id: string, start: number, end: number): Quote => ({ id, sourceId: 'src_a', ...describeQuote(body, start, end), createdAt: T });
    const doc = docFromRecords({
      map: { id: 'map_a', title: 'A', createdAt: T, updatedAt: T },
      sources: [{ id: 'src_a', title: 'A', text: body, addedAt: T }],
      quotes: [q('q_1', 65, 153), q('q_2', 154, 245)],
      claims: [],
      links: [],
      comments: [],
      layout: {},
    });
    // A letter changed inside the first quote (fuzzy), text inserted before both (moved).
    const edited = 'New. ' + body.slice(0, 100) + 'x' + body.slice(101);
    const quotes = [doc.quotes.q_1!, doc.quotes.q_2!];
    const outcomes = reanchorEditedText(edited, quotes);
    expect(outcomes.map((o) => o.status)).toEqual(['fuzzy', 'relocated']);
    // Each anchor is what the cache itself would work out for the quote as stored.
    for (const o of outcomes) expect(o.anchor).toEqual(reanchorAll(edited, [o.quote], { drift: false })[0]!.result);
    const { change } = updateSource(doc, 'src_a', { ...doc.sources.src_a!, text: edited }, outcomes);
    const next = change.put.sources![0]!;
    const stored = (id: string) => change.put.quotes?.find((x) => x.id === id) ?? doc.quotes[id]!;
    // Nothing left to anchor on the main thread: every quote's anchoring is cached for the new record.
    expect(quotes.map((x) => cachedAnchor(next, stored(x.id)))).toEqual(outcomes.map((o) => o.anchor));
  });
});
