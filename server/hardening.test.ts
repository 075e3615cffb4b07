/**
 * The sharing server against crashes, a full disk, hostile sockets and a
 * second server on its data folder. The server runs as a child process
 * (built once), so it can be killed for real.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { emptyChange, type Change } from '../src/domain/change';
import { makeClaim, makeSource, smallDoc } from '../src/test/factories';
import { creatorAuth, newShareKeys, type ShareKeys } from '../src/share/tokens';
import {
  NetClient,
  RawSocket,
  authMessage,
  awarenessMessage,
  broadcastStatelessMessage,
  buildServer,
  startServerProcess,
  updateMessage,
  type ServerProcess,
} from './testKit';

// WARRANT_HARDENING_TEST_PORT: to run beside another copy of these tests (two ports are used).
const PORT = Number(process.env.WARRANT_HARDENING_TEST_PORT ?? 4521);
const put = (over: Partial<Change['put']>): Change => ({ ...emptyChange('map_test'), put: over });

let dataDir: string;
const servers: ServerProcess[] = [];
const open: NetClient[] = [];
const sockets: RawSocket[] = [];

beforeAll(() => {
  buildServer();
}, 120_000);

async function start(args: string[] = [], port = PORT): Promise<ServerProcess> {
  const server = await startServerProcess(port, dataDir, args);
  servers.push(server);
  return server;
}
function freshDir(): void {
  dataDir = mkdtempSync(join(tmpdir(), 'warrant-hardening-'));
}

afterEach(async () => {
  for (const c of open.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.ws.terminate();
  for (const s of servers.splice(0)) await s.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});
afterAll(async () => {
  for (const s of servers.splice(0)) await s.kill();
});

const track = (c: NetClient) => (open.push(c), c);
const raw = async (url: string) => {
  const s = await RawSocket.open(url);
  sockets.push(s);
  return s;
};
const SYNC_STATUS = 8;
const AUTH = 2;
const CLOSE = 7;
const STATELESS = 5;
const statelessTexts = (s: RawSocket) => s.messages.map((m) => new TextDecoder().decode(m)).filter((t) => t.includes('"warrant":"storage"'));

async function shared(server: ServerProcess): Promise<{ keys: ShareKeys; alice: NetClient }> {
  const keys = newShareKeys();
  const alice = track(await NetClient.share(server.url, smallDoc(), keys, 'Alice'));
  await alice.conn.whenSynced();
  return { keys, alice };
}

/** A raw socket authenticated on a map with a token. */
async function rawMember(url: string, doc: string, token: string): Promise<RawSocket> {
  const s = await raw(url);
  s.send(authMessage(doc, JSON.stringify({ token })));
  await expect.poll(() => s.received.includes(AUTH), { timeout: 10_000 }).toBe(true);
  return s;
}

describe('the sharing server under stress', { timeout: 120_000 }, () => {
  it('has on disk every update it acknowledged, across SIGKILL trials', async () => {
    freshDir();
    let server = await start();
    const { keys } = await shared(server);
    let stored = 0;
    for (let trial = 0; trial < 5; trial++) {
      // A client of its own (its map from the server), whose updates go out by hand.
      const member = await NetClient.join(server.url, keys.doc, keys.editToken, `Writer ${trial}`);
      member.conn.disconnect();
      const updates: Uint8Array[] = [];
      member.client.ydoc.on('update', (u: Uint8Array) => updates.push(u));
      const ids: string[] = [];
      for (let i = 0; i < 150; i++) {
        const id = `c_t${trial}_${i}`;
        ids.push(id);
        member.client.edit(put({ claims: [makeClaim(id, `Trial ${trial} claim ${i}`)] }));
      }
      expect(updates).toHaveLength(150);
      member.destroy();
      const s = await rawMember(server.url, keys.doc, keys.editToken);
      // Killed (synchronously, as the acknowledgement arrives) while the updates are being handled.
      const killAt = 10 + trial * 25;
      let acks = 0;
      s.ws.on('message', (data: Buffer) => {
        if (data[data[0]! + 1] === SYNC_STATUS && ++acks === killAt) process.kill(server.pid, 'SIGKILL');
      });
      for (const u of updates) s.send(updateMessage(keys.doc, u));
      await expect.poll(() => acks >= killAt, { timeout: 20_000 }).toBe(true);
      await server.kill('SIGKILL');
      await expect.poll(() => s.closed !== null, { timeout: 10_000 }).toBe(true);
      const acked = s.received.filter((t) => t === SYNC_STATUS).length;
      expect(acked).toBeLessThanOrEqual(150);
      server = await start();
      const reader = await NetClient.join(server.url, keys.doc, keys.reviewToken, `Reader ${trial}`);
      // Acknowledgements come in order: the first `acked` updates must all be there.
      const missing = ids.slice(0, acked).filter((id) => !(id in reader.doc.claims));
      // Closed while its server is up (the next trial kills it; a provider closed mid-reconnect throws).
      reader.destroy();
      expect(missing).toEqual([]);
      stored += acked;
    }
    expect(stored).toBeGreaterThan(0);
  });

  it('refuses a second server on the same data folder, and takes over a stale lock', async () => {
    freshDir();
    const first = await start();
    // Tracked, so that a server that wrongly starts is stopped after the test.
    await expect(start([], PORT + 1)).rejects.toThrow(/in use by another sharing server \(pid \d+\)/);
    const { keys, alice } = await shared(first);
    alice.client.edit(put({ claims: [makeClaim('c_kept', 'Kept')] }));
    await alice.conn.whenSynced();
    open.splice(open.indexOf(alice), 1);
    alice.destroy();
    // A kill leaves the lock file behind with a dead pid: the next server takes over.
    await first.kill('SIGKILL');
    expect(readFileSync(join(dataDir, 'warrant-share.lock'), 'utf8').trim()).toBe(String(first.pid));
    const second = await start([], PORT + 1);
    const reader = await NetClient.join(second.url, keys.doc, keys.reviewToken, 'Reader');
    expect(reader.doc.claims['c_kept']).toBeDefined();
    reader.destroy();
    await second.kill('SIGTERM');
    expect(existsSync(join(dataDir, 'warrant-share.lock'))).toBe(false);
  });

  it('on a full disk refuses edits with a notice, keeps serving maps, and resumes when there is room', async () => {
    freshDir();
    const fault = join(dataDir, 'disk-full');
    const server = await start(['--fault-file', fault]);
    const { keys, alice } = await shared(server);
    const watcher = await rawMember(server.url, keys.doc, keys.editToken);
    writeFileSync(fault, '');
    alice.client.edit(put({ claims: [makeClaim('c_full', 'Made while the disk is full')] }));
    await expect.poll(() => server.logs.some((l) => l.includes('storage full')), { timeout: 10_000 }).toBe(true);
    // The watcher learns it too, on its next edit.
    const edit = new Y.Doc();
    edit.getMap('claims'); // an empty update: nothing new, still an edit attempt
    watcher.send(updateMessage(keys.doc, Y.encodeStateAsUpdate(edit)));
    await expect.poll(() => statelessTexts(watcher).some((t) => t.includes('"state":"full"')), { timeout: 10_000 }).toBe(true);
    // Reads still work: a newcomer opens the map, without the refused edit.
    const carol = track(await NetClient.join(server.url, keys.doc, keys.reviewToken, 'Carol'));
    expect(Object.keys(carol.doc.claims).sort()).toEqual(['c_sub', 'c_thesis']);
    // A new map cannot be registered meanwhile.
    const stranger = await raw(server.url);
    const other = newShareKeys();
    stranger.send(authMessage(other.doc, await creatorAuth(other)));
    await expect.poll(() => new TextDecoder().decode(stranger.messages[0] ?? new Uint8Array()).includes('storage-full'), { timeout: 10_000 }).toBe(true);
    expect(server.child.exitCode).toBeNull();
    rmSync(fault);
    // Room again: Alice's kept edit reaches the server without her doing anything.
    await expect.poll(() => statelessTexts(watcher).some((t) => t.includes('"state":"ok"')), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => 'c_full' in carol.doc.claims, { timeout: 20_000 }).toBe(true);
    const dan = track(await NetClient.join(server.url, keys.doc, keys.reviewToken, 'Dan'));
    expect(dan.doc.claims['c_full']).toBeDefined();
  });

  it('hits a real SQLITE_FULL at the data cap without dying', async () => {
    freshDir();
    const server = await start(['--max-data-mb', '1']);
    const { keys, alice } = await shared(server);
    for (let i = 0; i < 12; i++) alice.client.edit(put({ sources: [makeSource(`src_big_${i}`, `${i} ${'x'.repeat(100_000)}`)] }));
    await expect.poll(() => server.logs.some((l) => l.includes('storage full')), { timeout: 20_000 }).toBe(true);
    expect(server.child.exitCode).toBeNull();
    const reader = track(await NetClient.join(server.url, keys.doc, keys.reviewToken, 'Reader'));
    expect(reader.doc.claims['c_thesis']).toBeDefined();
  });

  it('limits how many maps one socket and one address may register', async () => {
    freshDir();
    const server = await start();
    const registerOn = async (s: RawSocket, n: number) => {
      for (let i = 0; i < n; i++) {
        const keys = newShareKeys();
        s.send(authMessage(keys.doc, await creatorAuth(keys)));
      }
    };
    const first = await raw(server.url);
    await registerOn(first, 6);
    await expect.poll(() => first.messages.length, { timeout: 10_000 }).toBe(6);
    expect(server.logs.filter((l) => l.includes('registered shared map'))).toHaveLength(4);
    for (let i = 0; i < 5; i++) await registerOn(await raw(server.url), 4);
    await expect.poll(() => server.logs.filter((l) => l.includes('too many new maps')).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2 + 4);
    expect(server.logs.filter((l) => l.includes('registered shared map'))).toHaveLength(20);
  });

  it('closes a socket that sends past the bounds before authenticating, and one that never authenticates', async () => {
    freshDir();
    const server = await start();
    const flood = await raw(server.url);
    const doc = newShareKeys().doc;
    const junk = updateMessage(doc, new Uint8Array(10_000));
    for (let i = 0; i < 200 && flood.ws.readyState === WebSocket.OPEN; i++) flood.send(junk);
    await expect.poll(() => flood.closed, { timeout: 10_000 }).toEqual({ code: 4429, reason: 'too-many-messages' });
    const names = await raw(server.url);
    for (let i = 0; i < 20 && names.ws.readyState === WebSocket.OPEN; i++) names.send(updateMessage(newShareKeys().doc, new Uint8Array(4)));
    await expect.poll(() => names.closed, { timeout: 10_000 }).toEqual({ code: 4429, reason: 'too-many-documents' });
    const silent = await raw(server.url);
    await expect.poll(() => silent.closed, { timeout: 20_000 }).toEqual({ code: 4401, reason: 'authentication-timeout' });
    // The server still serves.
    const { alice } = await shared(server);
    expect(alice.conn.status).toBe('live');
  });

  it('refuses a message over the limit once, with a reason, without a stack trace', async () => {
    freshDir();
    const server = await start();
    const { keys } = await shared(server);
    for (let attempt = 0; attempt < 3; attempt++) {
      const s = await rawMember(server.url, keys.doc, keys.editToken);
      s.ws.send(Buffer.alloc(17 * 1024 * 1024, 1));
      await expect.poll(() => s.closed, { timeout: 20_000 }).toEqual({ code: 1009, reason: 'message-too-large' });
    }
    expect(server.logs.filter((l) => l.includes('larger than the message limit'))).toHaveLength(1);
    expect(server.logs.filter((l) => /^\s+at /.test(l))).toEqual([]);
  });

  it('lets no connection publish presence under another client id, nor broadcast', async () => {
    freshDir();
    const server = await start();
    const { keys, alice } = await shared(server);
    const bob = track(await NetClient.join(server.url, keys.doc, keys.editToken, 'Bob'));
    await expect.poll(() => bob.conn.peers().map((p) => p.name), { timeout: 10_000 }).toEqual(['Alice']);
    const aliceId = alice.client.ydoc.clientID;
    const spoofer = await rawMember(server.url, keys.doc, keys.reviewToken);
    spoofer.send(awarenessMessage(keys.doc, [{ id: aliceId, clock: 1000, state: { user: { name: 'Mallory', selection: [] } } }]));
    await expect.poll(() => spoofer.received.includes(CLOSE), { timeout: 10_000 }).toBe(true);
    // Its own presence is fine, but not a 100 kB one.
    const own = await rawMember(server.url, keys.doc, keys.reviewToken);
    own.send(awarenessMessage(keys.doc, [{ id: 424242, clock: 1, state: { user: { name: 'Rita', selection: [] } } }]));
    const big = await rawMember(server.url, keys.doc, keys.reviewToken);
    big.send(awarenessMessage(keys.doc, [{ id: 515151, clock: 1, state: { user: { name: 'x'.repeat(100_000), selection: [] } } }]));
    await expect.poll(() => big.received.includes(CLOSE), { timeout: 10_000 }).toBe(true);
    const caster = await rawMember(server.url, keys.doc, keys.reviewToken);
    caster.send(broadcastStatelessMessage(keys.doc, 'y'.repeat(1_000_000)));
    await expect.poll(() => caster.received.includes(CLOSE), { timeout: 10_000 }).toBe(true);
    // Bob's next view of the peers: Alice as herself, Rita, and nobody else.
    await expect.poll(() => bob.conn.peers().map((p) => p.name).sort(), { timeout: 10_000 }).toEqual(['Alice', 'Rita']);
    expect(own.received.includes(CLOSE)).toBe(false);
    const observer = await rawMember(server.url, keys.doc, keys.editToken);
    alice.client.edit(put({ claims: [makeClaim('c_after', 'After')] }));
    await expect.poll(() => 'c_after' in bob.doc.claims, { timeout: 10_000 }).toBe(true);
    expect(observer.received.includes(STATELESS)).toBe(false);
  });

  it('bounds the connections one address may hold', async () => {
    freshDir();
    const server = await start(['--max-connections-per-address', '5']);
    for (let i = 0; i < 5; i++) await raw(server.url);
    await expect(RawSocket.open(server.url)).rejects.toThrow(/429/);
    sockets.pop()!.ws.terminate();
    await expect.poll(async () => RawSocket.open(server.url).then((s) => (sockets.push(s), true), () => false), { timeout: 10_000 }).toBe(true);
    expect(server.logs.some((l) => l.includes('more than 5 open'))).toBe(true);
  });
});
