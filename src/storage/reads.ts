import { docFromRecords, type MapDoc } from '../domain/change';
import type { Claim, Comment, Link, MapMeta, Position, Quote, Source } from '../domain/schema';
import { freshIdLike } from '../domain/ids';
import { db as defaultDb, type WarrantDB } from './db';

/** A stored map as read: its records, its revision and its incarnation (see MapRow). */
export type LoadedMap = { doc: MapDoc; revision: number; epoch: string };

/** A fresh incarnation id for a map row being created or replaced whole. */
export const newEpoch = (): string => freshIdLike('ep_');

const stripMapId = <T extends { mapId: string }>(rows: readonly T[]): Omit<T, 'mapId'>[] =>
  rows.map(({ mapId: _mapId, ...rest }) => rest);

/**
 * Reads one map inside the caller's transaction (which must cover every
 * table). Rows come back without `mapId`, as the domain's records.
 */
export async function loadMapInTransaction(
  db: WarrantDB,
  mapId: string,
): Promise<LoadedMap | null> {
  const [row, sources, quotes, claims, links, layoutRows, comments] = await Promise.all([
    db.maps.get(mapId),
    db.sources.where('mapId').equals(mapId).toArray(),
    db.quotes.where('mapId').equals(mapId).toArray(),
    db.claims.where('mapId').equals(mapId).toArray(),
    db.links.where('mapId').equals(mapId).toArray(),
    db.layout.where('mapId').equals(mapId).toArray(),
    db.comments.where('mapId').equals(mapId).toArray(),
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
): Promise<LoadedMap | null> {
  return db.transaction('r', [db.maps, db.sources, db.quotes, db.claims, db.links, db.layout, db.comments], () =>
    loadMapInTransaction(db, mapId),
  );
}
