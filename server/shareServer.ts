/**
 * The sharing server: Hocuspocus 3 (Node 20) with SQLite persistence
 * (better-sqlite3, compiled from source at install), capability tokens stored
 * hashed, review connections read-only, size limits, and the schema check of
 * every incoming update. Run by server/main.ts; tests start it in-process.
 */
import { Server, type Extension, type Document } from '@hocuspocus/server';
import Database from 'better-sqlite3';
import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { AuthPayloadSchema, ShareDocNameSchema } from '../src/share/tokens';
import { UpdateValidator } from '../src/share/yMap';

export type ShareServerOptions = {
  port?: number;
  /** Interface to listen on: 0.0.0.0 so a team reaches it; 127.0.0.1 for tests. */
  host?: string;
  /** Folder of the SQLite database; created if missing. */
  dataDir?: string;
  /** Largest WebSocket message accepted (bytes); the connection closes above it. */
  maxMessageBytes?: number;
  /** Largest document (bytes of Yjs state) a map may grow to. */
  maxDocumentBytes?: number;
  /** Reports refused connections and updates (never a token). */
  log?: (line: string) => void;
  /** Check every update against the schema before applying it (on by default). */
  validateUpdates?: boolean;
};

export const DEFAULTS = {
  port: 1234,
  host: '0.0.0.0',
  dataDir: './server-data',
  // Source texts travel whole: a long book is a few MB. A message above this is refused.
  maxMessageBytes: 16 * 1024 * 1024,
  maxDocumentBytes: 64 * 1024 * 1024,
} as const;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Hocuspocus closes the connection with these (the provider sees code and reason). */
const refusal = (reason: string) => Object.assign(new Error(reason), { reason, code: 4403 });
const invalidUpdate = (reason: string) => Object.assign(new Error(reason), { reason, code: 4400 });

/** Minimal reader of the y-protocols framing (lib0 varints), to find the Yjs update in a message. */
class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}
  uint(): number {
    let n = 0;
    let mult = 1;
    for (;;) {
      if (this.pos >= this.bytes.length) throw new Error('truncated');
      const b = this.bytes[this.pos++]!;
      n += (b & 0x7f) * mult;
      if (b < 0x80) return n;
      mult *= 128;
      if (mult > 2 ** 53) throw new Error('varint too long');
    }
  }
  bytesField(): Uint8Array {
    const len = this.uint();
    if (this.pos + len > this.bytes.length) throw new Error('truncated');
    const out = this.bytes.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
}

// Hocuspocus 3 applies a Yjs update from exactly two outer message types
// (MessageReceiver.apply): Sync, and SyncReply, which it handles as Sync
// without asking for step 1 again. Both carry step 2 or update sub-messages;
// every other type (awareness, auth, stateless, close) changes no document.
const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_REPLY = 4;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** The Yjs update a message carries, or null for messages that change no document (awareness, step 1, auth). */
export function updateOfMessage(data: Uint8Array): Uint8Array | null {
  const r = new Reader(data);
  r.bytesField(); // document name
  const outer = r.uint();
  if (outer !== MESSAGE_SYNC && outer !== MESSAGE_SYNC_REPLY) return null;
  const type = r.uint();
  if (type !== SYNC_STEP2 && type !== SYNC_UPDATE) return null;
  return r.bytesField();
}

export type ShareServer = {
  server: Server;
  /** ws://host:port */
  url: string;
  port: number;
  stop: () => Promise<void>;
};

export async function startShareServer(options: ShareServerOptions = {}): Promise<ShareServer> {
  const port = options.port ?? DEFAULTS.port;
  const host = options.host ?? DEFAULTS.host;
  const dataDir = options.dataDir ?? DEFAULTS.dataDir;
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULTS.maxMessageBytes;
  const maxDocumentBytes = options.maxDocumentBytes ?? DEFAULTS.maxDocumentBytes;
  const validate = options.validateUpdates ?? true;
  const log = options.log ?? ((line: string) => console.log(line));

  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'warrant-share.sqlite'));
  db.pragma('journal_mode = WAL');
  // Every update is appended as it arrives (below), so a kill loses nothing the server acknowledged.
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS maps (name TEXT PRIMARY KEY, edit_hash TEXT NOT NULL, review_hash TEXT NOT NULL, created_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, state BLOB NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS updates (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, data BLOB NOT NULL);
    CREATE INDEX IF NOT EXISTS updates_by_name ON updates (name, id);
  `);
  const q = {
    map: db.prepare<[string], { edit_hash: string; review_hash: string }>('SELECT edit_hash, review_hash FROM maps WHERE name = ?'),
    addMap: db.prepare('INSERT OR IGNORE INTO maps (name, edit_hash, review_hash, created_at) VALUES (?, ?, ?, ?)'),
    state: db.prepare<[string], { state: Buffer }>('SELECT state FROM documents WHERE name = ?'),
    updates: db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE name = ? ORDER BY id'),
    append: db.prepare('INSERT INTO updates (name, data) VALUES (?, ?)'),
    putState: db.prepare('INSERT INTO documents (name, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at'),
    clearUpdates: db.prepare('DELETE FROM updates WHERE name = ?'),
  };
  const compact = db.transaction((name: string, state: Uint8Array) => {
    q.putState.run(name, Buffer.from(state), new Date().toISOString());
    q.clearUpdates.run(name);
  });

  /** Bytes of Yjs state per loaded document, kept up to date without re-encoding. */
  const sizes = new WeakMap<Document, number>();
  const validators = new WeakMap<Document, UpdateValidator>();

  const extension: Extension = {
    async onAuthenticate({ documentName, token, connectionConfig }) {
      if (!ShareDocNameSchema.safeParse(documentName).success) throw refusal('unknown-map');
      let payload;
      try {
        payload = AuthPayloadSchema.parse(JSON.parse(token));
      } catch {
        throw refusal('bad-token');
      }
      const hash = sha256(payload.token);
      let row = q.map.get(documentName);
      if (!row && payload.create && sameHash(hash, payload.create.edit)) {
        q.addMap.run(documentName, payload.create.edit, payload.create.review, new Date().toISOString());
        row = q.map.get(documentName);
        log(`registered shared map ${documentName}`);
      }
      if (row && sameHash(hash, row.edit_hash)) return { role: 'edit' };
      if (row && sameHash(hash, row.review_hash)) {
        connectionConfig.readOnly = true;
        return { role: 'review' };
      }
      log(`refused a connection to ${documentName}: wrong token`);
      throw refusal('permission-denied');
    },

    async onLoadDocument({ document, documentName }) {
      const row = q.state.get(documentName);
      let size = 0;
      Y.transact(document, () => {
        if (row) {
          Y.applyUpdate(document, row.state);
          size += row.state.length;
        }
        for (const u of q.updates.all(documentName)) {
          Y.applyUpdate(document, u.data);
          size += u.data.length;
        }
      });
      sizes.set(document, size);
    },

    async beforeHandleMessage({ update: message, document, documentName, connection }) {
      if (connection.readOnly) return; // Hocuspocus drops their updates itself
      let update: Uint8Array | null;
      try {
        update = updateOfMessage(message);
      } catch {
        throw invalidUpdate('malformed-message');
      }
      if (!update) return;
      if ((sizes.get(document) ?? 0) + update.length > maxDocumentBytes) {
        log(`refused an update to ${documentName}: the map would exceed ${maxDocumentBytes} bytes`);
        throw invalidUpdate('document-too-large');
      }
      if (!validate) return;
      let validator = validators.get(document);
      if (!validator) validators.set(document, (validator = new UpdateValidator(document)));
      const problems = validator.check(update);
      if (problems.length) {
        const shown = problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; ');
        log(`refused an update to ${documentName}: ${shown}${problems.length > 5 ? ` (+${problems.length - 5})` : ''}`);
        throw invalidUpdate('invalid-records');
      }
    },

    async onChange({ document, documentName, update }) {
      q.append.run(documentName, Buffer.from(update));
      sizes.set(document, (sizes.get(document) ?? 0) + update.length);
    },

    async onStoreDocument({ document, documentName }) {
      const state = Y.encodeStateAsUpdate(document);
      compact(documentName, state);
      sizes.set(document, state.length);
    },
  };

  const server = new Server(
    {
      name: 'warrant-share',
      port,
      address: host,
      quiet: true,
      stopOnSignals: false,
      debounce: 2000,
      maxDebounce: 10000,
      extensions: [extension],
    },
    { maxPayload: maxMessageBytes },
  );
  await server.listen();
  const actualPort = server.address.port;
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    server,
    port: actualPort,
    url: `ws://${shownHost}:${actualPort}`,
    stop: async () => {
      await server.destroy();
      db.close();
    },
  };
}
