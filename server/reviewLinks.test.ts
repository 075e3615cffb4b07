/**
 * Review links at the sharing server: a review connection's update is
 * applied, stored, acknowledged and relayed when it only adds, resolves or
 * reopens comments; anything else is refused as every review update was
 * before (not applied, not stored, answered "not saved", the connection
 * stays). Raw frames, as a hostile reviewer would send them, and the app's
 * own client.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCommentChange, replyChange, resolveChange } from '../src/domain/comments';
import type { Comment } from '../src/domain/schema';
import { newShareKeys, type ShareKeys } from '../src/share/tokens';
import { makeClaim, smallDoc, T0 } from '../src/test/factories';
import { startShareServer, type ShareServer } from './shareServer';
import { NetClient, RawSocket, authMessage, messageType, updateMessage } from './testKit';

// This lane's node port range is 4591–4599; override for a parallel run.
const PORT = Number(process.env.WARRANT_REVIEW_TEST_PORT ?? 4591);

let server: ShareServer;
let dataDir = '';
const logs: string[] = [];
const open: NetClient[] = [];
const sockets: RawSocket[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'warrant-review-'));
  server = await startShareServer({ port: PORT, host: '127.0.0.1', dataDir, log: (l) => logs.push(l) });
});
afterEach(() => {
  for (const c of open.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.close();
  logs.splice(0);
});
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const track = (c: NetClient) => (open.push(c), c);
const comment = (id: string, over: Partial<Comment> = {}): Comment => ({ id, on: 'c_thesis', author: 'Rita', text: 'Where is the evidence?', createdAt: T0, ...over });

/** Alice shares smallDoc with one open thread of hers. */
async function shared(): Promise<{ keys: ShareKeys; alice: NetClient }> {
  const keys = newShareKeys();
  const alice = track(await NetClient.share(server.url, { ...smallDoc(), comments: { cm_a: comment('cm_a', { author: 'Alice', text: 'Check this' }) } }, keys, 'Alice'));
  await alice.conn.whenSynced();
  return { keys, alice };
}

/** A raw socket authenticated with `token`. */
async function rawPeer(keys: ShareKeys, token: string): Promise<RawSocket> {
  const raw = await RawSocket.open(server.url);
  sockets.push(raw);
  raw.send(authMessage(keys.doc, JSON.stringify({ token })));
  await expect.poll(() => raw.received.includes(2), { timeout: 10_000 }).toBe(true);
  return raw;
}

/** The update `write` makes on top of `ydoc`, from a peer of its own. */
function updateOn(ydoc: Y.Doc, write: (d: Y.Doc) => void): Uint8Array {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(ydoc));
  const sv = Y.encodeStateVector(peer);
  write(peer);
  return Y.encodeStateAsUpdate(peer, sv);
}
const record = (fields: object) => new Y.Map<unknown>(Object.entries(fields));

/** The "saved" (1) / "not saved" (0) answers a raw socket received, in order. */
const statuses = (raw: RawSocket) => raw.messages.filter((m) => messageType(m) === 8).map((m) => m[m.length - 1]);

/** Sends an update and waits for the server's answer; true when it said "saved". */
async function send(raw: RawSocket, doc: string, update: Uint8Array): Promise<boolean> {
  const before = statuses(raw).length;
  raw.send(updateMessage(doc, update));
  await expect.poll(() => statuses(raw).length, { timeout: 10_000 }).toBeGreaterThan(before);
  return statuses(raw).slice(before).includes(1);
}

describe('a review link at the sharing server', { timeout: 60_000 }, () => {
  it('applies, stores, acknowledges and relays a comment with a verdict, a reply and a resolution', async () => {
    const { keys, alice } = await shared();
    const reviewer = await rawPeer(keys, keys.reviewToken);
    expect(await send(reviewer, keys.doc, updateOn(alice.client.ydoc, (d) => d.getMap('comments').set('cm_r', record(comment('cm_r', { verdict: 'disputed' })))))).toBe(true);
    await expect.poll(() => alice.doc.comments['cm_r']?.verdict, { timeout: 10_000 }).toBe('disputed');
    expect(await send(reviewer, keys.doc, updateOn(alice.client.ydoc, (d) => d.getMap('comments').set('cm_rr', record(comment('cm_rr', { replyTo: 'cm_a', text: 'Seen' })))))).toBe(true);
    expect(await send(reviewer, keys.doc, updateOn(alice.client.ydoc, (d) => (d.getMap('comments').get('cm_a') as Y.Map<unknown>).set('resolvedAt', T0)))).toBe(true);
    await expect.poll(() => alice.doc.comments['cm_a']?.resolvedAt, { timeout: 10_000 }).toBe(T0);
    expect(reviewer.closed).toBeNull();
    // Stored: someone who opens the map now gets them from the server.
    const carol = track(await NetClient.join(server.url, keys.doc, keys.editToken, 'Carol'));
    expect(Object.keys(carol.doc.comments).sort()).toEqual(['cm_a', 'cm_r', 'cm_rr']);
    expect(logs.filter((l) => l.includes('refused'))).toEqual([]);
  });

  const refusals: Array<[string, (d: Y.Doc) => void]> = [
    ['a claim changed', (d) => (d.getMap('claims').get('c_thesis') as Y.Map<unknown>).set('text', 'Reviewer was here')],
    ['a claim deleted', (d) => d.getMap('claims').delete('c_sub')],
    ['a claim added', (d) => d.getMap('claims').set('c_new', record(makeClaim('c_new', 'New')))],
    [
      'a comment and a claim change in one update',
      (d) => {
        d.getMap('comments').set('cm_r', record(comment('cm_r')));
        (d.getMap('claims').get('c_thesis') as Y.Map<unknown>).set('text', 'Hidden behind a comment');
      },
    ],
    ['another top-level type', (d) => d.getArray('evil').insert(0, ['x'])],
    ['someone’s comment reworded', (d) => (d.getMap('comments').get('cm_a') as Y.Map<unknown>).set('text', 'Not what Alice said')],
    ['a comment deleted', (d) => d.getMap('comments').delete('cm_a')],
  ];
  it('refuses everything else as before, keeping the connection, storing and relaying nothing', async () => {
    const { keys, alice } = await shared();
    const reviewer = await rawPeer(keys, keys.reviewToken);
    for (const [what, write] of refusals) {
      expect(await send(reviewer, keys.doc, updateOn(alice.client.ydoc, write)), what).toBe(false);
    }
    expect(reviewer.closed).toBeNull();
    expect(logs.filter((l) => l.includes('from a review link')).length).toBe(refusals.length);
    // Still a working reviewer: a comment after the refusals is taken.
    expect(await send(reviewer, keys.doc, updateOn(alice.client.ydoc, (d) => d.getMap('comments').set('cm_ok', record(comment('cm_ok')))))).toBe(true);
    await expect.poll(() => Object.keys(alice.doc.comments).sort(), { timeout: 10_000 }).toEqual(['cm_a', 'cm_ok']);
    // Nothing refused reached Alice, nor the store.
    expect(alice.doc.claims['c_thesis']!.text).toBe('The thesis');
    expect(alice.doc.claims['c_sub']).toBeDefined();
    expect(alice.doc.comments['cm_a']!.text).toBe('Check this');
    const carol = track(await NetClient.join(server.url, keys.doc, keys.editToken, 'Carol'));
    expect(carol.client.ydoc.share.has('evil')).toBe(false);
    expect(Object.keys(carol.doc.claims).sort()).toEqual(['c_sub', 'c_thesis']);
    expect(Object.keys(carol.doc.comments).sort()).toEqual(['cm_a', 'cm_ok']);
  });

  it('leaves the edit link as it was: a claim edit is applied and relayed', async () => {
    const { keys, alice } = await shared();
    const editor = await rawPeer(keys, keys.editToken);
    expect(await send(editor, keys.doc, updateOn(alice.client.ydoc, (d) => (d.getMap('claims').get('c_thesis') as Y.Map<unknown>).set('text', 'Edited')))).toBe(true);
    await expect.poll(() => alice.doc.claims['c_thesis']?.text, { timeout: 10_000 }).toBe('Edited');
    expect(logs.filter((l) => l.includes('refused'))).toEqual([]);
  });

  it('lets the app’s own client comment on a review link, with every comment acknowledged', async () => {
    const { keys, alice } = await shared();
    const rita = track(await NetClient.join(server.url, keys.doc, keys.reviewToken, 'Rita'));
    await expect.poll(() => rita.conn.status, { timeout: 10_000 }).toBe('read-only');
    rita.client.edit(addCommentChange(rita.doc, { id: 'cm_rita', on: 'c_sub', author: 'Rita', text: 'Needs a source', now: T0, verdict: 'needsEvidence' }));
    rita.client.edit(replyChange(rita.doc, { id: 'cm_reply', to: 'cm_a', author: 'Rita', text: 'Agreed', now: T0 }));
    rita.client.edit(resolveChange(rita.doc, 'cm_a', true, T0));
    await expect.poll(() => alice.doc.comments['cm_a']?.resolvedAt, { timeout: 10_000 }).toBe(T0);
    expect(alice.doc.comments['cm_rita']?.verdict).toBe('needsEvidence');
    expect(alice.doc.comments['cm_reply']?.replyTo).toBe('cm_a');
    // Every update answered "saved": nothing waits to be sent.
    await rita.conn.whenSynced();
    expect(rita.conn.hasUnsyncedChanges).toBe(false);
    // Alice reopens; Rita sees it.
    alice.client.edit(resolveChange(alice.doc, 'cm_a', false, T0));
    await expect.poll(() => 'resolvedAt' in (rita.doc.comments['cm_a'] ?? {}), { timeout: 10_000 }).toBe(false);
  });
});

describe('a review link while the server cannot store', { timeout: 60_000 }, () => {
  it('holds a comment back with the storage notice, and takes it once storage works again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-review-full-'));
    const fault = join(dir, 'disk-full');
    const full = await startShareServer({ port: PORT + 1, host: '127.0.0.1', dataDir: dir, faultFile: fault, storageProbeMs: 100, log: (l) => logs.push(l) });
    try {
      const keys = newShareKeys();
      const alice = track(await NetClient.share(full.url, smallDoc(), keys, 'Alice'));
      await alice.conn.whenSynced();
      const raw = await RawSocket.open(full.url);
      sockets.push(raw);
      raw.send(authMessage(keys.doc, JSON.stringify({ token: keys.reviewToken })));
      await expect.poll(() => raw.received.includes(2), { timeout: 10_000 }).toBe(true);
      writeFileSync(fault, '');
      const held = updateOn(alice.client.ydoc, (d) => d.getMap('comments').set('cm_held', record(comment('cm_held'))));
      expect(await send(raw, keys.doc, held)).toBe(false);
      const notices = () => raw.messages.map((m) => new TextDecoder().decode(m)).filter((t) => t.includes('"warrant":"storage"'));
      await expect.poll(() => notices().some((t) => t.includes('"state":"full"')), { timeout: 10_000 }).toBe(true);
      expect(alice.doc.comments['cm_held']).toBeUndefined();
      rmSync(fault);
      // Storage back: the server says so and asks (sync step 1) for what it lacks; the client sends it again.
      await expect.poll(() => notices().some((t) => t.includes('"state":"ok"')), { timeout: 10_000 }).toBe(true);
      expect(await send(raw, keys.doc, held)).toBe(true);
      await expect.poll(() => alice.doc.comments['cm_held']?.text, { timeout: 10_000 }).toBe('Where is the evidence?');
    } finally {
      for (const c of open.splice(0)) c.destroy();
      await full.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
