/** The open map's one change stream: sources, history only for the user, adapters told once, coalescing. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMapStore, type ChangeEvent, type MapStore } from './mapStore';
import { checkBySource, createStream, type ChangeSource } from './stream';
import { openWarrantDB, type WarrantDB } from '../storage/db';
import { createMap, deleteMap } from '../storage/writes';
import { importMapFile } from '../storage/transfer';
import { serializeMap } from '../domain/format/serialize';
import { loadMap } from '../storage/reads';
import { createTestBus } from '../test/testBus';
import * as edits from '../domain/edits';
import { applyChange, type Change } from '../domain/change';
import { smallDoc } from '../test/factories';

let dbs: WarrantDB[] = [];
const stores: MapStore[] = [];
let counter = 0;

afterEach(async () => {
  vi.restoreAllMocks();
  for (const s of stores.splice(0)) s.getState().dispose();
  for (const db of dbs) {
    db.close();
    await db.delete();
  }
  dbs = [];
});

async function twoTabs() {
  const db = openWarrantDB(`stream-test-${++counter}-${Date.now()}`);
  dbs.push(db);
  await createMap(smallDoc(), db);
  const bus = createTestBus();
  const a = createMapStore({ db, channel: bus.port('tab_a') });
  const b = createMapStore({ db, channel: bus.port('tab_b') });
  stores.push(a, b);
  await a.getState().openMap('map_test');
  await b.getState().openMap('map_test');
  return { db, bus, a, b };
}

const docOf = (store: MapStore) => store.getState().doc!;

/** Every event the adapters of `store` hear, from now on. */
function listen(store: MapStore): ChangeEvent[] {
  const events: ChangeEvent[] = [];
  store.getState().onChange((e) => {
    events.push(e);
  });
  return events;
}

describe('the stream alone', () => {
  it('calls every adapter once per event, in order, and resolves with their verdicts', async () => {
    const stream = createStream<null>();
    const heard: string[] = [];
    stream.subscribe((e) => void heard.push(`a:${e.label}`));
    const off = stream.subscribe((e) => {
      heard.push(`b:${e.label}`);
      return Promise.resolve(e.label !== 'refused');
    });
    const event = (label: string) => ({ change: { mapId: 'm', put: {}, delete: {} }, inverse: { mapId: 'm', put: {}, delete: {} }, source: 'user' as const, label, entry: null });
    expect(await stream.emit(event('one'))).toBe(true);
    expect(await stream.emit(event('refused'))).toBe(false);
    off();
    expect(await stream.emit(event('two'))).toBe(true);
    expect(heard).toEqual(['a:one', 'b:one', 'a:refused', 'b:refused', 'a:two']);
  });

  it('a throwing adapter does not keep the others from the change', async () => {
    const stream = createStream<null>();
    const heard: string[] = [];
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    stream.subscribe(() => {
      throw new Error('broken adapter');
    });
    stream.subscribe((e) => void heard.push(e.label));
    await stream.emit({ change: { mapId: 'm', put: {}, delete: {} }, inverse: { mapId: 'm', put: {}, delete: {} }, source: 'user', label: 'x', entry: null });
    expect(heard).toEqual(['x']);
  });

  it('the one validator refuses a local break, repairs a peer’s, and trusts another tab’s (already stored)', () => {
    const doc = smallDoc();
    // Deletes a claim its links still name.
    const bad: Change = { mapId: doc.map.id, put: {}, delete: { claims: ['c_sub'] } };
    for (const source of ['user', 'import', 'system'] as ChangeSource[]) expect(checkBySource(doc, bad, source).problems.length).toBeGreaterThan(0);
    // A peer's deletion merged against links it did not see: the links go too.
    const remote = checkBySource(doc, bad, 'remote');
    expect(remote.problems).toEqual([]);
    expect(remote.repaired.length).toBeGreaterThan(0);
    const after = applyChange(doc, remote.change);
    expect(Object.values(after.links).some((l) => l.from === 'c_sub' || l.to === 'c_sub')).toBe(false);
    expect(checkBySource(doc, bad, 'tab')).toEqual({ change: bad, problems: [], repaired: [] });
  });
});

describe('the map store’s change stream', () => {
  it('tells each change to the adapters once, with its source; history records only the user’s', async () => {
    const { a, b, db } = await twoTabs();
    const heardA = listen(a);
    const heardB = listen(b);
    const s = a.getState();
    expect(await s.apply(edits.updateClaim(docOf(a), 'c_sub', { text: 'By the user' }), { label: 'Edit claim' })).toBe(true);
    expect(await s.apply(edits.updateClaim(docOf(a), 'c_thesis', { text: 'Imported' }), { label: 'Restore', source: 'import' })).toBe(true);
    expect(await s.apply(edits.moveNodes(docOf(a), { c_sub: { x: 9, y: 9 } }), { label: 'Place', source: 'system' })).toBe(true);
    expect(await s.applyShared(edits.updateClaim(docOf(a), 'c_thesis', { text: 'From a collaborator' }), 'Edit by a collaborator')).toBe(true);
    expect(heardA.map((e) => e.source)).toEqual(['user', 'import', 'system', 'remote']);
    expect(a.getState().undoStack.map((e) => e.label)).toEqual(['Edit claim']);
    // Each was written once: four commits.
    expect((await loadMap('map_test', db))?.revision).toBe(4);
    // The other tab hears them as `tab`, one event each, records none, writes none.
    await vi.waitFor(() => expect(heardB).toHaveLength(4));
    expect(heardB.every((e) => e.source === 'tab')).toBe(true);
    expect(docOf(b).claims['c_thesis']?.text).toBe('From a collaborator');
    expect(b.getState().undoStack).toEqual([]);
    expect(b.getState().revision).toBe(4);
    expect((await loadMap('map_test', db))?.revision).toBe(4);
  });

  it('coalesces typing by coalesceKey: one undo step, every keystroke told and written', async () => {
    const { a, b } = await twoTabs();
    const heard = listen(a);
    const heardB = listen(b);
    for (const text of ['T', 'Ty', 'Typ', 'Typed']) {
      void a.getState().edit((d) => edits.updateClaim(d, 'c_sub', { text }), { label: 'Edit claim', coalesceKey: 'claim-text:c_sub' });
    }
    await a.getState().whenSettled();
    expect(heard.map((e) => e.source)).toEqual(['user', 'user', 'user', 'user']);
    expect(heard.filter((e) => e.entry !== null)).toHaveLength(1);
    expect(a.getState().undoStack).toHaveLength(1);
    await vi.waitFor(() => expect(docOf(b).claims['c_sub']?.text).toBe('Typed'));
    // The other tab never sees the text go back: every step it hears moves forward.
    expect(heardB.flatMap((e) => e.change.put.claims?.map((c) => c.text) ?? []).at(-1)).toBe('Typed');
    expect(heardB.flatMap((e) => e.change.put.claims?.map((c) => c.text) ?? [])).not.toContain('A sub-claim');
    expect(await a.getState().undo()).toBe(true);
    expect(docOf(a).claims['c_sub']?.text).toBe('A sub-claim');
  });

  it('a collaborator’s change this device fails to store is taken back in memory, never told as a local change', async () => {
    const { a, db } = await twoTabs();
    const heard = listen(a);
    const local: Change[] = [];
    a.getState().onLocalChange((c) => local.push(c));
    // The database closed under the page, as when a newer version of the app opens it in another tab.
    db.close({ disableAutoOpen: true });
    expect(await a.getState().applyShared(edits.updateClaim(docOf(a), 'c_sub', { text: 'Theirs' }), 'Edit by a collaborator')).toBe(false);
    expect(docOf(a).claims['c_sub']?.text).toBe('A sub-claim');
    expect(heard.map((e) => [e.source, e.revertOf ?? null])).toEqual([
      ['remote', null],
      ['system', ['remote']],
    ]);
    expect(local).toEqual([]);
    expect(a.getState().notices.at(-1)?.kind).toBe('error');
  });

  it('a user’s edit that fails to store is taken back and told, so a shared map takes it back too', async () => {
    const { a, db } = await twoTabs();
    const local: Change[] = [];
    a.getState().onLocalChange((c) => local.push(c));
    db.close({ disableAutoOpen: true });
    expect(await a.getState().apply(edits.updateClaim(docOf(a), 'c_sub', { text: 'Mine' }), { label: 'Edit claim' })).toBe(false);
    expect(local.map((c) => c.put.claims?.[0]?.text)).toEqual(['Mine', 'A sub-claim']);
  });

  it('a tab left on a deleted map finds it again once it is imported', async () => {
    const { db, bus, a } = await twoTabs();
    await deleteMap('map_test', db);
    bus.mapsChanged('tab_b', ['map_test']);
    await vi.waitFor(() => expect(a.getState().status).toBe('missing'));
    expect((await importMapFile(serializeMap(smallDoc()), {}, db)).kind).toBe('imported');
    bus.mapsChanged('tab_b', ['map_test']);
    await vi.waitFor(() => expect(a.getState().status).toBe('ready'));
    expect(docOf(a).claims['c_sub']?.text).toBe('A sub-claim');
    expect(await a.getState().apply(edits.updateClaim(docOf(a), 'c_sub', { text: 'After' }), { label: 'Edit claim' })).toBe(true);
  });
});
