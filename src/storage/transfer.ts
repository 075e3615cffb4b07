/**
 * Map files in and out of storage. Import is all or nothing: a file is
 * parsed and checked whole (domain/format/parse.ts) before anything is
 * written, and then written in one transaction.
 */
import { parseMapFile, type AnchorCounts, type ParseResult } from '../domain/format/parse';
import { serializeMap } from '../domain/format/serialize';
import { db as defaultDb, type WarrantDB } from './db';
import { IntegrityError, MapNotFoundError, rethrowStorageError } from './errors';
import type { MapCounts } from './queries';
import { loadMap, loadMapInTransaction, newEpoch } from './reads';
import { countsOf, trashMapInTransaction } from './trashSnapshot';
import { saveVersionInTransaction } from './versions';
import { allTables, copyOf, deleteMapRows, docReferenceProblems, putDocRows, userHasData } from './writes';


export type ImportResult =
  | { kind: 'imported'; mapId: string; notices: string[]; counts: MapCounts; anchors: AnchorCounts }
  /** A map with the file's id exists: nothing was written; ask the user to replace it or import a copy. */
  | { kind: 'conflict'; mapId: string; title: string }
  /** The file was refused whole: nothing was written. */
  | { kind: 'refused'; parse: Exclude<ParseResult, { kind: 'ok' }> };

export type ImportOptions = {
  /** What to do when a map with the file's id exists; without it, import answers `conflict`. */
  onConflict?: 'replace' | 'copy';
};

/**
 * Imports a map file. Refused files and conflicts write nothing. `replace`
 * moves the existing map to the trash (reason `replaced`, restorable as a
 * copy), deletes its rows and writes the file's, in one transaction
 * (the revision goes on from the old map's, so a tab that has the old map
 * open cannot write over the new one). `copy` gives the file's map and every
 * record fresh ids, consistently, and titles it "… (copy)"; the existing map
 * is untouched. A plain import keeps the file's ids and timestamps, so export
 * followed by import gives back the same records.
 *
 * Throws only when storage fails (StorageFullError, a closed database): then
 * too nothing was written. Does not broadcast: call `broadcastMapsChanged`.
 */
export async function importMapFile(
  /** The file's text, or what `parseMapFile` made of it (in a worker, for a big file). */
  text: string | ParseResult,
  options: ImportOptions = {},
  db: WarrantDB = defaultDb,
): Promise<ImportResult> {
  const parsed = typeof text === 'string' ? parseMapFile(text) : text;
  if (parsed.kind !== 'ok') return { kind: 'refused', parse: parsed };
  // The parser checks references; this guards the tables' invariants even if it ever does not.
  const problems = docReferenceProblems(parsed.doc);
  if (problems.length) throw new IntegrityError(problems);
  try {
    return await db.transaction('rw', allTables(db), async (): Promise<ImportResult> => {
      let doc = parsed.doc;
      const notices = [...parsed.notices];
      let revision = 0;
      const existing = await db.maps.get(doc.map.id);
      if (existing) {
        if (!options.onConflict) return { kind: 'conflict', mapId: existing.id, title: existing.title };
        if (options.onConflict === 'replace') {
          revision = existing.revision + 1;
          // A version of the map as it was, to compare with the file's or to restore.
          const before = await loadMapInTransaction(db, existing.id);
          if (before) await saveVersionInTransaction(db, before.doc, before.revision, 'Before Replace on import', 'auto');
          await trashMapInTransaction(db, existing.id, 'replaced');
          await deleteMapRows(db, existing.id);
          notices.push(`Replaced the map “${existing.title}” with the file's version; the old version is in the Trash.`);
        } else {
          doc = copyOf(doc);
          notices.push(`Imported as a copy, “${doc.map.title}”, beside the existing map “${existing.title}”.`);
        }
      }
      await Promise.all([db.maps.put({ ...doc.map, revision, epoch: newEpoch() }), putDocRows(db, doc, doc.map.id)]);
      return {
        kind: 'imported',
        mapId: doc.map.id,
        notices,
        anchors: parsed.anchors,
        counts: countsOf(doc),
      };
    }).then((result) => (result.kind === 'imported' ? userHasData(result) : result));
  } catch (e) {
    return rethrowStorageError(e);
  }
}

/**
 * The map file text (pretty JSON, format v1) of a stored map, read in one
 * transaction. Throws MapNotFoundError when there is no such map.
 */
export async function exportMap(mapId: string, db: WarrantDB = defaultDb): Promise<string> {
  const loaded = await loadMap(mapId, db);
  if (!loaded) throw new MapNotFoundError(mapId);
  return serializeMap(loaded.doc);
}
