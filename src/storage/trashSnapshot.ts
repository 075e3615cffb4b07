/**
 * Copies of what a write is about to remove, put in the trash by that same
 * write: each function runs inside the caller's read-write transaction (which
 * must include `db.trash`), so the removal and its trash entry are written
 * together or not at all.
 */
import { serializeMap } from '../domain/format/serialize';
import { MAX_TITLE } from '../domain/schema';
import { clipText } from '../domain/vocabulary';
import { freshIdLike } from '../domain/ids';
import type { WarrantDB } from './db';
import { loadMapInTransaction } from './reads';
import { type TrashCounts, type TrashEntry, type TrashedSource } from './rows';
import type { MapDoc } from '../domain/change';


/** How many records of each kind a map holds (trash entries, import summaries). */
export function countsOf(doc: MapDoc): TrashCounts {
  return {
    sources: Object.keys(doc.sources).length,
    quotes: Object.keys(doc.quotes).length,
    claims: Object.keys(doc.claims).length,
    links: Object.keys(doc.links).length,
  };
}

export const TRASH_ID_PREFIX = 'trash_';

export const newTrashId = (): string => freshIdLike(TRASH_ID_PREFIX);

const strip = <T extends { mapId: string }>({ mapId: _mapId, ...rest }: T): Omit<T, 'mapId'> => rest;

/**
 * Puts the whole stored map `mapId` in the trash as its map file text.
 * Call BEFORE deleting its rows, in the same transaction. Does nothing
 * (returns null) when there is no such map.
 */
export async function trashMapInTransaction(
  db: WarrantDB,
  mapId: string,
  reason: TrashEntry['reason'],
  now: string = new Date().toISOString(),
): Promise<TrashEntry | null> {
  const loaded = await loadMapInTransaction(db, mapId);
  if (!loaded) return null;
  const { doc, revision } = loaded;
  const entry: TrashEntry = {
    id: newTrashId(),
    kind: 'map',
    mapId,
    // The list's titles stay within the limit even for a map stored before fields enforced it.
    title: clipText(doc.map.title, MAX_TITLE),
    mapTitle: clipText(doc.map.title, MAX_TITLE),
    deletedAt: now,
    reason,
    counts: countsOf(doc),
    revision,
    payload: serializeMap(doc, now),
  };
  await db.trash.add(entry);
  return entry;
}

/**
 * Puts each stored source of `sourceIds` in the trash, one entry a source,
 * with its quotes, the links from those quotes and their positions, as they
 * are stored now. Call BEFORE the deletes, in the same transaction.
 */
export async function trashSourcesInTransaction(
  db: WarrantDB,
  mapId: string,
  sourceIds: readonly string[],
  now: string = new Date().toISOString(),
): Promise<TrashEntry[]> {
  if (!sourceIds.length) return [];
  const map = await db.maps.get(mapId);
  const mapTitle = map?.title ?? '';
  const entries: TrashEntry[] = [];
  for (const sourceId of sourceIds) {
    const source = await db.sources.get([mapId, sourceId]);
    if (!source) continue;
    const quotes = (await db.quotes.where('sourceId').equals(sourceId).toArray()).filter((q) => q.mapId === mapId);
    const quoteIds = quotes.map((q) => q.id);
    const [links, layout] = quoteIds.length
      ? await Promise.all([
          db.links.where('from').anyOf(quoteIds).toArray(),
          db.layout.bulkGet(quoteIds.map((id): [string, string] => [mapId, id])),
        ])
      : [[], []];
    // Links aimed at those links (format version 2) go with them (deletionChange), so they are kept here too.
    const kept = links.filter((l) => l.mapId === mapId);
    const taken = new Set(kept.map((l) => l.id));
    for (let frontier = [...taken]; frontier.length; ) {
      const aimed = (await db.links.where('to').anyOf(frontier).toArray()).filter((l) => l.mapId === mapId && !taken.has(l.id));
      for (const l of aimed) taken.add(l.id);
      kept.push(...aimed);
      frontier = aimed.map((l) => l.id);
    }
    // The threads on all of these, replies included (they share their thread's `on`).
    const on = [sourceId, ...quoteIds, ...kept.map((l) => l.id)];
    const comments = (await db.comments.where('on').anyOf(on).toArray()).filter((cm) => cm.mapId === mapId);
    const payload: TrashedSource = {
      source: strip(source),
      quotes: quotes.map(strip),
      links: kept.map(strip),
      layout: layout.flatMap((p) => (p ? [{ id: p.id, x: p.x, y: p.y }] : [])),
    };
    if (comments.length) payload.comments = comments.map(strip);
    const entry: TrashEntry = {
      id: newTrashId(),
      kind: 'source',
      mapId,
      title: clipText(source.title, MAX_TITLE),
      mapTitle: clipText(mapTitle, MAX_TITLE),
      deletedAt: now,
      reason: 'deleted',
      counts: { sources: 1, quotes: payload.quotes.length, claims: 0, links: payload.links.length },
      payload,
    };
    entries.push(entry);
  }
  if (entries.length) await db.trash.bulkAdd(entries);
  return entries;
}

/**
 * Drops the trash entries of sources of `mapId` that `sourceIds` puts back
 * (an undo of a deletion): the trash holds only what is gone.
 */
export async function forgetRestoredSourcesInTransaction(
  db: WarrantDB,
  mapId: string,
  sourceIds: readonly string[],
): Promise<void> {
  if (!sourceIds.length) return;
  const ids = new Set(sourceIds);
  await db.trash
    .where('mapId')
    .equals(mapId)
    .filter((e) => e.kind === 'source' && ids.has(e.payload.source.id))
    .delete();
}
