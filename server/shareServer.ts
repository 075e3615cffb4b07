/**
 * The sharing server: Hocuspocus 3 (Node 20) with SQLite persistence
 * (better-sqlite3, compiled from source at install), capability tokens stored
 * hashed, review connections read-only, size limits, and the schema check of
 * every incoming update. Run by server/main.ts; tests start it in-process.
 */
import { Connection, Server, type Extension, type Document } from '@hocuspocus/server';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import * as Y from 'yjs';
import { AuthPayloadSchema, ShareDocNameSchema } from '../src/share/tokens';
import { UpdateValidator } from '../src/share/yMap';
import { GUARD_DEFAULTS, SocketGuard, type GuardLimits } from './guard';
import { isStorageFull, SqliteStore, type MapStore } from './store';

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
  /** Largest size of the database; above it writes are refused as on a full disk. */
  maxDataBytes?: number;
  /** Maps one socket, and one address per window, may register. */
  maxRegistrationsPerSocket?: number;
  maxRegistrationsPerAddress?: number;
  registrationWindowMs?: number;
  /** Largest awareness (presence) message, and client ids one connection may publish presence for. */
  maxAwarenessBytes?: number;
  maxAwarenessClientsPerConnection?: number;
  /** Per-socket and per-address bounds (server/guard.ts). */
  guard?: Partial<GuardLimits>;
  /** Milliseconds between write probes while the store is full. */
  storageProbeMs?: number;
  /** Test seam: while this file exists every write fails as on a full disk. */
  faultFile?: string;
};

export const DEFAULTS = {
  port: 1234,
  host: '0.0.0.0',
  dataDir: './server-data',
  // Source texts travel whole: a long book is a few MB. A message above this is refused.
  maxMessageBytes: 16 * 1024 * 1024,
  maxDocumentBytes: 64 * 1024 * 1024,
  maxDataBytes: 16 * 1024 * 1024 * 1024,
  maxRegistrationsPerSocket: 4,
  maxRegistrationsPerAddress: 20,
  registrationWindowMs: 10 * 60_000,
  maxAwarenessBytes: 64 * 1024,
  maxAwarenessClientsPerConnection: 2,
  storageProbeMs: 2000,
} as const;

/**
 * Stateless messages the server sends to a connection (JSON), for the client to
 * show: writes refused because the server's storage is full, and resumed.
 */
export const STORAGE_FULL_NOTICE = JSON.stringify({ warrant: 'storage', state: 'full', message: "The sharing server's storage is full: your edits stay in this browser and are sent when it has room again." });
export const STORAGE_OK_NOTICE = JSON.stringify({ warrant: 'storage', state: 'ok' });

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Hocuspocus closes the connection with these (the provider sees code and reason). */
const refusal = (reason: string) => Object.assign(new Error(reason), { reason, code: 4403 });
const invalidUpdate = (reason: string) => Object.assign(new Error(reason), { reason, code: 4400 });
const tooMany = (reason: string) => Object.assign(new Error(reason), { reason, code: 4429 });

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
const MESSAGE_AWARENESS = 1;
const MESSAGE_SYNC_REPLY = 4;
const MESSAGE_STATELESS = 5;
const MESSAGE_BROADCAST_STATELESS = 6;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** The message type after the document name. */
function typeOfMessage(data: Uint8Array): number {
  const r = new Reader(data);
  r.bytesField();
  return r.uint();
}

/** The entries of an awareness message: client id, clock, and whether it removes the client (null state). */
function awarenessEntries(data: Uint8Array): Array<{ id: number; clock: number; removes: boolean }> {
  const r = new Reader(data);
  r.bytesField(); // document name
  r.uint(); // MESSAGE_AWARENESS
  const inner = new Reader(r.bytesField());
  const count = inner.uint();
  const entries = [];
  for (let i = 0; i < count; i++) {
    const id = inner.uint();
    const clock = inner.uint();
    const state = inner.bytesField();
    entries.push({ id, clock, removes: state.length === 4 && new TextDecoder().decode(state) === 'null' });
  }
  return entries;
}

const varUint = (n: number): number[] => {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
};
const varBytes = (b: Uint8Array): number[] => [...varUint(b.length), ...b];

/** A sync step 1 from the server: the client answers with every update the server lacks. */
function syncStep1Message(documentName: string, doc: Y.Doc): Uint8Array {
  return Uint8Array.from([...varBytes(new TextEncoder().encode(documentName)), MESSAGE_SYNC, SYNC_STEP1, ...varBytes(Y.encodeStateVector(doc))]);
}

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
  const limits = {
    registrationsPerSocket: options.maxRegistrationsPerSocket ?? DEFAULTS.maxRegistrationsPerSocket,
    registrationsPerAddress: options.maxRegistrationsPerAddress ?? DEFAULTS.maxRegistrationsPerAddress,
    registrationWindowMs: options.registrationWindowMs ?? DEFAULTS.registrationWindowMs,
    awarenessBytes: options.maxAwarenessBytes ?? DEFAULTS.maxAwarenessBytes,
    awarenessClients: options.maxAwarenessClientsPerConnection ?? DEFAULTS.maxAwarenessClientsPerConnection,
  };

  // Throws DataFolderInUse when another server holds the folder.
  const store: MapStore = new SqliteStore({ dir: dataDir, maxBytes: options.maxDataBytes ?? DEFAULTS.maxDataBytes, faultFile: options.faultFile });
  const guard = new SocketGuard({ ...GUARD_DEFAULTS, ...options.guard }, log);

  /** Bytes of Yjs state per loaded document, kept up to date without re-encoding. */
  const sizes = new WeakMap<Document, number>();
  const validators = new WeakMap<Document, UpdateValidator>();

  // --- Full storage: refuse writes, keep serving reads, resume when a write succeeds again.
  let storageFull = false;
  let probeTimer: NodeJS.Timeout | null = null;
  /** Edit connections made read-only while the store is full, given back their writes after. */
  const demoted = new Set<Connection>();
  const demote = (connection: Connection) => {
    if (connection.readOnly) return;
    connection.readOnly = true;
    demoted.add(connection);
    connection.sendStateless(STORAGE_FULL_NOTICE);
  };
  const probe = () => {
    try {
      store.probe();
    } catch (e) {
      if (!isStorageFull(e)) log(`storage probe failed: ${(e as Error).message}`);
      return;
    }
    storageFull = false;
    if (probeTimer) clearInterval(probeTimer);
    probeTimer = null;
    log('storage accepts writes again: edits resumed');
    for (const connection of demoted) {
      connection.readOnly = false;
      connection.sendStateless(STORAGE_OK_NOTICE);
      // The client kept its refused edits; a step 1 makes it send what the server lacks.
      connection.send(syncStep1Message(connection.document.name, connection.document));
    }
    demoted.clear();
  };
  const storageIsFull = (e: unknown, what: string) => {
    if (!storageFull) log(`storage full (${(e as Error).message}) while ${what}: refusing edits, still serving maps`);
    storageFull = true;
    if (!probeTimer) {
      probeTimer = setInterval(probe, options.storageProbeMs ?? DEFAULTS.storageProbeMs);
      probeTimer.unref();
    }
  };

  // --- Registrations: a map is registered by its first connection; bounded per socket and per address.
  const registrationsBySocket = new WeakMap<IncomingMessage, number>();
  const registrationsByAddress = new Map<string, number[]>();
  const mayRegister = (request: IncomingMessage): boolean => {
    const now = Date.now();
    const address = SocketGuard.addressOf(request);
    const recent = (registrationsByAddress.get(address) ?? []).filter((t) => now - t < limits.registrationWindowMs);
    registrationsByAddress.set(address, recent);
    return (registrationsBySocket.get(request) ?? 0) < limits.registrationsPerSocket && recent.length < limits.registrationsPerAddress;
  };
  const registered = (request: IncomingMessage) => {
    registrationsBySocket.set(request, (registrationsBySocket.get(request) ?? 0) + 1);
    registrationsByAddress.get(SocketGuard.addressOf(request))!.push(Date.now());
  };

  // --- Presence: a connection publishes presence only for its own client id(s).
  const presenceOwners = new WeakMap<Document, Map<number, Connection>>();
  // The provider re-sends the states of everyone it knows (same clocks): those echoes
  // change nothing and pass. What a connection may not do is publish a newer state for
  // a client id another live connection owns (a spoofed name), or own more than a few ids.
  const checkPresence = (message: Uint8Array, document: Document, connection: Connection) => {
    if (message.length > limits.awarenessBytes) throw invalidUpdate('presence-too-large');
    let entries: ReturnType<typeof awarenessEntries>;
    try {
      entries = awarenessEntries(message);
    } catch {
      throw invalidUpdate('malformed-message');
    }
    let owners = presenceOwners.get(document);
    if (!owners) presenceOwners.set(document, (owners = new Map()));
    const live = new Set(document.getConnections());
    for (const [id, owner] of owners) if (!live.has(owner)) owners.delete(id);
    const claims: number[] = [];
    for (const { id, clock, removes } of entries) {
      const owner = owners.get(id);
      if (owner === connection) continue;
      const known = document.awareness.meta.get(id)?.clock;
      const changes = known === undefined || clock > known || (clock === known && removes && document.awareness.getStates().has(id));
      if (!changes) continue; // an echo
      if (owner !== undefined && !(removes && clock === known)) throw refusal('presence-not-yours');
      if (owner === undefined && !removes) claims.push(id);
    }
    const mine = [...owners.values()].filter((owner) => owner === connection).length;
    if (mine + claims.length > limits.awarenessClients) throw refusal('presence-not-yours');
    for (const id of claims) owners.set(id, connection);
  };

  /** Authentication and the map's loading, from the store. */
  const access: Extension = {
    async onAuthenticate({ documentName, token, connectionConfig, request }) {
      if (!ShareDocNameSchema.safeParse(documentName).success) throw refusal('unknown-map');
      let payload;
      try {
        payload = AuthPayloadSchema.parse(JSON.parse(token));
      } catch {
        throw refusal('bad-token');
      }
      const hash = sha256(payload.token);
      let row = store.map(documentName);
      if (!row && payload.create && sameHash(hash, payload.create.edit)) {
        if (!mayRegister(request)) {
          log(`refused to register ${documentName} from ${SocketGuard.addressOf(request)}: too many new maps`);
          throw tooMany('too-many-new-maps');
        }
        try {
          store.addMap(documentName, payload.create.edit, payload.create.review);
        } catch (e) {
          if (!isStorageFull(e)) throw e;
          storageIsFull(e, `registering ${documentName}`);
          throw refusal('storage-full');
        }
        registered(request);
        row = store.map(documentName);
        log(`registered shared map ${documentName}`);
      }
      if (row && sameHash(hash, row.edit_hash)) {
        guard.authenticated(request, documentName);
        return { role: 'edit' };
      }
      if (row && sameHash(hash, row.review_hash)) {
        connectionConfig.readOnly = true;
        guard.authenticated(request, documentName);
        return { role: 'review' };
      }
      log(`refused a connection to ${documentName}: wrong token`);
      throw refusal('permission-denied');
    },

    async connected({ connection }) {
      if (storageFull && !connection.readOnly) demote(connection);
    },

    async onLoadDocument({ document, documentName }) {
      let size = 0;
      Y.transact(document, () => {
        for (const update of store.load(documentName)) {
          try {
            Y.applyUpdate(document, update);
            size += update.length;
          } catch (e) {
            // Only checked updates are stored; one that still fails to decode is skipped, not fatal to the map.
            log(`skipped an unreadable stored update of ${documentName}: ${(e as Error).message}`);
          }
        }
      });
      sizes.set(document, size);
    },
  };

  /** What a connection may send besides document updates: its own presence, bounded; no broadcasts. */
  const conduct: Extension = {
    async beforeHandleMessage({ update: message, document, connection }) {
      let type: number;
      try {
        type = typeOfMessage(message);
      } catch {
        throw invalidUpdate('malformed-message');
      }
      if (type === MESSAGE_AWARENESS) checkPresence(message, document, connection);
      // The app sends no stateless messages; a broadcast would reach every editor unchecked.
      else if (type === MESSAGE_BROADCAST_STATELESS || type === MESSAGE_STATELESS) throw refusal('stateless-not-allowed');
    },
  };

  /** The schema check of every incoming update (the rule book). */
  const extension: Extension = {
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

  };

  /**
   * Durability: an accepted update is appended to the store, then applied to
   * the document in the same synchronous step, before Hocuspocus applies it
   * and acknowledges it (its own apply is then a no-op: Yjs updates are
   * idempotent). So an acknowledged update is always on disk, and a
   * compaction (which encodes the document, then clears its updates) can never
   * fall between an append and its apply.
   */
  const durability: Extension = {
    async beforeHandleMessage({ update: message, document, documentName, connection }) {
      if (connection.readOnly) return; // Hocuspocus drops (and does not acknowledge) their updates
      let update: Uint8Array | null;
      try {
        update = updateOfMessage(message);
      } catch {
        throw invalidUpdate('malformed-message');
      }
      if (!update) return;
      if (storageFull) return demote(connection);
      try {
        store.append(documentName, update);
      } catch (e) {
        if (!isStorageFull(e)) throw e;
        storageIsFull(e, `storing an edit to ${documentName}`);
        return demote(connection);
      }
      sizes.set(document, (sizes.get(document) ?? 0) + update.length);
      Y.applyUpdate(document, update, connection);
    },

    async onChange({ document, documentName, update, transactionOrigin }) {
      if (transactionOrigin instanceof Connection) return; // stored before it was applied, above
      // Changes made on the server itself: stored here (none today).
      try {
        store.append(documentName, update);
        sizes.set(document, (sizes.get(document) ?? 0) + update.length);
      } catch (e) {
        if (isStorageFull(e)) storageIsFull(e, `storing a change to ${documentName}`);
        else log(`could not store a change to ${documentName}: ${(e as Error).message}`);
      }
    },

    async onStoreDocument({ document, documentName }) {
      const state = Y.encodeStateAsUpdate(document);
      try {
        store.compact(documentName, state);
        sizes.set(document, state.length);
      } catch (e) {
        // The updates stay stored: compaction is only an optimisation.
        if (isStorageFull(e)) storageIsFull(e, `compacting ${documentName}`);
        else log(`could not compact ${documentName}: ${(e as Error).message}`);
      }
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
      extensions: [access, conduct, extension, durability],
    },
    { maxPayload: maxMessageBytes },
  );
  // Our own upgrade and connection handling: the per-address cap before the
  // WebSocket exists, and the socket guard before Hocuspocus listens to it.
  server.httpServer.removeAllListeners('upgrade');
  server.httpServer.on('upgrade', (request: IncomingMessage, socket, head) => {
    socket.on('error', () => {}); // a peer that resets mid-handshake is not an error of ours
    if (!guard.admit(request, socket)) return;
    server.webSocketServer.handleUpgrade(request, socket, head, (ws) => server.webSocketServer.emit('connection', ws, request));
  });
  server.webSocketServer.removeAllListeners('connection');
  server.webSocketServer.on('connection', (ws, request: IncomingMessage) => {
    ws.setMaxListeners(Number.POSITIVE_INFINITY);
    guard.watch(ws, request);
    server.hocuspocus.handleConnection(ws, request);
  });
  try {
    // Hocuspocus leaves the HTTP server's 'error' (EADDRINUSE) unhandled, which would crash the process.
    await new Promise<void>((resolveListen, rejectListen) => {
      server.httpServer.once('error', rejectListen);
      server.listen().then(() => resolveListen(), rejectListen);
    });
  } catch (e) {
    store.close();
    throw e;
  }
  const actualPort = server.address.port;
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    server,
    port: actualPort,
    url: `ws://${shownHost}:${actualPort}`,
    stop: async () => {
      if (probeTimer) clearInterval(probeTimer);
      await server.destroy();
      store.close();
    },
  };
}
