import { docFromRecords, type MapDoc } from '../domain/change';
import type { Claim, Comment, Link, MapMeta, Position, Quote, Source } from '../domain/schema';
import { freshIdLike } from '../domain/ids';
import { Dexie, type Collection, type Table } from 'dexie';
import { db as defaultDb, type WarrantDB } from './db';
import type { RowKey } from './rows';

/** A stored map as read: its records, its revision and its incarnation (see MapRow). */
export type LoadedMap = { doc: MapDoc; revision: number; epoch: string };

/** A fresh incarnation id for a map row being created or replaced whole. */
export const newEpoch = (): string => freshIdLike('ep_');

const stripMapId = <T extends { mapId: string }>(rows: readonly T[]): Omit<T, 'mapId'>[] =>
  rows.map(({ mapId: _mapId, ...rest }) => rest);

/**
 * Rows read per request. IndexedDB hands a request's rows over in one task
 * of the page's thread (every row deserialized at once): the 95,000 quotes
 * of the largest map, read whole, held the page for over a second. In pages
 * of this many rows each request's task stays short, and the page's other
 * work (painting, input) runs between them.
 */
export const READ_PAGE_ROWS = 2_000;

/**
 * Every row of one map in an entity table, in primary-key order (the order
 * `where('mapId').equals(mapId)` gives), read in pages of `READ_PAGE_ROWS`
 * by primary-key range: each page starts after the last id of the one
 * before, so a page costs what it reads, not what it skips. Each request is
 * made when the one before has answered, inside the caller's transaction,
 * so all pages see one state of the database.
 */
async function rowsOfMap<T extends { mapId: string; id: string }>(table: Table<T, RowKey>, mapId: string, counter?: ReadCounter): Promise<T[]> {
  const rows: T[] = [];
  let after: string | null = null;
  for (;;) {
    const range: Collection<T, RowKey> =
      after === null
        ? table.where('[mapId+id]').between([mapId, Dexie.minKey], [mapId, Dexie.maxKey], true, true)
        : table.where('[mapId+id]').between([mapId, after], [mapId, Dexie.maxKey], false, true);
    const page: T[] = await range.limit(READ_PAGE_ROWS).toArray();
    if (counter) {
      counter.requests++;
      counter.rows += page.length;
      counter.onPage?.(counter.rows);
    }
    for (const row of page) rows.push(row);
    if (page.length < READ_PAGE_ROWS) return rows;
    after = page[page.length - 1]!.id;
  }
}

/**
 * Follows a load as it reads: the requests made (tests: pages are bounded in
 * size, so their number follows the rows), the entity rows read so far, and
 * `onPage`, called after each page with that count (the opening progress).
 */
export type ReadCounter = { requests: number; rows: number; onPage?: (rows: number) => void };

/**
 * Reads one map inside the caller's transaction (which must cover every
 * table). Rows come back without `mapId`, as the domain's records.
 */
export async function loadMapInTransaction(
  db: WarrantDB,
  mapId: string,
  counter?: ReadCounter,
): Promise<LoadedMap | null> {
  const [row, sources, quotes, claims, links, layoutRows, comments] = await Promise.all([
    db.maps.get(mapId),
    rowsOfMap(db.sources, mapId, counter),
    rowsOfMap(db.quotes, mapId, counter),
    rowsOfMap(db.claims, mapId, counter),
    rowsOfMap(db.links, mapId, counter),
    rowsOfMap(db.layout, mapId, counter),
    rowsOfMap(db.comments, mapId, counter),
  ]);
  if (!row) return null;
  const { revision, epoch, ...map } = row;
  const layout: Record<string, Position> = {};
  for (const p of layoutRows) layout[p.id] = { x: p.x, y: p.y };
  const doc = docFromRecords({
    map: map as MapMeta,
    sources: stripMapId(sources) as Source[],
    quotes: stripMapId(quotes) as Quote[],
    claims: stripMapId(claims) as Claim[],
    links: stripMapId(links) as Link[],
    comments: stripMapId(comments) as Comment[],
    layout,
  });
  return { doc, revision, epoch: epoch ?? '' };
}

/**
 * Loads a map and the revision it is at, in one read transaction (so the
 * doc and the revision agree). Null when there is no such map.
 */
export async function loadMap(
  mapId: string,
  db: WarrantDB = defaultDb,
  counter?: ReadCounter,
): Promise<LoadedMap | null> {
  return db.transaction('r', [db.maps, db.sources, db.quotes, db.claims, db.links, db.layout, db.comments], () =>
    loadMapInTransaction(db, mapId, counter),
  );
}
