import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMapStore, type MapStore } from './mapStore';
import { openWarrantDB, type WarrantDB } from '../storage/db';
import { createMap, commitChange, deleteMap } from '../storage/writes';
import { importMapFile } from '../storage/transfer';
import { serializeMap } from '../domain/format/serialize';
import { createTestBus } from '../test/testBus';
import { loadMap } from '../storage/reads';
import * as edits from '../domain/edits';
import { emptyChange } from '../domain/change';
import { smallDoc } from '../test/factories';

let dbs: WarrantDB[] = [];
let counter = 0;

async function setup(): Promise<{ db: WarrantDB; store: MapStore }> {
  const db = openWarrantDB(`store-test-${++counter}-${Date.now()}`);
  dbs.push(db);
  await createMap(smallDoc(), db);
  const store = createMapStore({ db, channel: false });
  await store.getState().openMap('map_test');
  return { db, store };
}

const stores: MapStore[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const s of stores.splice(0)) s.getState().dispose();
  for (const db of dbs) {
    db.close();
    await db.delete();
  }
  dbs = [];
});

const docOf = (store: MapStore) => store.getState().doc!;

describe('the open map store', () => {
  it('opens a map in one read and reports a missing one', async () => {
    const { store, db } = await setup();
    expect(store.getState().status).toBe('ready');
    expect(Object.keys(docOf(store).claims).sort()).toEqual(['c_sub', 'c_thesis']);
    expect(store.getState().openSourceId).toBe('src_a');
    const other = createMapStore({ db, channel: false });
    await other.getState().openMap('map_nope');
    expect(other.getState().status).toBe('missing');
  });

  it('applies an edit at once and writes it, bumping the revision', async () => {
    const { store, db } = await setup();
    const { change, id } = edits.newClaim(docOf(store), { text: 'Fresh claim' });
    const written = store.getState().apply(change, { label: 'New claim' });
    expect(docOf(store).claims[id]?.text).toBe('Fresh claim'); // before the write settles
    expect(await written).toBe(true);
    expect(store.getState().revision).toBe(1);
    const stored = await loadMap('map_test', db);
    expect(stored?.doc.claims[id]?.text).toBe('Fresh claim');
    expect(stored?.revision).toBe(1);
  });

  it('undoes and redoes every kind of action through the database', async () => {
    const { store, db } = await setup();
    const s = () => store.getState();
    const before = docOf(store);
    const actions: Array<() => ReturnType<typeof edits.newClaim>['change']> = [
      () => edits.newClaim(docOf(store), { text: 'N' }).change,
      () => edits.updateClaim(docOf(store), 'c_sub', { text: 'Edited', kind: 'thesis', note: 'n', tags: ['t'] }),
      () => edits.addSource(docOf(store), { title: 'S2', text: 'One two.\r\nThree four.' }).change,
      () => edits.updateSource(docOf(store), 'src_a', { title: 'Renamed', text: docOf(store).sources['src_a']!.text, reliability: 'C' }).change,
      () => {
        const r = edits.linkQuote(docOf(store), { sourceId: 'src_a', start: 0, end: 5, claim: { text: 'From a quote' }, relation: 'contradicts', weight: 3, credibility: 4 });
        if (!r.ok) throw new Error(r.reason);
        return r.change;
      },
      () => edits.updateQuote(docOf(store), 'q_1', { credibility: 5, note: 'check' }),
      () => edits.updateLink(docOf(store), 'l_2', { relation: 'supports', weight: 1, note: 'x' }),
      () => {
        const r = edits.addLink(docOf(store), { from: 'q_3', to: 'c_thesis', relation: 'supports' });
        if (!r.ok) throw new Error(r.reason);
        return r.change;
      },
      () => edits.moveNodes(docOf(store), { c_thesis: { x: 40, y: 50 }, q_2: { x: 1, y: 2 } }),
      () => edits.renameMap(docOf(store), 'New title'),
    ];
    for (const make of actions) expect(await s().apply(make(), { label: 'edit' })).toBe(true);
    expect(await s().remove({ sources: ['src_a'] })).toBe(true);
    expect(await s().remove({ claims: ['c_thesis'] })).toBe(true);
    const after = docOf(store);
    expect(Object.keys(after.quotes)).toHaveLength(0); // src_a took every quote with it
    const steps = s().undoStack.length;
    expect(steps).toBe(actions.length + 2);
    for (let i = 0; i < steps; i++) expect(await s().undo()).toBe(true);
    expect(await s().undo()).toBe(false);
    expect({ ...docOf(store), map: { ...docOf(store).map, updatedAt: '' } }).toEqual({ ...before, map: { ...before.map, updatedAt: '' } });
    const storedBefore = await loadMap('map_test', db);
    expect(storedBefore?.doc.claims).toEqual(before.claims);
    expect(storedBefore?.doc.quotes).toEqual(before.quotes);
    expect(storedBefore?.doc.links).toEqual(before.links);
    for (let i = 0; i < steps; i++) expect(await s().redo()).toBe(true);
    expect(docOf(store).claims).toEqual(after.claims);
    expect(docOf(store).links).toEqual(after.links);
    const storedAfter = await loadMap('map_test', db);
    expect(storedAfter?.doc.links).toEqual(after.links);
    expect(storedAfter?.doc.sources).toEqual(after.sources);
  });

  it('keeps at least 200 undo steps', async () => {
    const { store } = await setup();
    for (let i = 0; i < 210; i++) {
      void store.getState().apply(edits.moveNodes(docOf(store), { c_thesis: { x: i + 1, y: 0 } }), { label: 'Move' });
    }
    await store.getState().flush();
    expect(store.getState().undoStack.length).toBe(210);
    for (let i = 0; i < 200; i++) await store.getState().undo();
    expect(docOf(store).layout['c_thesis']).toEqual({ x: 10, y: 0 });
  });

  it('merges typing into one undo step', async () => {
    const { store } = await setup();
    for (const text of ['A', 'A s', 'A su', 'A sub']) {
      void store.getState().apply(edits.updateClaim(docOf(store), 'c_sub', { text }), { label: 'Edit claim', coalesceKey: 'claim-text:c_sub' });
    }
    await store.getState().flush();
    expect(store.getState().undoStack).toHaveLength(1);
    await store.getState().undo();
    expect(docOf(store).claims['c_sub']?.text).toBe('A sub-claim');
    await store.getState().redo();
    expect(docOf(store).claims['c_sub']?.text).toBe('A sub');
  });

  it('reverts memory and raises a message when a write fails, writing nothing', async () => {
    const { store, db } = await setup();
    const original = db.claims.bulkPut.bind(db.claims);
    let fail = true;
    vi.spyOn(db.claims, 'bulkPut').mockImplementation(((...args: Parameters<typeof original>) => {
      if (fail) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original(...args);
    }) as typeof original);
    const r = edits.linkQuote(docOf(store), { sourceId: 'src_a', start: 0, end: 5, claim: { text: 'Will fail' }, relation: 'supports' });
    if (!r.ok) throw new Error(r.reason);
    const ok = await store.getState().apply(r.change, { label: 'Link quote' });
    expect(ok).toBe(false);
    expect(docOf(store).claims[r.claimId]).toBeUndefined();
    expect(docOf(store).quotes[r.quoteId]).toBeUndefined();
    expect(store.getState().undoStack).toHaveLength(0);
    const notice = store.getState().notices.at(-1);
    expect(notice?.kind).toBe('error');
    expect(notice?.text).toMatch(/Link quote was not saved: .*storage .* is full/);
    const stored = await loadMap('map_test', db);
    expect(stored?.revision).toBe(0);
    expect(stored?.doc.quotes[r.quoteId]).toBeUndefined();
    expect(stored?.doc.links[r.linkId]).toBeUndefined();
    fail = false;
    const again = edits.newClaim(docOf(store), { text: 'Now it works' });
    expect(await store.getState().apply(again.change, { label: 'New claim' })).toBe(true);
  });

  it('opens the write transaction in the same task as the edit, and composes a burst behind it into one write', async () => {
    const { store, db } = await setup();
    const spy = vi.spyOn(db, 'transaction');
    void store.getState().apply(edits.newClaim(docOf(store), { text: 'one' }).change, { label: 'a' });
    // No await yet: the first edit's transaction is already open.
    expect(spy).toHaveBeenCalledTimes(1);
    for (const text of ['two', 'three', 'four']) {
      void store.getState().apply(edits.newClaim(docOf(store), { text }).change, { label: 'b' });
    }
    expect(store.getState().pendingWrites).toBe(4);
    await store.getState().whenSettled();
    expect(store.getState().pendingWrites).toBe(0);
    // Four edits, two commits: the first, then the three composed into one.
    const stored = await loadMap('map_test', db);
    expect(stored?.revision).toBe(2);
    expect(Object.values(stored!.doc.claims).map((c) => c.text).sort()).toEqual(['A sub-claim', 'The thesis', 'four', 'one', 'three', 'two']);
    expect(store.getState().undoStack).toHaveLength(4);
  });

  it('after a failed write in a burst, memory ends equal to the database', async () => {
    const { store, db } = await setup();
    const original = db.claims.bulkPut.bind(db.claims);
    let calls = 0;
    vi.spyOn(db.claims, 'bulkPut').mockImplementation(((...args: Parameters<typeof original>) => {
      calls++;
      if (calls === 2) throw new DOMException('full', 'QuotaExceededError');
      return original(...args);
    }) as typeof original);
    for (const text of ['one', 'two', 'three']) {
      void store.getState().apply(edits.newClaim(docOf(store), { text }).change, { label: 'New claim' });
    }
    await store.getState().flush();
    await vi.waitFor(async () => {
      const stored = await loadMap('map_test', db);
      expect(docOf(store).claims).toEqual(stored?.doc.claims);
      expect(store.getState().revision).toBe(stored?.revision);
    });
    const texts = Object.values(docOf(store).claims).map((c) => c.text);
    expect(texts).toContain('one');
    expect(texts).not.toContain('two');
    expect(store.getState().notices.some((n) => /was not saved/.test(n.text))).toBe(true);
    // And the next edit is written normally.
    expect(await store.getState().apply(edits.newClaim(docOf(store), { text: 'four' }).change, { label: 'New claim' })).toBe(true);
  });

  it('refuses a write over a revision it has not seen, and reloads the map', async () => {
    const { store, db } = await setup();
    // Another tab writes revision 1 without this store hearing of it.
    const other = edits.newClaim(docOf(store), { text: 'From the other tab' });
    await commitChange(other.change, 0, db);
    const mine = edits.updateClaim(docOf(store), 'c_sub', { text: 'Mine' });
    const ok = await store.getState().apply(mine, { label: 'Edit claim' });
    expect(ok).toBe(false);
    await vi.waitFor(() => expect(docOf(store).claims[other.id]?.text).toBe('From the other tab'));
    expect(docOf(store).claims['c_sub']?.text).toBe('A sub-claim');
    expect(store.getState().revision).toBe(1);
    expect(store.getState().notices.at(-1)?.text).toMatch(/changed in another tab/);
  });

  it('records a drag as one entry and one write', async () => {
    const { store, db } = await setup();
    const spy = vi.spyOn(db.layout, 'bulkPut');
    await store.getState().apply(edits.moveNodes(docOf(store), { q_2: { x: 300, y: 400 } }), { label: 'Move' });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(store.getState().undoStack).toHaveLength(1);
  });

  it('ignores empty changes and changes of another map', async () => {
    const { store } = await setup();
    expect(await store.getState().apply(emptyChange('map_test'), { label: 'nothing' })).toBe(false);
    expect(await store.getState().apply({ ...edits.newClaim(docOf(store), {}).change, mapId: 'map_other' }, { label: 'x' })).toBe(false);
    expect(store.getState().undoStack).toHaveLength(0);
  });

  it('selects, opens sources and flashes quotes', async () => {
    const { store } = await setup();
    store.getState().select({ kind: 'quote', id: 'q_2' });
    expect(store.getState().openSourceId).toBe('src_a');
    store.getState().showInSource('q_2');
    expect(store.getState().flash?.quoteId).toBe('q_2');
    await store.getState().remove({ quotes: ['q_2'] });
    expect(store.getState().selection).toBeNull();
    store.getState().notify('info', 'hello');
    const id = store.getState().notices.at(-1)!.id;
    store.getState().dismissNotice(id);
    expect(store.getState().notices.find((n) => n.id === id)).toBeUndefined();
    store.getState().closeMap();
    expect(store.getState().doc).toBeNull();
  });
});

describe('bugs of the store (issue 14, issue 17)', () => {
  /** Two tabs on one database, talking over a fake channel. */
  async function twoTabs() {
    const db = openWarrantDB(`store-tabs-${++counter}-${Date.now()}`);
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

  it('a notice raised before openMap is shown after it', async () => {
    const { db } = await setup();
    const store = createMapStore({ db, channel: false });
    store.getState().notify('info', 'Imported as a copy, “Test map (copy)”.');
    await store.getState().openMap('map_test');
    expect(store.getState().status).toBe('ready');
    expect(store.getState().notices.map((n) => n.text)).toEqual(['Imported as a copy, “Test map (copy)”.']);
  });

  it("another tab's edit leaves this tab's undo of an unrelated record working", async () => {
    const { a, b } = await twoTabs();
    expect(await a.getState().apply(edits.updateClaim(docOf(a), 'c_sub', { text: 'Mine' }), { label: 'Edit claim' })).toBe(true);
    await vi.waitFor(() => expect(docOf(b).claims['c_sub']?.text).toBe('Mine'));
    expect(await b.getState().apply(edits.updateClaim(docOf(b), 'c_thesis', { text: 'Theirs' }), { label: 'Edit claim' })).toBe(true);
    await vi.waitFor(() => expect(docOf(a).claims['c_thesis']?.text).toBe('Theirs'));
    // A's step on c_sub survives B's edit of c_thesis, and undoes through the database.
    expect(a.getState().undoStack).toHaveLength(1);
    expect(await a.getState().undo()).toBe(true);
    expect(docOf(a).claims['c_sub']?.text).toBe('A sub-claim');
    expect(docOf(a).claims['c_thesis']?.text).toBe('Theirs');
    await vi.waitFor(() => expect(docOf(b).claims['c_sub']?.text).toBe('A sub-claim'));
  });

  it("another tab's edit of the same record drops that step only", async () => {
    const { a, b } = await twoTabs();
    await a.getState().apply(edits.updateClaim(docOf(a), 'c_sub', { text: 'Mine' }), { label: 'Edit claim' });
    await a.getState().apply(edits.moveNodes(docOf(a), { q_2: { x: 5, y: 5 } }), { label: 'Move' });
    await vi.waitFor(() => expect(docOf(b).layout['q_2']).toEqual({ x: 5, y: 5 }));
    await b.getState().apply(edits.updateClaim(docOf(b), 'c_sub', { text: 'Theirs' }), { label: 'Edit claim' });
    await vi.waitFor(() => expect(docOf(a).claims['c_sub']?.text).toBe('Theirs'));
    expect(a.getState().undoStack.map((e) => e.label)).toEqual(['Move']);
  });

  it('a map replaced in another tab is reloaded at once', async () => {
    const { db, bus, a } = await twoTabs();
    const changed = smallDoc();
    const file = serializeMap({ ...changed, claims: { ...changed.claims, c_sub: { ...changed.claims['c_sub']!, text: 'Replaced' } } });
    const result = await importMapFile(file, { onConflict: 'replace' }, db);
    expect(result.kind).toBe('imported');
    bus.mapsChanged('tab_b', ['map_test']);
    await vi.waitFor(() => expect(docOf(a).claims['c_sub']?.text).toBe('Replaced'));
    expect(a.getState().undoStack).toHaveLength(0);
    expect(a.getState().notices.at(-1)?.text).toMatch(/replaced in another tab/);
    // And its next edit is written over the new incarnation.
    expect(await a.getState().apply(edits.updateClaim(docOf(a), 'c_thesis', { text: 'After' }), { label: 'Edit claim' })).toBe(true);
  });

  it('a stale tab never writes over a map deleted and imported again (issue 17 item 6)', async () => {
    const { db, a } = await twoTabs();
    // Tab B deletes the map and imports a changed file with the same id (revision 0 again); A hears nothing.
    await deleteMap('map_test', db);
    const changed = smallDoc();
    const { c_sub: _gone, ...claims } = changed.claims;
    const links = Object.fromEntries(Object.entries(changed.links).filter(([, l]) => l.from !== 'c_sub' && l.to !== 'c_sub'));
    expect((await importMapFile(serializeMap({ ...changed, claims, links }), {}, db)).kind).toBe('imported');
    // A, still showing the old version, edits the claim the new version removed.
    expect(await a.getState().apply(edits.updateClaim(docOf(a), 'c_sub', { text: 'Stale' }), { label: 'Edit claim' })).toBe(false);
    const stored = await loadMap('map_test', db);
    expect(stored?.doc.claims['c_sub']).toBeUndefined();
    expect(stored?.revision).toBe(0);
    await vi.waitFor(() => expect(docOf(a).claims['c_sub']).toBeUndefined());
    expect(a.getState().notices.some((n) => /changed in another tab|replaced in another tab/.test(n.text))).toBe(true);
  });

  it('while storage is full, fast typing reports "full", never "changed in another tab" (issue 17 item 12a)', async () => {
    const { store, db } = await setup();
    vi.spyOn(db.claims, 'bulkPut').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    let text = 'A sub-claim';
    for (let i = 0; i < 30; i++) {
      text += 'x';
      void store.getState().apply(edits.updateClaim(docOf(store), 'c_sub', { text }), { label: 'Edit claim', coalesceKey: 'claim-text:c_sub' });
    }
    await store.getState().whenSettled();
    const texts = store.getState().notices.map((n) => n.text);
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((t) => /is full/.test(t))).toBe(true);
    expect(texts.some((t) => /another tab/.test(t))).toBe(false);
    expect(docOf(store).claims['c_sub']?.text).toBe('A sub-claim');
    expect((await loadMap('map_test', db))?.doc.claims['c_sub']?.text).toBe('A sub-claim');
  });

  it('refuses a Change that breaks the schema or the rules, with a message, writing nothing (format rule 8)', async () => {
    const { store, db } = await setup();
    // Built by hand: the edit builders already cut text to the limit.
    const long = emptyChange('map_test');
    long.put.claims = [{ ...docOf(store).claims['c_sub']!, text: 'x'.repeat(10_001) }];
    expect(await store.getState().apply(long, { label: 'Edit claim' })).toBe(false);
    expect(store.getState().notices.at(-1)?.text).toMatch(/Edit claim was not saved: it would break the map's rules \(claims\[c_sub\]\.text/);
    const orphan = emptyChange('map_test');
    orphan.delete.claims = ['c_sub']; // its links would point nowhere
    expect(await store.getState().apply(orphan, { label: 'Delete' })).toBe(false);
    expect(store.getState().notices.at(-1)?.text).toMatch(/links\[l_3\]\.from: names no claim or quote/);
    expect(docOf(store).claims['c_sub']?.text).toBe('A sub-claim');
    expect(store.getState().undoStack).toHaveLength(0);
    expect((await loadMap('map_test', db))?.revision).toBe(0);
  });

  it('edit() builds against the doc of the moment and skips a null build', async () => {
    const { store } = await setup();
    expect(await store.getState().edit(() => null, { label: 'nothing' })).toBe(false);
    expect(await store.getState().edit((doc) => edits.updateClaim(doc, 'c_sub', { text: 'Via edit' }), { label: 'Edit claim' })).toBe(true);
    expect(docOf(store).claims['c_sub']?.text).toBe('Via edit');
  });
});
