import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyChange, invertChange, type Change, type MapDoc } from '../domain/change';
import * as edits from '../domain/edits';
import { serializeMap } from '../domain/format/serialize';
import { openWarrantDB, type WarrantDB } from '../storage/db';
import { loadMap } from '../storage/reads';
import { importMapFile } from '../storage/transfer';
import { commitChange, createMap } from '../storage/writes';
import { smallDoc } from '../test/factories';
import { createSync, type AdoptReason, type Sync } from './sync';
import { createTestBus } from '../test/testBus';

const dbs: WarrantDB[] = [];
const syncs: Sync<string>[] = [];
let counter = 0;

afterEach(async () => {
  vi.restoreAllMocks();
  for (const s of syncs.splice(0)) s.dispose();
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

/** A sync with a host that records what it is told and keeps a doc, as the store does. */
async function open(db: WarrantDB, channel: Parameters<typeof createSync>[0]['channel'] = false) {
  const log: { adopted: AdoptReason[]; failed: Array<{ tokens: string[]; message: string }>; pending: number[] } = { adopted: [], failed: [], pending: [] };
  let doc: MapDoc | null = null;
  const sync = createSync<string>({ db, channel }, {
    adopt: (loaded, reason) => {
      doc = loaded?.doc ?? null;
      log.adopted.push(reason);
    },
    applyRemote: (change) => {
      doc = applyChange(doc!, change);
    },
    written: () => {},
    failed: (tokens, inverse, message) => {
      if (inverse) doc = applyChange(doc!, inverse);
      log.failed.push({ tokens, message });
    },
    pending: (n) => log.pending.push(n),
  });
  syncs.push(sync);
  await sync.open('map_test');
  /** An edit as the store makes it: applied in memory, then written. */
  const edit = (build: (d: MapDoc) => Change, token: string) => {
    const change = build(doc!);
    const inverse = invertChange(doc!, change);
    doc = applyChange(doc!, change);
    return sync.write(change, inverse, token, 'Edit', 'user');
  };
  return { sync, log, edit, doc: () => doc! };
}

async function database() {
  const db = openWarrantDB(`sync-test-${++counter}-${Date.now()}`);
  dbs.push(db);
  await createMap(smallDoc(), db);
  return db;
}

describe('sync: the write queue and other tabs', () => {
  it('writes the first edit at once and a burst behind it as one commit; settled() waits for both', async () => {
    const db = await database();
    const { sync, log, edit } = await open(db);
    const results = ['a', 'ab', 'abc', 'abcd'].map((t, i) => edit((d) => edits.updateClaim(d, 'c_sub', { text: t }), `e${i}`));
    expect(log.pending.at(-1)).toBe(4);
    await sync.settled();
    expect(await Promise.all(results)).toEqual([true, true, true, true]);
    expect(log.pending.at(-1)).toBe(0);
    const stored = await loadMap('map_test', db);
    expect(stored?.revision).toBe(2);
    expect(stored?.doc.claims['c_sub']?.text).toBe('abcd');
  });

  it('a failed write reverts itself and the queue behind it, as one failure', async () => {
    const db = await database();
    const { sync, log, edit, doc } = await open(db);
    vi.spyOn(db.claims, 'bulkPut').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    for (const t of ['a', 'ab', 'abc']) void edit((d) => edits.updateClaim(d, 'c_sub', { text: t }), t);
    await sync.settled();
    expect(doc().claims['c_sub']?.text).toBe('A sub-claim');
    expect(log.failed.map((f) => f.tokens)).toEqual([['a', 'ab', 'abc']]);
    expect(log.failed[0]?.message).toMatch(/is full/);
  });

  it('a stale write reloads through the one adopt path', async () => {
    const db = await database();
    const { sync, log, edit, doc } = await open(db);
    await commitChange(edits.updateClaim(smallDoc(), 'c_thesis', { text: 'Elsewhere' }), 0, db);
    expect(await edit((d) => edits.updateClaim(d, 'c_sub', { text: 'Mine' }), 'mine')).toBe(false);
    await sync.settled();
    expect(log.adopted).toEqual(['open', 'stale']);
    expect(doc().claims['c_thesis']?.text).toBe('Elsewhere');
    expect(doc().claims['c_sub']?.text).toBe('A sub-claim');
  });

  it('applies a remote Change that follows its revision; reloads on a missed step and on maps-changed', async () => {
    const db = await database();
    const bus = createTestBus();
    const a = await open(db, bus.port('tab_a'));
    const b = await open(db, bus.port('tab_b'));
    await a.edit((d) => edits.updateClaim(d, 'c_sub', { text: 'From A' }), 'x');
    await vi.waitFor(() => expect(b.doc().claims['c_sub']?.text).toBe('From A'));
    expect(b.log.adopted).toEqual(['open']);
    // A replace B never heard a Change of: maps-changed reloads it at once.
    const file = serializeMap({ ...smallDoc(), map: { ...smallDoc().map, title: 'Replaced' } });
    await importMapFile(file, { onConflict: 'replace' }, db);
    bus.mapsChanged('tab_c', ['map_test']);
    await vi.waitFor(() => expect(b.log.adopted).toEqual(['open', 'replaced']));
    expect(b.doc().map.title).toBe('Replaced');
    // A maps-changed about other maps is ignored.
    bus.mapsChanged('tab_c', ['map_other']);
    await new Promise((r) => setTimeout(r, 0));
    expect(b.log.adopted).toEqual(['open', 'replaced']);
  });

  it('dispose stops listening', async () => {
    const db = await database();
    const bus = createTestBus();
    const b = await open(db, bus.port('tab_b'));
    b.sync.dispose();
    bus.mapsChanged('tab_c');
    await new Promise((r) => setTimeout(r, 0));
    expect(b.log.adopted).toEqual(['open']);
  });
});
