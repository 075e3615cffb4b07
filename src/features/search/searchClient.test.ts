import { describe, expect, test } from 'vitest';
import { createMapStore } from '../../store/mapStore';
import { applyChange, emptyChange, type MapDoc } from '../../domain/change';
import { docDelta, SearchClient } from './searchClient';

const meta = { id: 'map_1', title: 'M', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
const at = '2026-01-01T00:00:00.000Z';
const doc = (over: Partial<MapDoc> = {}): MapDoc => ({ map: meta, sources: {}, quotes: {}, claims: {}, links: {}, comments: {}, layout: {}, ...over });

describe('docDelta', () => {
  test('names only the records that changed, by reference, and the ids gone', () => {
    const c1 = { id: 'c_1', text: 'One', kind: 'claim' as const, createdAt: at, updatedAt: at };
    const c2 = { id: 'c_2', text: 'Two', kind: 'claim' as const, createdAt: at, updatedAt: at };
    const a = doc({ claims: { c_1: c1, c_2: c2 } });
    const c1b = { ...c1, text: 'One!' };
    const b = doc({ claims: { c_1: c1b } });
    expect(docDelta(a, b)).toEqual({ put: { claims: [c1b] }, delete: { claims: ['c_2'] } });
    expect(docDelta(a, { ...a, map: { ...meta, title: 'Other' } })).toBeNull();
  });

  test('looks at the records an edit names, not at every record of a large map', () => {
    const claims: Record<string, MapDoc['claims'][string]> = {};
    for (let i = 0; i < 20_000; i++) claims[`c_${i}`] = { id: `c_${i}`, text: `Claim ${i}`, kind: 'claim', createdAt: at, updatedAt: at };
    // Counts every read of the table the edit starts from.
    let reads = 0;
    const counted = new Proxy(claims, {
      get: (t, p, r) => (reads++, Reflect.get(t, p, r)),
      has: (t, p) => (reads++, Reflect.has(t, p)),
      ownKeys: (t) => ((reads += 20_000), Reflect.ownKeys(t)),
    });
    const a = doc({ claims: counted });
    const typed = { ...claims.c_7!, text: 'Claim 7!' };
    const b = applyChange(a, { ...emptyChange('map_1'), put: { claims: [typed] } });
    reads = 0;
    expect(docDelta(a, b)).toEqual({ put: { claims: [typed] }, delete: {} });
    expect(reads).toBeLessThan(10);
    // Tables it did not see made: compared record by record, as before.
    expect(docDelta(a, doc({ claims: { ...b.claims } }))).toEqual({ put: { claims: [typed] }, delete: {} });
  });
});

describe('SearchClient', () => {
  test('indexes the open map and follows its changes', async () => {
    const store = createMapStore({ channel: false });
    const claim = { id: 'c_1', text: 'Beijing brokers peace', kind: 'claim' as const, createdAt: at, updatedAt: at };
    store.setState({ status: 'ready', mapId: 'map_1', doc: doc({ claims: { c_1: claim } }) });
    const client = new SearchClient();
    client.attach(store);
    expect((await client.search('broker')).claims.map((h) => h.recordId)).toEqual(['c_1']);
    // An edit in memory (no storage here): the store's doc changes, the index follows.
    const change = emptyChange('map_1');
    change.put.claims = [{ ...claim, text: 'Beijing stays neutral' }];
    store.setState((s) => ({ doc: { ...s.doc!, claims: { c_1: change.put.claims![0]! } } }));
    expect((await client.search('broker')).claims).toEqual([]);
    expect((await client.search('neutral')).claims).toHaveLength(1);
    client.detach();
  });
});
