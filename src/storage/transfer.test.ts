import { describe, expect, it, vi } from 'vitest';
import { serializeMap } from '../domain/format/serialize';
import type { WarrantDB } from './db';
import { MapNotFoundError, StorageFullError, classifyStorageError } from './errors';
import { loadMap } from './reads';
import { expectSameModuloIds, testDatabases, sampleDoc } from '../test/testDocs';
import { exportMap, importMapFile } from './transfer';
import { commitChange, createMap } from './writes';
import { emptyChange } from '../domain/change';
import type { MapFile } from '../domain/schema';

const newDB = testDatabases();

async function dump(db: WarrantDB) {
  return Promise.all([db.maps, db.sources, db.quotes, db.claims, db.links, db.layout].map((t) => t.toArray()));
}

/** The sample map as a file, edited by `edit` (on the parsed JSON). */
function fileText(edit?: (file: MapFile) => void, mapId = 'map_one'): string {
  const file = JSON.parse(serializeMap(sampleDoc(mapId), '2026-11-24T00:00:00.000Z')) as MapFile;
  edit?.(file);
  return JSON.stringify(file);
}

describe('importMapFile', () => {
  it('imports a valid file under its own ids', async () => {
    const db = newDB();
    const result = await importMapFile(fileText(), {}, db);
    expect(result).toEqual({
      kind: 'imported',
      mapId: 'map_one',
      notices: [],
      counts: { sources: 2, quotes: 3, claims: 2, links: 4 },
      anchors: { exact: 3, relocated: 0, fuzzy: 0, ambiguous: 0, orphaned: 0 },
    });
    expect(await loadMap('map_one', db)).toEqual({ doc: sampleDoc(), revision: 0, epoch: expect.stringMatching(/^ep_/) as unknown });
  });

  it('export then import gives back the same records', async () => {
    const db = newDB();
    const doc = sampleDoc();
    await createMap(doc, db);
    await commitChange(emptyChange('map_one'), 0, db); // updatedAt moves: still round-trips
    const stored = (await loadMap('map_one', db))!.doc;
    const text = await exportMap('map_one', db);
    const other = newDB();
    const result = await importMapFile(text, {}, other);
    expect(result.kind).toBe('imported');
    expect((await loadMap('map_one', other))?.doc).toEqual(stored);
    await expect(exportMap('map_none', db)).rejects.toBeInstanceOf(MapNotFoundError);
  });

  const badFiles: Array<[string, string, string]> = [
    ['not JSON', '{"format": "warrant.map", ', 'not-a-map-file'],
    ['not a map file', JSON.stringify({ hello: 'world' }), 'not-a-map-file'],
    ['too new', fileText((f) => ((f as { version: number }).version = 4)), 'too-new'],
    ['a link to a missing claim', fileText((f) => (f.links[0]!.to = 'c_missing')), 'invalid'],
    ['a quote of a missing source', fileText((f) => (f.quotes[1]!.sourceId = 'src_missing')), 'invalid'],
    ['a duplicate id', fileText((f) => (f.claims[1]!.id = 'c_thesis')), 'invalid'],
  ];
  it.each(badFiles)('refuses %s whole and writes nothing', async (_name, text, kind) => {
    const db = newDB();
    await createMap(sampleDoc('map_other'), db);
    const before = await dump(db);
    for (const onConflict of [undefined, 'replace', 'copy'] as const) {
      const result = await importMapFile(text, onConflict ? { onConflict } : {}, db);
      expect(result.kind).toBe('refused');
      if (result.kind !== 'refused') return;
      expect(result.parse.kind).toBe(kind);
      expect(result.parse.message).toBeTruthy();
    }
    expect(await dump(db)).toEqual(before);
  });

  it('answers conflict when the map id exists, writing nothing', async () => {
    const db = newDB();
    await createMap(sampleDoc(), db);
    const before = await dump(db);
    const text = fileText((f) => (f.map.title = 'From the file'));
    expect(await importMapFile(text, {}, db)).toEqual({ kind: 'conflict', mapId: 'map_one', title: 'Map map_one' });
    expect(await dump(db)).toEqual(before);
  });

  it('replaces the existing map in one transaction, with a revision after the old one', async () => {
    const db = newDB();
    await createMap(sampleDoc(), db);
    await createMap(sampleDoc('map_other'), db);
    await commitChange(
      { ...emptyChange('map_one'), put: { claims: [{ ...sampleDoc().claims.c_sub!, id: 'c_extra' }] } },
      0,
      db,
    );
    const text = fileText((f) => {
      f.map.title = 'From the file';
      f.links = f.links.slice(0, 1);
    });
    const result = await importMapFile(text, { onConflict: 'replace' }, db);
    expect(result).toMatchObject({ kind: 'imported', mapId: 'map_one', counts: { links: 1, claims: 2 } });
    const loaded = (await loadMap('map_one', db))!;
    expect(loaded.revision).toBe(2);
    expect(loaded.doc.map.title).toBe('From the file');
    expect(Object.keys(loaded.doc.links)).toEqual(['l_1']);
    expect(loaded.doc.claims).not.toHaveProperty('c_extra');
    expect((await loadMap('map_other', db))?.doc).toEqual(sampleDoc('map_other'));
    // A tab still on the old map's revision cannot write over the new one.
    await expect(commitChange(emptyChange('map_one'), 1, db)).rejects.toThrow(/revision/);
  });

  it('imports a copy under fresh ids, consistently, and leaves the existing map alone', async () => {
    const db = newDB();
    await createMap(sampleDoc(), db);
    const result = await importMapFile(fileText(), { onConflict: 'copy' }, db);
    expect(result.kind).toBe('imported');
    if (result.kind !== 'imported') return;
    expect(result.mapId).not.toBe('map_one');
    expect(result.notices.join(' ')).toMatch(/copy/);
    expect(await loadMap('map_one', db)).toEqual({ doc: sampleDoc(), revision: 0, epoch: expect.stringMatching(/^ep_/) as unknown });
    const copy = (await loadMap(result.mapId, db))!;
    expect(copy.doc.map.title).toBe('Map map_one (copy)');
    expectSameModuloIds(sampleDoc(), copy.doc);
  });

  it('imports under the file id when an onConflict is given but there is no conflict', async () => {
    const db = newDB();
    const result = await importMapFile(fileText(), { onConflict: 'copy' }, db);
    expect(result).toMatchObject({ kind: 'imported', mapId: 'map_one', notices: [] });
  });

  it('writes nothing when storage fails half-way through an import, even a replace', async () => {
    const db = newDB();
    await createMap(sampleDoc(), db);
    const before = await dump(db);
    vi.spyOn(db.links, 'bulkPut').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const other = fileText(undefined, 'map_two');
    const error = await importMapFile(other, {}, db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect(classifyStorageError(error, 'The imported map').message).toMatch(/^The imported map was not saved/);
    await expect(importMapFile(fileText(), { onConflict: 'replace' }, db)).rejects.toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    expect(await dump(db)).toEqual(before);
  });
});
