/**
 * Saved versions of maps: a version is the whole map as its file text, with
 * a name and a time. Kept in the browser only, never in a map file. Each
 * function is one transaction.
 */
import type { MapDoc } from '../domain/change';
import { serializeMap } from '../domain/format/serialize';
import { parseMapFile } from '../domain/format/parse';
import { freshIdLike } from '../domain/ids';
import { MAX_TITLE } from '../domain/schema';
import { db as defaultDb, type WarrantDB } from './db';
import { MapNotFoundError, rethrowStorageError } from './errors';
import { loadMapInTransaction } from './reads';
import { copyOf, createMap } from './writes';
import type { VersionListing, VersionRow } from './rows';
import { countsOf } from './trashSnapshot';

/** Automatic versions kept per map; older ones go when a new one is saved. Named versions are kept. */
export const KEEP_AUTO_VERSIONS = 20;
/** At most one automatic version this often while a map is being edited. */
export const AUTO_VERSION_EVERY_MS = 60 * 60 * 1000;

/** Saves `doc` as a version of its map, in the caller's transaction (which must cover `versions`). */
export async function saveVersionInTransaction(
  db: WarrantDB,
  doc: MapDoc,
  revision: number,
  name: string,
  kind: VersionRow['kind'],
  now: string = new Date().toISOString(),
): Promise<VersionListing> {
  const row: VersionRow = {
    id: freshIdLike('ver_'),
    mapId: doc.map.id,
    name: name.trim().slice(0, MAX_TITLE),
    kind,
    savedAt: now,
    revision,
    counts: countsOf(doc),
    payload: serializeMap(doc, now),
  };
  await db.versions.add(row);
  if (kind === 'auto') await pruneAutoVersions(db, doc.map.id);
  const { payload: _payload, ...listing } = row;
  return listing;
}

/** Drops the oldest automatic versions of a map past KEEP_AUTO_VERSIONS. */
async function pruneAutoVersions(db: WarrantDB, mapId: string): Promise<void> {
  const rows = await db.versions.where('[mapId+savedAt]').between([mapId, ''], [mapId, '\uffff']).toArray();
  const auto = rows.filter((r) => r.kind === 'auto').sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1));
  const old = auto.slice(KEEP_AUTO_VERSIONS).map((r) => r.id);
  if (old.length) await db.versions.bulkDelete(old);
}

/** Saves the stored map `mapId` as it is now. Throws MapNotFoundError when there is none. */
export async function saveVersion(
  mapId: string,
  name: string,
  kind: VersionRow['kind'] = 'named',
  db: WarrantDB = defaultDb,
  now: string = new Date().toISOString(),
): Promise<VersionListing> {
  try {
    return await db.transaction('rw', [db.maps, db.sources, db.quotes, db.claims, db.links, db.layout, db.comments, db.versions], async () => {
      const loaded = await loadMapInTransaction(db, mapId);
      if (!loaded) throw new MapNotFoundError(mapId);
      return saveVersionInTransaction(db, loaded.doc, loaded.revision, name, kind, now);
    });
  } catch (e) {
    return rethrowStorageError(e);
  }
}

/** The versions of a map, newest first, without their payloads. */
export async function listVersions(mapId: string, db: WarrantDB = defaultDb): Promise<VersionListing[]> {
  const rows = await db.versions.where('[mapId+savedAt]').between([mapId, ''], [mapId, '\uffff']).toArray();
  return rows
    .sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0))
    .map(({ payload: _payload, ...listing }) => listing);
}

/** The newest automatic version's time, or null. */
export async function lastAutoVersionAt(mapId: string, db: WarrantDB = defaultDb): Promise<string | null> {
  const rows = await listVersions(mapId, db);
  return rows.find((r) => r.kind === 'auto')?.savedAt ?? null;
}

/** A version's map, read through the file parser; null when it is gone or no longer reads. */
export async function loadVersion(id: string, db: WarrantDB = defaultDb): Promise<MapDoc | null> {
  const row = await db.versions.get(id);
  if (!row) return null;
  const parsed = parseMapFile(row.payload);
  return parsed.kind === 'ok' ? parsed.doc : null;
}

/** Restores a version as a new map beside the current one ("… (copy)", fresh ids); resolves to its id. */
export async function restoreVersionAsCopy(id: string, db: WarrantDB = defaultDb): Promise<string | null> {
  const doc = await loadVersion(id, db);
  if (!doc) return null;
  const { mapId } = await createMap(copyOf(doc), db);
  return mapId;
}

