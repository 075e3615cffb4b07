/** The map store's side of sharing: collaborators' Changes (applyShared), local Changes announced, read-only. */
import { afterEach, describe, expect, it } from 'vitest';
import { createMapStore, type MapStore } from './mapStore';
import { openWarrantDB, type WarrantDB } from '../storage/db';
import { createMap } from '../storage/writes';
import { loadMap } from '../storage/reads';
import * as edits from '../domain/edits';
import type { Change } from '../domain/change';
import { smallDoc } from '../test/factories';

let dbs: WarrantDB[] = [];
const stores: MapStore[] = [];
let counter = 0;

async function setup(): Promise<{ db: WarrantDB; store: MapStore }> {
  const db = openWarrantDB(`shared-edits-${++counter}-${Date.now()}`);
  dbs.push(db);
  await createMap(smallDoc(), db);
  const store = createMapStore({ db, channel: false });
  stores.push(store);
  await store.getState().openMap('map_test');
  return { db, store };
}

afterEach(async () => {
  for (const s of stores.splice(0)) s.getState().dispose();
  for (const db of dbs) {
    db.close();
    await db.delete();
  }
  dbs = [];
});

const docOf = (store: MapStore) => store.getState().doc!;

describe('edits from collaborators', () => {
  it('are applied at once and committed, never recorded for undo, and never announced as local', async () => {
    const { store, db } = await setup();
    const announced: Change[] = [];
    store.getState().onLocalChange((c) => announced.push(c));
    const remote = edits.updateClaim(docOf(store), 'c_sub', { text: 'Rewritten by a collaborator' });
    const written = store.getState().applyShared(remote, 'Edit by a collaborator');
    expect(docOf(store).claims.c_sub?.text).toBe('Rewritten by a collaborator'); // synchronously
    expect(await written).toBe(true);
    expect((await loadMap('map_test', db))?.doc.claims.c_sub?.text).toBe('Rewritten by a collaborator');
    expect(store.getState().undoStack).toEqual([]);
    expect(announced).toEqual([]);
  });

  it('undo after a collaborator edited another record undoes only this user’s step', async () => {
    const { store, db } = await setup();
    const announced: Change[] = [];
    store.getState().onLocalChange((c) => announced.push(c));
    const mine = edits.updateClaim(docOf(store), 'c_thesis', { text: 'My thesis' });
    await store.getState().apply(mine, { label: 'Edit claim' });
    await store.getState().applyShared(edits.updateClaim(docOf(store), 'c_sub', { text: 'Theirs' }), 'Edit by a collaborator');
    expect(await store.getState().undo()).toBe(true);
    const stored = (await loadMap('map_test', db))!.doc;
    expect(stored.claims.c_thesis?.text).toBe(smallDoc().claims.c_thesis?.text);
    expect(stored.claims.c_sub?.text).toBe('Theirs');
    // The edit and its undo both went to the share; the collaborator's did not.
    expect(announced.map((c) => c.put.claims?.[0]?.text)).toEqual(['My thesis', smallDoc().claims.c_thesis?.text]);
  });

  it('drops the undo step a collaborator’s edit of the same record made stale', async () => {
    const { store } = await setup();
    await store.getState().apply(edits.updateClaim(docOf(store), 'c_sub', { text: 'Mine' }), { label: 'Edit claim' });
    expect(store.getState().undoStack).toHaveLength(1);
    await store.getState().applyShared(edits.updateClaim(docOf(store), 'c_sub', { text: 'Theirs' }), 'Edit by a collaborator');
    expect(store.getState().undoStack).toEqual([]);
    expect(docOf(store).claims.c_sub?.text).toBe('Theirs');
  });

  it('a read-only map refuses every edit with a notice, but takes collaborators’ edits', async () => {
    const { store } = await setup();
    store.getState().setReadOnly(true);
    expect(await store.getState().apply(edits.updateClaim(docOf(store), 'c_sub', { text: 'Nope' }), { label: 'Edit claim' })).toBe(false);
    expect(store.getState().notices.at(-1)?.text).toBe('This map is open for review (read-only): it cannot be changed here.');
    expect(await store.getState().applyShared(edits.updateClaim(docOf(store), 'c_sub', { text: 'From the editor' }), 'x')).toBe(true);
    expect(docOf(store).claims.c_sub?.text).toBe('From the editor');
  });
});
