import { afterEach, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { emptyChange, emptyDoc } from '../domain/change';
import type { WarrantDB } from './db';
import { listMaps } from './queries';
import { claim, freshDB, meta, sampleDoc } from '../test/testDocs';
import { commitChange, createMap, duplicateMap } from './writes';

const dbs: WarrantDB[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

it('lists every map with its counts, most recently changed first', async () => {
  const db = freshDB();
  dbs.push(db);
  expect(await listMaps(db)).toEqual([]);
  await createMap(emptyDoc(meta('map_empty', { updatedAt: '2026-11-25T00:00:00.000Z' })), db);
  await createMap(sampleDoc('map_one'), db);
  await createMap(sampleDoc('map_two'), db);
  // 2026-11-24T23:00Z: before map_empty, though after it as a string.
  await createMap(emptyDoc(meta('map_offset', { updatedAt: '2026-11-25T01:00:00.000+02:00' })), db);
  const list = await listMaps(db);
  expect(list.map((m) => m.id)).toEqual(['map_empty', 'map_offset', 'map_one', 'map_two']);
  expect(list[0]).toEqual({
    id: 'map_empty',
    title: 'Map map_empty',
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-25T00:00:00.000Z',
    counts: { sources: 0, quotes: 0, claims: 0, links: 0 },
  });
  expect(list[0]).not.toHaveProperty('description');
  expect(list[2]).toMatchObject({ description: 'A test map', counts: { sources: 2, quotes: 3, claims: 2, links: 4 } });

  await commitChange({ ...emptyChange('map_two'), put: { claims: [claim('c_more', 'More')] } }, 0, db);
  const copyId = await duplicateMap('map_one', db);
  const after = await listMaps(db);
  expect(after.slice(0, 2).map((m) => m.id).sort()).toEqual([copyId, 'map_two'].sort());
  expect(after.find((m) => m.id === 'map_two')?.counts.claims).toBe(3);
  expect(after.find((m) => m.id === copyId)?.counts).toEqual({ sources: 2, quotes: 3, claims: 2, links: 4 });
});
