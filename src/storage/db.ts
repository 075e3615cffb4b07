/**
 * The one Dexie database of Warrant. Only `src/storage/` imports Dexie; the
 * rest of the app goes through `writes.ts`, `reads.ts`, `queries.ts` and
 * `transfer.ts`.
 */
import { Dexie, type Table, type Transaction } from 'dexie';
import {
  TRASH_KEEP_DAYS,
  type ClaimRow,
  type CommentRow,
  type LayoutRow,
  type LinkRow,
  type MapRow,
  type QuoteRow,
  type RowKey,
  type SourceRow,
  type ShareRow,
  type ShareUpdateRow,
  type TrashEntry,
  type VersionRow,
} from './rows';

/** DO NOT RENAME: users' maps live in the IndexedDB database of this name. */
export const DB_NAME = 'warrant';

/** Sent to listeners when another tab opens the database with newer code. */
export type DatabaseOutdatedEvent = {
  /** The version the other tab asks for; null when it deletes the database. */
  newVersion: number | null;
};

export class WarrantDB extends Dexie {
  // `declare`, not a field: Dexie creates the tables in `stores()`, and a
  // class field would reset them to undefined.
  declare maps: Table<MapRow, string>;
  declare sources: Table<SourceRow, RowKey>;
  declare quotes: Table<QuoteRow, RowKey>;
  declare claims: Table<ClaimRow, RowKey>;
  declare links: Table<LinkRow, RowKey>;
  /** Node positions: `id` is the claim or quote id. */
  declare layout: Table<LayoutRow, RowKey>;
  /** Deleted maps and sources, kept TRASH_KEEP_DAYS days (version 2). */
  declare trash: Table<TrashEntry, string>;
  /** Maps shared live (version 3): keys, link and the Y.Doc state kept for offline edits. */
  declare shares: Table<ShareRow, string>;
  /** Updates of shared maps saved after their state (version 5). */
  declare shareUpdates: Table<ShareUpdateRow, number>;
  /** Review threads (version 4, map format version 3). */
  declare comments: Table<CommentRow, RowKey>;
  /** Saved versions of maps (version 4): whole map files with a name and a time. */
  declare versions: Table<VersionRow, string>;

  /** True once another tab upgraded (or deleted) the database: this tab must reload. */
  outdated = false;
  private readonly outdatedListeners = new Set<(event: DatabaseOutdatedEvent) => void>();

  constructor(name: string = DB_NAME) {
    super(name);

    // THE VERSION LADDER IS APPEND-ONLY. Changing a `stores()` line below
    // without adding `this.version(n + 1).stores(...).upgrade(...)` makes
    // browsers that already hold version n refuse to open, or drop the data
    // of a removed table: users lose their maps. Never edit or delete a
    // released version; add the next one, with a migration and a test that
    // opens a database written by the previous version.
    //
    // Entity tables are keyed by [mapId+id]: ids are unique within a map,
    // so a file imported under another map id can never overwrite rows of an
    // existing map. The primary key also serves `where('mapId')` (Dexie
    // treats the first part of a compound key as a virtual index), so no
    // separate mapId index is stored. Index only what `where()` uses:
    // sourceId and from/to find the rows a deletion would orphan.
    this.version(1).stores({
      maps: 'id',
      sources: '[mapId+id]',
      quotes: '[mapId+id], sourceId',
      claims: '[mapId+id]',
      links: '[mapId+id], from, to',
      layout: '[mapId+id]',
    });

    // Every `.upgrade()` goes through `guardUpgrade`, so a failed migration
    // reaches the user as a DatabaseUpgradeError (the versionchange
    // transaction aborts whole: the previous version's data stays as it was).
    //
    // Version 2: the trash. A new table only; the tables of version 1 and
    // their rows stay exactly as they were, so no `.upgrade()` is needed
    // (nothing to transform or backfill). deletedAt serves the purge of old
    // entries, mapId the entries of one map (a source restored by undo).
    // Tested by opening a database written with only the version-1 schema
    // (fixtures/v1.ts, upgrade.test.ts).
    this.version(2).stores({
      trash: 'id, deletedAt, mapId',
    });

    // Version 3: shared maps. A new table only, as in version 2: nothing to
    // transform. `doc` (the document name on the server) finds the local copy
    // a share link opens. Tested on a populated version-2 database
    // (fixtures/v2.ts, upgrade.test.ts).
    this.version(3).stores({
      shares: 'mapId, doc',
    });

    // Version 4: review comments (map format version 3). A new table only,
    // as in versions 2 and 3: maps stored before have no comments, so there
    // is nothing to transform. `on` finds the threads a deletion must take
    // along (writes refuse a change that would strand one). Tested on a
    // populated version-3 database (fixtures/v3.ts, upgrade.test.ts).
    // `versions` too: saved versions of maps, listed per map by time.
    this.version(4).stores({
      comments: '[mapId+id], on',
      versions: 'id, [mapId+savedAt]',
    });

    // Version 5: the updates of a shared map saved since its state. A new
    // table only, as before: a share's `state` stays the whole document, and
    // a map without rows here is read as it was. `++seq` keeps the order
    // they were saved in; `mapId` finds (and deletes) one map's updates.
    // Tested on a populated version-4 database (upgrade.test.ts).
    this.version(5).stores({
      shareUpdates: '++seq, mapId',
    });

    // Entries past their time go when the database opens (the app's start).
    // Not awaited by Dexie (no promise returned), so a slow purge never
    // delays the first read; it runs once open has finished.
    this.on('ready', () => {
      void purgeExpiredTrash(this, new Date()).catch((e: unknown) => {
        if ((e as { name?: string } | null)?.name !== 'DatabaseClosedError') console.warn('Warrant: could not purge the trash', e);
      });
    });

    // Another tab with newer code wants to upgrade: close at once so it is
    // not blocked, and keep closed (no auto-reopen on an old schema). Writes
    // then fail with DatabaseClosedError, which `classifyStorageError` reports.
    this.on('versionchange', (event: IDBVersionChangeEvent) => {
      this.outdated = true;
      this.close({ disableAutoOpen: true });
      // IndexedDB sees Dexie's version × 10.
      const payload: DatabaseOutdatedEvent = {
        newVersion: event.newVersion ? event.newVersion / 10 : null,
      };
      for (const listener of [...this.outdatedListeners]) {
        try {
          listener(payload);
        } catch (e) {
          console.error(e);
        }
      }
      return false; // we closed already; skip Dexie's default handler
    });
  }

  /**
   * Calls `listener` when another tab upgrades or deletes the database; the
   * UI should then ask the user to reload. Returns an unsubscribe function.
   */
  onOutdated(listener: (event: DatabaseOutdatedEvent) => void): () => void {
    this.outdatedListeners.add(listener);
    return () => {
      this.outdatedListeners.delete(listener);
    };
  }
}

/**
 * A migration failed while opening: the upgrade was rolled back whole, the
 * data is still that of the previous version, and this tab cannot use the
 * database. `classifyStorageError` tells the user to reload.
 */
export class DatabaseUpgradeError extends Error {
  override readonly name = 'DatabaseUpgradeError';
  constructor(
    readonly version: number,
    options?: { cause?: unknown },
  ) {
    const detail = options?.cause instanceof Error ? options.cause.message : String(options?.cause);
    super(`Warrant could not upgrade its database to version ${version} (${detail}). Your maps were left as they were.`, options);
  }
}

/** Wraps a `version(n).upgrade()` migration so its failure is a DatabaseUpgradeError. */
export function guardUpgrade(version: number, migrate: (tx: Transaction) => unknown): (tx: Transaction) => Promise<void> {
  return async (tx) => {
    try {
      await migrate(tx);
    } catch (e) {
      throw new DatabaseUpgradeError(version, { cause: e });
    }
  };
}

/** ISO time before which trash entries have expired, seen from `now`. */
export function trashCutoff(now: Date): string {
  return new Date(now.getTime() - TRASH_KEEP_DAYS * 24 * 60 * 60 * 1000).toISOString();
}

/**
 * Deletes trash entries older than TRASH_KEEP_DAYS before `now`; resolves to
 * how many went. `deletedAt` is always written by `toISOString()` (UTC, fixed
 * width), so string order is time order.
 */
export async function purgeExpiredTrash(db: WarrantDB, now: Date): Promise<number> {
  return db.trash.where('deletedAt').below(trashCutoff(now)).delete();
}

/** A database under `name`: tests open a fresh name each so they never share data. */
export function openWarrantDB(name: string = DB_NAME): WarrantDB {
  return new WarrantDB(name);
}

/** The app's database. Opens lazily on first use. */
export const db: WarrantDB = openWarrantDB();
