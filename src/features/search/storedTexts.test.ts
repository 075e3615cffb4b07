import { describe, expect, test } from 'vitest';
import { SearchEngine, type EngineResponse } from '../../domain/search/searchEngine';
import { updateSource } from '../../domain/edits';
import type { ChannelReply, ChannelRequest } from '../../components/runWorker';
import { readSourceTexts } from '../../storage/sourceTexts';
import { createMap } from '../../storage/writes';
import type { WarrantDB } from '../../storage/db';
import { createMapStore } from '../../store/mapStore';
import { sampleDoc, testDatabases } from '../../test/testDocs';
import { SearchClient, type EngineWorker } from './searchClient';
import { withoutLargeTexts, withStoredTexts, type SearchRequest } from './storedTexts';

const newDB = testDatabases();

/** search.worker.ts's loop on a test database, in messages; `posted` counts the source-text characters the page sent. */
function worker(db: WarrantDB, posted: { chars: number; messages: SearchRequest[] }): EngineWorker {
  const engine = new SearchEngine();
  const listeners: ((e: Event) => void)[] = [];
  let queue = Promise.resolve();
  return {
    postMessage: ({ id, request }: ChannelRequest<SearchRequest>) => {
      posted.messages.push(request);
      if (request.type === 'load') posted.chars += request.records.sources.reduce((n, s) => n + s.text.length, 0);
      if (request.type === 'change') posted.chars += (request.put.sources ?? []).reduce((n, s) => n + s.text.length, 0);
      queue = queue.then(async () => {
        const result = engine.handle(await withStoredTexts(request, (mapId, ids) => readSourceTexts(mapId, ids, db)));
        const reply: ChannelReply<EngineResponse | null> = { id, type: 'done', result };
        for (const l of listeners) l(new MessageEvent('message', { data: reply }));
      });
    },
    addEventListener: (type, listener) => {
      if (type === 'message') listeners.push(listener);
    },
    terminate: () => undefined,
  };
}

describe('stored texts', () => {
  test('large texts are left out and named; the worker puts the stored ones back and drops the gone', async () => {
    const db = newDB();
    const doc = sampleDoc();
    await createMap(doc, db);
    const sources = Object.values(doc.sources);
    const { sources: sent, stored } = withoutLargeTexts(sources, 50);
    // src_a's text is 55 characters, src_b's 44.
    expect(stored).toEqual(['src_a']);
    expect(sent.map((s) => s.text.length)).toEqual([0, 44]);
    const load = await withStoredTexts(
      { type: 'load', mapId: 'map_one', records: { sources: [...sent, { ...sent[0]!, id: 'src_gone' }], quotes: [], claims: [], links: [] }, stored: ['src_a', 'src_gone'] },
      (mapId, ids) => readSourceTexts(mapId, ids, db),
    );
    expect(load.type === 'load' && load.records.sources.map((s) => [s.id, s.text])).toEqual([
      ['src_a', doc.sources.src_a!.text],
      ['src_b', doc.sources.src_b!.text],
    ]);
    const search: SearchRequest = { type: 'search', query: 'blue' };
    expect(await withStoredTexts(search, () => Promise.reject(new Error('not read')))).toBe(search);
  });

  test('the client posts no large text, on opening or on an edit, and search still finds its words', async () => {
    const db = newDB();
    const doc = sampleDoc();
    await createMap(doc, db);
    const store = createMapStore({ db, channel: false });
    await store.getState().openMap('map_one');
    const posted = { chars: 0, messages: [] as SearchRequest[] };
    const client = new SearchClient({ makeWorker: () => worker(db, posted), storedTextMin: 50 });
    client.attach(store);
    expect((await client.search('sky')).sources.map((h) => h.recordId)).toEqual(['src_a']);
    // Only src_b's 44 characters went by message; src_a's 55 the worker read.
    expect(posted.chars).toBe(44);

    const text = 'Alpha beta gamma. The ocean is wide and grey this morning. Delta epsilon.';
    await store.getState().edit((now) => updateSource(now, 'src_a', { ...now.sources.src_a!, text }).change, { label: 'Edit source' });
    expect((await client.search('ocean')).sources.map((h) => h.recordId)).toEqual(['src_a']);
    expect((await client.search('sky')).sources).toEqual([]);
    const change = posted.messages.find((m) => m.type === 'change');
    expect(change).toMatchObject({ type: 'change', stored: ['src_a'] });
    expect(posted.chars).toBe(44);
    client.detach();
  });
});
