/**
 * Shared maps on this device: how each connects (server, document, token) and
 * the saved Y.Doc state, so edits made offline survive a reload until the
 * server has them. One row per shared map, keyed by the local map id.
 */
import type { MapDoc } from '../domain/change';
import { serializeMap } from '../domain/format/serialize';
import { MAX_TITLE } from '../domain/schema';
import { clipText } from '../domain/vocabulary';
import { db as defaultDb, type WarrantDB } from './db';
import { rethrowStorageError } from './errors';
import { ShareRowSchema, type ShareRow, type TrashEntry } from './rows';
import { countsOf, newTrashId } from './trashSnapshot';

export type { ShareRow };

/** The share of a local map, or null; a row that fails its schema counts as none. */
export async function getShare(mapId: string, db: WarrantDB = defaultDb): Promise<ShareRow | null> {
  const row = await db.shares.get(mapId);
  const parsed = ShareRowSchema.safeParse(row);
  return parsed.success ? parsed.data : null;
}

/**
 * The local copy of a shared document, found by its server and its name
 * there. Both must match: a document name is no secret (a review link shows
 * it), so the same name on another server is another map, never this one.
 */
export async function findShareByLink(server: string, doc: string, db: WarrantDB = defaultDb): Promise<ShareRow | null> {
  const rows = await db.shares.where('doc').equals(doc).toArray();
  for (const row of rows) {
    const parsed = ShareRowSchema.safeParse(row);
    if (parsed.success && sameServer(parsed.data.server, server) && (await db.maps.get(parsed.data.mapId))) return parsed.data;
  }
  return null;
}

/** One spelling per server address (`WS://Host:1234/` is `ws://host:1234`). */
export function serverKey(server: string): string {
  try {
    const u = new URL(server);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return server;
  }
}

export const sameServer = (a: string, b: string): boolean => serverKey(a) === serverKey(b);

/** Whether this browser shares any map on `server`: a link to any other asks first. */
export async function isKnownServer(server: string, db: WarrantDB = defaultDb): Promise<boolean> {
  const rows = await db.shares.toArray();
  return rows.some((row) => typeof row.server === 'string' && sameServer(row.server, server));
}

export async function putShare(row: ShareRow, db: WarrantDB = defaultDb): Promise<void> {
  try {
    await db.shares.put(ShareRowSchema.parse(row));
  } catch (e) {
    rethrowStorageError(e);
  }
}

/** Saves the Y.Doc state and the client ids of a shared map (after edits, debounced). */
export async function saveShareState(mapId: string, state: Uint8Array, localClients: readonly number[], db: WarrantDB = defaultDb): Promise<void> {
  // A copy on its own ArrayBuffer: what IndexedDB stores, whatever `state` views.
  await db.shares.update(mapId, { state: new Uint8Array(state), localClients: [...localClients] });
}

/** Stops sharing a map on this device: the map stays, its link and state go. */
export async function deleteShare(mapId: string, db: WarrantDB = defaultDb): Promise<void> {
  await db.shares.delete(mapId);
}

/**
 * Records this device edited were deleted by someone else: the deletion wins,
 * and this puts the map as it was before it (the edited records included) in
 * the trash, restorable as a copy like any deleted map.
 */
export async function trashEditedBeforeRemoteDelete(before: MapDoc, what: string, db: WarrantDB = defaultDb): Promise<void> {
  const now = new Date().toISOString();
  const title = clipText(`${before.map.title || 'Untitled map'} — before ${what}`, MAX_TITLE);
  const entry: TrashEntry = {
    id: newTrashId(),
    kind: 'map',
    mapId: before.map.id,
    title,
    mapTitle: clipText(before.map.title, MAX_TITLE),
    deletedAt: now,
    reason: 'deleted',
    counts: countsOf(before),
    revision: 0,
    payload: serializeMap(before, now),
  };
  try {
    await db.trash.add(entry);
  } catch (e) {
    rethrowStorageError(e);
  }
}
