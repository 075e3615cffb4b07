import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { deletionChange } from '../domain/change';
import { serializeMap } from '../domain/format/serialize';
import { parseMapFile } from '../domain/format/parse';
import { WarrantDB, guardUpgrade } from './db';
import { classifyStorageError } from './errors';
import { V1Database, V1_SAMPLE, V1_SAMPLE_MAP_ID, V1_STORES, readV1Tables, sortedV1Sample, writeV1Database } from './fixtures/v1';
import { isDatabaseOutdated, onDatabaseOutdated } from './outdated';
import { loadMap } from './reads';
import { ClaimRowSchema, LayoutRowSchema, LinkRowSchema, MapRowSchema, QuoteRowSchema, SourceRowSchema } from './rows';
import { T0 } from '../test/testDocs';
import { listTrash, restoreFromTrash } from './trash';
import { V2_TRASH_ENTRY, V2Database, writeV2Database } from './fixtures/v2';
import { appendShareUpdate, deleteShare, findShareByLink, getShare, loadShareState, putShare, saveShareState } from './shares';
import { compactShareState } from './shareCompact';
import { V4Database, V4_SHARE_BASE, v4State, writeV4Database } from './fixtures/v4';
import * as Y from 'yjs';
import { commitChange, deleteMap } from './writes';
import { V3Database, V3_SHARE, writeV3Database } from './fixtures/v3';
import { addCommentChange } from '../domain/comments';
import { saveVersion } from './versions';

const open: Dexie[] = [];
const names: string[] = [];
function dbName(): string {
  const name = `warrant-upgrade-${names.length}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return name;
}
function track<T extends Dexie>(db: T): T {
  open.push(db);
  return db;
}
afterEach(async () => {
  for (const db of open.splice(0)) db.close();
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** Version 2 whose migration writes part of its work and then fails. */
class BrokenUpgradeDB extends WarrantDB {
  constructor(name: string) {
    super(name);
    this.version(2).upgrade(
      guardUpgrade(2, async (tx) => {
        await tx.table('maps').toCollection().modify((m: { title: string }) => {
          m.title = 'HALF-MIGRATED';
        });
        await tx.table('claims').clear();
        throw new Error('migration failed midway');
      }),
    );
  }
}

describe('the version-1 fixture', () => {
  it('is what version 1 could hold: every row passes the row schemas, every quote matches its text', () => {
    const schemas = {
      maps: MapRowSchema,
      sources: SourceRowSchema,
      quotes: QuoteRowSchema,
      claims: ClaimRowSchema,
      links: LinkRowSchema,
      layout: LayoutRowSchema,
    };
    for (const [table, rows] of Object.entries(V1_SAMPLE)) {
      for (const row of rows) expect(schemas[table as keyof typeof schemas].safeParse(row).success, `${table} ${String(row['id'])}`).toBe(true);
    }
    for (const q of V1_SAMPLE.quotes) {
      const source = V1_SAMPLE.sources.find((s) => s['id'] === q['sourceId'] && s['mapId'] === q['mapId']);
      expect(String(source?.['text']).slice(Number(q['start']), Number(q['end']))).toBe(q['exact']);
    }
  });
});

describe('opening a version-1 database with the current code', () => {
  it('keeps every row unchanged, reads the map, and adds a working trash', async () => {
    const name = dbName();
    await writeV1Database(name);
    const db = track(new WarrantDB(name));
    await db.open();
    expect(db.verno).toBe(5);
    expect(await readV1Tables(db)).toEqual(sortedV1Sample());
    expect(await db.trash.count()).toBe(0);

    const loaded = await loadMap(V1_SAMPLE_MAP_ID, db);
    expect(loaded?.revision).toBe(7);
    expect(loaded?.doc.map.title).toBe('Did the harbour really break its record?');
    expect(Object.keys(loaded!.doc.quotes).sort()).toEqual(['q_confirmed', 'q_grain', 'q_overstated', 'q_tonnage', 'q_twice']);
    expect(loaded?.doc.layout.q_overstated).toEqual({ x: 240, y: 320.5 });
    // The map is a valid map file: it passes the import checks, anchors included.
    const reparsed = parseMapFile(serializeMap(loaded!.doc));
    expect(reparsed.kind).toBe('ok');
    expect(reparsed.kind === 'ok' && reparsed.notices).toEqual([]);

    // The trash works on the old data: a source, then the whole map, and back.
    await commitChange(deletionChange(loaded!.doc, { sources: ['src_audit'] }), 7, db);
    expect((await loadMap('map_v1other', db))?.doc.sources.src_audit?.title).toBe('Unrelated');
    await deleteMap(V1_SAMPLE_MAP_ID, db);
    const trash = await listTrash(db);
    expect(trash.map((e) => e.kind)).toEqual(['map', 'source']);
    await restoreFromTrash(trash[0]!.id, db);
    await restoreFromTrash(trash[1]!.id, db);
    const back = await loadMap(V1_SAMPLE_MAP_ID, db);
    expect({ ...back!.doc, map: null }).toEqual({ ...loaded!.doc, map: null });
    expect(back?.revision).toBe(10); // 7, +1 delete source, +1 restore map, +1 restore source
  });

  it('keeps every index version 1 declared (the ladder only adds)', async () => {
    const name = dbName();
    const db = track(new WarrantDB(name));
    await db.open();
    for (const [table, spec] of Object.entries(V1_STORES)) {
      const [primKey, ...indexes] = spec.split(',').map((s) => s.trim());
      const schema = db.table(table).schema;
      expect(schema.primKey.src, table).toBe(primKey);
      for (const index of indexes) expect(schema.idxByName[index!], `${table}.${index}`).toBeDefined();
    }
  });

  it('an upgrade that fails midway fails to open, clearly, and leaves the version-1 data as it was', async () => {
    const name = dbName();
    await writeV1Database(name);
    const broken = track(new BrokenUpgradeDB(name));
    const error = await broken.open().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'DatabaseUpgradeError',
      message: 'Warrant could not upgrade its database to version 2 (migration failed midway). Your maps were left as they were.',
    });
    // A write from the app then says so, and what to do.
    const write = await broken.maps.put({ id: 'map_x', title: 'x', createdAt: T0, updatedAt: T0, revision: 0 }).catch((e: unknown) => e);
    expect(classifyStorageError(write, 'The new map')).toEqual({
      kind: 'closed',
      message:
        'The new map was not saved: Warrant could not upgrade its database to version 2 (migration failed midway). Your maps were left as they were. Reload the page to try again.',
    });
    broken.close();

    // The versionchange transaction aborted whole: still version 1, nothing touched.
    const old = track(new V1Database(name));
    await old.open();
    expect(old.verno).toBe(1);
    expect(await readV1Tables(old)).toEqual(sortedV1Sample());
    old.close();

    // And the working code upgrades it afterwards.
    const db = track(new WarrantDB(name));
    expect((await loadMap(V1_SAMPLE_MAP_ID, db))?.revision).toBe(7);
    expect(db.verno).toBe(5);
  });

  it('a tab with the version-1 code open does not block the upgrade: it is closed', async () => {
    const name = dbName();
    await writeV1Database(name);
    const oldTab = track(new V1Database(name));
    await oldTab.open();
    const db = track(new WarrantDB(name));
    await db.open();
    expect(db.verno).toBe(5);
    expect(oldTab.isOpen()).toBe(false);
  });

  it('tells this tab when a newer version opens the database, and its writes then fail as "closed"', async () => {
    const name = dbName();
    const db = track(new WarrantDB(name));
    await db.open();
    const events: unknown[] = [];
    const stop = onDatabaseOutdated((e) => events.push(e), db);
    const ignored: unknown[] = [];
    onDatabaseOutdated((e) => ignored.push(e), db)();
    expect(isDatabaseOutdated(db)).toBe(false);

    const newer = track(new Dexie(name));
    newer.version(6).stores({ maps: 'id' });
    await newer.open();
    expect(events).toEqual([{ newVersion: 6 }]);
    expect(ignored).toEqual([]);
    expect(isDatabaseOutdated(db)).toBe(true);
    await expect(db.maps.count()).rejects.toMatchObject({ name: 'DatabaseClosedError' });
    stop();
  });
});

describe('opening a version-2 database with the current code', () => {
  it('keeps every row and the trash unchanged, and adds a working table of shared maps', async () => {
    const name = dbName();
    await writeV2Database(name);
    const db = track(new WarrantDB(name));
    await db.open();
    expect(db.verno).toBe(5);
    expect(await readV1Tables(db)).toEqual(sortedV1Sample());
    expect(await db.trash.toArray()).toEqual([V2_TRASH_ENTRY]);
    expect(await db.shares.count()).toBe(0);
    expect((await loadMap(V1_SAMPLE_MAP_ID, db))?.revision).toBe(7);

    await putShare(
      { mapId: V1_SAMPLE_MAP_ID, server: 'ws://127.0.0.1:1234', doc: 'share_abcdefghijklmnop', role: 'owner', token: 't'.repeat(27), localClients: [] },
      db,
    );
    await saveShareState(V1_SAMPLE_MAP_ID, new Uint8Array([1, 2, 3]), [42], db);
    expect((await getShare(V1_SAMPLE_MAP_ID, db))?.localClients).toEqual([42]);
    expect(Array.from((await getShare(V1_SAMPLE_MAP_ID, db))!.state!)).toEqual([1, 2, 3]);
    expect((await findShareByLink('ws://127.0.0.1:1234/', 'share_abcdefghijklmnop', db))?.mapId).toBe(V1_SAMPLE_MAP_ID);
    // The same document name on another server is another map.
    expect(await findShareByLink('ws://127.0.0.1:4999', 'share_abcdefghijklmnop', db)).toBeNull();
    // The trash entry of version 2 still restores.
    await restoreFromTrash(V2_TRASH_ENTRY.id, db);
    expect((await loadMap('map_v2gone', db))?.doc.claims.c_one?.text).toBe('One claim');
  });

  it('a tab with the version-2 code open does not block the upgrade', async () => {
    const name = dbName();
    await writeV2Database(name);
    const oldTab = track(new V2Database(name));
    await oldTab.open();
    const db = track(new WarrantDB(name));
    await db.open();
    expect(db.verno).toBe(5);
    expect(oldTab.isOpen()).toBe(false);
  });
});

describe('opening a version-3 database with the current code', () => {
  it('keeps every row, the trash and the shares unchanged, and adds a working comments table', async () => {
    const name = dbName();
    await writeV3Database(name);
    const db = track(new WarrantDB(name));
    await db.open();
    expect(db.verno).toBe(5);
    expect(await readV1Tables(db)).toEqual(sortedV1Sample());
    expect(await db.trash.toArray()).toEqual([V2_TRASH_ENTRY]);
    expect(await getShare(V1_SAMPLE_MAP_ID, db)).toEqual(V3_SHARE);
    expect(await db.comments.count()).toBe(0);
    expect(await db.versions.count()).toBe(0);
    expect((await saveVersion(V1_SAMPLE_MAP_ID, 'After the upgrade', 'named', db)).counts.claims).toBe(3);

    // A comment is written, read back with the map, and goes with what it is on.
    const loaded = (await loadMap(V1_SAMPLE_MAP_ID, db))!;
    expect(loaded.doc.comments).toEqual({});
    const add = addCommentChange(loaded.doc, { id: 'cm_up', on: 'c_inflated', author: 'Ada', text: 'Double counted?', verdict: 'disputed', now: T0 });
    const { revision } = await commitChange(add, loaded.revision, db);
    const withComment = (await loadMap(V1_SAMPLE_MAP_ID, db))!;
    expect(withComment.doc.comments['cm_up']).toMatchObject({ on: 'c_inflated', verdict: 'disputed' });
    // A deletion that leaves the comment behind is refused; deletionChange takes it along.
    const bare = { ...deletionChange(withComment.doc, { claims: ['c_inflated'] }), delete: { ...deletionChange(withComment.doc, { claims: ['c_inflated'] }).delete, comments: [] } };
    await expect(commitChange(bare, revision, db)).rejects.toMatchObject({ name: 'IntegrityError' });
    await commitChange(deletionChange(withComment.doc, { claims: ['c_inflated'] }), revision, db);
    expect(await db.comments.count()).toBe(0);
  });

  it('a tab with the version-3 code open does not block the upgrade', async () => {
    const name = dbName();
    await writeV3Database(name);
    const oldTab = track(new V3Database(name));
    await oldTab.open();
    const db = track(new WarrantDB(name));
    await db.open();
    expect(db.verno).toBe(5);
    expect(oldTab.isOpen()).toBe(false);
  });
});

describe('opening a version-4 database with the current code', () => {
  it('keeps a share\'s saved state, and saves later edits as updates after it', async () => {
    const name = dbName();
    await writeV4Database(name);
    const db = track(new WarrantDB(name));
    await db.open();
    expect(db.verno).toBe(5);
    expect(await readV1Tables(db)).toEqual(sortedV1Sample());
    expect(await db.trash.toArray()).toEqual([V2_TRASH_ENTRY]);
    expect(await getShare(V1_SAMPLE_MAP_ID, db)).toMatchObject(V4_SHARE_BASE);
    const before = await loadShareState(V1_SAMPLE_MAP_ID, db);
    expect(Array.from(before.state!)).toEqual(Array.from(v4State()));
    expect(before.updates).toEqual([]);

    // An edit after the upgrade: appended, not written into the state.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, before.state!);
    let update: Uint8Array | null = null;
    doc.on('update', (u: Uint8Array) => (update = u));
    doc.getMap('fixture').set('after', 'the upgrade');
    await appendShareUpdate(V1_SAMPLE_MAP_ID, update!, [11, 12], db);
    const after = await loadShareState(V1_SAMPLE_MAP_ID, db);
    expect(Array.from(after.state!)).toEqual(Array.from(v4State()));
    expect(after.updates).toHaveLength(1);
    expect((await getShare(V1_SAMPLE_MAP_ID, db))?.localClients).toEqual([11, 12]);

    // Read back, state then updates, it is the document as edited; compacted, the same.
    const read = (saved: { state: Uint8Array | undefined; updates: Uint8Array[] }) => {
      const d = new Y.Doc();
      if (saved.state) Y.applyUpdate(d, saved.state);
      for (const u of saved.updates) Y.applyUpdate(d, u);
      return d.getMap('fixture').toJSON();
    };
    expect(read(after)).toEqual({ greeting: 'hello', after: 'the upgrade' });
    expect(await compactShareState(V1_SAMPLE_MAP_ID, db)).toMatchObject({ merged: 1 });
    const compacted = await loadShareState(V1_SAMPLE_MAP_ID, db);
    expect(compacted.updates).toEqual([]);
    expect(read(compacted)).toEqual({ greeting: 'hello', after: 'the upgrade' });

    // Stopping the share takes its updates along.
    await appendShareUpdate(V1_SAMPLE_MAP_ID, update!, null, db);
    await deleteShare(V1_SAMPLE_MAP_ID, db);
    expect(await db.shareUpdates.count()).toBe(0);
    // And a save for a share that is gone stores nothing.
    await appendShareUpdate(V1_SAMPLE_MAP_ID, update!, null, db);
    expect(await db.shareUpdates.count()).toBe(0);
  });

  it('a tab with the version-4 code open does not block the upgrade', async () => {
    const name = dbName();
    await writeV4Database(name);
    const oldTab = track(new V4Database(name));
    await oldTab.open();
    const db = track(new WarrantDB(name));
    await db.open();
    expect(db.verno).toBe(5);
    expect(oldTab.isOpen()).toBe(false);
  });
});
