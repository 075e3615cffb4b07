import { importMapFile } from '../../src/storage/transfer';
import { openWarrantDB } from '../../src/storage/db';
import { createMapStore } from '../../src/store/mapStore';
import { serializeMap } from '../../src/domain/format/serialize';
import { generateMap } from '../../src/test/testMaps';
import { updateClaim } from '../../src/domain/edits';
import { param, report, round, median } from './benchKit';

/**
 * The baseline for import: JSON.parse plus a raw IndexedDB write of the same
 * records, in one transaction, into object stores shaped like Warrant's.
 */
async function rawImport(text: string, dbName: string): Promise<number> {
  const t0 = performance.now();
  const file = JSON.parse(text) as {
    map: { id: string };
    sources: Array<{ id: string }>;
    quotes: Array<{ id: string }>;
    claims: Array<{ id: string }>;
    links: Array<{ id: string }>;
    layout: Record<string, { x: number; y: number }>;
  };
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(dbName, 1);
    req.onupgradeneeded = () => {
      const d = req.result;
      d.createObjectStore('maps', { keyPath: 'id' });
      for (const t of ['sources', 'quotes', 'claims', 'links', 'layout']) d.createObjectStore(t, { keyPath: ['mapId', 'id'] });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const mapId = file.map.id;
  await new Promise<void>((resolve, reject) => {
    const tx = idb.transaction(['maps', 'sources', 'quotes', 'claims', 'links', 'layout'], 'readwrite');
    tx.objectStore('maps').put({ ...file.map, revision: 0 });
    for (const t of ['sources', 'quotes', 'claims', 'links'] as const) {
      const store = tx.objectStore(t);
      for (const r of file[t]) store.put({ ...r, mapId });
    }
    const layout = tx.objectStore('layout');
    for (const [id, p] of Object.entries(file.layout)) layout.put({ id, mapId, ...p });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  const ms = performance.now() - t0;
  idb.close();
  return ms;
}

void report(async () => {
  const claims = param('claims', 5000);
  const quotes = param('quotes', 20000);
  const links = param('links', 25000);
  const doc = generateMap({ claims, quotes, links, seed: 3 });
  const text = serializeMap(doc);
  const runs = 3;
  const raw: number[] = [];
  const ours: number[] = [];
  const opens: number[] = [];
  const edits: number[] = [];
  for (let i = 0; i < runs; i++) {
    raw.push(await rawImport(text, `bench-raw-${i}`));
    const db = openWarrantDB(`bench-warrant-${i}`);
    const t0 = performance.now();
    const result = await importMapFile(text, {}, db);
    ours.push(performance.now() - t0);
    if (result.kind !== 'imported') throw new Error(`import refused: ${JSON.stringify(result).slice(0, 300)}`);
    const store = createMapStore({ db, channel: false });
    const t1 = performance.now();
    await store.getState().openMap(result.mapId);
    opens.push(performance.now() - t1);
    const claimId = Object.keys(store.getState().doc!.claims)[0]!;
    const t2 = performance.now();
    const ok = await store.getState().apply(updateClaim(store.getState().doc!, claimId, { text: `edited ${i}` }), { label: 'Edit' });
    edits.push(performance.now() - t2);
    if (!ok) throw new Error('edit not committed');
    db.close();
  }
  const sizeMb = round(text.length / 1024 / 1024);
  const importMs = median(ours);
  const rawMs = median(raw);
  return [
    {
      name: `import ${claims} claims, ${quotes} quotes, ${links} links (${sizeMb} MB)`,
      value: round(importMs),
      unit: 'ms',
      baseline: round(rawMs),
      ratio: round(importMs / rawMs, 2),
      goal: '≤ 1.3× JSON.parse + raw IndexedDB write',
    },
    { name: 'open that map into the store (one read transaction)', value: round(median(opens)), unit: 'ms' },
    { name: 'one edit on that map, applied and committed', value: round(median(edits)), unit: 'ms' },
  ];
});
