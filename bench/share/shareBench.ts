/**
 * The sharing benchmark (`npm run bench:share`, or `npm run bench` which calls
 * it): the sharing server as a child process on loopback, clients in this
 * process (a Y.Doc, a local map and a ShareSync each, as in the app).
 *
 * 1. Edit → visible latency between two clients: one edit at a time.
 * 2. N clients (50) on one map, each making one edit a second for D seconds
 *    (60): latency from each edit to each other client seeing it, the server's
 *    memory, and whether every client converged with every edit kept.
 *
 * Clients and server share this machine's cores, so figures include the cost
 * of 50 clients' processing on one event loop: a pessimistic bound.
 */
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type * as Y from 'yjs';
import { emptyChange, type Change, type MapDoc } from '../../src/domain/change';
import { makeClaim, smallDoc } from '../../src/test/factories';
import { newShareKeys } from '../../src/share/tokens';
import { NetClient, startServerProcess } from '../../server/testKit';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.BENCH_SHARE_PORT ?? '4550' },
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: process.env.BENCH_SHARE_SECONDS ?? '60' },
    json: { type: 'string' },
  },
});
const PORT = Number(values.port);
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);

type Result = { name: string; value: number | string; unit: string; goal?: string; note?: string };
const results: Result[] = [];

const put = (over: Partial<Change['put']>): Change => ({ ...emptyChange('map_test'), put: over });
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
const round = (x: number) => Math.round(x * 10) / 10;

function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

function canonical(doc: MapDoc): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sort(doc));
}

/** Calls `onSeen(id, t)` the first time a client's map holds each claim id. */
function watchClaims(c: NetClient, onSeen: (id: string, t: number) => void): void {
  const seen = new Set(Object.keys(c.doc.claims));
  // Registered after the client's ShareSync, so its map already holds the remote Change.
  c.client.ydoc.on('afterTransaction', (tr: Y.Transaction) => {
    const t = performance.now();
    for (const id of Object.keys(c.doc.claims)) {
      if (!seen.has(id)) {
        seen.add(id);
        if (!tr.local) onSeen(id, t); // its own edit is not a delivery
      }
    }
  });
}

async function waitUntil(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return cond();
}

const dataDir = mkdtempSync(join(tmpdir(), 'warrant-share-bench-'));
const server = await startServerProcess(PORT, dataDir);
try {
  // 1. Two clients, one edit at a time.
  {
    const keys = newShareKeys();
    const alice = await NetClient.share(server.url, smallDoc(), keys, 'alice');
    await alice.conn.whenSynced();
    const bob = await NetClient.join(server.url, keys.doc, keys.editToken, 'bob');
    const sent = new Map<string, number>();
    const lat: number[] = [];
    watchClaims(bob, (id, t) => {
      const t0 = sent.get(id);
      if (t0 !== undefined) lat.push(t - t0);
    });
    for (let i = 0; i < 300; i++) {
      const id = `c_lat_${i}`;
      sent.set(id, performance.now());
      alice.client.edit(put({ claims: [makeClaim(id, `Edit ${i}`)] }));
      if (!(await waitUntil(() => id in bob.doc.claims, 5000))) throw new Error(`edit ${i} never arrived`);
    }
    results.push({ name: 'share: edit → visible in another client, p50 (2 clients)', value: round(pct(lat, 50)), unit: 'ms' });
    results.push({ name: 'share: edit → visible in another client, p95 (2 clients)', value: round(pct(lat, 95)), unit: 'ms', goal: '< 100 ms' });
    alice.destroy();
    bob.destroy();
  }

  // 2. Many clients, one edit a second each.
  {
    const keys = newShareKeys();
    const first = await NetClient.share(server.url, smallDoc(), keys, 'client0');
    await first.conn.whenSynced();
    const clients: NetClient[] = [first];
    for (let i = 1; i < CLIENTS; i++) clients.push(await NetClient.join(server.url, keys.doc, keys.editToken, `client${i}`));
    const sent = new Map<string, number>();
    const lat: number[] = [];
    for (const c of clients) {
      watchClaims(c, (id, t) => {
        const t0 = sent.get(id);
        if (t0 !== undefined) lat.push(t - t0);
      });
    }
    const memBefore = rssOf(server.pid);
    const start = performance.now();
    const expected: string[] = [];
    let edits = 0;
    // Each client edits once a second, the clients spread evenly over the second.
    await new Promise<void>((done) => {
      const timers: NodeJS.Timeout[] = [];
      clients.forEach((c, i) => {
        let n = 0;
        const tick = () => {
          if (performance.now() - start >= SECONDS * 1000) return;
          const id = `c_${i}_${n}`;
          sent.set(id, performance.now());
          expected.push(id);
          const change = put({ claims: [makeClaim(id, `Client ${i}, edit ${n}`)] });
          // Every fifth edit also rewrites a field everyone shares: last writer wins, all must agree.
          if (n % 5 === 4) change.put.claims!.push({ ...c.doc.claims['c_thesis']!, note: `set by ${i} at ${n}` });
          c.client.edit(change);
          edits++;
          n++;
        };
        setTimeout(() => {
          tick();
          timers.push(setInterval(tick, 1000));
        }, (1000 * i) / clients.length);
      });
      setTimeout(() => {
        for (const t of timers) clearInterval(t);
        done();
      }, SECONDS * 1000 + 50);
    });
    const memDuring = rssOf(server.pid);
    const settleStart = performance.now();
    const converged = await waitUntil(() => {
      const ref = canonical(clients[0]!.doc);
      return clients.every((c) => canonical(c.doc) === ref);
    }, 60_000);
    const settle = performance.now() - settleStart;
    const allKept = expected.every((id) => clients.every((c) => id in c.doc.claims));
    const rejected = clients.reduce((n, c) => n + c.client.rejected().length, 0);
    results.push({ name: `share: ${CLIENTS} clients × 1 edit/s for ${SECONDS} s — edits made`, value: edits, unit: 'edits' });
    results.push({ name: `share: ${CLIENTS} clients — edit → visible in each other client, p50`, value: round(pct(lat, 50)), unit: 'ms', note: `${lat.length} deliveries` });
    results.push({ name: `share: ${CLIENTS} clients — edit → visible in each other client, p95`, value: round(pct(lat, 95)), unit: 'ms', goal: '< 100 ms' });
    results.push({ name: `share: ${CLIENTS} clients — server memory (RSS) before / at end / peak`, value: `${round(memBefore.rss)} / ${round(memDuring.rss)} / ${round(memDuring.peak)}`, unit: 'MB' });
    results.push({ name: `share: ${CLIENTS} clients — all converged, every edit kept`, value: converged && allKept && rejected === 0 ? 'yes' : `NO (converged ${converged}, kept ${allKept}, rejected ${rejected})`, unit: '', note: `settled ${round(settle)} ms after the last edit` });
    for (const c of clients) c.destroy();
  }
} finally {
  await server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

for (const r of results) console.log(`  ${r.name}: ${r.value} ${r.unit}${r.goal ? `  goal: ${r.goal}` : ''}${r.note ? `  — ${r.note}` : ''}`);
if (values.json) writeFileSync(values.json, JSON.stringify(results));
process.exit(0);
