/**
 * A client's cost per remote update, by map size:
 *   npx vite build -c bench/share/vite.config.ts && node .bench-tmp/remote-cost/remote-cost.mjs
 *
 * Builds a shared map of N claims in a Y.Doc, then applies 500 remote
 * updates (one new claim each, every fifth also rewriting the thesis's note,
 * as the sharing bench's light clients make them) to a client through the
 * pipeline the app runs on a remote update:
 *
 * - `app`: ShareSync → the map store's `applyShared` (the rule book's check
 *   and repair, the doc, the undo stacks, the change stream) → the Dexie
 *   write queue, on fake-indexeddb;
 * - `bench`: the measuring clients of `npm run bench:share` (TestClient,
 *   src/test/testClients.ts): ShareSync → a plain MapDoc.
 *
 * Prints CPU ms per update for each size (and wall time, which on a busy
 * machine includes waiting for a core). Run it under `node --cpu-prof` to see
 * where the time goes. Figures in bench/README.md ("A client's cost per
 * remote update").
 */
import 'fake-indexeddb/auto';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { docFromRecords, emptyChange, type Change, type MapDoc } from '../../src/domain/change';
import { makeClaim, makeLink, smallDoc } from '../../src/test/factories';
import { ShareSync } from '../../src/share/shareSync';
import { applyChangeToYDoc, defineRoots, seedChange } from '../../src/share/yMap';
import { argumentsOf, balancesOf, evidenceCounts, junctionOfLink } from '../../src/domain/derive/derive';
import { updateClaim } from '../../src/domain/edits';
import { createMapStore } from '../../src/store/mapStore';
import { TestClient } from '../../src/test/testClients';
import { openWarrantDB } from '../../src/storage/db';
import { createMap } from '../../src/storage/writes';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,3000,6000' },
    updates: { type: 'string', default: '500' },
    // app, bench or both; or local: keys typed into a claim of the map (the store's part of a key)
    mode: { type: 'string', default: 'both' },
    // Links per claim in the starting map (the bench's map has none; real maps do).
    links: { type: 'string', default: '0' },
    json: { type: 'string' },
    // Also read what the graph reads of the derived layer after each update (balances, badges, arguments).
    derive: { type: 'boolean', default: false },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const UPDATES = Number(values.updates);
const LINKS_PER_CLAIM = Number(values.links);

/** smallDoc plus `n` claims, `linksPerClaim` links from each to the thesis. */
function mapOf(n: number, linksPerClaim: number): MapDoc {
  const base = smallDoc();
  const claims = Object.values(base.claims);
  const links = Object.values(base.links);
  for (let i = 0; i < n; i++) {
    const id = `c_base_${i}`;
    claims.push(makeClaim(id, `Claim ${i} of the starting map, with some words in it`));
    if (linksPerClaim > 0) links.push(makeLink(`l_base_${i}`, id, 'c_thesis', i % 2 ? 'supports' : 'contradicts'));
  }
  return docFromRecords({ map: base.map, sources: Object.values(base.sources), quotes: Object.values(base.quotes), claims, links, comments: [], layout: base.layout });
}

/** The remote updates: what a light client's edit n produces (src/share/yMap.ts layout). */
function remoteUpdates(start: Y.Doc, count: number): Uint8Array[] {
  const peer = new Y.Doc();
  defineRoots(peer);
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(start));
  const thesis = smallDoc().claims['c_thesis']!;
  const out: Uint8Array[] = [];
  peer.on('update', (u: Uint8Array) => out.push(u));
  for (let n = 0; n < count; n++) {
    const change: Change = { ...emptyChange('map_test'), put: { claims: [makeClaim(`c_remote_${n}`, `Client 7, edit ${n}`)] } };
    if (n % 5 === 4) change.put.claims!.push({ ...thesis, note: `set by 7 at ${n}` });
    applyChangeToYDoc(peer, change);
  }
  peer.destroy();
  return out;
}

/** What the graph reads of the derived layer on each render of a new doc (features/graph/toFlow.ts). */
function readDerived(doc: MapDoc): void {
  balancesOf(doc);
  evidenceCounts(doc);
  argumentsOf(doc);
  junctionOfLink(doc);
}

type Figure = { mode: string; size: number; msPerUpdate: number; cpuMsPerUpdate: number; msPerUpdateWithWrites?: number; claimsAfter: number };

/**
 * CPU milliseconds this process has used (every thread: GC included). On a
 * machine other work keeps busy, wall time counts the waits for a core too;
 * CPU time is what the update itself costs.
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function run(mode: 'app' | 'bench', size: number): Promise<Figure> {
  const doc = mapOf(size, LINKS_PER_CLAIM);
  const seeded = new Y.Doc();
  defineRoots(seeded);
  applyChangeToYDoc(seeded, seedChange(doc));
  const updates = remoteUpdates(seeded, UPDATES);
  const ydoc = new Y.Doc();
  defineRoots(ydoc);
  Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(seeded));
  seeded.destroy();

  if (mode === 'bench') {
    // The sharing bench's measuring client itself.
    const client = new TestClient('observer', doc, ydoc);
    if (values.derive) ydoc.on('afterTransaction', () => readDerived(client.doc));
    const t0 = performance.now();
    const c0 = cpuMs();
    for (const u of updates) Y.applyUpdate(ydoc, u, 'remote');
    const ms = performance.now() - t0;
    const cpu = cpuMs() - c0;
    client.sync.destroy();
    return { mode, size, msPerUpdate: ms / UPDATES, cpuMsPerUpdate: cpu / UPDATES, claimsAfter: Object.keys(client.doc.claims).length };
  }

  const db = openWarrantDB(`remote-cost-${size}-${Date.now()}`);
  await createMap(doc, db);
  const store = createMapStore({ db, channel: false });
  await store.getState().openMap(doc.map.id);
  // As shareStore's onRemote does: the validated Change into the store's remote path, synchronously.
  const sync = new ShareSync(ydoc, {
    getDoc: () => store.getState().doc!,
    onRemote: (r) => {
      void store.getState().applyShared(r.change, 'Edit by a collaborator', r.doc);
      if (values.derive) readDerived(store.getState().doc!);
    },
  });
  const t0 = performance.now();
  const c0 = cpuMs();
  for (const u of updates) Y.applyUpdate(ydoc, u, 'remote');
  const ms = performance.now() - t0;
  const cpu = cpuMs() - c0;
  await store.getState().whenSettled();
  const withWrites = performance.now() - t0;
  const claimsAfter = Object.keys(store.getState().doc!.claims).length;
  sync.destroy();
  store.getState().dispose();
  db.close();
  await db.delete();
  return { mode, size, msPerUpdate: ms / UPDATES, cpuMsPerUpdate: cpu / UPDATES, msPerUpdateWithWrites: withWrites / UPDATES, claimsAfter };
}

/** A key typed into a claim's text: `store.edit` as the Claim text field calls it, ms per key. */
async function typing(size: number): Promise<Figure> {
  const doc = mapOf(size, LINKS_PER_CLAIM);
  const db = openWarrantDB(`typing-cost-${size}-${Date.now()}`);
  await createMap(doc, db);
  const store = createMapStore({ db, channel: false });
  await store.getState().openMap(doc.map.id);
  const keys = Math.min(UPDATES, 200);
  const t0 = performance.now();
  const c0 = cpuMs();
  for (let k = 0; k < keys; k++) {
    void store.getState().edit((d) => updateClaim(d, 'c_sub', { text: `A sub-claim${'x'.repeat(k + 1)}` }), { label: 'Edit claim', coalesceKey: 'c_sub:text' });
  }
  const ms = performance.now() - t0;
  const cpu = cpuMs() - c0;
  await store.getState().whenSettled();
  const withWrites = performance.now() - t0;
  const claimsAfter = Object.keys(store.getState().doc!.claims).length - UPDATES;
  store.getState().dispose();
  db.close();
  await db.delete();
  return { mode: 'local', size, msPerUpdate: ms / keys, cpuMsPerUpdate: cpu / keys, msPerUpdateWithWrites: withWrites / keys, claimsAfter };
}

const figures: Figure[] = [];
if (values.mode === 'local') {
  for (const size of SIZES) {
    const f = await typing(size);
    figures.push(f);
    console.log(`local ${String(size).padStart(6)} claims: ${f.cpuMsPerUpdate.toFixed(2)} ms CPU per key in the store (wall ${f.msPerUpdate.toFixed(2)} ms, ${f.msPerUpdateWithWrites!.toFixed(2)} ms with the Dexie writes settled)`);
  }
}
const modes = values.mode === 'both' ? (['bench', 'app'] as const) : values.mode === 'local' ? [] : [values.mode as 'app' | 'bench'];
for (const mode of modes) {
  for (const size of SIZES) {
    const f = await run(mode, size);
    if (f.claimsAfter !== size + 2 + UPDATES) throw new Error(`${mode} ${size}: ${f.claimsAfter} claims after, expected ${size + 2 + UPDATES}`);
    figures.push(f);
    const writes = f.msPerUpdateWithWrites === undefined ? '' : `, ${f.msPerUpdateWithWrites.toFixed(2)} ms with the Dexie writes settled`;
    console.log(`${mode.padEnd(5)} ${String(size).padStart(6)} claims: ${f.cpuMsPerUpdate.toFixed(2)} ms CPU per remote update (wall ${f.msPerUpdate.toFixed(2)} ms${writes})`);
  }
}
if (values.json) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(values.json, JSON.stringify(figures, null, 2));
}
