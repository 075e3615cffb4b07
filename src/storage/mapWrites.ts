/**
 * The door for writes to whole maps that are not open in this tab (the map
 * list's new, rename, duplicate and delete). Each write here tells the other
 * tabs once it lands, always: a tab that has the map open reloads it, so its
 * next edit is written over the revision it now knows instead of being
 * refused as "changed in another tab". Edits to the open map go through the
 * map store's change stream instead (src/store/stream.ts), whose persistence
 * adapter tells the other tabs the same way.
 *
 * writes.ts stays the plain, silent transactions: transfer.ts and the tests
 * compose them.
 */
import { broadcastMapsChanged } from './channel';
import { db as defaultDb, type WarrantDB } from './db';
import * as writes from './writes';
import type { MapDoc } from '../domain/change';

/** `write`'s result, once the other tabs were told about `mapIds`. A failed write is one transaction undone: nothing to tell. */
async function told<T>(write: Promise<T>, mapIds: (result: T) => string[]): Promise<T> {
  const result = await write;
  broadcastMapsChanged(mapIds(result));
  return result;
}

export function createMap(doc: MapDoc, db: WarrantDB = defaultDb): Promise<{ mapId: string; revision: number }> {
  return told(writes.createMap(doc, db), (r) => [r.mapId]);
}

export function renameMap(mapId: string, title: string, db: WarrantDB = defaultDb): Promise<{ revision: number; updatedAt: string }> {
  return told(writes.renameMap(mapId, title, db), () => [mapId]);
}

export function duplicateMap(mapId: string, db: WarrantDB = defaultDb): Promise<string> {
  return told(writes.duplicateMap(mapId, db), (copyId) => [copyId]);
}

export function deleteMap(mapId: string, db: WarrantDB = defaultDb, options: { forGood?: boolean } = {}): Promise<{ trashed: boolean } | undefined> {
  return told(writes.deleteMap(mapId, db, options), () => [mapId]);
}
