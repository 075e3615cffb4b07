/**
 * The MapStore on PostgreSQL, shared by every server instance: maps (their
 * token hashes), each map's compacted state and the updates appended since.
 *
 * Durability: append() resolves when PostgreSQL has committed the INSERT
 * (synchronous_commit on, the default), and the server applies and
 * acknowledges an update only after that.
 *
 * Compaction under concurrency: another instance may append an update this
 * instance has not received yet, so a compaction never trusts the caller's
 * in-memory document. It runs in one transaction that locks the map's row
 * (two instances compacting one map take turns), reads the stored state and
 * the updates older than a few seconds, merges them into one state, and
 * deletes exactly the rows it merged; rows appended meanwhile stay. Recent
 * rows are left so that the other instances' readings of the tail (see
 * tail()) find them as rows, without reading the whole state again.
 */
import pg from 'pg';
import * as Y from 'yjs';
import type { MapHashes, MapStore } from './store';

/** Thrown when PostgreSQL cannot be reached (down, restarting, connection lost). */
export class StorageUnavailable extends Error {
  readonly code = 'STORAGE_UNAVAILABLE';
}

/**
 * An error PostgreSQL answered with (it has an SQLSTATE) about the statement
 * itself, as opposed to a lost or refused connection: class 08 is connection
 * exceptions, 57 operator intervention (shutdown), 53300 too many connections.
 */
function isStatementError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('08') && !code.startsWith('57') && code !== '53300';
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS warrant_maps (name TEXT PRIMARY KEY, edit_hash TEXT NOT NULL, review_hash TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS warrant_documents (name TEXT PRIMARY KEY REFERENCES warrant_maps (name), state BYTEA NOT NULL, compacted_through BIGINT NOT NULL DEFAULT 0, updated_at TIMESTAMPTZ NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS warrant_updates (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL REFERENCES warrant_maps (name), data BYTEA NOT NULL, at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp());
  CREATE INDEX IF NOT EXISTS warrant_updates_by_name ON warrant_updates (name, id);
  CREATE TABLE IF NOT EXISTS warrant_probe (id INTEGER PRIMARY KEY, at TIMESTAMPTZ NOT NULL);
`;

export type PgStoreOptions = {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Connections this instance keeps open at most. */
  poolSize?: number;
  /** Updates younger than this (ms) stay rows at compaction (30 s). */
  keepRecentMs?: number;
};

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export class PgStore implements MapStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly log: (line: string) => void,
    private readonly keepRecentMs: number,
  ) {}

  /** Connects and creates the tables if missing; throws StorageUnavailable when PostgreSQL cannot be reached. */
  static async open(options: PgStoreOptions, log: (line: string) => void): Promise<PgStore> {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      // A query that hangs (a network partition) fails instead: its edit stays unacknowledged in the client.
      query_timeout: 15_000,
    });
    const store = new PgStore(pool, log, options.keepRecentMs ?? 30_000);
    // An idle connection dropped by the server (a restart) must not crash the process.
    pool.on('error', (e) => log(`PostgreSQL connection lost: ${e.message}`));
    try {
      // CREATE … IF NOT EXISTS is not safe against itself: instances starting together on a
      // new database would collide. One at a time, under a lock of the whole database.
      await store.run(async (c) => {
        await c.query('BEGIN');
        try {
          await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['warrant-share schema']);
          await c.query(SCHEMA);
          await c.query('COMMIT');
        } catch (e) {
          await c.query('ROLLBACK').catch(() => {});
          throw e;
        }
      });
    } catch (e) {
      await pool.end().catch(() => {});
      throw e;
    }
    return store;
  }

  /** Runs `work` with a pooled connection; connection failures become StorageUnavailable. */
  private async run<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw new StorageUnavailable(`PostgreSQL unreachable: ${(e as Error).message}`);
    }
    let broken = false;
    try {
      return await work(client);
    } catch (e) {
      if (isStatementError(e)) throw e;
      broken = true;
      throw new StorageUnavailable(`PostgreSQL unreachable: ${(e as Error).message}`);
    } finally {
      client.release(broken);
    }
  }

  async map(name: string): Promise<MapHashes | undefined> {
    const { rows } = await this.run((c) => c.query<MapHashes>('SELECT edit_hash, review_hash FROM warrant_maps WHERE name = $1', [name]));
    return rows[0];
  }

  async addMap(name: string, editHash: string, reviewHash: string): Promise<void> {
    await this.run((c) => c.query('INSERT INTO warrant_maps (name, edit_hash, review_hash) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [name, editHash, reviewHash]));
  }

  async load(name: string): Promise<Uint8Array[]> {
    // One statement, so one snapshot: a compaction committing between reading the state
    // and reading the updates would otherwise hide the updates it merged.
    const { rows } = await this.run((c) =>
      c.query<{ data: Buffer }>('SELECT data FROM (SELECT state AS data, 0::bigint AS ord FROM warrant_documents WHERE name = $1 UNION ALL SELECT data, id FROM warrant_updates WHERE name = $1) AS stored ORDER BY ord', [name]),
    );
    return rows.map((r) => bytes(r.data));
  }

  /**
   * What was stored for a map after the update numbered `after` (0: everything),
   * with the number to ask from next time. When a compaction has merged
   * updates past `after` into the state, the state comes too. An instance that
   * died between storing an update and relaying it leaves the others without
   * it: reading the tail now and then is how they get it.
   */
  async tail(name: string, after: number): Promise<{ updates: Uint8Array[]; through: number }> {
    const { rows } = await this.run((c) =>
      c.query<{ data: Buffer; through: string }>(
        'SELECT data, through FROM (SELECT state AS data, compacted_through AS through, 0 AS part FROM warrant_documents WHERE name = $1 AND (compacted_through > $2 OR $2 = 0) UNION ALL SELECT data, id, 1 FROM warrant_updates WHERE name = $1 AND id > $2) AS stored ORDER BY part, through',
        [name, after],
      ),
    );
    return { updates: rows.map((r) => bytes(r.data)), through: rows.reduce((max, r) => Math.max(max, Number(r.through)), after) };
  }

  async append(name: string, update: Uint8Array): Promise<void> {
    await this.run((c) => c.query('INSERT INTO warrant_updates (name, data) VALUES ($1, $2)', [name, Buffer.from(update.buffer, update.byteOffset, update.byteLength)]));
  }

  /** This instance's document is not used: see the comment at the top. */
  async compact(name: string): Promise<number | undefined> {
    return this.run(async (c) => {
      await c.query('BEGIN');
      try {
        // The map's row lock: compactions of one map, from any instance, take turns.
        await c.query('SELECT 1 FROM warrant_maps WHERE name = $1 FOR UPDATE', [name]);
        const updates = await c.query<{ id: string; data: Buffer }>(
          "SELECT id, data FROM warrant_updates WHERE name = $1 AND at < clock_timestamp() - $2::double precision * interval '1 millisecond' ORDER BY id",
          [name, this.keepRecentMs],
        );
        if (updates.rows.length === 0) {
          await c.query('ROLLBACK');
          return undefined;
        }
        const state = await c.query<{ state: Buffer }>('SELECT state FROM warrant_documents WHERE name = $1', [name]);
        const doc = new Y.Doc();
        const merged: string[] = [];
        Y.transact(doc, () => {
          for (const s of state.rows) Y.applyUpdate(doc, bytes(s.state));
          for (const u of updates.rows) {
            try {
              Y.applyUpdate(doc, bytes(u.data));
              merged.push(u.id);
            } catch (e) {
              // Only checked updates are stored; one that still cannot be read keeps its row.
              this.log(`compaction of ${name} left out an unreadable update: ${(e as Error).message}`);
            }
          }
        });
        const compacted = Y.encodeStateAsUpdate(doc);
        doc.destroy();
        const through = merged.reduce((max, id) => Math.max(max, Number(id)), 0);
        await c.query(
          'INSERT INTO warrant_documents (name, state, compacted_through, updated_at) VALUES ($1, $2, $3, now()) ON CONFLICT (name) DO UPDATE SET state = excluded.state, compacted_through = GREATEST(warrant_documents.compacted_through, excluded.compacted_through), updated_at = excluded.updated_at',
          [name, Buffer.from(compacted), through],
        );
        await c.query('DELETE FROM warrant_updates WHERE id = ANY($1::bigint[])', [merged]);
        await c.query('COMMIT');
        return compacted.length;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      }
    });
  }

  async probe(): Promise<void> {
    await this.run((c) => c.query('INSERT INTO warrant_probe (id, at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET at = excluded.at'));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
