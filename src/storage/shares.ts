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

/**
 * Saves the whole Y.Doc state and the client ids of a shared map, in place of
 * the state and every update saved before it (one transaction). Costs the
 * whole map: for a save after edits, `appendShareUpdate`.
 */
export async function saveShareState(mapId: string, state: Uint8Array, localClients: readonly number[], db: WarrantDB = defaultDb): Promise<void> {
  await db.transaction('rw', db.shares, db.shareUpdates, async () => {
    // A copy on its own ArrayBuffer: what IndexedDB stores, whatever `state` views.
    await db.shares.update(mapId, { state: new Uint8Array(state), localClients: [...localClients] });
    await db.shareUpdates.where('mapId').equals(mapId).delete();
  });
}

/**
 * Appends one update of a shared map's Y.Doc (the edits since the last save)
 * after its state; `localClients` too when they changed. Neither reads nor
 * rewrites the state, so a save costs what changed. Nothing is saved once the
 * share is gone (stopped meanwhile).
 */
export async function appendShareUpdate(mapId: string, update: Uint8Array | null, localClients: readonly number[] | null, db: WarrantDB = defaultDb): Promise<void> {
  await db.transaction('rw', db.shares, db.shareUpdates, async () => {
    // Counted by key: the row (and its state of megabytes) is not read.
    if (!(await db.shares.where('mapId').equals(mapId).count())) return;
    if (update) await db.shareUpdates.add({ mapId, update: new Uint8Array(update) });
    if (localClients) await db.shares.update(mapId, { localClients: [...localClients] });
  });
}

/** What a shared map's Y.Doc was saved as: its state, then each update saved since, in order. */
export async function loadShareState(mapId: string, db: WarrantDB = defaultDb): Promise<{ state: Uint8Array | undefined; updates: Uint8Array[] }> {
  return db.transaction('r', db.shares, db.shareUpdates, async () => {
    const row = await getShare(mapId, db);
    const updates = await db.shareUpdates.where('mapId').equals(mapId).toArray();
    return { state: row?.state, updates: updates.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)).map((u) => u.update) };
  });
}

/** Stops sharing a map on this device: the map stays, its link and state go. */
export async function deleteShare(mapId: string, db: WarrantDB = defaultDb): Promise<void> {
  await db.transaction('rw', db.shares, db.shareUpdates, async () => {
    await db.shares.delete(mapId);
    await db.shareUpdates.where('mapId').equals(mapId).delete();
  });
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
