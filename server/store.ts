/**
 * Where the sharing server keeps its maps: one small interface, implemented
 * on SQLite (better-sqlite3, synchronous: an append is on disk before the
 * call returns, which is what lets the server acknowledge only what it stored).
 *
 * The SQLite store also owns the data folder: it takes an exclusive lock on
 * it, so a second server started on the same folder refuses to start instead
 * of deleting the first one's updates at its next compaction.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export type MapHashes = { edit_hash: string; review_hash: string };

/** SQLite answers at once; PostgreSQL with a promise. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Every write resolves (or returns) only once it is durable. A store may throw
 * an error isStorageFull() recognises (no room: edits are refused until a
 * probe succeeds) or a StorageUnavailable (the database cannot be reached).
 */
export interface MapStore {
  /** The token hashes of a registered map, or undefined. */
  map(name: string): MaybePromise<MapHashes | undefined>;
  /** Registers a map (no-op when the name is taken). */
  addMap(name: string, editHash: string, reviewHash: string): MaybePromise<void>;
  /** Everything stored for a map, in order: its compacted state, then each update since. */
  load(name: string): MaybePromise<Uint8Array[]>;
  /** Appends one update durably: when this returns (or resolves), a crash cannot lose it. */
  append(name: string, update: Uint8Array): MaybePromise<void>;
  /**
   * Replaces a map's stored updates by one state that contains them all, and
   * gives its size in bytes (undefined when there was nothing to do).
   * `stateOf` encodes this process's document; a store shared by several
   * processes merges its own rows instead (another process may have stored
   * updates this one has not received yet).
   */
  compact(name: string, stateOf: () => Uint8Array): MaybePromise<number | undefined>;
  /** A small write, to learn whether the store accepts writes again after a full disk or an outage. */
  probe(): MaybePromise<void>;
  close(): MaybePromise<void>;
}

/** The error a store throws when it cannot take more data (disk or size cap full). */
export const isStorageFull = (e: unknown): boolean => {
  const code = (e as { code?: unknown } | null)?.code;
  // 53100: PostgreSQL's disk_full.
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_WRITE' || code === '53100';
};

/** Thrown when the data folder is in use by another server process. */
export class DataFolderInUse extends Error {}

const LOCK_FILE = 'warrant-share.lock';

/** Is there a live process with this pid? */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The lock file says who holds the folder (for the message); the real
 * exclusivity is SQLite's EXCLUSIVE locking mode below, which the OS releases
 * when the holder dies however it dies. A lock file whose pid is dead is stale
 * and replaced.
 */
function takeLockFile(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new DataFolderInUse(`the data folder ${dir} is in use by another sharing server (pid ${pid}); stop it, or give this one another --data folder`);
      }
      unlinkSync(path); // stale: its process is gone
    }
  }
  throw new DataFolderInUse(`could not take the lock ${path}`);
}

export type SqliteStoreOptions = {
  dir: string;
  /** Largest size of the database file; writes above it fail as a full disk would. */
  maxBytes?: number;
  /**
   * Test seam: while this file exists every write fails with SQLITE_FULL, as
   * on a full disk (a real full disk cannot be made on demand in a test).
   */
  faultFile?: string;
};

export class SqliteStore implements MapStore {
  private readonly db: Database.Database;
  private readonly releaseLock: () => void;
  private readonly q;
  private readonly compactTx;
  private readonly probeTx;

  constructor(private readonly options: SqliteStoreOptions) {
    mkdirSync(options.dir, { recursive: true });
    this.releaseLock = takeLockFile(options.dir);
    try {
      this.db = new Database(join(options.dir, 'warrant-share.sqlite'), { timeout: 0 });
      // Held until close, released by the OS if the process dies.
      this.db.pragma('locking_mode = EXCLUSIVE');
      this.db.pragma('journal_mode = WAL');
      // A process kill (SIGKILL) loses nothing committed with NORMAL in WAL mode: the
      // write() has reached the OS. FULL also survives a power cut, at an fsync per update.
      this.db.pragma('synchronous = FULL');
      if (options.maxBytes) {
        const pageSize = Number(this.db.pragma('page_size', { simple: true }));
        this.db.pragma(`max_page_count = ${Math.max(16, Math.floor(options.maxBytes / pageSize))}`);
      }
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS maps (name TEXT PRIMARY KEY, edit_hash TEXT NOT NULL, review_hash TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, state BLOB NOT NULL, updated_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS updates (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, data BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS updates_by_name ON updates (name, id);
        CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, at TEXT NOT NULL);
      `);
    } catch (e) {
      this.releaseLock();
      if ((e as { code?: string }).code === 'SQLITE_BUSY') {
        throw new DataFolderInUse(`the data folder ${options.dir} is in use by another sharing server; stop it, or give this one another --data folder`);
      }
      throw e;
    }
    const db = this.db;
    this.q = {
      map: db.prepare<[string], MapHashes>('SELECT edit_hash, review_hash FROM maps WHERE name = ?'),
      addMap: db.prepare('INSERT OR IGNORE INTO maps (name, edit_hash, review_hash, created_at) VALUES (?, ?, ?, ?)'),
      state: db.prepare<[string], { state: Buffer }>('SELECT state FROM documents WHERE name = ?'),
      updates: db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE name = ? ORDER BY id'),
      append: db.prepare('INSERT INTO updates (name, data) VALUES (?, ?)'),
      putState: db.prepare('INSERT INTO documents (name, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at'),
      clearUpdates: db.prepare('DELETE FROM updates WHERE name = ?'),
      probeIn: db.prepare('INSERT INTO probe (id, at) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET at = excluded.at'),
    };
    this.compactTx = db.transaction((name: string, state: Uint8Array) => {
      this.q.putState.run(name, Buffer.from(state), new Date().toISOString());
      this.q.clearUpdates.run(name);
    });
    this.probeTx = db.transaction(() => this.q.probeIn.run(new Date().toISOString()));
  }

  private beforeWrite(): void {
    if (this.options.faultFile && existsSync(this.options.faultFile)) {
      throw Object.assign(new Error('database or disk is full (injected)'), { code: 'SQLITE_FULL' });
    }
  }

  map(name: string): MapHashes | undefined {
    return this.q.map.get(name);
  }
  addMap(name: string, editHash: string, reviewHash: string): void {
    this.beforeWrite();
    this.q.addMap.run(name, editHash, reviewHash, new Date().toISOString());
  }
  load(name: string): Uint8Array[] {
    const row = this.q.state.get(name);
    return [...(row ? [row.state] : []), ...this.q.updates.all(name).map((u) => u.data)];
  }
  append(name: string, update: Uint8Array): void {
    this.beforeWrite();
    this.q.append.run(name, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
  }
  compact(name: string, stateOf: () => Uint8Array): number {
    this.beforeWrite();
    const state = stateOf();
    this.compactTx(name, state);
    return state.length;
  }
  probe(): void {
    this.beforeWrite();
    this.probeTx();
  }
  close(): void {
    this.db.close();
    this.releaseLock();
  }
}

/** The error a shared store throws when its database cannot be reached (see server/pgStore.ts). */
export const isStorageUnavailable = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === 'STORAGE_UNAVAILABLE';
