/**
 * Several sharing server instances on one Redis and one PostgreSQL, each
 * started here on loopback (server/serviceKit.ts) and stopped after. The
 * instances run as child processes (built once) so they can be killed for real;
 * a small TCP forwarder stands in for the load balancer in front of them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { Redis as RedisClient } from 'ioredis';
import * as decoding from 'lib0/decoding';
import { deletionChange, emptyChange, type Change } from '../src/domain/change';
import { addCommentChange } from '../src/domain/comments';
import { checkDoc } from '../src/domain/integrity';
import { makeClaim, makeLink, smallDoc } from '../src/test/factories';
import { newShareKeys, type ShareKeys } from '../src/share/tokens';
import { diffYDocToChange } from '../src/share/yMap';
import { PgStore } from './pgStore';
import { startPostgres, startRedis, type Service } from './serviceKit';
import { NetClient, RawSocket, authMessage, buildServer, startServerProcess, updateMessage, type ServerProcess } from './testKit';

// Ports: instances from WARRANT_MULTI_TEST_PORT (4 in a row, then the balancer), Redis and PostgreSQL of their own.
const PORT = Number(process.env.WARRANT_MULTI_TEST_PORT ?? 4571);
const BALANCER_PORT = PORT + 4;
const REDIS_PORT = Number(process.env.WARRANT_MULTI_REDIS_PORT ?? 6391);
const PG_PORT = Number(process.env.WARRANT_MULTI_PG_PORT ?? 5441);
const SYNC_STATUS = 8;
const AUTH = 2;

const put = (over: Partial<Change['put']>): Change => ({ ...emptyChange('map_test'), put: over });

let redis: Service;
let pg: Service;
let dataDir: string;
const servers: ServerProcess[] = [];
const open: NetClient[] = [];
const sockets: RawSocket[] = [];
const forwarders: NetServer[] = [];
const stores: PgStore[] = [];

beforeAll(async () => {
  buildServer();
  dataDir = mkdtempSync(join(tmpdir(), 'warrant-multi-'));
  [redis, pg] = await Promise.all([startRedis(REDIS_PORT), startPostgres(PG_PORT)]);
}, 120_000);

afterEach(async () => {
  if (process.env.SHOW_LOGS) for (const s of servers) console.log(s.logs.join('\n'));
  for (const c of open.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.ws.terminate();
  for (const f of forwarders.splice(0)) f.close();
  await Promise.all(stores.splice(0).map((s) => s.close()));
  for (const s of servers.splice(0)) await s.kill('SIGTERM');
});
afterAll(async () => {
  for (const s of servers.splice(0)) await s.kill();
  await Promise.all([redis?.stop(), pg?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Instance `n` (0–3) on the shared Redis and PostgreSQL. */
async function instance(n: number): Promise<ServerProcess> {
  const server = await startServerProcess(PORT + n, dataDir, ['--postgres', pg.url, '--redis', redis.url, '--max-connections-per-address', '200', '--catch-up-ms', '500']);
  servers.push(server);
  return server;
}
const track = (c: NetClient) => (open.push(c), c);
const raw = async (url: string) => {
  const s = await RawSocket.open(url);
  sockets.push(s);
  return s;
};

/** A load balancer of the simplest kind: each new TCP connection goes to the instance `target()` names. */
async function balancer(target: () => number): Promise<string> {
  const live = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: target() });
    live.add(client);
    client.pipe(upstream).pipe(client);
    const cut = () => {
      client.destroy();
      upstream.destroy();
      live.delete(client);
    };
    client.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);
  });
  server.on('close', () => live.forEach((s) => s.destroy()));
  await new Promise<void>((r) => server.listen(BALANCER_PORT, '127.0.0.1', () => r()));
  forwarders.push(server);
  return `ws://127.0.0.1:${BALANCER_PORT}`;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** Waits until every client's map is the same, matches its Y.Doc and is whole. */
async function converged(clients: NetClient[], timeout = 20_000): Promise<void> {
  await expect
    .poll(() => {
      const [first, ...rest] = clients;
      return rest.every((c) => JSON.stringify(sorted(c.doc)) === JSON.stringify(sorted(first!.doc)));
    }, { timeout, interval: 50 })
    .toBe(true);
  for (const c of clients) {
    expect(diffYDocToChange(c.client.ydoc, c.doc).change).toEqual(emptyChange(c.doc.map.id));
    expect(checkDoc(c.doc)).toEqual([]);
    expect(c.client.rejected()).toEqual([]);
  }
}

async function sharedOn(server: ServerProcess): Promise<{ keys: ShareKeys; alice: NetClient }> {
  const keys = newShareKeys();
  const alice = track(await NetClient.share(server.url, smallDoc(), keys, 'Alice'));
  await alice.conn.whenSynced();
  return { keys, alice };
}

/** A small deterministic random source (the runs are reproducible). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One random edit by `c`: a new claim, a changed text, a link, or a deletion. */
function randomEdit(c: NetClient, rnd: () => number, tag: string): void {
  const claims = Object.keys(c.doc.claims);
  const pick = () => claims[Math.floor(rnd() * claims.length)]!;
  const r = rnd();
  if (r < 0.45 || claims.length < 3) c.client.edit(put({ claims: [makeClaim(`c_${tag}`, `Claim ${tag}`)] }));
  else if (r < 0.75) {
    const id = pick();
    c.client.edit(put({ claims: [{ ...c.doc.claims[id]!, text: `Edited ${tag}` }] }));
  } else if (r < 0.92) {
    const from = pick();
    const to = pick();
    if (from !== to) c.client.edit(put({ links: [makeLink(`l_${tag}`, from, to)] }));
  } else {
    const id = pick();
    if (id !== 'c_thesis') c.client.edit(deletionChange(c.doc, { claims: [id] }));
  }
}

/** Resolves after pending I/O callbacks: lets edits of different clients interleave on the wire. */
const turn = () => new Promise<void>((r) => setImmediate(r));

describe('several sharing server instances (Redis + PostgreSQL)', { timeout: 60_000 }, () => {
  it('two instances and three clients converge after random edits on both sides; a third instance serves the map', async () => {
    const [a, b] = await Promise.all([instance(0), instance(1)]);
    const { keys, alice } = await sharedOn(a);
    const bob = track(await NetClient.join(b.url, keys.doc, keys.editToken, 'Bob'));
    const carol = track(await NetClient.join(b.url, keys.doc, keys.editToken, 'Carol'));
    expect(bob.doc).toEqual(alice.doc);
    const rnd = random(25);
    const clients = [alice, bob, carol];
    for (let i = 0; i < 40; i++) {
      for (const [n, c] of clients.entries()) randomEdit(c, rnd, `${n}_${i}`);
      await turn();
    }
    await converged(clients);
    expect(Object.keys(alice.doc.claims).length).toBeGreaterThan(20);
    await Promise.all(clients.map((c) => c.conn.whenSynced()));
    // A third instance, started later, serves the map from PostgreSQL.
    const c3 = await instance(2);
    const dave = track(await NetClient.join(c3.url, keys.doc, keys.reviewToken, 'Dave'));
    expect(sorted(dave.doc)).toEqual(sorted(alice.doc));
    // And it is live there: an edit at instance 1 reaches a client of instance 3.
    bob.client.edit(put({ claims: [makeClaim('c_late', 'After the third instance')] }));
    await expect.poll(() => 'c_late' in dave.doc.claims, { timeout: 10_000 }).toBe(true);
  });

  it('relays a change as itself: the whole-map sync between instances runs now and then, not per change', async () => {
    const [a, b] = await Promise.all([instance(0), instance(1)]);
    const { keys, alice } = await sharedOn(a);
    const bob = track(await NetClient.join(b.url, keys.doc, keys.editToken, 'Bob'));
    // What the instances publish to each other about this map, by kind.
    const listener = new RedisClient(redis.url, { lazyConnect: true });
    await listener.connect();
    const seen = { relays: 0, syncStep1: 0 };
    listener.on('messageBuffer', (_channel: Buffer, data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data.subarray(1 + data[0]!)));
      decoding.readVarString(d); // the map's name
      if (decoding.readVarUint(d) !== 0) return; // sync messages only (not replies, not presence)
      const step = decoding.readVarUint(d);
      if (step === 0) seen.syncStep1++;
      else if (step === 1) seen.relays++;
    });
    await listener.subscribe(`warrant:${keys.doc}`);
    const started = Date.now();
    for (let i = 0; i < 60; i++) {
      alice.client.edit(put({ claims: [makeClaim(`c_burst_${i}`, `Burst ${i}`)] }));
      await turn();
    }
    await expect.poll(() => Object.keys(bob.doc.claims).filter((id) => id.startsWith('c_burst_')).length, { timeout: 20_000 }).toBe(60);
    const seconds = (Date.now() - started) / 1000;
    await listener.quit();
    // Each change reaches the other instance in one relay of its own...
    expect(seen.relays).toBeGreaterThanOrEqual(60);
    // ...and the sync step that heals a lost one (its answer carries the whole map's
    // deletions) goes out about once a second per instance, not once per change.
    expect(seen.syncStep1).toBeLessThanOrEqual(2 * (Math.ceil(seconds) + 2));
    await converged([alice, bob]);
  });

  it('an instance killed mid-edit and restarted has every update it acknowledged', async () => {
    const [a, b] = await Promise.all([instance(0), instance(1)]);
    const { keys, alice } = await sharedOn(b);
    // Updates made by a client of its own (the map from the server), sent by hand.
    const writer = await NetClient.join(a.url, keys.doc, keys.editToken, 'Writer');
    writer.conn.disconnect();
    const updates: Uint8Array[] = [];
    writer.client.ydoc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 120; i++) writer.client.edit(put({ claims: [makeClaim(`c_k${i}`, `Before the kill ${i}`)] }));
    writer.destroy();
    const s = await raw(a.url);
    s.send(authMessage(keys.doc, JSON.stringify({ token: keys.editToken })));
    await expect.poll(() => s.received.includes(AUTH), { timeout: 10_000 }).toBe(true);
    let acks = 0;
    // Killed as the 40th acknowledgement arrives, while the rest are being stored.
    s.ws.on('message', (data: Buffer) => {
      if (data[data[0]! + 1] === SYNC_STATUS && ++acks === 40) process.kill(a.pid, 'SIGKILL');
    });
    for (const u of updates) s.send(updateMessage(keys.doc, u));
    await expect.poll(() => acks >= 40, { timeout: 20_000 }).toBe(true);
    await a.kill('SIGKILL');
    await expect.poll(() => s.closed !== null, { timeout: 10_000 }).toBe(true);
    const acked = s.received.filter((t) => t === SYNC_STATUS).length;
    expect(acked).toBeGreaterThanOrEqual(40);
    // Acknowledgements come in order (one message of a connection at a time): the first `acked` are stored.
    const ackedIds = Array.from({ length: acked }, (_, i) => `c_k${i}`);
    // The other instance gets those it was not relayed (the killed one stored them, then died)
    // by reading the store's tail; its client sees them.
    await expect.poll(() => ackedIds.filter((id) => !(id in alice.doc.claims)), { timeout: 10_000 }).toEqual([]);
    const restarted = await instance(0);
    for (const url of [restarted.url, b.url]) {
      const reader = track(await NetClient.join(url, keys.doc, keys.reviewToken, 'Reader'));
      expect(ackedIds.filter((id) => !(id in reader.doc.claims))).toEqual([]);
      expect(checkDoc(reader.doc)).toEqual([]);
    }
  });

  it('a client of a killed instance reconnects through the balancer to the other and loses nothing', async () => {
    const [a, b] = await Promise.all([instance(0), instance(1)]);
    let target = a;
    const front = await balancer(() => Number(new URL(target.url).port));
    const { keys, alice } = await sharedOn(b);
    const bob = track(await NetClient.join(front, keys.doc, keys.editToken, 'Bob'));
    for (let i = 0; i < 20; i++) bob.client.edit(put({ claims: [makeClaim(`c_b${i}`, `Bob ${i}`)] }));
    // Killed with Bob's edits in flight; the balancer sends new connections to the other instance.
    await a.kill('SIGKILL');
    target = b;
    for (let i = 20; i < 30; i++) bob.client.edit(put({ claims: [makeClaim(`c_b${i}`, `Bob offline ${i}`)] }));
    await expect.poll(() => bob.conn.status, { timeout: 20_000 }).toBe('live');
    await bob.conn.whenSynced();
    await converged([alice, bob]);
    for (let i = 0; i < 30; i++) expect(alice.doc.claims[`c_b${i}`]).toBeDefined();
    const c3 = await instance(2);
    const reader = track(await NetClient.join(c3.url, keys.doc, keys.reviewToken, 'Reader'));
    expect(sorted(reader.doc)).toEqual(sorted(alice.doc));
  });

  it('keeps editing through a Redis restart, refuses new connections meanwhile, and converges after', async () => {
    const [a, b] = await Promise.all([instance(0), instance(1)]);
    const { keys, alice } = await sharedOn(a);
    const bob = track(await NetClient.join(b.url, keys.doc, keys.editToken, 'Bob'));
    alice.client.edit(put({ claims: [makeClaim('c_before', 'Before')] }));
    await converged([alice, bob]);
    await redis.halt(true);
    await expect.poll(() => a.logs.some((l) => l.includes('Redis unreachable')) && b.logs.some((l) => l.includes('Redis unreachable')), { timeout: 10_000 }).toBe(true);
    // New connections: closed with "try again later", and the health check says why.
    const refused = await raw(a.url);
    await expect.poll(() => refused.closed, { timeout: 10_000 }).toEqual({ code: 1013, reason: 'storage-unavailable' });
    const health = await fetch(`http://127.0.0.1:${PORT + 1}/health`);
    expect(health.status).toBe(503);
    expect(await health.text()).toContain('Redis unreachable');
    // Edits go on, each stored by its own instance.
    for (let i = 0; i < 10; i++) {
      alice.client.edit(put({ claims: [makeClaim(`c_a${i}`, `Alice while Redis is down ${i}`)] }));
      bob.client.edit(put({ claims: [makeClaim(`c_b${i}`, `Bob while Redis is down ${i}`)] }));
    }
    await Promise.all([alice.conn.whenSynced(), bob.conn.whenSynced()]);
    await redis.start();
    await converged([alice, bob]);
    for (let i = 0; i < 10; i++) expect(alice.doc.claims[`c_b${i}`] && bob.doc.claims[`c_a${i}`]).toBeDefined();
    // Live again in both directions, and open to newcomers.
    bob.client.edit(put({ claims: [makeClaim('c_after', 'After')] }));
    await expect.poll(() => 'c_after' in alice.doc.claims, { timeout: 10_000 }).toBe(true);
    const carol = track(await NetClient.join(a.url, keys.doc, keys.editToken, 'Carol'));
    await converged([alice, bob, carol]);
  });

  it('while PostgreSQL is down takes no edit it cannot store, refuses newcomers, and resumes after', async () => {
    const [a, b] = await Promise.all([instance(0), instance(1)]);
    const { keys, alice } = await sharedOn(a);
    const bob = track(await NetClient.join(b.url, keys.doc, keys.editToken, 'Bob'));
    // An editor speaking the protocol by hand, to read what the server tells it.
    const editor = await raw(a.url);
    editor.send(authMessage(keys.doc, JSON.stringify({ token: keys.editToken })));
    await expect.poll(() => editor.received.includes(AUTH), { timeout: 10_000 }).toBe(true);
    const notices = () => editor.messages.map((m) => new TextDecoder().decode(m)).filter((t) => t.includes('"warrant":"storage"'));
    await pg.halt();
    try {
      alice.client.edit(put({ claims: [makeClaim('c_down', 'While the database is down')] }));
      await expect.poll(() => a.logs.some((l) => l.includes('storage unreachable')), { timeout: 20_000 }).toBe(true);
      // Not acknowledged, not relayed: it waits in Alice's client.
      expect(alice.conn.hasUnsyncedChanges).toBe(true);
      expect(bob.doc.claims['c_down']).toBeUndefined();
      // A further edit is refused with the reason.
      const evil = new Y.Doc();
      evil.getMap('claims').set('c_raw_down', new Y.Map<unknown>(Object.entries(makeClaim('c_raw_down', 'Raw while down'))));
      editor.send(updateMessage(keys.doc, Y.encodeStateAsUpdate(evil)));
      await expect.poll(() => notices().some((t) => t.includes('"state":"unavailable"')), { timeout: 10_000 }).toBe(true);
      const refused = await raw(b.url);
      refused.send(authMessage(keys.doc, JSON.stringify({ token: keys.editToken })));
      await expect.poll(() => refused.closed, { timeout: 20_000 }).toEqual({ code: 1013, reason: 'storage-unavailable' });
    } finally {
      await pg.start();
    }
    await expect.poll(() => 'c_down' in bob.doc.claims, { timeout: 20_000 }).toBe(true);
    await expect.poll(() => notices().some((t) => t.includes('"state":"ok"')), { timeout: 10_000 }).toBe(true);
    await alice.conn.whenSynced();
    await converged([alice, bob]);
    const carol = track(await NetClient.join(b.url, keys.doc, keys.reviewToken, 'Carol'));
    expect(carol.doc.claims['c_down']).toBeDefined();
  });

  it('two instances compacting one map while both append lose no update', async () => {
    const logs: string[] = [];
    const log = (line: string) => logs.push(line);
    // Opened together on a database whose tables may be new: creating them must not collide.
    // Every row old enough to merge (the server keeps the last 30 s as rows).
    const opened = await Promise.allSettled([PgStore.open({ url: pg.url, keepRecentMs: 0 }, log), PgStore.open({ url: pg.url, keepRecentMs: 0 }, log)]);
    for (const o of opened) if (o.status === 'fulfilled') stores.push(o.value);
    expect(opened.map((o) => (o.status === 'rejected' ? String(o.reason) : 'opened'))).toEqual(['opened', 'opened']);
    const [one, two] = stores as [PgStore, PgStore];
    {
      const name = newShareKeys().doc;
      await one.addMap(name, 'e', 'r');
      // Each update adds one claim to a Y.Doc of its own writer: the stored map must end with all of them.
      const writer = (store: PgStore, tag: string) => async () => {
        const doc = new Y.Doc();
        for (let i = 0; i < 60; i++) {
          const before = Y.encodeStateVector(doc);
          doc.getMap('claims').set(`c_${tag}${i}`, `claim ${i}`);
          await store.append(name, Y.encodeStateAsUpdate(doc, before));
        }
      };
      let writing = true;
      const compactor = (store: PgStore) => async () => {
        let runs = 0;
        while (writing || runs < 2) {
          await store.compact(name);
          runs++;
        }
        return runs;
      };
      const writers = Promise.all([writer(one, 'a')(), writer(two, 'b')()]).finally(() => (writing = false));
      const [runsOne, runsTwo] = await Promise.all([compactor(one)(), compactor(two)(), writers]);
      expect(runsOne + runsTwo).toBeGreaterThan(4);
      const doc = new Y.Doc();
      for (const u of await one.load(name)) Y.applyUpdate(doc, u);
      expect(doc.getMap('claims').size).toBe(120);
      // Compacted: one state and (at most) the rows of the last moments.
      expect((await two.load(name)).length).toBeLessThan(10);
      expect(logs).toEqual([]);
    }
  });

  it('refuses a review token writes at every instance', async () => {
    const [a, b] = await Promise.all([instance(0), instance(1)]);
    const { keys, alice } = await sharedOn(a);
    for (const server of [a, b]) {
      const reviewer = track(await NetClient.join(server.url, keys.doc, keys.reviewToken, 'Rita'));
      expect(reviewer.conn.status).toBe('read-only');
      reviewer.client.edit(put({ claims: [makeClaim(`c_review_${server.pid}`, 'Should not land')] }));
      const s = await raw(server.url);
      s.send(authMessage(keys.doc, JSON.stringify({ token: keys.reviewToken })));
      await expect.poll(() => s.received.includes(AUTH), { timeout: 10_000 }).toBe(true);
      const evil = new Y.Doc();
      evil.getMap('claims').set(`c_raw_${server.pid}`, new Y.Map<unknown>(Object.entries(makeClaim(`c_raw_${server.pid}`, 'Raw review write'))));
      s.send(updateMessage(keys.doc, Y.encodeStateAsUpdate(evil)));
      await expect.poll(() => s.received.filter((t) => t === SYNC_STATUS).length, { timeout: 10_000 }).toBeGreaterThan(0);
    }
    // A barrier edit: when newcomers at both instances see it, the refused writes were handled.
    alice.client.edit(put({ claims: [makeClaim('c_barrier', 'Barrier')] }));
    for (const server of [a, b]) {
      const newcomer = track(await NetClient.join(server.url, keys.doc, keys.editToken, 'Nina'));
      await expect.poll(() => 'c_barrier' in newcomer.doc.claims, { timeout: 10_000 }).toBe(true);
      expect(Object.keys(newcomer.doc.claims).sort()).toEqual(['c_barrier', 'c_sub', 'c_thesis']);
    }
    expect(Object.keys(alice.doc.claims).sort()).toEqual(['c_barrier', 'c_sub', 'c_thesis']);
  });

  it('takes a review link’s comment at any instance: relayed to the others, and stored', async () => {
    const [a, b] = await Promise.all([instance(0), instance(1)]);
    const { keys, alice } = await sharedOn(a);
    const rita = track(await NetClient.join(b.url, keys.doc, keys.reviewToken, 'Rita'));
    expect(rita.conn.status).toBe('read-only');
    rita.client.edit(addCommentChange(rita.doc, { id: 'cm_rita', on: 'c_thesis', author: 'Rita', text: 'Which source?', now: '2026-12-01T10:00:00.000Z' }));
    await expect.poll(() => alice.doc.comments['cm_rita']?.text, { timeout: 20_000 }).toBe('Which source?');
    for (const server of [a, b]) {
      const newcomer = track(await NetClient.join(server.url, keys.doc, keys.editToken, 'Nina'));
      expect(newcomer.doc.comments['cm_rita']?.author).toBe('Rita');
    }
  });
});
