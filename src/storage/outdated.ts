/**
 * "Warrant was updated in another tab": the UI's way to hear it without
 * touching Dexie. When a tab with newer code opens the database with a newer
 * schema, this tab's connection closes at once (db.ts) and can no longer
 * write; the user must reload to get the new code.
 */
import { db as defaultDb, type DatabaseOutdatedEvent, type WarrantDB } from './db';

export type { DatabaseOutdatedEvent };

/** Calls `listener` once another tab upgrades or deletes the database. Returns unsubscribe. */
export function onDatabaseOutdated(listener: (event: DatabaseOutdatedEvent) => void, db: WarrantDB = defaultDb): () => void {
  return db.onOutdated(listener);
}

/** Has this tab's database been closed by a newer version in another tab? */
export function isDatabaseOutdated(db: WarrantDB = defaultDb): boolean {
  return db.outdated;
}
