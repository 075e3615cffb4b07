import { describe, expect, it, vi } from 'vitest';
import { applyChange, deletionChange, emptyChange, invertChange, type MapDoc } from '../domain/change';
import { serializeMap } from '../domain/format/serialize';
import { openWarrantDB, type WarrantDB } from './db';
import { NoRoomInTrashError, StaleRevisionError, StorageFullError, TrashRestoreError } from './errors';
import { loadMap } from './reads';
import type { TrashEntry } from './rows';
import { claim, expectSameModuloIds, testDatabases, link, meta, sampleDoc, T0 } from '../test/testDocs';
import { importMapFile } from './transfer';
import { deleteFromTrash, emptyTrash, listTrash, purgeTrash, restoreFromTrash } from './trash';
import { commitChange, createMap, deleteMap } from './writes';

const newDB = testDatabases();

async function dump(db: WarrantDB) {
  return Promise.all([db.maps, db.sources, db.quotes, db.claims, db.links, db.layout, db.trash].map((t) => t.toArray()));
}

async function withSample(db: WarrantDB, mapId = 'map_one'): Promise<MapDoc> {
  const doc = sampleDoc(mapId);
  await createMap(doc, db);
  return doc;
}

const DAY = 24 * 60 * 60 * 1000;

/** A source entry written straight into the table, `deletedAt` as given. */
function sourceEntry(id: string, deletedAt: string): TrashEntry {
  const doc = sampleDoc();
  return {
    id,
    kind: 'source',
    mapId: 'map_one',
    title: 'Old source',
    mapTitle: 'Map map_one',
    deletedAt,
    reason: 'deleted',
    counts: { sources: 1, quotes: 0, claims: 0, links: 0 },
    payload: { source: { ...doc.sources.src_b!, id: `src_${id}` }, quotes: [], links: [], layout: [] },
  };
}

describe('a deleted map', () => {
  it('goes to the trash in the same transaction, and comes back whole under its own id', async () => {
    const db = newDB();
    const doc = await withSample(db);
    await commitChange(emptyChange('map_one'), 0, db); // revision 1
    const stored = (await loadMap('map_one', db))!.doc;
    await expect(deleteMap('map_one', db)).resolves.toEqual({ trashed: true });
    expect(await loadMap('map_one', db)).toBeNull();
    expect(await db.sources.count()).toBe(0);

    const trash = await listTrash(db);
    expect(trash).toEqual([
      {
        id: expect.stringMatching(/^trash_/),
        kind: 'map',
        mapId: 'map_one',
        title: doc.map.title,
        mapTitle: doc.map.title,
        deletedAt: expect.any(String),
        reason: 'deleted',
        counts: { sources: 2, quotes: 3, claims: 2, links: 4 },
      },
    ]);
    expect(trash[0]).not.toHaveProperty('payload');

    const result = await restoreFromTrash(trash[0]!.id, db);
    expect(result).toEqual({ kind: 'map', mapId: 'map_one', asCopy: false, notices: [`Restored the map “${doc.map.title}”.`] });
    const back = await loadMap('map_one', db);
    expect(back?.doc).toEqual(stored);
    // Past the revision it had, so a tab still showing the deleted map cannot write over it.
    expect(back?.revision).toBe(2);
    await expect(commitChange(emptyChange('map_one'), 1, db)).rejects.toBeInstanceOf(StaleRevisionError);
    expect(await listTrash(db)).toEqual([]);
  });

  it('comes back as a copy when its id was taken meanwhile', async () => {
    const db = newDB();
    const doc = await withSample(db);
    await deleteMap('map_one', db);
    await createMap({ ...sampleDoc(), map: meta('map_one', { title: 'Newcomer' }) }, db);
    const [entry] = await listTrash(db);
    const result = await restoreFromTrash(entry!.id, db);
    expect(result).toMatchObject({ kind: 'map', asCopy: true });
    expect(result.mapId).not.toBe('map_one');
    const copy = (await loadMap(result.mapId, db))!.doc;
    expectSameModuloIds(doc, copy);
    expect(copy.map.title).toBe(`${doc.map.title} (copy)`);
    expect((await loadMap('map_one', db))?.doc.map.title).toBe('Newcomer');
  });

  it('is deleted without a trash copy when the disk is too full for one, once the user agrees', async () => {
    const db = newDB();
    await withSample(db);
    vi.spyOn(db.trash, 'add').mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
    // Asked first: without the user's yes, nothing is deleted.
    await expect(deleteMap('map_one', db)).rejects.toBeInstanceOf(NoRoomInTrashError);
    expect(await loadMap('map_one', db)).not.toBeNull();
    await expect(deleteMap('map_one', db, { forGood: true })).resolves.toEqual({ trashed: false });
    expect(await loadMap('map_one', db)).toBeNull();
    expect(await db.trash.count()).toBe(0);
  });

  it('a missing map is not an error and leaves no trash entry', async () => {
    const db = newDB();
    await expect(deleteMap('map_none', db)).resolves.toBeUndefined();
    expect(await db.trash.count()).toBe(0);
  });
});

describe('a replaced map', () => {
  it('importing a file over a map keeps the old version in the trash, restorable as a copy', async () => {
    const db = newDB();
    const old = await withSample(db);
    const file = JSON.parse(serializeMap(sampleDoc(), T0)) as { map: { title: string }; claims: unknown[] };
    file.map.title = 'From the file';
    file.claims.push(claim('c_extra', 'Extra'));
    const result = await importMapFile(JSON.stringify(file), { onConflict: 'replace' }, db);
    expect(result).toMatchObject({ kind: 'imported', mapId: 'map_one' });
    expect(result.kind === 'imported' && result.notices.join(' ')).toMatch(/old version is in the Trash/);

    const [entry, ...rest] = await listTrash(db);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ kind: 'map', mapId: 'map_one', reason: 'replaced', title: old.map.title });
    const restored = await restoreFromTrash(entry!.id, db);
    expect(restored).toMatchObject({ kind: 'map', asCopy: true });
    expectSameModuloIds(old, (await loadMap(restored.mapId, db))!.doc);
    expect((await loadMap('map_one', db))?.doc.map.title).toBe('From the file');
  });

  it('a replacing import keeps the old version in the trash too; a conflict or refused file writes none', async () => {
    const db = newDB();
    await withSample(db);
    await importMapFile(serializeMap({ ...sampleDoc(), map: meta('map_one', { title: 'Second' }) }), { onConflict: 'replace' }, db);
    expect(await listTrash(db)).toMatchObject([{ reason: 'replaced', title: 'Map map_one' }]);
    const before = await dump(db);
    await importMapFile(serializeMap(sampleDoc()), {}, db); // conflict
    await importMapFile('{"not": "a map"}', { onConflict: 'replace' }, db);
    expect(await dump(db)).toEqual(before);
  });
});

describe('a deleted source', () => {
  it('goes to the trash with its quotes, links and positions in the commit that deletes it', async () => {
    const db = newDB();
    const doc = await withSample(db);
    const change = deletionChange(doc, { sources: ['src_a'] });
    const result = await commitChange(change, 0, db);
    expect(result).not.toHaveProperty('trashed');
    const [entry] = await listTrash(db);
    expect(entry).toMatchObject({
      kind: 'source',
      mapId: 'map_one',
      title: 'Source src_a',
      mapTitle: doc.map.title,
      reason: 'deleted',
      counts: { sources: 1, quotes: 2, claims: 0, links: 2 },
    });
    const stored = await db.trash.get(entry!.id);
    expect(stored?.kind === 'source' && stored.payload).toEqual({
      source: doc.sources.src_a,
      quotes: [doc.quotes.q_a1, doc.quotes.q_a2],
      links: [doc.links.l_1, doc.links.l_4],
      layout: [{ id: 'q_a1', x: -200, y: 150 }],
    });
    expect(stored?.deletedAt).toBe(result.updatedAt);
  });

  it('is restored into its map in one transaction, bumping the revision, with the change to broadcast', async () => {
    const db = newDB();
    const doc = await withSample(db);
    await commitChange(deletionChange(doc, { sources: ['src_a'] }), 0, db);
    const afterDelete = (await loadMap('map_one', db))!.doc;
    const [entry] = await listTrash(db);
    const result = await restoreFromTrash(entry!.id, db);
    expect(result).toMatchObject({
      kind: 'source',
      mapId: 'map_one',
      sourceId: 'src_a',
      revision: 2,
      notices: [`Restored the source “Source src_a” to the map “${doc.map.title}”.`],
    });
    const loaded = (await loadMap('map_one', db))!;
    expect(loaded.revision).toBe(2);
    expect(loaded.doc).toEqual({ ...doc, map: loaded.doc.map });
    // Another tab at revision 1 applies the change and gets the same map.
    if (result.kind !== 'source') throw new Error('expected a source');
    expect(applyChange(afterDelete, result.change)).toEqual({ ...loaded.doc, map: afterDelete.map });
    await expect(commitChange(emptyChange('map_one'), 1, db)).rejects.toBeInstanceOf(StaleRevisionError);
    expect(await listTrash(db)).toEqual([]);
  });

  it('leaves the trash when an undo puts it back', async () => {
    const db = newDB();
    const doc = await withSample(db);
    const change = deletionChange(doc, { sources: ['src_b'] });
    await commitChange(change, 0, db);
    await commitChange({ ...emptyChange('map_one'), put: { sources: [{ ...doc.sources.src_a!, title: 'edited' }] } }, 1, db);
    expect(await listTrash(db)).toHaveLength(1); // editing another source does not touch it
    await commitChange(invertChange(doc, change), 2, db);
    expect(await listTrash(db)).toEqual([]);
  });

  it('is not trashed when its deletion is refused', async () => {
    const db = newDB();
    const doc = await withSample(db);
    await commitChange(emptyChange('map_one'), 0, db);
    await expect(commitChange(deletionChange(doc, { sources: ['src_a'] }), 0, db)).rejects.toBeInstanceOf(StaleRevisionError);
    // Deleting the source alone would orphan its quotes: refused whole.
    await expect(commitChange({ ...emptyChange('map_one'), delete: { sources: ['src_a'] } }, 1, db)).rejects.toThrow(/missing source/);
    expect(await db.trash.count()).toBe(0);
    expect((await loadMap('map_one', db))?.doc.sources.src_a).toEqual(doc.sources.src_a);
  });

  it('is deleted without a trash copy when the disk is too full for one', async () => {
    const db = newDB();
    const doc = await withSample(db);
    vi.spyOn(db.trash, 'bulkAdd').mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
    const result = await commitChange(deletionChange(doc, { sources: ['src_b'] }), 0, db);
    expect(result).toMatchObject({ revision: 1, trashed: false });
    expect((await loadMap('map_one', db))?.doc.sources).not.toHaveProperty('src_b');
    expect(await db.trash.count()).toBe(0);
  });

  it('refuses to restore into a map that is gone, writing nothing, and works once the map is back', async () => {
    const db = newDB();
    const doc = await withSample(db);
    await commitChange(deletionChange(doc, { sources: ['src_a'] }), 0, db);
    await deleteMap('map_one', db);
    const sourceEntry = (await listTrash(db)).find((e) => e.kind === 'source')!;
    const mapEntry = (await listTrash(db)).find((e) => e.kind === 'map')!;
    const before = await dump(db);
    const error = await restoreFromTrash(sourceEntry.id, db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrashRestoreError);
    expect((error as Error).message).toBe(
      `The source “Source src_a” cannot be restored: its map “${doc.map.title}” no longer exists. Restore the map from the Trash first, then the source.`,
    );
    expect(await dump(db)).toEqual(before);

    await restoreFromTrash(mapEntry.id, db);
    await restoreFromTrash(sourceEntry.id, db);
    const loaded = (await loadMap('map_one', db))!.doc;
    expect(loaded).toEqual({ ...doc, map: loaded.map });
  });

  it('comes back without the links whose claims were deleted since, and says so', async () => {
    const db = newDB();
    const doc = await withSample(db);
    await commitChange(deletionChange(doc, { sources: ['src_a'] }), 0, db);
    const afterDelete = (await loadMap('map_one', db))!.doc;
    await commitChange(deletionChange(afterDelete, { claims: ['c_sub'] }), 1, db);
    const [entry] = await listTrash(db);
    const result = await restoreFromTrash(entry!.id, db);
    expect(result.notices).toContain('1 link of its quotes could not be restored: the claims they pointed to are gone.');
    const loaded = (await loadMap('map_one', db))!.doc;
    expect(Object.keys(loaded.quotes).sort()).toEqual(['q_a1', 'q_a2', 'q_b1']);
    expect(loaded.links.l_1).toEqual(doc.links.l_1);
    expect(loaded.links).not.toHaveProperty('l_4');
  });

  it('keeps links aimed at its links, and its quotes’ links aimed at other links, and restores them all', async () => {
    const db = newDB();
    const base = sampleDoc();
    // c_sub undercuts q_a1's link (it goes with the source); q_a2 backs c_sub's link (it starts at the source).
    const doc = applyChange(base, {
      ...emptyChange(base.map.id),
      put: { links: [link('l_cut', 'c_sub', 'l_1', 'contradicts'), link('l_back', 'q_a2', 'l_3', 'supports'), link('l_cut2', 'q_b1', 'l_cut', 'contradicts')] },
    });
    await createMap(doc, db);
    const deletion = deletionChange(doc, { sources: ['src_a'] });
    expect(deletion.delete.links?.slice().sort()).toEqual(['l_1', 'l_4', 'l_back', 'l_cut', 'l_cut2']);
    await commitChange(deletion, 0, db);
    const [entry] = await listTrash(db);
    expect(entry?.counts.links).toBe(5);
    const result = await restoreFromTrash(entry!.id, db);
    expect(result.notices).toEqual([`Restored the source “Source src_a” to the map “${doc.map.title}”.`]);
    const loaded = (await loadMap('map_one', db))!.doc;
    for (const id of ['l_1', 'l_4', 'l_cut', 'l_back', 'l_cut2']) expect(loaded.links[id]).toEqual(doc.links[id]);
  });

  it('a source whose title is over the limit stays in the list and restores, its title cut', async () => {
    const db = newDB();
    await withSample(db);
    const entry = sourceEntry('trash_long', new Date().toISOString());
    if (entry.kind !== 'source') throw new Error('a source entry');
    const long = { ...entry, title: 'T'.repeat(1500) };
    long.payload = { ...entry.payload, source: { ...entry.payload.source, title: 'T'.repeat(1500), publishedAt: 'P'.repeat(150) } };
    await db.trash.add(long);
    const items = await listTrash(db);
    expect(items.map((i) => i.id)).toContain('trash_long');
    expect(items.find((i) => i.id === 'trash_long')!.title).toHaveLength(1000);
    await expect(restoreFromTrash('trash_long', db)).resolves.toMatchObject({ kind: 'source' });
    const source = (await loadMap('map_one', db))!.doc.sources['src_trash_long']!;
    expect(source.title).toHaveLength(1000);
    expect(source.publishedAt).toHaveLength(100);
  });

  it('refuses to restore a source that is back in its map already, and an entry that is gone', async () => {
    const db = newDB();
    const doc = await withSample(db);
    await commitChange(deletionChange(doc, { sources: ['src_b'] }), 0, db);
    const [entry] = await listTrash(db);
    // Put back by hand, bypassing commitChange (which would drop the entry).
    await db.sources.put({ ...doc.sources.src_b!, mapId: 'map_one' });
    await expect(restoreFromTrash(entry!.id, db)).rejects.toThrow(/is already back in the map/);
    await expect(restoreFromTrash('trash_nothing', db)).rejects.toBeInstanceOf(TrashRestoreError);
  });
});

describe('an entry with an over-long title (stored before limits held, issue 17 item 2)', () => {
  it('is listed and restored with its title cut, never left out', async () => {
    const db = newDB();
    await withSample(db);
    await deleteMap('map_one', db);
    const [entry] = await db.trash.toArray();
    const long = 'T'.repeat(1500);
    await db.trash.update(entry!.id, { title: long, mapTitle: long });
    const [listed] = await listTrash(db);
    expect(listed?.title).toBe('T'.repeat(1000));
    await expect(restoreFromTrash(listed!.id, db)).resolves.toMatchObject({ kind: 'map', mapId: 'map_one' });
  });
});

describe('keeping the trash', () => {
  it('purgeTrash drops entries older than 30 days; listTrash hides them already', async () => {
    const db = newDB();
    const now = new Date('2026-12-31T12:00:00.000Z');
    await db.trash.bulkAdd([
      sourceEntry('trash_old', new Date(now.getTime() - 31 * DAY).toISOString()),
      sourceEntry('trash_edge', new Date(now.getTime() - 30 * DAY + 1000).toISOString()),
      sourceEntry('trash_new', new Date(now.getTime() - DAY).toISOString()),
    ]);
    expect((await listTrash(db, now)).map((e) => e.id)).toEqual(['trash_new', 'trash_edge']);
    await expect(purgeTrash(now, db)).resolves.toBe(1);
    expect((await db.trash.toArray()).map((e) => e.id).sort()).toEqual(['trash_edge', 'trash_new']);
  });

  it('purges expired entries when the database opens', async () => {
    const db = newDB();
    await db.trash.bulkAdd([
      sourceEntry('trash_old', new Date(Date.now() - 40 * DAY).toISOString()),
      sourceEntry('trash_new', new Date().toISOString()),
    ]);
    db.close();
    const reopened = newDB(openWarrantDB(db.name));
    await vi.waitFor(async () => expect((await reopened.trash.toArray()).map((e) => e.id)).toEqual(['trash_new']));
  });

  it('emptyTrash and deleteFromTrash delete for good; listTrash skips damaged entries', async () => {
    const db = newDB();
    await db.trash.bulkAdd([sourceEntry('trash_a', new Date().toISOString()), sourceEntry('trash_b', new Date().toISOString())]);
    await db.trash.put({ id: 'trash_bad', deletedAt: new Date().toISOString(), mapId: 'map_one' } as unknown as TrashEntry);
    expect((await listTrash(db)).map((e) => e.id).sort()).toEqual(['trash_a', 'trash_b']);
    await expect(restoreFromTrash('trash_bad', db)).rejects.toThrow(/damaged/);
    await deleteFromTrash('trash_a', db);
    await deleteFromTrash('trash_none', db);
    expect(await db.trash.count()).toBe(2);
    await emptyTrash(db);
    expect(await db.trash.count()).toBe(0);
  });
});

describe('a full disk during an edit', () => {
  it('writes nothing, says what was not saved, and the map takes the next change', async () => {
    const db = newDB();
    const doc = await withSample(db);
    const before = await dump(db);
    vi.spyOn(db.links, 'bulkPut').mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
    const edit = {
      ...emptyChange('map_one'),
      put: { claims: [claim('c_new', 'New')], links: [link('l_new', 'c_new', 'c_thesis')] },
    };
    await expect(commitChange(edit, 0, db)).rejects.toBeInstanceOf(StorageFullError);
    expect(await dump(db)).toEqual(before);
    vi.restoreAllMocks();
    await expect(commitChange(edit, 0, db)).resolves.toMatchObject({ revision: 1 });
    expect((await loadMap('map_one', db))?.doc).toEqual({ ...applyChange(doc, edit), map: expect.any(Object) });
  });
});
