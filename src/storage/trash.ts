/**
 * The trash: maps deleted or replaced, and sources deleted from a map, kept
 * TRASH_KEEP_DAYS days and restorable whole. Entries are written by the
 * removing write itself (see trashSnapshot.ts), in its transaction. Undo
 * inside an open map is the first way back; the trash is the net after the
 * session (and its history) is gone.
 *
 * Nothing here broadcasts: after `restoreFromTrash` the caller sends
 * `broadcastMapsChanged` (a map) or `broadcastChange` (a source, with the
 * returned change and revision), so open tabs follow.
 */
import { emptyChange, type Change } from '../domain/change';
import { parseMapFile } from '../domain/format/parse';
import { isClaimId, isLinkId, MAX_NAME, MAX_PUBLISHED_AT, MAX_TITLE, type Position } from '../domain/schema';
import { clipText, plural } from '../domain/vocabulary';
import { db as defaultDb, purgeExpiredTrash, trashCutoff, type WarrantDB } from './db';
import { TrashRestoreError, rethrowStorageError } from './errors';
import { TrashEntrySchema, TrashListingSchema, type TrashCounts, type TrashEntry } from './rows';
import { newEpoch } from './reads';
import { allTables, copyOf, putDocRows, userHasData } from './writes';

/** What the trash list shows of an entry (no payload). */
export type TrashListItem = {
  id: string;
  kind: TrashEntry['kind'];
  mapId: string;
  title: string;
  mapTitle: string;
  deletedAt: string;
  reason: TrashEntry['reason'];
  counts: TrashCounts;
};

export type RestoreResult =
  | { kind: 'map'; mapId: string; asCopy: boolean; notices: string[] }
  | {
      kind: 'source';
      mapId: string;
      sourceId: string;
      /** The map's revision after the restore, and the Change it amounted to: for `broadcastChange`. */
      revision: number;
      change: Change;
      notices: string[];
    };

const listTitle = (title: unknown): unknown => (typeof title === 'string' ? clipText(title, MAX_TITLE) : title);

/**
 * A stored entry with its titles, and a source's metadata, cut to their
 * limits: values over a limit were once stored through the UI, and the
 * entry must still restore (the cut title says where it came from).
 */
function withinLimits(row: TrashEntry): unknown {
  const clipped = { ...row, title: listTitle(row.title), mapTitle: listTitle(row.mapTitle) };
  if (row.kind !== 'source' || typeof row.payload !== 'object' || row.payload === null) return clipped;
  const s = row.payload.source as Record<string, unknown> | undefined;
  if (!s || typeof s !== 'object') return clipped;
  const cut = (v: unknown, max: number) => (typeof v === 'string' ? clipText(v, max) : v);
  const source = {
    ...s,
    title: cut(s['title'], MAX_TITLE),
    author: cut(s['author'], MAX_NAME),
    publisher: cut(s['publisher'], MAX_NAME),
    publishedAt: cut(s['publishedAt'], MAX_PUBLISHED_AT),
  };
  for (const k of ['author', 'publisher', 'publishedAt'] as const) if (source[k] === undefined) delete source[k];
  return { ...clipped, payload: { ...row.payload, source } };
}


/**
 * The entries of the trash, newest first, without their payloads. Entries
 * past TRASH_KEEP_DAYS (not yet purged) and entries that do not read as a
 * trash entry are left out. Read-only: meant for `useLiveQuery`.
 */
export async function listTrash(db: WarrantDB = defaultDb, now: Date = new Date()): Promise<TrashListItem[]> {
  const cutoff = trashCutoff(now);
  const rows = await db.trash.where('deletedAt').aboveOrEqual(cutoff).reverse().toArray();
  const items: TrashListItem[] = [];
  for (const row of rows) {
    // A title over the limit (stored before fields enforced it) is shown cut,
    // not dropped: the entry must stay restorable.
    // The listing reads the entry's fields, not its payload: parsing every
    // saved map just to list titles would make the Trash slow to open.
    const parsed = TrashListingSchema.safeParse(withinLimits(row));
    if (!parsed.success) continue;
    const { id, kind, mapId, title, mapTitle, deletedAt, reason, counts } = parsed.data;
    items.push({ id, kind, mapId, title, mapTitle, deletedAt, reason, counts });
  }
  return items;
}

/** Deletes the entries older than TRASH_KEEP_DAYS before `now`; resolves to how many went. Runs on every database open. */
export async function purgeTrash(now: Date = new Date(), db: WarrantDB = defaultDb): Promise<number> {
  try {
    return await purgeExpiredTrash(db, now);
  } catch (e) {
    return rethrowStorageError(e);
  }
}

/** Deletes every entry of the trash, for good. */
export async function emptyTrash(db: WarrantDB = defaultDb): Promise<void> {
  try {
    await db.trash.clear();
  } catch (e) {
    rethrowStorageError(e);
  }
}

/** Deletes one entry of the trash, for good. A missing entry is not an error. */
export async function deleteFromTrash(id: string, db: WarrantDB = defaultDb): Promise<void> {
  try {
    await db.trash.delete(id);
  } catch (e) {
    rethrowStorageError(e);
  }
}

/**
 * Puts an entry back, in one transaction that also removes it from the trash.
 *
 * A map is imported from its saved map file through the same checks as any
 * file: under its own id when that is free (its revision goes on from the one
 * it had, so a tab that still shows the old map cannot write over it), else
 * as a copy under fresh ids, titled "… (copy)" (a replaced map, whose id the
 * replacement holds).
 *
 * A source goes back into its map with its quotes, their positions and the
 * links whose claims still exist; the map's revision goes up, so a tab with
 * the map open applies the broadcast change or reloads.
 *
 * Throws TrashRestoreError, having written nothing, when the entry is gone or
 * unreadable, when a source's map no longer exists, or when the source is
 * back in its map already; storage errors as `commitChange` does.
 */
export async function restoreFromTrash(id: string, db: WarrantDB = defaultDb): Promise<RestoreResult> {
  try {
    return await db.transaction('rw', allTables(db), async (): Promise<RestoreResult> => {
      const row = await db.trash.get(id);
      if (!row) throw new TrashRestoreError('This item is no longer in the Trash (it may have been restored or deleted in another tab).');
      const parsed = TrashEntrySchema.safeParse(withinLimits(row));
      if (!parsed.success) throw new TrashRestoreError(`“${row.title}” cannot be restored: its saved copy is damaged.`);
      const entry = parsed.data;
      const result = entry.kind === 'map' ? await restoreMap(db, entry) : await restoreSource(db, entry);
      await db.trash.delete(id);
      return result;
    }).then(userHasData);
  } catch (e) {
    return rethrowStorageError(e);
  }
}

async function restoreMap(db: WarrantDB, entry: Extract<TrashEntry, { kind: 'map' }>): Promise<RestoreResult> {
  const parsed = parseMapFile(entry.payload);
  if (parsed.kind !== 'ok') {
    throw new TrashRestoreError(`“${entry.title}” cannot be restored: its saved copy does not read as a map (${parsed.message}).`);
  }
  let doc = parsed.doc;
  const taken = await db.maps.get(doc.map.id);
  const notices: string[] = [];
  let revision = entry.revision + 1;
  if (taken) {
    doc = copyOf(doc);
    revision = 0;
    notices.push(`Restored “${entry.title}” as a copy, “${doc.map.title}”, beside the map “${taken.title}” that replaced it.`);
  } else {
    notices.push(`Restored the map “${entry.title}”.`);
  }
  await Promise.all([db.maps.add({ ...doc.map, revision, epoch: newEpoch() }), putDocRows(db, doc, doc.map.id)]);
  return { kind: 'map', mapId: doc.map.id, asCopy: Boolean(taken), notices };
}

async function restoreSource(db: WarrantDB, entry: Extract<TrashEntry, { kind: 'source' }>): Promise<RestoreResult> {
  const { mapId } = entry;
  const { source, quotes, links, layout, comments: trashedComments = [] } = entry.payload;
  const map = await db.maps.get(mapId);
  if (!map) {
    const mapInTrash = (await db.trash.where('mapId').equals(mapId).toArray()).some((e) => e.kind === 'map');
    throw new TrashRestoreError(
      `The source “${entry.title}” cannot be restored: its map “${entry.mapTitle}” no longer exists. ` +
        (mapInTrash ? 'Restore the map from the Trash first, then the source.' : 'Import the map again first, then restore the source.'),
    );
  }
  if (await db.sources.get([mapId, source.id])) {
    throw new TrashRestoreError(
      `The source “${entry.title}” is already back in the map “${map.title}”. Delete this copy from the Trash if you no longer need it.`,
    );
  }
  // A link goes back only if what it ends at is still there: the claim it
  // supports or contradicts, or the link it is aimed at (format version 2:
  // one of the map's, or one going back with it), and its start, when that is
  // not one of the restored quotes.
  const quoteIds = new Set(quotes.map((q) => q.id));
  const inEntry = new Set(links.map((l) => l.id));
  const needed = [...new Set(links.flatMap((l) => [l.from, l.to]).filter((n) => !quoteIds.has(n) && !inEntry.has(n)))];
  const claimIds = needed.filter(isClaimId);
  const linkIds = needed.filter(isLinkId);
  const otherQuotes = needed.filter((n) => !isClaimId(n) && !isLinkId(n));
  const [claims, others, aimedAt] = await Promise.all([
    db.claims.bulkGet(claimIds.map((c): [string, string] => [mapId, c])),
    db.quotes.bulkGet(otherQuotes.map((q): [string, string] => [mapId, q])),
    db.links.bulkGet(linkIds.map((l): [string, string] => [mapId, l])),
  ]);
  const present = new Set([...quoteIds, ...[...claims, ...others, ...aimedAt].flatMap((r) => (r ? [r.id] : []))]);
  // Links aimed at links of the entry go back only with their target: add them as their targets are kept.
  const kept: typeof links = [];
  for (let rest = links, grew = true; grew; ) {
    grew = false;
    const later: typeof links = [];
    for (const l of rest) {
      if (present.has(l.from) && present.has(l.to) && (isClaimId(l.to) || isLinkId(l.to))) {
        kept.push(l);
        present.add(l.id);
        grew = true;
      } else later.push(l);
    }
    rest = later;
  }
  kept.sort((a, b) => links.indexOf(a) - links.indexOf(b));
  const positions: Record<string, Position> = {};
  for (const p of layout) if (quoteIds.has(p.id)) positions[p.id] = { x: p.x, y: p.y };

  // Threads come back with what they are on; those on a link that cannot
  // come back (its claim is gone) are dropped with it.
  const comments = trashedComments.filter((cm) => cm.on === source.id || quoteIds.has(cm.on) || kept.some((l) => l.id === cm.on));

  const change: Change = emptyChange(mapId);
  change.put = { sources: [source], quotes, links: kept, layout: positions };
  if (comments.length) change.put.comments = comments;
  const withMap = <T extends object>(rows: readonly T[]) => rows.map((r) => ({ ...r, mapId }));
  const updatedAt = new Date().toISOString();
  const revision = map.revision + 1;
  await Promise.all([
    db.sources.put({ ...source, mapId }),
    db.quotes.bulkPut(withMap(quotes)),
    db.links.bulkPut(withMap(kept)),
    db.comments.bulkPut(withMap(comments)),
    db.layout.bulkPut(Object.entries(positions).map(([id, p]) => ({ id, mapId, x: p.x, y: p.y }))),
    db.maps.put({ ...map, revision, updatedAt }),
  ]);
  const notices = [`Restored the source “${entry.title}” to the map “${map.title}”.`];
  const dropped = links.length - kept.length;
  if (dropped > 0) {
    notices.push(`${plural(dropped, 'link')} of its quotes could not be restored: the claims they pointed to are gone.`);
  }
  return { kind: 'source', mapId, sourceId: source.id, revision, change, notices };
}
