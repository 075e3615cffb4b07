// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as edits from '../domain/edits';
import { openWarrantDB } from '../storage/db';
import { createMap } from '../storage/writes';
import { smallDoc } from '../test/factories';
import { createMapStore } from './mapStore';
import { watchPage } from './page';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const db = openWarrantDB(`page-test-${Date.now()}-${Math.random()}`);
  cleanups.push(async () => {
    db.close();
    await db.delete();
  });
  await createMap(smallDoc(), db);
  const store = createMapStore({ db, channel: false });
  await store.getState().openMap('map_test');
  cleanups.push(watchPage(store, window));
  return store;
}

const beforeUnload = () => {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
};

describe('the page shows pending writes', () => {
  it('data-pending-writes counts edits on their way to disk, and closing then asks first', async () => {
    const store = await setup();
    expect(document.documentElement.dataset['pendingWrites']).toBe('0');
    expect(beforeUnload()).toBe(false);
    const doc = store.getState().doc!;
    void store.getState().apply(edits.updateClaim(doc, 'c_sub', { text: 'Typed' }), { label: 'Edit claim' });
    expect(document.documentElement.dataset['pendingWrites']).toBe('1');
    expect(beforeUnload()).toBe(true);
    await store.getState().whenSettled();
    expect(document.documentElement.dataset['pendingWrites']).toBe('0');
    expect(beforeUnload()).toBe(false);
  });
});
