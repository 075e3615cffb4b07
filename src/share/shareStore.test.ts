/**
 * The share store against the real sharing server, in this process: two
 * devices (each its own IndexedDB and map store) share one map through
 * `startShareServer` on loopback, as the app does, without a browser.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startShareServer, type ShareServer } from '../../server/shareServer';
import { addCommentChange, replyChange, resolveChange } from '../domain/comments';
import { updateClaim } from '../domain/edits';
import { createMap } from '../storage/writes';
import { loadShareState } from '../storage/shares';
import * as Y from 'yjs';
import { emptyDoc, applyChange } from '../domain/change';
import { diffYDocToChange, mapMetaOfYDoc } from './yMap';
import { openWarrantDB, type WarrantDB } from '../storage/db';
import { createMapStore, type MapStore } from '../store/mapStore';
import { smallDoc, T0 } from '../test/factories';
import { createShareStore, type ShareStore } from './shareStore';
import type { ShareLink } from './tokens';

const PORT = Number(process.env.WARRANT_SHARE_STORE_TEST_PORT ?? 4521);
let server: ShareServer;
let dataDir: string;
let counter = 0;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  // Node before 22 has no WebSocket; the provider uses the global one, as in the browser.
  const g = globalThis as { WebSocket?: unknown };
  if (!g.WebSocket) {
    g.WebSocket = WebSocket;
    cleanups.push(() => void delete g.WebSocket);
  }
  dataDir = mkdtempSync(join(tmpdir(), 'warrant-share-store-'));
  server = await startShareServer({ port: PORT, host: '127.0.0.1', dataDir, log: () => undefined });
});

afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  for (const c of cleanups.splice(0)) await c();
});

const devices: Array<{ db: WarrantDB; store: MapStore; share: ShareStore }> = [];
afterEach(async () => {
  for (const d of devices.splice(0)) {
    d.share.getState().dispose();
    await d.store.getState().whenSettled();
    d.store.getState().dispose();
    d.db.close();
    await d.db.delete();
  }
});

function device(): { db: WarrantDB; store: MapStore; share: ShareStore } {
  const db = openWarrantDB(`share-store-test-${++counter}-${Date.now()}`);
  const store = createMapStore({ db, channel: false });
  const share = createShareStore(store, { db });
  const d = { db, store, share };
  devices.push(d);
  return d;
}

/** Polls a condition of the stores (they settle over the network, not on a tick). */
async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function sharedByAlice(): Promise<{ alice: ReturnType<typeof device>; edit: ShareLink; review: ShareLink }> {
  const alice = device();
  await createMap(smallDoc(), alice.db);
  await alice.store.getState().openMap('map_test');
  expect(await alice.share.getState().startSharing(`ws://127.0.0.1:${PORT}`)).toBeNull();
  await until('Alice live', () => alice.share.getState().status === 'live');
  await alice.share.getState().whenSynced();
  const row = alice.share.getState().share!;
  return {
    alice,
    edit: { server: row.server, doc: row.doc, token: row.editToken! },
    review: { server: row.server, doc: row.doc, token: row.reviewToken! },
  };
}

async function joined(link: ShareLink): Promise<ReturnType<typeof device>> {
  const d = device();
  const id = await d.share.getState().join(link, { trustServer: true });
  expect(id, JSON.stringify(d.share.getState().joining)).not.toBeNull();
  await d.store.getState().openMap(id!);
  return d;
}

const claimText = (store: MapStore, id: string) => store.getState().doc?.claims[id]?.text;

describe('the share store with the sharing server', () => {
  it('shares a map, lets a second device open it by link, and carries edits both ways', async () => {
    const { alice, edit } = await sharedByAlice();
    const bob = await joined(edit);
    // The joined map is a map of Bob's own (a local id), with Alice's records.
    expect(bob.store.getState().doc!.map.id).not.toBe('map_test');
    expect(Object.keys(bob.store.getState().doc!.claims).sort()).toEqual(['c_sub', 'c_thesis']);
    await until('Bob live', () => bob.share.getState().status === 'live');

    await alice.store.getState().edit((doc) => updateClaim(doc, 'c_thesis', { text: 'Edited by Alice' }), { label: 'Edit claim' });
    await until('Bob sees Alice', () => claimText(bob.store, 'c_thesis') === 'Edited by Alice');

    await bob.store.getState().edit((doc) => updateClaim(doc, 'c_sub', { text: 'Edited by Bob' }), { label: 'Edit claim' });
    await until('Alice sees Bob', () => claimText(alice.store, 'c_sub') === 'Edited by Bob');
    // A collaborator's edit is not the user's: it never enters their undo.
    expect(alice.store.getState().undoStack.map((e) => e.label)).toEqual(['Edit claim']);
    await bob.store.getState().whenSettled();
  });

  it('saves edits to the shared map as updates after its saved state, never re-encoding the whole map', async () => {
    const { alice } = await sharedByAlice();
    await alice.share.getState().whenSynced();
    const first = await loadShareState('map_test', alice.db);
    const bytes = (state: Uint8Array | undefined) => (state ? Array.from(state) : null);
    for (const [n, text] of ['One', 'Two', 'Three'].entries()) {
      await alice.store.getState().edit((doc) => updateClaim(doc, 'c_thesis', { text }), { label: 'Edit claim' });
      await alice.store.getState().whenSettled();
      expect(claimText(alice.store, 'c_thesis'), `edit ${n + 1}`).toBe(text);
    }
    let saved = await loadShareState('map_test', alice.db);
    const end = Date.now() + 10_000;
    while (Date.now() < end) {
      saved = await loadShareState('map_test', alice.db);
      const doc = new Y.Doc();
      if (saved.state) Y.applyUpdate(doc, saved.state);
      for (const u of saved.updates) Y.applyUpdate(doc, u);
      const meta = mapMetaOfYDoc(doc);
      const read = meta && applyChange(emptyDoc(meta), diffYDocToChange(doc, emptyDoc(meta)).change);
      doc.destroy();
      if (read?.claims['c_thesis']?.text === 'Three') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // The state is as it was first saved; the edits are updates after it.
    expect(bytes(saved.state)).toEqual(bytes(first.state));
    expect(saved.updates.length).toBeGreaterThan(first.updates.length);
    const doc = new Y.Doc();
    if (saved.state) Y.applyUpdate(doc, saved.state);
    for (const u of saved.updates) Y.applyUpdate(doc, u);
    const meta = mapMetaOfYDoc(doc)!;
    expect(applyChange(emptyDoc(meta), diffYDocToChange(doc, emptyDoc(meta)).change).claims['c_thesis']?.text).toBe('Three');
    doc.destroy();

    // Reopened (a reload): the map's Y.Doc is read back from the state and the updates,
    // and holds nothing to send: the server has it all.
    alice.share.getState().dispose();
    const again = createShareStore(alice.store, { db: alice.db });
    devices.find((d) => d.db === alice.db)!.share = again;
    await alice.store.getState().openMap('map_test');
    await until('Alice live again', () => again.getState().status === 'live');
    await again.getState().whenSynced();
    expect(claimText(alice.store, 'c_thesis')).toBe('Three');
  });

  it('opens a review link read-only but for comments, and an editor who opens it keeps the right to edit', async () => {
    const { alice, edit, review } = await sharedByAlice();
    const reviewer = await joined(review);
    await until('reviewer connected', () => reviewer.share.getState().status === 'read-only');
    expect(reviewer.store.getState().readOnly).toBe(true);
    expect(await reviewer.store.getState().edit((doc) => updateClaim(doc, 'c_thesis', { text: 'Reviewer' }), { label: 'Edit claim' })).toBe(false);
    // A review link may comment: the comment reaches Alice, and her reply and resolution reach the reviewer.
    expect(
      await reviewer.store.getState().edit((doc) => addCommentChange(doc, { id: 'cm_r', on: 'c_thesis', author: 'Rita', text: 'Where is this from?', now: T0, verdict: 'disputed' }), { label: 'Comment' }),
    ).toBe(true);
    await until('Alice sees the comment', () => alice.store.getState().doc?.comments['cm_r']?.verdict === 'disputed');
    await alice.store.getState().edit((doc) => replyChange(doc, { id: 'cm_a', to: 'cm_r', author: 'Alice', text: 'Table 2', now: T0 }), { label: 'Reply' });
    await alice.store.getState().edit((doc) => resolveChange(doc, 'cm_r', true, T0), { label: 'Resolve thread' });
    await until('the reviewer sees the reply and the resolution', () => {
      const comments = reviewer.store.getState().doc?.comments;
      return comments?.['cm_a']?.text === 'Table 2' && comments['cm_r']?.resolvedAt === T0;
    });
    expect(reviewer.share.getState().status).toBe('read-only');

    const bob = await joined(edit);
    await until('Bob live', () => bob.share.getState().status === 'live');
    const id = await bob.share.getState().join(review, { trustServer: true });
    expect(id).toBe(bob.store.getState().doc!.map.id);
    expect(bob.share.getState().share!.token).toBe(edit.token);
    expect(bob.store.getState().readOnly).toBe(false);

    await alice.store.getState().edit((doc) => updateClaim(doc, 'c_thesis', { text: 'Seen by the reviewer' }), { label: 'Edit claim' });
    await until('reviewer sees Alice', () => claimText(reviewer.store, 'c_thesis') === 'Seen by the reviewer');
  });

  it('asks before contacting a server this browser has not used', async () => {
    const { edit } = await sharedByAlice();
    const carol = device();
    expect(await carol.share.getState().join(edit)).toBeNull();
    expect(carol.share.getState().joining).toEqual({ phase: 'confirm', server: edit.server });
  });
});

describe('opening a link to a server that is not running', () => {
  it('says so after the first refused attempts, not after the timeout', async () => {
    const dave = device();
    // Port 9 (discard): nothing listens there on a test machine.
    const link: ShareLink = { server: 'ws://127.0.0.1:9', doc: 'd_nothing_here', token: 'e_nothing_here' };
    expect(await dave.share.getState().join(link, { trustServer: true })).toBeNull();
    const joining = dave.share.getState().joining;
    expect(joining.phase).toBe('failed');
    expect(joining.phase === 'failed' && joining.message).toMatch(/^Nothing answers at ws:\/\/127\.0\.0\.1:9: the sharing server is not running there/);
  });
});
