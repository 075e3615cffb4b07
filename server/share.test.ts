/**
 * The sharing server with real clients over loopback: the server runs as a
 * child process (built once), so it can be killed like a crash would.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { deletionChange, emptyChange, type Change } from '../src/domain/change';
import { checkDoc } from '../src/domain/integrity';
import { makeClaim, makeLink, makeSource, smallDoc } from '../src/test/factories';
import { newShareKeys, newShareToken, type ShareKeys } from '../src/share/tokens';
import { diffYDocToChange } from '../src/share/yMap';
import { NetClient, RawSocket, authMessage, buildServer, startServerProcess, updateMessage, type ServerProcess } from './testKit';

// WARRANT_SHARE_TEST_PORT: to run beside another copy of these tests.
const PORT = Number(process.env.WARRANT_SHARE_TEST_PORT ?? 4511);
const put = (over: Partial<Change['put']>): Change => ({ ...emptyChange('map_test'), put: over });

let dataDir: string;
let server: ServerProcess;
const open: NetClient[] = [];
const sockets: RawSocket[] = [];

beforeAll(() => {
  buildServer();
}, 120_000);

async function freshServer(): Promise<void> {
  dataDir = mkdtempSync(join(tmpdir(), 'warrant-share-'));
  server = await startServerProcess(PORT, dataDir);
}

afterEach(async () => {
  if (process.env.SHOW_LOGS) console.log(server?.logs.join('\n'));
  for (const c of open.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.close();
  await server?.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});
afterAll(async () => {
  await server?.kill();
});

const track = (c: NetClient) => (open.push(c), c);

async function sharedPair(): Promise<{ keys: ShareKeys; alice: NetClient; bob: NetClient }> {
  await freshServer();
  const keys = newShareKeys();
  const alice = track(await NetClient.share(server.url, smallDoc(), keys, 'Alice'));
  await alice.conn.whenSynced();
  const bob = track(await NetClient.join(server.url, keys.doc, keys.editToken, 'Bob'));
  return { keys, alice, bob };
}

/** Waits until every client's map is the same and matches its Y.Doc. */
async function converged(clients: NetClient[]): Promise<void> {
  await expect
    .poll(
      () => {
        const [first, ...rest] = clients;
        return rest.every((c) => JSON.stringify(sorted(c.doc)) === JSON.stringify(sorted(first!.doc)));
      },
      { timeout: 20_000, interval: 50 },
    )
    .toBe(true);
  for (const c of clients) {
    expect(diffYDocToChange(c.client.ydoc, c.doc).change).toEqual(emptyChange(c.doc.map.id));
    expect(checkDoc(c.doc)).toEqual([]);
  }
}
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
  }
  return value;
}

describe('sharing a map through the server', { timeout: 60_000 }, () => {
  it('lets two users edit one map at once, and a third join identical', async () => {
    const { keys, alice, bob } = await sharedPair();
    expect(alice.conn.status).toBe('live');
    expect(bob.conn.status).toBe('live');
    for (let i = 0; i < 20; i++) {
      alice.client.edit(put({ claims: [makeClaim(`c_alice_${i}`, `Alice ${i}`)] }));
      bob.client.edit(put({ claims: [makeClaim(`c_bob_${i}`, `Bob ${i}`)], links: [makeLink(`l_bob_${i}`, `c_bob_${i}`, 'c_thesis')] }));
    }
    await converged([alice, bob]);
    expect(Object.keys(alice.doc.claims)).toHaveLength(42);
    const carol = track(await NetClient.join(server.url, keys.doc, keys.editToken, 'Carol'));
    await converged([alice, bob, carol]);
  });

  it('merges what both did while one was offline', async () => {
    const { keys, alice, bob } = await sharedPair();
    bob.conn.disconnect();
    expect(bob.conn.status).toBe('offline');
    alice.client.edit(put({ claims: [{ ...alice.doc.claims['c_sub']!, text: 'Alice online' }] }));
    alice.client.edit(deletionChange(alice.doc, { quotes: ['q_2'] }));
    bob.client.edit(put({ claims: [{ ...bob.doc.claims['c_sub']!, note: 'Bob offline' }, makeClaim('c_offline', 'Made offline')] }));
    bob.client.edit(put({ links: [makeLink('l_offline', 'q_2', 'c_offline')] }));
    await bob.conn.connect();
    await expect.poll(() => bob.conn.status, { timeout: 10_000 }).toBe('live');
    await converged([alice, bob]);
    expect(alice.doc.claims['c_sub']).toMatchObject({ text: 'Alice online', note: 'Bob offline' });
    expect(alice.doc.claims['c_offline']).toBeDefined();
    expect(alice.doc.links['l_offline']).toBeUndefined(); // its quote was deleted: the cascade
    const carol = track(await NetClient.join(server.url, keys.doc, keys.editToken, 'Carol'));
    await converged([alice, bob, carol]);
  });

  it('loses nothing when the server is killed and restarted mid-session', async () => {
    const { keys, alice, bob } = await sharedPair();
    alice.client.edit(put({ claims: [makeClaim('c_before', 'Before the crash')] }));
    await converged([alice, bob]);
    await server.kill('SIGKILL');
    await expect.poll(() => alice.conn.status, { timeout: 10_000 }).toBe('offline');
    alice.client.edit(put({ claims: [makeClaim('c_during_a', 'While down')] }));
    bob.client.edit(put({ claims: [makeClaim('c_during_b', 'While down too')] }));
    server = await startServerProcess(PORT, dataDir);
    await expect.poll(() => alice.conn.status, { timeout: 20_000 }).toBe('live');
    await converged([alice, bob]);
    // Killed again right after the edits arrived, before any compaction: a newcomer still gets everything.
    await alice.conn.whenSynced();
    await bob.conn.whenSynced();
    await server.kill('SIGKILL');
    server = await startServerProcess(PORT, dataDir);
    alice.destroy();
    bob.destroy();
    const carol = track(await NetClient.join(server.url, keys.doc, keys.reviewToken, 'Carol'));
    expect(Object.keys(carol.doc.claims).sort()).toEqual(['c_before', 'c_during_a', 'c_during_b', 'c_sub', 'c_thesis']);
    expect(carol.doc).toEqual(alice.doc);
  });

  it('refuses a wrong token and an unknown map', async () => {
    const { keys } = await sharedPair();
    const statuses: string[] = [];
    const { ShareConnection } = await import('../src/share/connection');
    const { memberAuth } = await import('../src/share/tokens');
    const WebSocket = (await import('ws')).default;
    const intruder = new ShareConnection({ server: server.url, doc: keys.doc, auth: memberAuth(newShareToken()), ydoc: new Y.Doc(), name: 'Mallory', WebSocketPolyfill: WebSocket, onStatus: (s) => statuses.push(s) });
    await expect.poll(() => intruder.status, { timeout: 10_000 }).toBe('refused');
    expect(intruder.provider.document.getMap('claims').size).toBe(0);
    intruder.destroy();
    // A map nobody registered cannot be opened, nor claimed without the creation hashes.
    const stranger = new ShareConnection({ server: server.url, doc: newShareKeys().doc, auth: memberAuth(keys.editToken), ydoc: new Y.Doc(), name: 'Mallory', WebSocketPolyfill: WebSocket });
    await expect.poll(() => stranger.status, { timeout: 10_000 }).toBe('refused');
    stranger.destroy();
    expect(server.logs.some((l) => l.includes('wrong token'))).toBe(true);
    expect(server.logs.join('\n')).not.toContain(keys.editToken);
  });

  it('keeps a review connection read-only at the server, even for updates sent by hand', async () => {
    const { keys, alice } = await sharedPair();
    const reviewer = track(await NetClient.join(server.url, keys.doc, keys.reviewToken, 'Rita'));
    expect(reviewer.conn.status).toBe('read-only');
    // Through the provider: the update is sent, and dropped by the server.
    reviewer.client.edit(put({ claims: [makeClaim('c_review', 'Should not land')] }));
    // By hand, on a raw socket.
    const raw = await RawSocket.open(server.url);
    sockets.push(raw);
    raw.send(authMessage(keys.doc, JSON.stringify({ token: keys.reviewToken })));
    await expect.poll(() => raw.received.includes(2), { timeout: 10_000 }).toBe(true); // authenticated
    const evil = new Y.Doc();
    const claim = new Y.Map<unknown>(Object.entries(makeClaim('c_raw', 'Raw review write')));
    evil.getMap('claims').set('c_raw', claim);
    raw.send(updateMessage(keys.doc, Y.encodeStateAsUpdate(evil)));
    await expect.poll(() => raw.received.filter((t) => t === 8).length, { timeout: 10_000 }).toBeGreaterThan(0); // sync status
    // Alice's next edit is a barrier: when a newcomer sees it, the server has handled the raw update.
    alice.client.edit(put({ claims: [makeClaim('c_barrier', 'Barrier')] }));
    const newcomer = track(await NetClient.join(server.url, keys.doc, keys.editToken, 'Nina'));
    await expect.poll(() => 'c_barrier' in newcomer.doc.claims, { timeout: 10_000 }).toBe(true);
    for (const c of [alice, newcomer]) {
      expect(c.doc.claims['c_review']).toBeUndefined();
      expect(c.doc.claims['c_raw']).toBeUndefined();
    }
  });

  it('refuses hand-crafted updates with invalid records, changes nobody and reports them', async () => {
    const { keys, alice, bob } = await sharedPair();
    const before = sorted(alice.doc);
    const attempts: Array<[string, (d: Y.Doc) => void]> = [
      ['a link to a missing claim', (d) => d.getMap('links').set('l_evil', new Y.Map(Object.entries(makeLink('l_evil', 'c_thesis', 'c_missing'))))],
      ['a script payload', (d) => d.getMap('sources').set('src_evil', new Y.Map(Object.entries({ ...makeSource('src_evil', 'x'), url: 'javascript:alert(1)' })))],
      ['a 50 MB string', (d) => d.getMap('claims').set('c_huge', new Y.Map(Object.entries(makeClaim('c_huge', 'x'.repeat(50 * 1024 * 1024)))))],
    ];
    for (const [what, write] of attempts) {
      const raw = await RawSocket.open(server.url);
      sockets.push(raw);
      raw.send(authMessage(keys.doc, JSON.stringify({ token: keys.editToken })));
      await expect.poll(() => raw.received.includes(2), { timeout: 10_000 }).toBe(true);
      const evil = new Y.Doc();
      write(evil);
      raw.send(updateMessage(keys.doc, Y.encodeStateAsUpdate(evil)));
      // Refused: the server closes the document on this socket (message 7) or, above the size limit, the socket.
      await expect.poll(() => raw.closed !== null || raw.received.includes(7), { timeout: 20_000, message: what }).toBe(true);
    }
    expect(server.logs.filter((l) => l.includes('refused an update')).length).toBeGreaterThanOrEqual(2);
    alice.client.edit(put({ claims: [makeClaim('c_barrier', 'Barrier')] }));
    const carol = track(await NetClient.join(server.url, keys.doc, keys.editToken, 'Carol'));
    await converged([alice, bob, carol]);
    const expected = sorted({ ...alice.doc });
    expect(expected).not.toEqual(before); // the barrier claim
    for (const c of [alice, bob, carol]) {
      expect(Object.keys(c.doc.claims).sort()).toEqual(['c_barrier', 'c_sub', 'c_thesis']);
      expect(c.doc.links['l_evil']).toBeUndefined();
      expect(c.doc.sources['src_evil']).toBeUndefined();
      expect(c.client.ydoc.getMap('claims').has('c_huge')).toBe(false);
      expect(c.client.rejected()).toEqual([]);
    }
  });

  it('shows who else is connected and what they have selected', async () => {
    const { alice, bob } = await sharedPair();
    bob.conn.setSelection(['c_sub']);
    await expect.poll(() => alice.conn.peers(), { timeout: 10_000 }).toEqual([expect.objectContaining({ name: 'Bob', selection: ['c_sub'] })]);
  });
});
