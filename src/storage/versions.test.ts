import { describe, expect, it } from 'vitest';
import { applyChange, emptyChange } from '../domain/change';
import { addCommentChange } from '../domain/comments';
import { serializeMap } from '../domain/format/serialize';
import { loadMap } from './reads';
import { testDatabases, sampleDoc, T0, claim } from '../test/testDocs';
import { importMapFile } from './transfer';
import { KEEP_AUTO_VERSIONS, lastAutoVersionAt, listVersions, loadVersion, restoreVersionAsCopy, saveVersion } from './versions';
import { commitChange, createMap } from './writes';

const newDB = testDatabases();

describe('versions', () => {
  it('saves the stored map with a name, lists it newest first, and reads it back whole', async () => {
    const db = newDB();
    const doc = applyChange(sampleDoc(), addCommentChange(sampleDoc(), { id: 'cm_1', on: 'c_thesis', author: 'A', text: 'x', now: T0 }));
    await createMap(doc, db);
    const first = await saveVersion('map_one', '  Before review  ', 'named', db, '2026-12-01T10:00:00.000Z');
    expect(first).toMatchObject({ mapId: 'map_one', name: 'Before review', kind: 'named', revision: 0, counts: { claims: 2 } });
    await commitChange({ ...emptyChange('map_one'), put: { claims: [claim('c_new', 'New')] } }, 0, db);
    await saveVersion('map_one', 'After', 'named', db, '2026-12-01T11:00:00.000Z');
    expect((await listVersions('map_one', db)).map((v) => v.name)).toEqual(['After', 'Before review']);
    const old = await loadVersion(first.id, db);
    expect(old).toEqual(doc);
    expect((await loadMap('map_one', db))!.doc.claims['c_new']).toBeDefined();
  });

  it('restores a version as a copy beside the map', async () => {
    const db = newDB();
    await createMap(sampleDoc(), db);
    const v = await saveVersion('map_one', 'v', 'named', db);
    const copyId = await restoreVersionAsCopy(v.id, db);
    expect(copyId).not.toBe('map_one');
    const copy = (await loadMap(copyId!, db))!.doc;
    expect(copy.map.title).toMatch(/\(copy\)$/);
    expect(Object.keys(copy.claims)).toHaveLength(2);
    expect(await loadMap('map_one', db)).not.toBeNull();
  });

  it('keeps the newest automatic versions and every named one', async () => {
    const db = newDB();
    await createMap(sampleDoc(), db);
    await saveVersion('map_one', 'Mine', 'named', db, '2026-01-01T00:00:00.000Z');
    for (let i = 0; i < KEEP_AUTO_VERSIONS + 3; i++) {
      await saveVersion('map_one', `auto ${i}`, 'auto', db, new Date(Date.UTC(2026, 1, 1, i)).toISOString());
    }
    const all = await listVersions('map_one', db);
    expect(all.filter((v) => v.kind === 'auto')).toHaveLength(KEEP_AUTO_VERSIONS);
    expect(all.some((v) => v.name === 'auto 0')).toBe(false);
    expect(all.some((v) => v.name === 'Mine')).toBe(true);
    expect(await lastAutoVersionAt('map_one', db)).toBe(new Date(Date.UTC(2026, 1, 1, KEEP_AUTO_VERSIONS + 2)).toISOString());
  });

  it('saves the map as it was before a Replace on import', async () => {
    const db = newDB();
    const doc = sampleDoc();
    await createMap(doc, db);
    const edited = applyChange(doc, { ...emptyChange('map_one'), put: { claims: [claim('c_file', 'From the file')] } });
    const result = await importMapFile(serializeMap(edited), { onConflict: 'replace' }, db);
    expect(result.kind).toBe('imported');
    const [v] = await listVersions('map_one', db);
    expect(v).toMatchObject({ kind: 'auto', name: 'Before Replace on import' });
    expect(await loadVersion(v!.id, db)).toEqual(doc);
  });
});
