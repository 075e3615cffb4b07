/**
 * Compaction of a shared map's saved Y.Doc: its state and the updates saved
 * after it become one state, in one transaction. Merging encoded updates
 * (Y.mergeUpdates) needs no Y.Doc, so a worker can do it from IndexedDB
 * alone (share.worker.ts); the page never encodes the whole document to save.
 */
import * as Y from 'yjs';
import type { WarrantDB } from './db';

export type CompactResult = { merged: number; bytes: number };

/**
 * Merges `mapId`'s saved state with the updates saved after it. Only the
 * updates read here are deleted: one appended meanwhile (after this
 * transaction) stays, after the new state. Nothing happens when the share is
 * gone or has no updates.
 */
export async function compactShareState(mapId: string, db: WarrantDB): Promise<CompactResult> {
  return db.transaction('rw', db.shares, db.shareUpdates, async () => {
    const row = await db.shares.get(mapId);
    if (!row) return { merged: 0, bytes: 0 };
    const rows = await db.shareUpdates.where('mapId').equals(mapId).toArray();
    if (!rows.length) return { merged: 0, bytes: row.state?.length ?? 0 };
    rows.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    const parts = [...(row.state && row.state.length ? [row.state] : []), ...rows.map((r) => r.update)];
    const state = Y.mergeUpdates(parts);
    await db.shares.update(mapId, { state: new Uint8Array(state) });
    await db.shareUpdates.bulkDelete(rows.map((r) => r.seq!));
    return { merged: rows.length, bytes: state.length };
  });
}
