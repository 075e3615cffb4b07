import type { MapDoc } from '../domain/change';
import { isClaimId, isQuoteId, type Claim, type Comment, type Link, type MapMeta, type Position, type Quote, type Source } from '../domain/schema';
import { freshIdLike } from '../domain/ids';
import { Dexie, type Collection, type Table } from 'dexie';
import { db as defaultDb, type WarrantDB } from './db';
import type { RowKey } from './rows';

/** A stored map as read: its records, its revision and its incarnation (see MapRow). */
export type LoadedMap = { doc: MapDoc; revision: number; epoch: string };

/** A fresh incarnation id for a map row being created or replaced whole. */
export const newEpoch = (): string => freshIdLike('ep_');

/** Takes rows into `out` by id, without `mapId`, as the domain's records. */
const intoRecords =
  <R extends { id: string }>(out: Record<string, R>) =>
  ({ mapId: _mapId, ...rest }: R & { mapId: string }) => {
    out[rest.id] = rest as unknown as R;
  };

/**
 * Rows read per request. IndexedDB hands a request's rows over in one task
 * of the page's thread (every row deserialized at once): the 95,000 quotes
 * of the largest map, read whole, held the page for over a second. In pages
 * of this many rows each request's task stays short, and the page's other
 * work (painting, input) runs between them. A page of the largest map's
quotes is about 15 ms on an idle machine; a thousand, not more, so that it
stays under 100 ms on a busy one.
 */
export const READ_PAGE_ROWS = 1_000;

/**
 * Every row of one map in an entity table, in primary-key order (the order
 * `where('mapId').equals(mapId)` gives), read in pages of `READ_PAGE_ROWS`
 * by primary-key range: each page starts after the last id of the one
 * before, so a page costs what it reads, not what it skips. Each request is
 * made when the one before has answered, inside the caller's transaction,
 * so all pages see one state of the database. `take` gets each page's rows
 * as it comes (the doc is built page by page, not in one pass at the end).
 */
async function rowsOfMap<T extends { mapId: string; id: string }>(
  table: Table<T, RowKey>,
  mapId: string,
  take: (row: T) => void,
  counter?: ReadCounter,
): Promise<void> {
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
    // Given up (the user left the opening map): no more requests, and the read transaction ends.
    if (counter?.cancelled?.()) throw new LoadCancelled();
    for (const row of page) take(row);
    if (page.length < READ_PAGE_ROWS) return;
    after = page[page.length - 1]!.id;
  }
}

/**
 * Follows a load as it reads: the requests made (tests: pages are bounded in
 * size, so their number follows the rows), the entity rows read so far, and
 * `onPage`, called after each page with that count (the opening progress).
 */
export type ReadCounter = {
  requests: number;
  rows: number;
  onPage?: (rows: number) => void;
  /** Asked after each page: true stops the load, which rejects with LoadCancelled. */
  cancelled?: () => boolean;
};

/** A load stopped by its `cancelled` (nothing was changed: it only read). */
export class LoadCancelled extends Error {
  constructor() {
    super('Opening the map was cancelled.');
    this.name = 'LoadCancelled';
  }
}

/**
 * Reads one map inside the caller's transaction (which must cover every
 * table). Rows come back without `mapId`, as the domain's records.
 */
export async function loadMapInTransaction(
  db: WarrantDB,
  mapId: string,
  counter?: ReadCounter,
): Promise<LoadedMap | null> {
  const sources: Record<string, Source> = {};
  const quotes: Record<string, Quote> = {};
  const claims: Record<string, Claim> = {};
  const links: Record<string, Link> = {};
  const comments: Record<string, Comment> = {};
  const layout: Record<string, Position> = {};
  const [row] = await Promise.all([
    db.maps.get(mapId),
    rowsOfMap(db.sources, mapId, intoRecords(sources), counter),
    rowsOfMap(db.quotes, mapId, intoRecords(quotes), counter),
    rowsOfMap(db.claims, mapId, intoRecords(claims), counter),
    rowsOfMap(db.links, mapId, intoRecords(links), counter),
    rowsOfMap(
      db.layout,
      mapId,
      (p) => {
        // Places of nodes only, as docFromRecords keeps them.
        if (isClaimId(p.id) || isQuoteId(p.id)) layout[p.id] = { x: p.x, y: p.y };
      },
      counter,
    ),
    rowsOfMap(db.comments, mapId, intoRecords(comments), counter),
  ]);
  if (!row) return null;
  const { revision, epoch, ...map } = row;
  const doc: MapDoc = { map: map as MapMeta, sources, quotes, claims, links, comments, layout };
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
