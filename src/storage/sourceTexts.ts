/**
 * Source texts read by id, for the workers that need a large source's text
 * (search, anchoring): they open the database themselves and read it here,
 * so that the page never posts tens of megabytes to them by structured
 * clone (a copy each, and the garbage collection of it on the main thread).
 */
import { db as defaultDb, type WarrantDB } from './db';

/**
 * The stored texts of the sources `ids` of map `mapId`, by id; a source not
 * stored (deleted meanwhile) is absent from the answer. One read transaction.
 */
export async function readSourceTexts(mapId: string, ids: readonly string[], db: WarrantDB = defaultDb): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const rows = await db.sources.bulkGet(ids.map((id) => [mapId, id] as [string, string]));
  rows.forEach((row, i) => {
    if (row) out.set(ids[i]!, row.text);
  });
  return out;
}
