/**
 * The sharing benchmark (`npm run bench:share`, or `npm run bench` which calls
 * it): the sharing server as a child process on loopback, clients in this
 * process (a Y.Doc, a local map and a ShareSync each, as in the app).
 *
 * 1. Edit → visible latency between two clients: one edit at a time.
 * 2. N clients (50) on one map, each making one edit a second for D seconds
 *    (60): latency from each edit to each other client seeing it, the server's
 *    memory, and whether every client converged with every edit kept.
 * 3. The same with M clients (100) spread over two server instances kept in
 *    step through Redis, maps in PostgreSQL (both started here on loopback,
 *    server/serviceKit.ts): the latency measured is from an edit at one
 *    instance to a client of the other seeing it.
 *
 * Clients and server share this machine's cores, so figures include the cost
 * of 50 clients' processing on one event loop: a pessimistic bound.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { ShareConnection } from '../../src/share/connection';
import { applyChangeToYDoc, defineRoots } from '../../src/share/yMap';
import { emptyChange, type Change, type MapDoc } from '../../src/domain/change';
import { makeClaim, smallDoc } from '../../src/test/factories';
import { memberAuth, newShareKeys } from '../../src/share/tokens';
import { startPostgres, startRedis } from '../../server/serviceKit';
import { NetClient, authMessage, startServerProcess, updateMessage, type ServerProcess } from '../../server/testKit';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.BENCH_SHARE_PORT ?? '4550' },
    clients: { type: 'string', default: '50' },
    'multi-clients': { type: 'string', default: '100' },
    'redis-port': { type: 'string', default: process.env.BENCH_SHARE_REDIS_PORT ?? '6398' },
    'pg-port': { type: 'string', default: process.env.BENCH_SHARE_PG_PORT ?? '5448' },
    // "single" or "multi": one part only.
    only: { type: 'string' },
    seconds: { type: 'string', default: process.env.BENCH_SHARE_SECONDS ?? '60' },
    json: { type: 'string' },
    // Processes the light clients of the two-instance run live in (0: this
    // one). 2 by default: 97 light Y.Docs taking every update on the
    // measuring clients' event loop make it the bottleneck, so the latency
    // measured is that loop's queue rather than the path between instances
    // (bench/README.md).
    'light-procs': { type: 'string', default: '2' },
    // The light clients of the two-instance run as full Y.Docs applying every
    // update they receive (as before), instead of clients on the wire that
    // send their edits and only read what arrives (WireClient).
    'light-docs': { type: 'boolean', default: false },
    // Internal: this process is one of those (a JSON LightJob).
    light: { type: 'string' },
  },
});
const PORT = Number(values.port);
const CLIENTS = Number(values.clients);
const MULTI_CLIENTS = Number(values['multi-clients']);
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

/** CPU seconds a process has used (user + system), from /proc. */
function cpuOf(pid: number): number {
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function canonical(doc: MapDoc | Record<string, unknown>): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sort(doc));
}

/** Calls `onSeen(id, t)` when a remote update brings a claim into the client's map (delivered by its ShareSync). */
function watchClaims(c: NetClient, onSeen: (id: string, t: number) => void): void {
  c.client.delivered.push((result) => {
    const t = now();
    for (const claim of result.change.put.claims ?? []) if (claim.id in c.doc.claims) onSeen(claim.id, t);
  });
}

/** As the app's share store: remote updates that arrive together are delivered as one. */
const COALESCE = { coalesce: (flush: () => void) => void setImmediate(flush) };

/** Milliseconds since the epoch, to the fraction: the same clock in every process of the run. */
const now = () => performance.timeOrigin + performance.now();
const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/** A connection with a Y.Doc and nothing else: load for the server, edits written straight into Yjs. */
class LightClient {
  private constructor(
    readonly ydoc: Y.Doc,
    readonly conn: ShareConnection,
  ) {}
  static async join(url: string, doc: string, token: string, name: string): Promise<LightClient> {
    const ydoc = new Y.Doc();
    defineRoots(ydoc);
    const conn = new ShareConnection({ server: url, doc, auth: memberAuth(token), ydoc, name, WebSocketPolyfill: WebSocket });
    await conn.whenSynced();
    return new LightClient(ydoc, conn);
  }
  destroy(): void {
    this.conn.destroy();
  }
}

/**
 * A light client on the wire: a real connection that authenticates, sends
 * its edits as Yjs updates of a Y.Doc of its own and reads every message the
 * server sends it, without applying them. The server's work for it is the
 * same as for a full client (it stores, checks, relays and sends it every
 * update); what it saves is the client's own cost of applying 100 updates a
 * second, which for 97 clients on the bench's 2 cores was more than a core.
 * Its edits are new claims and whole-record rewrites of the thesis (editOf),
 * which need nothing of the shared state: Yjs merges them as concurrent
 * writes. Whether every edit was kept is checked by fresh full clients at
 * each instance after the run.
 */
class WireClient {
  received = 0;
  private constructor(
    readonly ydoc: Y.Doc,
    private readonly ws: WebSocket,
  ) {}
  static async join(url: string, doc: string, token: string): Promise<WireClient> {
    const ws = new WebSocket(url);
    ws.on('error', () => {});
    await new Promise((r, j) => {
      ws.once('open', r);
      ws.once('error', j);
    });
    const ydoc = new Y.Doc();
    defineRoots(ydoc);
    const client = new WireClient(ydoc, ws);
    const first = new Promise((r) => ws.once('message', r));
    ws.on('message', () => client.received++);
    ws.send(authMessage(doc, memberAuth(token)));
    // The server answers the authentication before it takes an update.
    await first;
    ydoc.on('update', (update: Uint8Array) => ws.send(updateMessage(doc, update)));
    return client;
  }
  destroy(): void {
    this.ws.close();
  }
}

async function waitUntil(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return cond();
}

/** 1. Two clients, one edit at a time. */
async function twoClients(server: ServerProcess): Promise<void> {
  const keys = newShareKeys();
  const alice = await NetClient.share(server.url, smallDoc(), keys, 'alice', COALESCE);
  await alice.conn.whenSynced();
  const bob = await NetClient.join(server.url, keys.doc, keys.editToken, 'bob', COALESCE);
  const sent = new Map<string, number>();
  const lat: number[] = [];
  watchClaims(bob, (id, t) => {
    const t0 = sent.get(id);
    if (t0 !== undefined) lat.push(t - t0);
  });
  for (let i = 0; i < 300; i++) {
    const id = `c_lat_${i}`;
    sent.set(id, now());
    alice.client.edit(put({ claims: [makeClaim(id, `Edit ${i}`)] }));
    if (!(await waitUntil(() => id in bob.doc.claims, 5000))) throw new Error(`edit ${i} never arrived`);
  }
  results.push({ name: 'share: edit → visible in another client, p50 (2 clients)', value: round(pct(lat, 50)), unit: 'ms' });
  results.push({ name: 'share: edit → visible in another client, p95 (2 clients)', value: round(pct(lat, 95)), unit: 'ms', goal: '< 100 ms' });
  alice.destroy();
  bob.destroy();
}

/**
 * 2. N clients on one map, one edit a second each, spread over `servers`. Every
 * client is a real connection with its own Y.Doc; OBSERVERS of them also run
 * the whole client pipeline (ShareSync, validation, the map). On one shared
 * 2-core machine, N full pipelines would measure this machine's CPU rather
 * than the system: in use, each client runs on its own computer.
 */
async function manyClients(servers: ServerProcess[], CLIENTS: number): Promise<void> {
  const OBSERVERS = 3;
  const keys = newShareKeys();
  // Client i connects to servers[i % servers.length]; with two, the observers sit at both.
  const urlOf = (i: number) => servers[i % servers.length]!.url;
  const first = await NetClient.share(urlOf(0), smallDoc(), keys, 'client0', COALESCE);
  await first.conn.whenSynced();
  const full: NetClient[] = [first];
  for (let i = 1; i < OBSERVERS; i++) full.push(await NetClient.join(urlOf(i), keys.doc, keys.editToken, `client${i}`, COALESCE));
  const light: LightClient[] = [];
  for (let i = OBSERVERS; i < CLIENTS; i++) light.push(await LightClient.join(urlOf(i), keys.doc, keys.editToken, `client${i}`));
  const sent = new Map<string, { t: number; server: number }>();
  const lat: number[] = [];
  full.forEach((c, observer) => {
    watchClaims(c, (id, t) => {
      const s0 = sent.get(id);
      // With several instances only deliveries from another instance count: the path through Redis.
      if (s0 !== undefined && (servers.length === 1 || s0.server !== observer % servers.length)) lat.push(t - s0.t);
    });
  });
  const editors: Array<(change: Change) => void> = [
    ...full.map((c) => (change: Change) => c.client.edit(change)),
    ...light.map((c) => (change: Change) => applyChangeToYDoc(c.ydoc, change)),
  ];
  const thesis = smallDoc().claims['c_thesis']!;
  const memBefore = servers.map((s) => rssOf(s.pid));
  const cpuBefore = servers.map((s) => cpuOf(s.pid));
  const start = performance.now();
  const expected: string[] = [];
  let edits = 0;
  // Each client edits once a second, the clients spread evenly over the second.
  await new Promise<void>((done) => {
    const timers: NodeJS.Timeout[] = [];
    editors.forEach((edit, i) => {
      let n = 0;
      const tick = () => {
        if (performance.now() - start >= SECONDS * 1000) return;
        const id = `c_${i}_${n}`;
        sent.set(id, { t: now(), server: i % servers.length });
        expected.push(id);
        const change = put({ claims: [makeClaim(id, `Client ${i}, edit ${n}`)] });
        // Every fifth edit also rewrites a field everyone shares: last writer wins, all must agree.
        if (n % 5 === 4) change.put.claims!.push({ ...thesis, note: `set by ${i} at ${n}` });
        edit(change);
        edits++;
        n++;
      };
      setTimeout(() => {
        tick();
        timers.push(setInterval(tick, 1000));
      }, (1000 * i) / editors.length);
    });
    setTimeout(() => {
      for (const t of timers) clearInterval(t);
      done();
    }, SECONDS * 1000 + 50);
  });
  const memEnd = servers.map((s) => rssOf(s.pid));
  const cpuShare = servers.map((s, n) => (cpuOf(s.pid) - cpuBefore[n]!) / SECONDS);
  const settleStart = performance.now();
  const allDocs = [...full.map((c) => c.client.ydoc), ...light.map((c) => c.ydoc)];
  const converged = await waitUntil(() => {
    const ref = canonical(full[0]!.doc);
    const refState = canonical(full[0]!.client.ydoc.toJSON());
    return full.every((c) => canonical(c.doc) === ref) && allDocs.every((d) => canonical(d.toJSON()) === refState);
  }, 120_000);
  const settle = performance.now() - settleStart;
  if (!converged) {
    const ref = canonical(full[0]!.doc);
    console.error('maps differ:', full.map((c) => canonical(c.doc) === ref), 'Y.Docs differ:', allDocs.filter((d) => canonical(d.toJSON()) !== canonical(full[0]!.client.ydoc.toJSON())).length);
    const a = JSON.parse(canonical(full[0]!.doc)) as MapDoc;
    const b = JSON.parse(canonical(full[1]!.doc)) as MapDoc;
    console.error(Object.keys(a.claims).length, Object.keys(b.claims).length, JSON.stringify(a.claims['c_thesis']), JSON.stringify(b.claims['c_thesis']));
  }
  const allKept = expected.every((id) => full.every((c) => id in c.doc.claims) && allDocs.every((d) => d.getMap('claims').has(id)));
  const rejected = full.reduce((n, c) => n + c.client.rejected().length, 0);
  const wall = (performance.now() - start) / 1000;
  const label = servers.length === 1 ? `${CLIENTS} clients` : `${CLIENTS} clients on ${servers.length} instances`;
  const delivery = servers.length === 1 ? 'in another client' : 'in a client of another instance';
  results.push({ name: `share: ${label} × 1 edit/s for ${SECONDS} s — edits made`, value: edits, unit: 'edits', note: `${round(edits / Math.min(wall, SECONDS))} edits/s` });
  results.push({ name: `share: ${label} — edit → visible ${delivery}, p50`, value: round(pct(lat, 50)), unit: 'ms', note: `${lat.length} deliveries to ${OBSERVERS} full clients` });
  results.push({ name: `share: ${label} — edit → visible ${delivery}, p95`, value: round(pct(lat, 95)), unit: 'ms', goal: '< 100 ms' });
  servers.forEach((_, n) => {
    const which = servers.length === 1 ? 'server' : `instance ${n + 1}`;
    results.push({ name: `share: ${label} — ${which} memory (RSS) before / at end / peak`, value: `${round(memBefore[n]!.rss)} / ${round(memEnd[n]!.rss)} / ${round(memEnd[n]!.peak)}`, unit: 'MB' });
    results.push({ name: `share: ${label} — ${which} CPU while editing`, value: Math.round(cpuShare[n]! * 100), unit: '% of one core' });
  });
  results.push({ name: `share: ${label} — all converged, every edit kept`, value: converged && allKept && rejected === 0 ? 'yes' : `NO (converged ${converged}, kept ${allKept}, rejected ${rejected})`, unit: '', note: `settled ${round(settle)} ms after the last edit` });
  for (const c of full) c.destroy();
  for (const c of light) c.destroy();
}

/**
 * `observe`: the clients are measuring ones (the whole client pipeline),
 * each in a process of its own, reporting when each claim arrived.
 */
type LightJob = { urls: string[]; doc: string; token: string; from: number; to: number; total: number; seconds: number; wire: boolean; observe?: boolean };

/** One change as client `i` makes it at its `n`th second (the same in every process). */
function editOf(i: number, n: number): Change {
  const change = put({ claims: [makeClaim(`c_${i}_${n}`, `Client ${i}, edit ${n}`)] });
  // Every fifth edit also rewrites a field everyone shares: last writer wins, all must agree.
  if (n % 5 === 4) change.put.claims!.push({ ...smallDoc().claims['c_thesis']!, note: `set by ${i} at ${n}` });
  return change;
}

/**
 * Runs each client's edits, one a second, from `start` (epoch ms) for
 * SECONDS, spread evenly over the second by client number. Resolves with
 * each edit's id and the time it was made.
 */
function editForAWhile(editors: Array<{ i: number; edit: (c: Change) => void }>, total: number, start: number, seconds: number): Promise<Map<string, number>> {
  const sent = new Map<string, number>();
  return new Promise((done) => {
    const timers: NodeJS.Timeout[] = [];
    for (const { i, edit } of editors) {
      let n = 0;
      const tick = () => {
        if (now() - start >= seconds * 1000) return;
        sent.set(`c_${i}_${n}`, now());
        edit(editOf(i, n));
        n++;
      };
      setTimeout(() => {
        tick();
        timers.push(setInterval(tick, 1000));
      }, Math.max(0, start + (1000 * i) / total - now()));
    }
    setTimeout(() => {
      for (const t of timers) clearInterval(t);
      done(sent);
    }, Math.max(0, start + seconds * 1000 + 50 - now()));
  });
}

/** A line-by-line conversation over a child's stdout (or our stdin). */
function lines(input: NodeJS.ReadableStream): () => Promise<string> {
  const it = createInterface({ input })[Symbol.asyncIterator]();
  return async () => {
    const r = await it.next();
    if (r.done) throw new Error('the other process ended');
    return r.value;
  };
}

/** Child mode: light clients `from`..`to`, edits on GO, reports on REPORT, gone on STOP. */
async function lightChild(job: LightJob): Promise<void> {
  const clients: Array<LightClient | WireClient> = [];
  const observers: NetClient[] = [];
  const arrivals: Array<[string, number]> = [];
  for (let i = job.from; i < job.to; i++) {
    const url = job.urls[i % job.urls.length]!;
    if (job.observe) {
      const c = await NetClient.join(url, job.doc, job.token, `client${i}`, COALESCE);
      watchClaims(c, (id, t) => arrivals.push([id, t]));
      observers.push(c);
    } else clients.push(job.wire ? await WireClient.join(url, job.doc, job.token) : await LightClient.join(url, job.doc, job.token, `client${i}`));
  }
  const next = lines(process.stdin);
  process.stdout.write('READY\n');
  const start = Number((await next()).split(' ')[1]);
  const editors = job.observe
    ? observers.map((c, k) => ({ i: job.from + k, edit: (change: Change) => c.client.edit(change) }))
    : clients.map((c, k) => ({ i: job.from + k, edit: (change: Change) => applyChangeToYDoc(c.ydoc, change) }));
  const sent = await editForAWhile(editors, job.total, start, job.seconds);
  process.stdout.write(`SENT ${JSON.stringify([...sent])}\n`);
  for (;;) {
    const line = await next();
    if (line === 'STOP') break;
    if (line === 'ARRIVALS') {
      const rejected = observers.reduce((n, c) => n + c.client.rejected().length, 0);
      process.stdout.write(`ARRIVALS ${JSON.stringify({ arrivals, rejected })}\n`);
      continue;
    }
    // REPORT: what each client's Y.Doc holds, as a hash the parent compares
    // with its own; a wire client holds only its own edits and reports none.
    const docs = [...observers.map((c) => c.client.ydoc), ...clients.flatMap((c) => (c instanceof WireClient ? [] : [c.ydoc]))];
    process.stdout.write(`STATE ${JSON.stringify(docs.map((d) => hashOf(canonical(d.toJSON()))))}\n`);
  }
  for (const c of clients) c.destroy();
  for (const c of observers) c.destroy();
}

/**
 * 3, with the light clients in child processes (`--light-procs`): the
 * observers (full pipelines) stay here and measure; the children make the
 * other clients' edits on the same clock. Latency counts deliveries to an
 * observer of the other instance.
 */
async function manyClientsSpread(servers: ServerProcess[], CLIENTS: number, procs: number): Promise<void> {
  const OBSERVERS = 3;
  const keys = newShareKeys();
  const urls = servers.map((s) => s.url);
  const urlOf = (i: number) => urls[i % urls.length]!;
  const first = await NetClient.share(urlOf(0), smallDoc(), keys, 'client0', COALESCE);
  await first.conn.whenSynced();
  // One measuring client here; the others each in a process of their own,
  // as each would be on its own computer: three whole pipelines on one event
  // loop would measure that loop's queue once the map is large.
  const full: NetClient[] = [first];
  const arrivals: Array<{ id: string; t: number; observer: number }> = [];
  full.forEach((c, observer) => watchClaims(c, (id, t) => arrivals.push({ id, t, observer })));

  const per = Math.ceil((CLIENTS - OBSERVERS) / procs);
  const children: Array<{ child: ReturnType<typeof spawn>; next: () => Promise<string>; say: (line: string) => void; observer?: number }> = [];
  for (let i = 1; i < OBSERVERS; i++) {
    const job: LightJob = { urls, doc: keys.doc, token: keys.editToken, from: i, to: i + 1, total: CLIENTS, seconds: SECONDS, wire: false, observe: true };
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, '--light', JSON.stringify(job)], { stdio: ['pipe', 'pipe', 'inherit'] });
    children.push({ child, next: lines(child.stdout!), say: (line: string) => child.stdin!.write(`${line}\n`), observer: i });
  }
  for (let p = 0; p < procs; p++) {
    const from = OBSERVERS + p * per;
    const to = Math.min(CLIENTS, from + per);
    if (from >= to) break;
    const job: LightJob = { urls, doc: keys.doc, token: keys.editToken, from, to, total: CLIENTS, seconds: SECONDS, wire: !values['light-docs'] };
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, '--light', JSON.stringify(job)], { stdio: ['pipe', 'pipe', 'inherit'] });
    children.push({ child, next: lines(child.stdout), say: (line: string) => child.stdin.write(`${line}\n`) });
  }
  for (const c of children) if ((await c.next()) !== 'READY') throw new Error('a client process did not start');

  const memBefore = servers.map((s) => rssOf(s.pid));
  const cpuBefore = servers.map((s) => cpuOf(s.pid));
  // Who spends the machine's cores: this process (the three full clients) and each light-client process.
  const clientPids = [process.pid, ...children.map((c) => c.child.pid!)];
  const clientCpuBefore = clientPids.map(cpuOf);
  const start = now() + 500;
  for (const c of children) c.say(`GO ${start}`);
  const mine = editForAWhile(
    full.map((c, i) => ({ i, edit: (change: Change) => c.client.edit(change) })),
    CLIENTS,
    start,
    SECONDS,
  );
  const sent = new Map(await mine);
  for (const c of children) {
    const line = await c.next();
    for (const [id, t] of JSON.parse(line.slice('SENT '.length)) as Array<[string, number]>) sent.set(id, t);
  }
  const memEnd = servers.map((s) => rssOf(s.pid));
  const cpuShare = servers.map((s, n) => (cpuOf(s.pid) - cpuBefore[n]!) / SECONDS);
  const clientCpu = clientPids.map((pid, n) => (cpuOf(pid) - clientCpuBefore[n]!) / SECONDS);

  const expected = [...sent.keys()];
  const settleStart = now();
  const kept = () => expected.every((id) => full.every((c) => id in c.doc.claims));
  const same = () => full.every((c) => canonical(c.doc) === canonical(full[0]!.doc));
  const converged = await waitUntil(() => kept() && same(), 120_000);
  const settle = now() - settleStart;
  // The children's Y.Docs: the same state as the observers'.
  const want = hashOf(canonical(full[0]!.client.ydoc.toJSON()));
  let lightSame = false;
  const lightDeadline = Date.now() + 60_000;
  while (!lightSame && Date.now() < lightDeadline) {
    const states: string[] = [];
    for (const c of children) {
      c.say('REPORT');
      states.push(...(JSON.parse((await c.next()).slice('STATE '.length)) as string[]));
    }
    lightSame = states.every((h) => h === want);
    if (!lightSame) await new Promise((r) => setTimeout(r, 200));
  }
  // The measuring processes' deliveries and refusals.
  let childRejected = 0;
  for (const c of children) {
    if (c.observer === undefined) continue;
    c.say('ARRIVALS');
    const got = JSON.parse((await c.next()).slice('ARRIVALS '.length)) as { arrivals: Array<[string, number]>; rejected: number };
    for (const [id, t] of got.arrivals) arrivals.push({ id, t, observer: c.observer });
    childRejected += got.rejected;
  }
  for (const c of children) c.say('STOP');
  // Every edit kept, as a newcomer sees the map: a fresh full client at each instance.
  let freshKept = true;
  if (!values['light-docs']) {
    const fresh = await Promise.all(urls.map((url, n) => NetClient.join(url, keys.doc, keys.editToken, `fresh${n}`)));
    freshKept = await waitUntil(() => fresh.every((c) => expected.every((id) => id in c.doc.claims) && canonical(c.doc) === canonical(full[0]!.doc)), 60_000);
    for (const c of fresh) c.destroy();
  }

  const serverOf = (id: string) => Number(id.split('_')[1]) % servers.length;
  const lat: number[] = [];
  for (const a of arrivals) {
    const t0 = sent.get(a.id);
    if (t0 !== undefined && serverOf(a.id) !== a.observer % servers.length) lat.push(a.t - t0);
  }
  const rejected = full.reduce((n, c) => n + c.client.rejected().length, 0) + childRejected;
  const lightProcs = children.filter((c) => c.observer === undefined).length;
  const label = `${CLIENTS} clients on ${servers.length} instances (${OBSERVERS} measuring, each in its own process; the rest in ${lightProcs} processes)`;
  results.push({ name: `share: ${label} × 1 edit/s for ${SECONDS} s — edits made`, value: sent.size, unit: 'edits', note: `${round(sent.size / SECONDS)} edits/s` });
  results.push({ name: `share: ${label} — edit → visible in a client of another instance, p50`, value: round(pct(lat, 50)), unit: 'ms', note: `${lat.length} deliveries to ${OBSERVERS} full clients` });
  results.push({ name: `share: ${label} — edit → visible in a client of another instance, p95`, value: round(pct(lat, 95)), unit: 'ms', goal: '< 100 ms' });
  servers.forEach((_, n) => {
    results.push({ name: `share: ${label} — instance ${n + 1} memory (RSS) before / at end / peak`, value: `${round(memBefore[n]!.rss)} / ${round(memEnd[n]!.rss)} / ${round(memEnd[n]!.peak)}`, unit: 'MB' });
    results.push({ name: `share: ${label} — instance ${n + 1} CPU while editing`, value: Math.round(cpuShare[n]! * 100), unit: '% of one core' });
  });
  results.push({
    name: `share: ${label} — CPU while editing: each measuring client's process / each light-client process`,
    value: clientCpu.map((c) => Math.round(c * 100)).join(' / '),
    unit: '% of one core',
  });
  // A queue that grows shows as later deliveries taking longer than earlier ones.
  const byHalf = [0, 1].map((h) => {
    const xs: number[] = [];
    for (const a of arrivals) {
      const t0 = sent.get(a.id);
      if (t0 === undefined || serverOf(a.id) === a.observer % servers.length) continue;
      if ((t0 - start < (SECONDS * 1000) / 2 ? 0 : 1) === h) xs.push(a.t - t0);
    }
    return round(pct(xs, 95));
  });
  results.push({ name: `share: ${label} — edit → visible p95, edits of the first / second half of the run`, value: `${byHalf[0]} / ${byHalf[1]}`, unit: 'ms' });
  const ok = converged && lightSame && freshKept && rejected === 0;
  results.push({
    name: `share: ${label} — all converged, every edit kept`,
    value: ok ? 'yes' : `NO (observers ${converged}, light clients ${lightSame}, fresh clients ${freshKept}, rejected ${rejected})`,
    unit: '',
    note: `settled ${round(settle)} ms after the last edit${values['light-docs'] ? '' : '; light clients on the wire, fresh clients at both instances hold every edit'}`,
  });
  for (const c of full) c.destroy();
}

if (values.light) {
  await lightChild(JSON.parse(values.light) as LightJob);
  process.exit(0);
}

if (values.only !== 'multi') {
  const dataDir = mkdtempSync(join(tmpdir(), 'warrant-share-bench-'));
  // Every benchmark client connects from loopback: lift the per-address cap (64 by default).
  const server = await startServerProcess(PORT, dataDir, ['--max-connections-per-address', String(CLIENTS + 16)]);
  try {
    await twoClients(server);
    await manyClients([server], CLIENTS);
  } finally {
    await server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// 3. Two instances, kept in step through Redis, maps in PostgreSQL.
if (values.only !== 'single') {
  const [redis, pg] = await Promise.all([startRedis(Number(values['redis-port'])), startPostgres(Number(values['pg-port']))]);
  const dataDir = mkdtempSync(join(tmpdir(), 'warrant-share-bench-'));
  const servers: ServerProcess[] = [];
  try {
    for (const n of [1, 2]) {
      servers.push(await startServerProcess(PORT + n, dataDir, ['--postgres', pg.url, '--redis', redis.url, '--max-connections-per-address', String(MULTI_CLIENTS + 16)]));
    }
    const procs = Number(values['light-procs']);
    if (procs > 0) await manyClientsSpread(servers, MULTI_CLIENTS, procs);
    else await manyClients(servers, MULTI_CLIENTS);
  } finally {
    for (const s of servers) await s.kill('SIGTERM');
    await Promise.all([redis.stop(), pg.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

for (const r of results) console.log(`  ${r.name}: ${r.value} ${r.unit}${r.goal ? `  goal: ${r.goal}` : ''}${r.note ? `  — ${r.note}` : ''}`);
if (values.json) writeFileSync(values.json, JSON.stringify(results));
process.exit(0);
