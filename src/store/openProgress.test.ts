import { afterEach, describe, expect, it } from 'vitest';
import { createMapStore, type MapStore } from './mapStore';
import { openWarrantDB, type WarrantDB } from '../storage/db';
import { createMap } from '../storage/writes';
import { READ_PAGE_ROWS } from '../storage/reads';
import { generateMap } from '../test/testMaps';

const dbs: WarrantDB[] = [];
const stores: MapStore[] = [];

afterEach(async () => {
  for (const s of stores.splice(0)) s.getState().dispose();
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('opening a map says how far it has read', () => {
  it('counts the records read, page by page, while loading; none once the map is ready', async () => {
    const db = openWarrantDB(`open-progress-${Date.now()}`);
    dbs.push(db);
    const doc = generateMap({ claims: 2 * READ_PAGE_ROWS + 1, quotes: 40, links: 60, seed: 8 });
    await createMap(doc, db);
    const store = createMapStore({ db, channel: false });
    stores.push(store);
    const seen: Array<{ status: string; rows: number }> = [];
    store.subscribe((s, prev) => {
      if (s.rowsRead !== prev.rowsRead) seen.push({ status: s.status, rows: s.rowsRead });
    });
    await store.getState().openMap(doc.map.id);

    const total = Object.keys(doc.claims).length + 40 + 60 + Object.keys(doc.sources).length;
    const counts = seen.filter((x) => x.rows > 0);
    // Several steps (the claims alone fill two pages), all while loading, rising to every record.
    expect(counts.length).toBeGreaterThanOrEqual(3);
    expect(counts.every((x) => x.status === 'loading')).toBe(true);
    expect(counts.every((x, i) => i === 0 || x.rows > counts[i - 1]!.rows)).toBe(true);
    expect(counts[counts.length - 1]!.rows).toBe(total);
    expect(store.getState().status).toBe('ready');
    expect(store.getState().rowsRead).toBe(0);
  });
});
