import { describe, expect, it, vi } from 'vitest';
import { Dexie } from 'dexie';
import { applyChange, deletionChange, emptyChange, invertChange, type Change, type MapDoc } from '../domain/change';
import type { WarrantDB } from './db';
import {
  IntegrityError,
  MapExistsError,
  MapNotFoundError,
  StaleRevisionError,
  StorageFullError,
  classifyStorageError,
} from './errors';
import { loadMap } from './reads';
import { claim, expectSameModuloIds, testDatabases, link, meta, sampleDoc } from '../test/testDocs';
import { commitChange, createMap, deleteMap, duplicateMap, renameMap } from './writes';
import { importMapFile } from './transfer';
import { serializeMap } from '../domain/format/serialize';

const newDB = testDatabases();

/** Every row of every table: "nothing written" means this did not change. */
async function dump(db: WarrantDB) {
  return {
    maps: await db.maps.toArray(),
    sources: await db.sources.toArray(),
    quotes: await db.quotes.toArray(),
    claims: await db.claims.toArray(),
    links: await db.links.toArray(),
    layout: await db.layout.toArray(),
  };
}

async function withSample(db: WarrantDB, mapId = 'map_one'): Promise<MapDoc> {
  const doc = sampleDoc(mapId);
  await createMap(doc, db);
  return doc;
}

describe('createMap and loadMap', () => {
  it('round-trips a doc at revision 0', async () => {
    const db = newDB();
    const doc = await withSample(db);
    expect(await loadMap('map_one', db)).toEqual({ doc, revision: 0, epoch: expect.stringMatching(/^ep_/) as unknown });
    expect(await loadMap('map_none', db)).toBeNull();
  });

  it('keeps maps apart even when they share entity ids', async () => {
    const db = newDB();
    const one = await withSample(db, 'map_one');
    const two = await withSample(db, 'map_two');
    expect((await loadMap('map_one', db))?.doc).toEqual(one);
    expect((await loadMap('map_two', db))?.doc).toEqual(two);
    await deleteMap('map_one', db);
    expect((await loadMap('map_two', db))?.doc).toEqual(two);
  });

  it('refuses a taken id and a doc whose references dangle, writing nothing', async () => {
    const db = newDB();
    await withSample(db);
    const before = await dump(db);
    await expect(createMap(sampleDoc(), db)).rejects.toBeInstanceOf(MapExistsError);
    const broken = sampleDoc('map_two');
    const dangling = { ...broken, links: { ...broken.links, l_x: link('l_x', 'q_nope', 'c_thesis') } };
    await expect(createMap(dangling, db)).rejects.toBeInstanceOf(IntegrityError);
    expect(await dump(db)).toEqual(before);
  });
});

describe('commitChange', () => {
  it('writes puts and deletes, bumps the revision and updatedAt in the same transaction', async () => {
    const db = newDB();
    const doc = await withSample(db);
    const change: Change = {
      ...emptyChange('map_one'),
      map: { ...doc.map, title: 'Renamed', description: undefined },
      put: { claims: [claim('c_new', 'New claim')], links: [link('l_new', 'c_new', 'c_thesis')], layout: { c_new: { x: 5, y: 6 } } },
      delete: { links: ['l_2'] },
    };
    const t0 = Date.now();
    const result = await commitChange(change, 0, db);
    expect(result.revision).toBe(1);
    expect(Date.parse(result.updatedAt)).toBeGreaterThanOrEqual(t0);
    const loaded = await loadMap('map_one', db);
    expect(loaded?.revision).toBe(1);
    expect(loaded?.doc.map).toEqual({ ...doc.map, title: 'Renamed', description: undefined, updatedAt: result.updatedAt });
    expect(loaded?.doc.map).not.toHaveProperty('description');
    const expected = applyChange(doc, change);
    expect(loaded?.doc).toEqual({ ...expected, map: loaded?.doc.map });
    const second = await commitChange(emptyChange('map_one'), 1, db);
    expect(second.revision).toBe(2);
  });

  it('refuses a change made on a revision the tab has not seen, and writes nothing', async () => {
    const db = newDB();
    await withSample(db);
    await commitChange({ ...emptyChange('map_one'), put: { claims: [claim('c_a', 'A')] } }, 0, db);
    const before = await dump(db);
    const stale: Change = { ...emptyChange('map_one'), put: { claims: [claim('c_b', 'B')] } };
    const error = await commitChange(stale, 0, db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleRevisionError);
    expect(error).toMatchObject({ baseRevision: 0, currentRevision: 1 });
    expect(classifyStorageError(error).kind).toBe('stale');
    expect(await dump(db)).toEqual(before);
  });

  it('refuses a change to a missing map', async () => {
    const db = newDB();
    const error = await commitChange(emptyChange('map_gone'), 0, db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MapNotFoundError);
    expect(classifyStorageError(error)).toMatchObject({ kind: 'other', message: expect.stringContaining('no longer exists') });
  });

  it('refuses records that belong to another map', async () => {
    const db = newDB();
    await withSample(db);
    await withSample(db, 'map_two');
    const before = await dump(db);
    const foreign = { ...claim('c_x', 'X'), mapId: 'map_two' };
    await expect(
      commitChange({ ...emptyChange('map_one'), put: { claims: [foreign] } }, 0, db),
    ).rejects.toBeInstanceOf(IntegrityError);
    await expect(
      commitChange({ ...emptyChange('map_one'), map: meta('map_two') }, 0, db),
    ).rejects.toBeInstanceOf(IntegrityError);
    expect(await dump(db)).toEqual(before);
  });

  it('does not cascade: refuses a deletion that would leave orphans, and dangling puts', async () => {
    const db = newDB();
    await withSample(db);
    // Map two shares the ids, so its rows show up in the sourceId/from/to
    // indexes: they must not count as orphans of map one.
    await withSample(db, 'map_two');
    const before = await dump(db);
    const refused: Change[] = [
      { ...emptyChange('map_one'), delete: { sources: ['src_a'] } }, // its quotes stay
      { ...emptyChange('map_one'), delete: { claims: ['c_sub'] } }, // l_3, l_4 stay
      { ...emptyChange('map_one'), delete: { quotes: ['q_b1'] } }, // l_2 stays
      { ...emptyChange('map_one'), put: { links: [link('l_x', 'c_sub', 'c_nope')] } },
      { ...emptyChange('map_one'), put: { links: [link('l_x', 'q_nope', 'c_sub')] } },
      { ...emptyChange('map_one'), put: { quotes: [{ ...sampleDoc().quotes.q_a1!, id: 'q_x', sourceId: 'src_nope' }] } },
    ];
    for (const change of refused) {
      const error = await commitChange(change, 0, db).catch((e: unknown) => e);
      expect(error, JSON.stringify(change)).toBeInstanceOf(IntegrityError);
    }
    expect(await dump(db)).toEqual(before);
    // Put and referenced in the same change: fine.
    const ok: Change = {
      ...emptyChange('map_one'),
      put: { claims: [claim('c_new', 'N')], links: [link('l_new', 'c_new', 'c_sub')] },
      delete: { links: ['l_4'], quotes: ['q_a2'] },
    };
    await expect(commitChange(ok, 0, db)).resolves.toMatchObject({ revision: 1 });
  });

  it('writes a cascade built by deletionChange, and its inverse restores everything', async () => {
    const db = newDB();
    const doc = await withSample(db);
    const cascade = deletionChange(doc, { sources: ['src_a'], claims: ['c_sub'] });
    expect(cascade.delete).toMatchObject({
      sources: ['src_a'],
      quotes: expect.arrayContaining(['q_a1', 'q_a2']),
      claims: ['c_sub'],
      links: expect.arrayContaining(['l_1', 'l_3', 'l_4']),
      layout: ['q_a1'],
    });
    const r1 = await commitChange(cascade, 0, db);
    const after = await loadMap('map_one', db);
    const expected = applyChange(doc, cascade);
    expect(after?.doc).toEqual({ ...expected, map: { ...doc.map, updatedAt: r1.updatedAt } });
    expect(Object.keys(after?.doc.links ?? {})).toEqual(['l_2']);

    await commitChange(invertChange(doc, cascade), r1.revision, db);
    const restored = await loadMap('map_one', db);
    expect(restored?.revision).toBe(2);
    expect({ ...restored?.doc, map: doc.map }).toEqual(doc);
  });

  it('is atomic: a failure after the first tables were written leaves nothing behind', async () => {
    const db = newDB();
    await withSample(db);
    const before = await dump(db);
    vi.spyOn(db.links, 'bulkPut').mockImplementation(() => {
      throw new Error('disk on fire');
    });
    const change: Change = {
      ...emptyChange('map_one'),
      put: { claims: [claim('c_new', 'N')], links: [link('l_new', 'c_new', 'c_thesis')] },
      delete: { links: ['l_2'], layout: ['c_thesis'] },
    };
    const error = await commitChange(change, 0, db).catch((e: unknown) => e);
    expect(classifyStorageError(error)).toEqual({ kind: 'other', message: 'Your last change was not saved: disk on fire' });
    vi.restoreAllMocks();
    expect(await dump(db)).toEqual(before);
  });

  it('is atomic when IndexedDB itself rejects a record (no key)', async () => {
    const db = newDB();
    await withSample(db);
    const before = await dump(db);
    const keyless = { ...claim('c_new', 'N'), id: undefined } as unknown as ReturnType<typeof claim>;
    const change: Change = {
      ...emptyChange('map_one'),
      put: { sources: [{ ...sampleDoc().sources.src_b!, title: 'changed' }], claims: [keyless] },
      delete: { links: ['l_2'] },
    };
    await expect(commitChange(change, 0, db)).rejects.toThrow();
    expect(await dump(db)).toEqual(before);
  });

  it('reports a full disk as StorageFullError and writes nothing', async () => {
    const db = newDB();
    await withSample(db);
    const before = await dump(db);
    vi.spyOn(db.claims, 'bulkPut').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const change: Change = {
      ...emptyChange('map_one'),
      put: { sources: [{ ...sampleDoc().sources.src_b!, title: 'changed' }], claims: [claim('c_new', 'N')] },
      delete: { links: ['l_2'] },
    };
    const error = await commitChange(change, 0, db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    const classified = classifyStorageError(error);
    expect(classified.kind).toBe('full');
    expect(classified.message).toMatch(/^Your last change was not saved: .*full/);
    vi.restoreAllMocks();
    expect(await dump(db)).toEqual(before);
  });

  it('reports a quota error that arrives as a rejected promise', async () => {
    const db = newDB();
    const before = await dump(db);
    vi.spyOn(db.quotes, 'bulkPut').mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
    await expect(createMap(sampleDoc(), db)).rejects.toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    expect(await dump(db)).toEqual(before);
  });

  it('reports a database closed by a newer tab as "closed"', async () => {
    const db = newDB();
    await withSample(db);
    const events: unknown[] = [];
    db.onOutdated((e) => events.push(e));
    // A tab with newer code: one version past the current ladder.
    const newer = new Dexie(db.name);
    newer.version(db.verno + 1).stores({ maps: 'id' });
    await newer.open();
    expect(events).toEqual([{ newVersion: db.verno + 1 }]);
    expect(db.outdated).toBe(true);
    const error = await commitChange(emptyChange('map_one'), 0, db).catch((e: unknown) => e);
    expect(classifyStorageError(error).kind).toBe('closed');
    newer.close();
  });
});

describe('map operations', () => {
  it('deleteMap removes the map and every row of it, in one go', async () => {
    const db = newDB();
    await withSample(db);
    const two = await withSample(db, 'map_two');
    await deleteMap('map_one', db);
    expect(await loadMap('map_one', db)).toBeNull();
    const rest = await dump(db);
    for (const rows of Object.values(rest)) {
      for (const r of rows) expect('mapId' in r ? r.mapId : r.id).toBe('map_two');
    }
    expect((await loadMap('map_two', db))?.doc).toEqual(two);
    await expect(deleteMap('map_none', db)).resolves.toBeUndefined();
  });

  it('renameMap renames and bumps the revision', async () => {
    const db = newDB();
    await withSample(db);
    const r = await renameMap('map_one', 'New title', db);
    expect(r.revision).toBe(1);
    expect((await loadMap('map_one', db))?.doc.map).toMatchObject({ title: 'New title', updatedAt: r.updatedAt });
    await expect(commitChange(emptyChange('map_one'), 0, db)).rejects.toBeInstanceOf(StaleRevisionError);
    await expect(renameMap('map_none', 'x', db)).rejects.toBeInstanceOf(MapNotFoundError);
  });

  it('a replacing import swaps the rows in one transaction, keeps the revision going up and starts a new epoch', async () => {
    const db = newDB();
    const doc = await withSample(db);
    await commitChange(emptyChange('map_one'), 0, db);
    const old = await loadMap('map_one', db);
    const smaller = { ...doc, claims: { c_thesis: doc.claims.c_thesis! }, links: {}, layout: {} };
    expect(await importMapFile(serializeMap(smaller), { onConflict: 'replace' }, db)).toMatchObject({ kind: 'imported', mapId: 'map_one' });
    const stored = await loadMap('map_one', db);
    expect(stored?.revision).toBe(2);
    expect(Object.keys(stored!.doc.claims)).toEqual(['c_thesis']);
    expect(stored?.epoch).not.toBe(old?.epoch);
  });

  it('duplicateMap copies under fresh, consistent ids and leaves the original alone', async () => {
    const db = newDB();
    const doc = await withSample(db);
    const before = await dump(db);
    const newId = await duplicateMap('map_one', db);
    expect(newId).toMatch(/^map_/);
    expect(newId).not.toBe('map_one');
    const copy = (await loadMap(newId, db))!;
    expect(copy.revision).toBe(0);
    expect(copy.doc.map.title).toBe('Map map_one (copy)');
    expect(await loadMap('map_one', db)).toEqual({ doc, revision: 0, epoch: expect.stringMatching(/^ep_/) as unknown });
    expectSameModuloIds(doc, copy.doc);
    const after = await dump(db);
    expect(after.claims).toHaveLength(before.claims.length * 2);
    await expect(duplicateMap('map_none', db)).rejects.toBeInstanceOf(MapNotFoundError);
  });
});

describe('incarnations of a map (issue 17, item 6)', () => {
  it('refuses a write meant for a map that was deleted and imported again under its id', async () => {
    const db = newDB();
    const doc = await withSample(db);
    const old = await loadMap(doc.map.id, db);
    expect(old?.revision).toBe(0);
    expect(old?.epoch).toMatch(/^ep_/);
    await deleteMap(doc.map.id, db);
    // The same id again, at revision 0 again: only the epoch tells them apart.
    await createMap(doc, db);
    const fresh = await loadMap(doc.map.id, db);
    expect(fresh?.revision).toBe(0);
    expect(fresh?.epoch).not.toBe(old?.epoch);
    const change = emptyChange(doc.map.id);
    change.put.claims = [claim('c_stale', 'From the old tab')];
    await expect(commitChange(change, 0, db, old!.epoch)).rejects.toBeInstanceOf(StaleRevisionError);
    expect((await loadMap(doc.map.id, db))?.doc.claims['c_stale']).toBeUndefined();
    await expect(commitChange(change, 0, db, fresh!.epoch)).resolves.toMatchObject({ revision: 1 });
  });

  it('keeps the epoch across commits and renames, and reads a row without one as ""', async () => {
    const db = newDB();
    const doc = await withSample(db);
    const { epoch } = (await loadMap(doc.map.id, db))!;
    await renameMap(doc.map.id, 'Renamed', db);
    const change = emptyChange(doc.map.id);
    change.put.claims = [claim('c_more', 'More')];
    await commitChange(change, 1, db, epoch);
    expect((await loadMap(doc.map.id, db))?.epoch).toBe(epoch);
    await db.maps.update(doc.map.id, { epoch: undefined });
    expect((await loadMap(doc.map.id, db))?.epoch).toBe('');
    await expect(commitChange(change, 2, db, '')).resolves.toMatchObject({ revision: 3 });
  });
});

describe('format version 2 links in storage', () => {
  it('stores a link aimed at a link, refuses one aimed at a missing link, and deleting a link takes the links aimed at it', async () => {
    const { parseMapFile } = await import('../domain/format/parse');
    const { readFileSync } = await import('node:fs');
    const parsed = parseMapFile(readFileSync(new URL('../domain/format/fixtures/v2.warrant.json', import.meta.url), 'utf8'));
    if (parsed.kind !== 'ok') throw new Error('fixture');
    const db = newDB();
    const { revision } = await createMap(parsed.doc, db);
    const loaded = await loadMap(parsed.doc.map.id, db);
    expect(loaded?.doc.links['l_3']?.to).toBe('l_1');
    const bad = { mapId: 'map_v2', put: { links: [{ ...parsed.doc.links['l_3']!, id: 'l_9', to: 'l_gone' }] }, delete: {} };
    await expect(commitChange(bad, revision, db)).rejects.toThrow(/l_gone/);
    const half = { mapId: 'map_v2', put: {}, delete: { links: ['l_1'] } };
    await expect(commitChange(half, revision, db)).rejects.toThrow(/l_3/);
    await commitChange(deletionChange(parsed.doc, { links: ['l_1'] }), revision, db);
    expect(Object.keys((await loadMap('map_v2', db))!.doc.links)).toEqual(['l_2']);
  });
});
