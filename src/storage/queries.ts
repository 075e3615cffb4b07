import { db as defaultDb, type WarrantDB } from './db';

export type MapCounts = { sources: number; quotes: number; claims: number; links: number };
export type MapListItem = {
  id: string;
  title: string;
  description?: string;
  createdAt: string;
  updatedAt: string;
  counts: MapCounts;
};

/**
 * Every map with its entity counts, most recently changed first. One read
 * transaction; counts go through the `mapId` part of each table's key, so no
 * record is loaded. Meant for `useLiveQuery`, which re-runs it on any change
 * to these tables, in this tab or another.
 */
export async function listMaps(db: WarrantDB = defaultDb): Promise<MapListItem[]> {
  return db.transaction('r', [db.maps, db.sources, db.quotes, db.claims, db.links], async () => {
    const rows = await db.maps.toArray();
    const items = await Promise.all(
      rows.map(async (row): Promise<MapListItem> => {
        const count = (table: typeof db.sources | typeof db.quotes | typeof db.claims | typeof db.links) =>
          table.where('mapId').equals(row.id).count();
        const [sources, quotes, claims, links] = await Promise.all([
          count(db.sources),
          count(db.quotes),
          count(db.claims),
          count(db.links),
        ]);
        const item: MapListItem = {
          id: row.id,
          title: row.title,
          createdAt: row.createdAt,
          updatedAt: row.updatedAt,
          counts: { sources, quotes, claims, links },
        };
        if (row.description !== undefined) item.description = row.description;
        return item;
      }),
    );
    // Timestamps may carry offsets, so compare instants, not strings.
    return items.sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || a.id.localeCompare(b.id));
  });
}

/**
 * A value that changes whenever maps or the trash change (a map created,
 * deleted, edited or restored): under `useLiveQuery` it tells the storage
 * meter when to ask the browser for a new estimate. One read transaction
 * over the small map rows and the trash keys; no records are loaded.
 */
export async function storageActivity(db: WarrantDB = defaultDb): Promise<string> {
  return db.transaction('r', [db.maps, db.trash], async () => {
    const [maps, trash] = await Promise.all([db.maps.toArray(), db.trash.toCollection().primaryKeys()]);
    const revisions = maps.map((m) => `${m.id}@${m.revision}`).sort();
    return `${revisions.join(',')}|${trash.length}`;
  });
}
