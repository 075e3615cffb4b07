import { describe, expect, test } from 'vitest';
import { createMapStore } from '../../store/mapStore';
import { emptyChange, type MapDoc } from '../../domain/change';
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
