/**
 * Every write of Warrant. Each function is ONE read-write transaction over
 * every table it touches: it is written whole or not at all, never half (a
 * `Promise.all` of separate writes could leave orphans behind).
 *
 * Nothing here cascades: a deletion Change must already name everything that
 * goes with it (`deletionChange` in src/domain/change.ts), so that undo can
 * restore it. Writes check that instead and refuse a change that would leave
 * orphans or reach into another map.
 *
 * Nothing here broadcasts to other tabs either: the caller sends
 * `broadcastChange` / `broadcastMapsChanged` (channel.ts) once a write resolves.
 */
import { ENTITY_TABLES, type Change, type MapDoc } from '../domain/change';
import { isClaimId, isLinkId } from '../domain/schema';
import { db as defaultDb, type WarrantDB } from './db';
import {
  IntegrityError,
  MapExistsError,
  MapNotFoundError,
  NoRoomInTrashError,
  StaleRevisionError,
  isQuotaError,
  rethrowStorageError,
} from './errors';
import { requestPersistence } from './persistence';
import { loadMapInTransaction, newEpoch } from './reads';
import { rekeyDoc } from '../domain/rekey';
import type { MapRow, RowKey } from './rows';
import { forgetRestoredSourcesInTransaction, trashMapInTransaction, trashSourcesInTransaction } from './trashSnapshot';

/**
 * Every table, the trash included: a write transaction spans them all, so each
 * write is atomic, and what it removes reaches the trash in the same commit.
 */
export function allTables(db: WarrantDB) {
  return [db.maps, db.sources, db.quotes, db.claims, db.links, db.layout, db.comments, db.trash, db.versions];
}

const withMap = <T extends object>(rows: readonly T[] | undefined, mapId: string) =>
  (rows ?? []).map((r) => ({ ...r, mapId }));
const keysOf = (ids: readonly string[] | undefined, mapId: string): RowKey[] =>
  (ids ?? []).map((id): RowKey => [mapId, id]);

/** Puts every record of `doc` under `mapId`. Call inside a rw transaction. */
async function putDocRows(db: WarrantDB, doc: MapDoc, mapId: string): Promise<void> {
  await Promise.all([
    db.sources.bulkPut(withMap(Object.values(doc.sources), mapId)),
    db.quotes.bulkPut(withMap(Object.values(doc.quotes), mapId)),
    db.claims.bulkPut(withMap(Object.values(doc.claims), mapId)),
    db.links.bulkPut(withMap(Object.values(doc.links), mapId)),
    db.comments.bulkPut(withMap(Object.values(doc.comments), mapId)),
    db.layout.bulkPut(Object.entries(doc.layout).map(([id, p]) => ({ id, mapId, x: p.x, y: p.y }))),
  ]);
}

/** Deletes the map row and every row of the map. Call inside a rw transaction. */
export async function deleteMapRows(db: WarrantDB, mapId: string): Promise<void> {
  await Promise.all([
    db.sources.where('mapId').equals(mapId).delete(),
    db.quotes.where('mapId').equals(mapId).delete(),
    db.claims.where('mapId').equals(mapId).delete(),
    db.links.where('mapId').equals(mapId).delete(),
    db.comments.where('mapId').equals(mapId).delete(),
    db.layout.where('mapId').equals(mapId).delete(),
    db.maps.delete(mapId),
  ]);
}

/** References of a whole doc that resolve nowhere (quote → source, link → nodes). */
export function docReferenceProblems(doc: MapDoc): string[] {
  const problems: string[] = [];
  for (const q of Object.values(doc.quotes)) {
    if (!(q.sourceId in doc.sources)) problems.push(`quote ${q.id} names a missing source ${q.sourceId}`);
  }
  const hasNode = (id: string) => (isClaimId(id) ? id in doc.claims : id in doc.quotes);
  for (const l of Object.values(doc.links)) {
    if (!hasNode(l.from)) problems.push(`link ${l.id} comes from a missing node ${l.from}`);
    // Format version 2: a link may be aimed at a link (an undercutter or a backing).
    if (!(isLinkId(l.to) ? l.to in doc.links : isClaimId(l.to) && l.to in doc.claims)) problems.push(`link ${l.id} goes to a missing claim ${l.to}`);
  }
  for (const cm of Object.values(doc.comments)) {
    const on = cm.on;
    if (on !== doc.map.id && !(on in doc.sources || on in doc.quotes || on in doc.claims || on in doc.links)) problems.push(`comment ${cm.id} is on a missing record ${on}`);
  }
  return problems;
}

/** Records of a Change that say they belong to another map. */
function foreignRecords(change: Change): string[] {
  const problems: string[] = [];
  if (change.map && change.map.id !== change.mapId) {
    problems.push(`the map record ${change.map.id} is not the map ${change.mapId}`);
  }
  for (const t of ENTITY_TABLES) {
    for (const r of change.put[t] ?? []) {
      const mapId = (r as { mapId?: unknown }).mapId;
      if (mapId !== undefined && mapId !== change.mapId) {
        problems.push(`${t} ${r.id} belongs to map ${String(mapId)}, not ${change.mapId}`);
      }
    }
  }
  return problems;
}

/**
 * Would the map still hold together after `change`? Checks only what the
 * change touches: the records it puts, and the stored records that point at
 * what it deletes (found through the sourceId / from / to indexes). Runs
 * inside the commit transaction, so it sees exactly what the commit replaces.
 */
async function changeReferenceProblems(db: WarrantDB, change: Change): Promise<string[]> {
  const { mapId } = change;
  const put = change.put;
  const del = change.delete;
  const putIds = (rows: readonly { id: string }[] | undefined) => new Set((rows ?? []).map((r) => r.id));
  const putSources = putIds(put.sources);
  const putQuotes = putIds(put.quotes);
  const putClaims = putIds(put.claims);
  const putLinks = putIds(put.links);
  // A change that deletes and puts one id keeps the put record (applyChange).
  const gone = (ids: readonly string[] | undefined, puts: Set<string>) =>
    new Set((ids ?? []).filter((id) => !puts.has(id)));
  const goneSources = gone(del.sources, putSources);
  const goneQuotes = gone(del.quotes, putQuotes);
  const goneClaims = gone(del.claims, putClaims);
  const goneLinks = gone(del.links, putLinks);

  // Quotes and links whose references must resolve after the change.
  const quotes = [...(put.quotes ?? [])];
  const links = [...(put.links ?? [])];
  const goneNodes = [...goneQuotes, ...goneClaims];
  const [quotesOfGone, linksFromGone, linksToGone] = await Promise.all([
    goneSources.size ? db.quotes.where('sourceId').anyOf([...goneSources]).toArray() : [],
    goneNodes.length ? db.links.where('from').anyOf(goneNodes).toArray() : [],
    // Links aimed at a gone node or at a gone link (format version 2).
    goneNodes.length || goneLinks.size ? db.links.where('to').anyOf([...goneNodes, ...goneLinks]).toArray() : [],
  ]);
  for (const q of quotesOfGone) {
    if (q.mapId === mapId && !goneQuotes.has(q.id) && !putQuotes.has(q.id)) quotes.push(q);
  }
  for (const l of [...linksFromGone, ...linksToGone]) {
    if (l.mapId === mapId && !goneLinks.has(l.id) && !putLinks.has(l.id)) links.push(l);
  }

  // Referenced ids that neither the change puts nor deletes: look them up.
  const sourceIds = new Set<string>();
  const nodeIds = new Set<string>();
  for (const q of quotes) if (!putSources.has(q.sourceId) && !goneSources.has(q.sourceId)) sourceIds.add(q.sourceId);
  const linkTargets = new Set<string>();
  for (const l of links) {
    if (isLinkId(l.to) && !putLinks.has(l.to) && !goneLinks.has(l.to)) linkTargets.add(l.to);
  }
  for (const l of links) {
    for (const id of isLinkId(l.to) ? [l.from] : [l.from, l.to]) {
      const inChange = isClaimId(id) ? putClaims.has(id) || goneClaims.has(id) : putQuotes.has(id) || goneQuotes.has(id);
      if (!inChange) nodeIds.add(id);
    }
  }
  const claimIds = [...nodeIds].filter(isClaimId);
  const quoteIds = [...nodeIds].filter((id) => !isClaimId(id));
  const [storedSources, storedClaims, storedQuotes, storedLinks] = await Promise.all([
    db.sources.bulkGet(keysOf([...sourceIds], mapId)),
    db.claims.bulkGet(keysOf(claimIds, mapId)),
    db.quotes.bulkGet(keysOf(quoteIds, mapId)),
    linkTargets.size ? db.links.bulkGet(keysOf([...linkTargets], mapId)) : [],
  ]);
  const stored = new Set<string>();
  for (const r of [...storedSources, ...storedClaims, ...storedQuotes, ...storedLinks]) if (r) stored.add(r.id);
  const linkExists = (id: string) => putLinks.has(id) || (!goneLinks.has(id) && stored.has(id));

  const sourceExists = (id: string) => putSources.has(id) || (!goneSources.has(id) && stored.has(id));
  const nodeExists = (id: string) =>
    isClaimId(id)
      ? putClaims.has(id) || (!goneClaims.has(id) && stored.has(id))
      : putQuotes.has(id) || (!goneQuotes.has(id) && stored.has(id));
  const problems: string[] = [];
  for (const q of quotes) {
    if (!sourceExists(q.sourceId)) problems.push(`quote ${q.id} would name a missing source ${q.sourceId}`);
  }
  for (const l of links) {
    if (!nodeExists(l.from)) problems.push(`link ${l.id} would come from a missing node ${l.from}`);
    if (!(isLinkId(l.to) ? linkExists(l.to) : isClaimId(l.to) && nodeExists(l.to))) problems.push(`link ${l.id} would go to a missing claim ${l.to}`);
  }
  // Comments on what goes must go too (deletionChange takes them along).
  const goneAny = [...goneSources, ...goneNodes, ...goneLinks];
  if (goneAny.length) {
    const goneComments = new Set(del.comments ?? []);
    for (const cm of await db.comments.where('on').anyOf(goneAny).toArray()) {
      if (cm.mapId === mapId && !goneComments.has(cm.id)) problems.push(`comment ${cm.id} would be on a missing record ${cm.on}`);
    }
  }
  return problems;
}

/**
 * Writes `change` to its map in one transaction, on condition that the map is
 * still at `baseRevision` (the revision the caller's in-memory map reflects).
 * Deletes go first, then puts, as in `applyChange`; the map's revision goes
 * up by one and its `updatedAt` becomes now, in the same transaction.
 *
 * A change that deletes sources also puts a copy of each (with its quotes,
 * their links and positions, as stored) in the trash, in the same
 * transaction; a change that puts back a source drops its trash entry (undo).
 * When the disk is too full even for that copy, the deletion is written
 * without it (deleting is how a user frees space) and the result says
 * `trashed: false`.
 *
 * `epoch`, when given, is the incarnation the caller loaded (`loadMap`): a
 * map deleted and imported again under the same id is another map, and a
 * write meant for the old one is refused as stale.
 *
 * Throws, having written nothing: MapNotFoundError; StaleRevisionError when
 * another tab wrote first, or the map was replaced since; IntegrityError when the change would leave
 * orphans or names records of another map; StorageFullError when the disk
 * or quota is full; Dexie's DatabaseClosedError after another tab upgraded.
 * Use `classifyStorageError` for the message.
 */
export async function commitChange(
  change: Change,
  baseRevision: number,
  db: WarrantDB = defaultDb,
  epoch?: string,
): Promise<{ revision: number; updatedAt: string; trashed?: false }> {
  const foreign = foreignRecords(change);
  if (foreign.length) throw new IntegrityError(foreign);
  const putSources = new Set((change.put.sources ?? []).map((s) => s.id));
  const goneSources = (change.delete.sources ?? []).filter((id) => !putSources.has(id));
  try {
    return await commitOnce(change, { baseRevision, epoch }, db, goneSources, true);
  } catch (e) {
    if (goneSources.length && isQuotaError(e)) {
      try {
        return { ...(await commitOnce(change, { baseRevision, epoch }, db, goneSources, false)), trashed: false };
      } catch (again) {
        return rethrowStorageError(again);
      }
    }
    return rethrowStorageError(e);
  }
}

/** One attempt of `commitChange`; `keepInTrash` copies deleted sources to the trash. */
async function commitOnce(
  change: Change,
  { baseRevision, epoch }: { baseRevision: number; epoch: string | undefined },
  db: WarrantDB,
  goneSources: readonly string[],
  keepInTrash: boolean,
): Promise<{ revision: number; updatedAt: string }> {
  const { mapId } = change;
  return db.transaction('rw', allTables(db), async () => {
    const row = await db.maps.get(mapId);
    if (!row) throw new MapNotFoundError(mapId);
    if (row.revision !== baseRevision || (epoch !== undefined && (row.epoch ?? '') !== epoch)) {
      throw new StaleRevisionError(mapId, baseRevision, row.revision);
    }
    const problems = await changeReferenceProblems(db, change);
    if (problems.length) throw new IntegrityError(problems);

    const { put, delete: del } = change;
    const now = new Date().toISOString();
    if (keepInTrash) await trashSourcesInTransaction(db, mapId, goneSources, now);
    if (put.sources?.length) {
      await forgetRestoredSourcesInTransaction(db, mapId, put.sources.map((s) => s.id));
    }
    await Promise.all([
      db.sources.bulkDelete(keysOf(del.sources, mapId)),
      db.quotes.bulkDelete(keysOf(del.quotes, mapId)),
      db.claims.bulkDelete(keysOf(del.claims, mapId)),
      db.links.bulkDelete(keysOf(del.links, mapId)),
      db.comments.bulkDelete(keysOf(del.comments, mapId)),
      db.layout.bulkDelete(keysOf(del.layout, mapId)),
    ]);
    const layout = Object.entries(put.layout ?? {}).map(([id, p]) => ({ id, mapId, x: p.x, y: p.y }));
    await Promise.all([
      db.sources.bulkPut(withMap(put.sources, mapId)),
      db.quotes.bulkPut(withMap(put.quotes, mapId)),
      db.claims.bulkPut(withMap(put.claims, mapId)),
      db.links.bulkPut(withMap(put.links, mapId)),
      db.comments.bulkPut(withMap(put.comments, mapId)),
      db.layout.bulkPut(layout),
    ]);

    const next: MapRow = { ...row, revision: row.revision + 1, updatedAt: now };
    if (change.map) {
      next.title = change.map.title;
      if (change.map.description === undefined) delete next.description;
      else next.description = change.map.description;
    }
    await db.maps.put(next);
    return { revision: next.revision, updatedAt: next.updatedAt };
  });
}

/**
 * Writes a whole doc as a new map at revision 0, in one transaction (New
 * map, Open example, import, duplicate). Refuses with MapExistsError when
 * the id is taken, and with IntegrityError when a reference of the doc
 * resolves nowhere.
 */
export async function createMap(doc: MapDoc, db: WarrantDB = defaultDb): Promise<{ mapId: string; revision: number }> {
  const problems = docReferenceProblems(doc);
  if (problems.length) throw new IntegrityError(problems);
  const mapId = doc.map.id;
  try {
    return await db.transaction('rw', allTables(db), async () => {
      if (await db.maps.get(mapId)) throw new MapExistsError(mapId);
      await Promise.all([db.maps.add({ ...doc.map, revision: 0, epoch: newEpoch() }), putDocRows(db, doc, mapId)]);
      return { mapId, revision: 0 };
    }).then(userHasData);
  } catch (e) {
    return rethrowStorageError(e);
  }
}

/**
 * The user now has data worth keeping: ask the browser (once per page load)
 * not to evict it. Called after a map is created, imported, duplicated or
 * restored; the store asks after its first committed change.
 */
export function userHasData<T>(result: T): T {
  void requestPersistence();
  return result;
}

/**
 * Moves the map to the trash (as its map file, restorable for
 * TRASH_KEEP_DAYS days with `restoreFromTrash`) and deletes all its rows, in
 * one transaction. Resolves to undefined when there is no such map (not an
 * error). When the disk is too full even for the trash copy, nothing is
 * deleted and NoRoomInTrashError is thrown: the UI asks, and with the user's
 * yes calls again with `forGood`, which deletes without a copy (deleting is
 * how a user frees space); then `trashed` is false.
 */
export async function deleteMap(
  mapId: string,
  db: WarrantDB = defaultDb,
  { forGood = false }: { forGood?: boolean } = {},
): Promise<{ trashed: boolean } | undefined> {
  const attempt = (keepInTrash: boolean) =>
    db.transaction('rw', allTables(db), async () => {
      if (!(await db.maps.get(mapId))) {
        await deleteMapRows(db, mapId); // stray rows of a map row that is gone
        return undefined;
      }
      const entry = keepInTrash ? await trashMapInTransaction(db, mapId, 'deleted') : null;
      await deleteMapRows(db, mapId);
      return { trashed: entry !== null };
    });
  try {
    return await attempt(!forGood);
  } catch (e) {
    if (!forGood && isQuotaError(e)) throw new NoRoomInTrashError({ cause: e });
    return rethrowStorageError(e);
  }
}

/**
 * Renames a map outside of any open-map Change (the map list). Bumps the
 * revision like a commit, so a tab with the map open learns it is stale.
 */
export async function renameMap(
  mapId: string,
  title: string,
  db: WarrantDB = defaultDb,
): Promise<{ revision: number; updatedAt: string }> {
  try {
    return await db.transaction('rw', db.maps, async () => {
      const row = await db.maps.get(mapId);
      if (!row) throw new MapNotFoundError(mapId);
      const next: MapRow = { ...row, title, revision: row.revision + 1, updatedAt: new Date().toISOString() };
      await db.maps.put(next);
      return { revision: next.revision, updatedAt: next.updatedAt };
    });
  } catch (e) {
    return rethrowStorageError(e);
  }
}

/**
 * Copies a map under fresh ids (every reference re-keyed with its record),
 * titled "… (copy)", created and updated now. Reads and writes in one
 * transaction. Returns the new map's id.
 */
export async function duplicateMap(mapId: string, db: WarrantDB = defaultDb): Promise<string> {
  try {
    return await db.transaction('rw', allTables(db), async () => {
      const loaded = await loadMapInTransaction(db, mapId);
      if (!loaded) throw new MapNotFoundError(mapId);
      const copy = copyOf(loaded.doc);
      await Promise.all([db.maps.add({ ...copy.map, revision: 0, epoch: newEpoch() }), putDocRows(db, copy, copy.map.id)]);
      return copy.map.id;
    }).then(userHasData);
  } catch (e) {
    return rethrowStorageError(e);
  }
}

/** `doc` re-keyed, titled "… (copy)", created and updated now: a new map of its own. */
export function copyOf(doc: MapDoc, now: string = new Date().toISOString()): MapDoc {
  const rekeyed = rekeyDoc(doc);
  return { ...rekeyed, map: { ...rekeyed.map, title: `${doc.map.title} (copy)`, createdAt: now, updatedAt: now } };
}

/** Writes `doc` in the current transaction: used by transfer.ts. */
export { putDocRows };
