import { afterEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { LoadCancelled, READ_PAGE_ROWS, loadMap, type ReadCounter } from './reads';
import { createMap } from './writes';
import { generateMap } from '../test/testMaps';
import type { MapDoc } from '../domain/change';

afterEach(async () => {
  await db.transaction('rw', db.tables, async () => {
    for (const t of db.tables) await t.clear();
  });
});

/** A request per full page and one that comes back short (maybe empty), per table. */
const pagesFor = (rows: number) => Math.floor(rows / READ_PAGE_ROWS) + 1;

function withLayout(doc: MapDoc, n: number): MapDoc {
  const layout: Record<string, { x: number; y: number }> = {};
  Object.keys(doc.claims)
    .slice(0, n)
    .forEach((id, i) => (layout[id] = { x: i, y: 2 * i }));
  return { ...doc, layout };
}

describe('loadMap reads a map in pages', () => {
  it('reads every row of a map larger than a page, in pages of READ_PAGE_ROWS: requests follow the rows', async () => {
    const claims = 2 * READ_PAGE_ROWS + 17;
    // The layout fills one page exactly: a second request comes back empty.
    const doc = withLayout(generateMap({ claims, quotes: 300, links: 300, seed: 3 }), READ_PAGE_ROWS);
    await createMap(doc);
    const seen: number[] = [];
    const counter: ReadCounter = { requests: 0, rows: 0, onPage: (rows) => seen.push(rows) };
    const loaded = (await loadMap(doc.map.id, db, counter))!;
    expect(loaded.doc.claims).toEqual(doc.claims);
    expect(loaded.doc.quotes).toEqual(doc.quotes);
    expect(loaded.doc.sources).toEqual(doc.sources);
    expect(loaded.doc.links).toEqual(doc.links);
    expect(loaded.doc.layout).toEqual(doc.layout);
    // In primary-key order, as a whole-table read gives them.
    const whole = await db.claims.where('mapId').equals(doc.map.id).primaryKeys();
    expect(Object.keys(loaded.doc.claims)).toEqual(whole.map(([, id]) => id));
    const rows = [claims, 300, Object.keys(doc.sources).length, Object.keys(doc.links).length, READ_PAGE_ROWS, 0];
    expect(counter.requests).toBe(rows.reduce((n, r) => n + pagesFor(r), 0));
    expect(counter.requests).toBeLessThan(20);
    // Told after every page, with the rows read so far.
    const total = rows.reduce((n, r) => n + r, 0);
    expect(counter.rows).toBe(total);
    expect(seen).toHaveLength(counter.requests);
    expect(seen[seen.length - 1]).toBe(total);
    expect(seen.every((n, i) => i === 0 || n >= seen[i - 1]!)).toBe(true);
  });

  it('reads only the asked map, whose ids another map shares', async () => {
    const doc = generateMap({ claims: READ_PAGE_ROWS + 3, quotes: 10, links: 20, seed: 4 });
    const other: MapDoc = { ...doc, map: { ...doc.map, id: `${doc.map.id}_b`, title: 'Other' } };
    const before: MapDoc = { ...doc, map: { ...doc.map, id: 'map_a', title: 'Before' } };
    await createMap(before);
    await createMap(doc);
    await createMap(other);
    const loaded = (await loadMap(doc.map.id))!;
    expect(Object.keys(loaded.doc.claims)).toHaveLength(READ_PAGE_ROWS + 3);
    expect(loaded.doc.map.title).toBe(doc.map.title);
    expect(loaded.doc.claims).toEqual(doc.claims);
  });

  it('stops after the page at which it is cancelled, and rejects with LoadCancelled', async () => {
    const doc = generateMap({ claims: 3 * READ_PAGE_ROWS, quotes: 10, links: 10, seed: 4 });
    await createMap(doc);
    let stop = false;
    const counter: ReadCounter = { requests: 0, rows: 0, onPage: () => (stop = true), cancelled: () => stop };
    await expect(loadMap(doc.map.id, db, counter)).rejects.toBeInstanceOf(LoadCancelled);
    expect(counter.requests).toBe(1);
    // Nothing was changed by it: the map reads whole afterwards.
    expect(Object.keys((await loadMap(doc.map.id, db))!.doc.claims)).toHaveLength(3 * READ_PAGE_ROWS);
  });

  it('says a map that is not stored is missing', async () => {
    expect(await loadMap('map_none')).toBeNull();
  });
});
