/**
 * A remote update costs what it changes, not the size of the map: the work a
 * client does per update, counted (records parsed, tables copied), is the
 * same on a map of 1,000 claims as on one of 5,000, and each table the
 * update touches is copied once on its way into the store.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { applyChange, docFromRecords, emptyChange, type Change, type MapDoc } from '../domain/change';
import { ClaimSchema } from '../domain/schema';
import { createMapStore, type MapStore } from '../store/mapStore';
import { openWarrantDB, type WarrantDB } from '../storage/db';
import { createMap } from '../storage/writes';
import { makeClaim, smallDoc } from '../test/factories';
import type * as Tables from '../domain/derive/tables';
import { ShareSync } from './shareSync';
import { applyChangeToYDoc, defineRoots, seedChange } from './yMap';

// Every table `applyChange` makes is noted once (derive/tables.ts): the copies, with their size.
const copies = vi.hoisted(() => [] as number[]);
vi.mock('../domain/derive/tables', async (importOriginal) => {
  const actual = await importOriginal<typeof Tables>();
  return {
    ...actual,
    noteTableEdit: (...args: Parameters<typeof actual.noteTableEdit>) => {
      copies.push(Object.keys(args[1]).length);
      actual.noteTableEdit(...args);
    },
  };
});

const open: Array<{ db: WarrantDB; store: MapStore; sync: ShareSync }> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const { db, store, sync } of open.splice(0)) {
    sync.destroy();
    store.getState().dispose();
    db.close();
    await db.delete();
  }
});

function mapOf(claims: number): MapDoc {
  const base = smallDoc();
  const all = Object.values(base.claims);
  for (let i = 0; i < claims; i++) all.push(makeClaim(`c_base_${i}`, `Claim ${i}`));
  return docFromRecords({ map: base.map, sources: Object.values(base.sources), quotes: Object.values(base.quotes), claims: all, links: Object.values(base.links), layout: base.layout });
}

/** A client of a shared map of `claims` claims, wired as shareStore wires one: ShareSync → the store's applyShared. */
async function client(claims: number, coalesce?: (flush: () => void) => void) {
  const doc = mapOf(claims);
  const db = openWarrantDB(`remote-cost-${claims}-${Math.random()}`);
  await createMap(doc, db);
  const store = createMapStore({ db, channel: false });
  await store.getState().openMap(doc.map.id);
  const peer = new Y.Doc();
  defineRoots(peer);
  applyChangeToYDoc(peer, seedChange(doc));
  const ydoc = new Y.Doc();
  defineRoots(ydoc);
  Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(peer));
  const sync = new ShareSync(ydoc, {
    getDoc: () => store.getState().doc!,
    onRemote: (r) => void store.getState().applyShared(r.change, 'Edit by a collaborator', r.doc),
    coalesce,
  });
  open.push({ db, store, sync });
  /** A peer's edit, as the sharing bench's clients make them, delivered to this client. */
  const remote = (change: Change) => {
    const updates: Uint8Array[] = [];
    const take = (u: Uint8Array) => updates.push(u);
    peer.on('update', take);
    applyChangeToYDoc(peer, change);
    peer.off('update', take);
    for (const u of updates) Y.applyUpdate(ydoc, u, 'remote');
  };
  return { store, remote };
}

/** What one remote update of a new claim and an edit of the thesis costs, counted. */
async function costOfOneUpdate(claims: number) {
  const { store, remote } = await client(claims);
  const thesis = store.getState().doc!.claims['c_thesis']!;
  const parse = vi.spyOn(ClaimSchema, 'safeParse');
  copies.length = 0;
  remote({ ...emptyChange('map_test'), put: { claims: [makeClaim('c_new', 'From a peer'), { ...thesis, note: 'set by a peer' }] } });
  await store.getState().whenSettled();
  const doc = store.getState().doc!;
  expect(doc.claims['c_new']?.text).toBe('From a peer');
  expect(doc.claims['c_thesis']?.note).toBe('set by a peer');
  const parses = parse.mock.calls.length;
  parse.mockRestore();
  const big = copies.filter((n) => n >= claims);
  return { parses, bigCopies: big.length, recordsCopied: copies.reduce((a, b) => a + b, 0) };
}

describe('a remote update on a large map', () => {
  it('parses the records it carries, the same number at 1,000 and 5,000 claims', async () => {
    const small = await costOfOneUpdate(1000);
    const large = await costOfOneUpdate(5000);
    // Two records, each parsed once from the Y.Doc and once by the store's rule book.
    expect(large.parses).toBe(4);
    expect(large.parses).toBe(small.parses);
  });

  it('copies the claims table once on its way into the store', async () => {
    const large = await costOfOneUpdate(5000);
    // The one copy that makes the new doc; before, ShareSync, the rule book and the store each made one.
    expect(large.bigCopies).toBe(1);
    expect(large.recordsCopied).toBeLessThan(5000 + 2 + 1 + 100);
  });

  it('applies a remote change in full when the doc handed with it is stale', async () => {
    const { store } = await client(10);
    const before = store.getState().doc!;
    const theirs: Change = { ...emptyChange('map_test'), put: { claims: [makeClaim('c_theirs', 'Theirs')] } };
    const staleAfter = applyChange(before, theirs);
    // Meanwhile this user edits: the handed doc no longer comes from the open one.
    expect(await store.getState().apply({ ...emptyChange('map_test'), put: { claims: [makeClaim('c_mine', 'Mine')] } }, { label: 'Add' })).toBe(true);
    expect(await store.getState().applyShared(theirs, 'Edit by a collaborator', staleAfter)).toBe(true);
    const doc = store.getState().doc!;
    expect(doc.claims['c_theirs']?.text).toBe('Theirs');
    expect(doc.claims['c_mine']?.text).toBe('Mine');
  });

  it('copies the claims table once for ten updates that arrive together', async () => {
    const flushes: Array<() => void> = [];
    const { store, remote } = await client(5000, (flush) => flushes.push(flush));
    copies.length = 0;
    for (let i = 0; i < 10; i++) remote({ ...emptyChange('map_test'), put: { claims: [makeClaim(`c_burst_${i}`, `Burst ${i}`)] } });
    // Nothing reaches the map before the flush; one flush was asked for.
    expect(store.getState().doc!.claims['c_burst_0']).toBeUndefined();
    expect(flushes).toHaveLength(1);
    flushes[0]!();
    await store.getState().whenSettled();
    const doc = store.getState().doc!;
    for (let i = 0; i < 10; i++) expect(doc.claims[`c_burst_${i}`]?.text).toBe(`Burst ${i}`);
    expect(copies.filter((n) => n >= 5000)).toHaveLength(1);
    // Undelivered, the next update asks for a flush again.
    remote({ ...emptyChange('map_test'), put: { claims: [makeClaim('c_after', 'After')] } });
    expect(flushes).toHaveLength(2);
  });
});
