/** applyShared runs the rule book: a collaborator's Change is repaired, never stored breaking a rule. */
import { afterEach, describe, expect, it } from 'vitest';
import { createMapStore, type MapStore } from './mapStore';
import { openWarrantDB, type WarrantDB } from '../storage/db';
import { createMap } from '../storage/writes';
import { loadMap } from '../storage/reads';
import { applyChange, emptyChange, type Change } from '../domain/change';
import { checkDoc } from '../domain/integrity';
import { makeClaim, makeLink, smallDoc } from '../test/factories';

const dbs: WarrantDB[] = [];
const stores: MapStore[] = [];

async function setup(): Promise<{ db: WarrantDB; store: MapStore }> {
  const db = openWarrantDB(`apply-shared-rules-${dbs.length}-${Date.now()}`);
  dbs.push(db);
  const put = (over: Partial<Change['put']>): Change => ({ ...emptyChange('map_test'), put: over });
  let doc = applyChange(smallDoc(), put({ claims: [makeClaim('c_co', 'A co-premise')] }));
  doc = applyChange(doc, put({ links: [makeLink('l_3', 'c_sub', 'c_thesis', 'supports', { group: 'g1' }), makeLink('l_5', 'c_co', 'c_thesis', 'supports', { group: 'g1' })] }));
  await createMap(doc, db);
  const store = createMapStore({ db, channel: false });
  stores.push(store);
  await store.getState().openMap('map_test');
  return { db, store };
}

afterEach(async () => {
  for (const s of stores.splice(0)) s.getState().dispose();
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('applyShared and the rule book', () => {
  it('repairs a merged group whose members disagree, in memory and on disk', async () => {
    const { store, db } = await setup();
    const doc = store.getState().doc!;
    // What a merge delivers: one member's weight changed while the other stayed.
    const merged: Change = { ...emptyChange('map_test'), put: { links: [{ ...doc.links['l_5']!, weight: 3 }] } };
    expect(await store.getState().applyShared(merged, 'Edit by a collaborator')).toBe(true);
    const after = store.getState().doc!;
    expect(after.links['l_5']).toMatchObject({ weight: 3 });
    expect(after.links['l_5']?.group).toBeUndefined();
    expect(checkDoc(after)).toEqual([]);
    const stored = (await loadMap('map_test', db))!.doc;
    expect(stored.links['l_5']?.group).toBeUndefined();
    expect(checkDoc(stored)).toEqual([]);
  });

  it('refuses a Change no honest peer sends (a record failing the schema), with a notice, and stores nothing of it', async () => {
    const { store, db } = await setup();
    const bad = { ...emptyChange('map_test'), put: { claims: [{ ...makeClaim('c_new', 'x'), text: 'x'.repeat(20_001) }] } } as Change;
    expect(await store.getState().applyShared(bad, 'Edit by a collaborator')).toBe(false);
    expect(store.getState().doc!.claims['c_new']).toBeUndefined();
    expect(store.getState().notices.at(-1)?.text).toMatch(/Edit by a collaborator was not saved: it would break the map's rules \(claims\[c_new\]/);
    expect((await loadMap('map_test', db))!.doc.claims['c_new']).toBeUndefined();
  });
});
