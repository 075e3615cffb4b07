/**
 * The sharing server: Hocuspocus 3 (Node 20) with SQLite persistence
 * (better-sqlite3, compiled from source at install), capability tokens stored
 * hashed, review connections limited to comments, size limits, and the
 * schema check of every incoming update. Run by server/main.ts; tests start it in-process.
 *
 * With a PostgreSQL address it keeps maps and tokens in PostgreSQL instead;
 * with a Redis address too, it is one of several instances that serve the
 * same maps, kept in step through Redis (@hocuspocus/extension-redis).
 * Which instance stores what: an update is stored by the instance its client
 * sent it to, before that instance applies and acknowledges it; the other
 * instances receive it through Redis, apply it, and never store it again.
 */
import { Redis } from '@hocuspocus/extension-redis';
import { Connection, Server, type Extension, type Document, type onChangePayload } from '@hocuspocus/server';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { AuthPayloadSchema, ShareDocNameSchema } from '../src/share/tokens';
import { UpdateValidator } from '../src/share/yMap';
import { GUARD_DEFAULTS, SocketGuard, type GuardLimits } from './guard';
import { PgStore, StorageUnavailable } from './pgStore';
import { isStorageFull, isStorageUnavailable, SqliteStore, type MapStore } from './store';

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
  /** With Redis: milliseconds between readings of what other instances stored (see PgStore.tail). */
  catchUpMs?: number;
  /** postgres://… : maps and tokens in this PostgreSQL database (shared by every instance) instead of SQLite in dataDir. */
  postgresUrl?: string;
  /** redis://… : one of several instances, kept in step through this Redis (needs postgresUrl). */
  redisUrl?: string;
};

/** A configuration the server cannot start with. */
export class ConfigurationError extends Error {}

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
  catchUpMs: 5000,
} as const;

/**
 * Stateless messages the server sends to a connection (JSON), for the client to
 * show: writes refused because the server's storage is full, and resumed.
 */
export const STORAGE_FULL_NOTICE = JSON.stringify({ warrant: 'storage', state: 'full', message: "The sharing server's storage is full: your edits stay in this browser and are sent when it has room again." });
export const STORAGE_OK_NOTICE = JSON.stringify({ warrant: 'storage', state: 'ok' });
export const STORAGE_UNAVAILABLE_NOTICE = JSON.stringify({ warrant: 'storage', state: 'unavailable', message: 'The sharing server cannot reach its database: your edits stay in this browser and are sent when it is back.' });

/**
 * New connections are closed with this while the instance cannot store edits
 * or cannot reach the other instances (1013: try again later; the client
 * reconnects, behind a load balancer perhaps to another instance).
 */
export const UNAVAILABLE_CLOSE = { code: 1013, reason: 'storage-unavailable' } as const;

/** Transaction origins of updates that are already stored: relayed by another instance, or read back from the store. */
const REDIS_ORIGIN = '__hocuspocus__redis__origin__';
const STORE_ORIGIN = '__warrant__store__origin__';

/**
 * The Redis extension, changed in two ways.
 *
 * Without its store lock: our compaction is safe without it (PgStore.compact
 * locks the map's row, and never deletes a row it did not merge), while the
 * lock would skip compactions with an error in the log at each collision, and
 * wait for Redis while Redis is down.
 *
 * A change is also relayed as itself (a sync step 2 carrying the update,
 * which the other instances apply with the Redis origin): it arrives in one
 * hop through Redis instead of three. The extension's own sync step 1 still
 * follows, which the others answer with what either side lacks: that heals
 * an update that was only partly applied here (its missing part arrives later
 * with the Redis origin and is not relayed as itself) and a lost publication.
 *
 * That sync step 1 goes out at most once per `healEveryMs` for a map, after
 * its changes, not after each one: its answer carries the whole map's delete
 * set, which every instance encodes or applies, so one per change made each
 * change cost in proportion to the map's history.
 */
class RelayOnlyRedis extends Redis {
  private readonly healTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    configuration: ConstructorParameters<typeof Redis>[0],
    private readonly healEveryMs = 1000,
  ) {
    super(configuration);
  }

  override async onStoreDocument(): Promise<void> {}
  override async afterStoreDocument(): Promise<void> {}
  override async onChange(data: onChangePayload): Promise<void> {
    const { documentName, update, transactionOrigin } = data;
    // Relayed from another instance, or read back from the store (each instance reads its own).
    if (transactionOrigin === REDIS_ORIGIN || transactionOrigin === STORE_ORIGIN) return;
    const name = Buffer.from(documentName, 'utf8');
    const message = Buffer.concat([this.messagePrefix, Buffer.from(varUint(name.length)), name, Buffer.from([MESSAGE_SYNC, SYNC_STEP2, ...varUint(update.length)]), update]);
    this.healLater(documentName, data.document);
    await this.pub.publish(`${this.configuration.prefix}:${documentName}`, message);
  }

  private healLater(documentName: string, document: Document): void {
    if (this.healTimers.has(documentName)) return;
    const timer = setTimeout(() => {
      this.healTimers.delete(documentName);
      // Unloaded meanwhile: nothing here to heal; the next load syncs in full.
      if (!this.instance?.documents.has(documentName)) return;
      const name = Buffer.from(documentName, 'utf8');
      const vector = Y.encodeStateVector(document);
      const message = Buffer.concat([this.messagePrefix, Buffer.from(varUint(name.length)), name, Buffer.from([MESSAGE_SYNC, SYNC_STEP1, ...varUint(vector.length)]), vector]);
      this.pub.publish(`${this.configuration.prefix}:${documentName}`, message).catch(() => {
        // Redis down: when it is back, each map is read back from the store (catchUpAll).
      });
    }, this.healEveryMs);
    timer.unref?.();
    this.healTimers.set(documentName, timer);
  }

  override async onDestroy(): Promise<void> {
    for (const timer of this.healTimers.values()) clearTimeout(timer);
    this.healTimers.clear();
    await super.onDestroy();
  }
}

/** ioredis settings from a redis:// or rediss:// address. */
function redisConnection(url: string): { host: string; port: number; options: NonNullable<ConstructorParameters<typeof Redis>[0]['options']> } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigurationError(`--redis must be an address like redis://127.0.0.1:6379, not "${url}"`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new ConfigurationError(`--redis must start with redis:// or rediss://, not "${url}"`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new ConfigurationError(`the Redis database in "${url}" must be a number`);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    options: {
      username: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
      db,
      ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
      // While Redis is down, publications wait in the client and go out when it is back
      // (a failed publication would be an unhandled rejection inside the extension).
      maxRetriesPerRequest: null,
      retryStrategy: (times: number) => Math.min(100 * times, 1000),
    },
  };
}

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

/** Hocuspocus's "saved" / "not saved" answer to a document update (y-protocols has no such message). */
const MESSAGE_SYNC_STATUS = 8;
function syncStatusMessage(documentName: string, saved: boolean): Uint8Array {
  return Uint8Array.from([...varBytes(new TextEncoder().encode(documentName)), MESSAGE_SYNC_STATUS, saved ? 1 : 0]);
}

/** Is this a sync "update" message (not a step 2, which Hocuspocus acknowledges itself once applied)? */
function isUpdateMessage(data: Uint8Array): boolean {
  const r = new Reader(data);
  r.bytesField();
  const outer = r.uint();
  return (outer === MESSAGE_SYNC || outer === MESSAGE_SYNC_REPLY) && r.uint() === SYNC_UPDATE;
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

  if (options.redisUrl && !options.postgresUrl) {
    throw new ConfigurationError('--redis needs --postgres: instances that share maps keep them in one PostgreSQL database');
  }
  const redisAt = options.redisUrl ? redisConnection(options.redisUrl) : null;
  // SQLite throws DataFolderInUse when another server holds the folder; PostgreSQL
  // throws StorageUnavailable when it cannot be reached.
  const pgStore = options.postgresUrl ? await PgStore.open({ url: options.postgresUrl }, log) : null;
  const store: MapStore = pgStore
    ? pgStore
    : new SqliteStore({ dir: dataDir, maxBytes: options.maxDataBytes ?? DEFAULTS.maxDataBytes, faultFile: options.faultFile });
  const guard = new SocketGuard({ ...GUARD_DEFAULTS, ...options.guard }, log);

  // --- Redis: the other instances. While it is down this instance takes no new connections.
  let redis: RelayOnlyRedis | null = null;
  /** Set once listening: before that there is no map to read back. */
  let started = false;
  if (redisAt) {
    redis = new RelayOnlyRedis({ ...redisAt, prefix: 'warrant', identifier: `warrant-${randomUUID()}` });
    let redisWasDown = false;
    const onRedisError = (e: Error) => {
      if (!redisWasDown) log(`Redis unreachable (${e.message}): refusing new connections until it is back`);
      redisWasDown = true;
    };
    redis.pub.on('error', onRedisError);
    redis.sub.on('error', onRedisError);
    redis.sub.on('ready', () => {
      if (!redisWasDown) return;
      redisWasDown = false;
      log('Redis reachable again: taking connections');
      if (!started) return;
      // Publications of the other instances while this one was cut off are lost; everything
      // they acknowledged is in the store, so each map this instance serves is read back.
      void catchUpAll(true);
    });
    const up = await new Promise<boolean>((resolveUp) => {
      const timer = setTimeout(() => resolveUp(false), 10_000);
      const check = () => {
        if (redis!.pub.status === 'ready' && redis!.sub.status === 'ready') {
          clearTimeout(timer);
          resolveUp(true);
        }
      };
      redis!.pub.on('ready', check);
      redis!.sub.on('ready', check);
      check();
    });
    if (!up) {
      redis.pub.disconnect();
      redis.sub.disconnect();
      await store.close();
      throw new StorageUnavailable(`Redis at ${redisAt.host}:${redisAt.port} unreachable`);
    }
  }
  const redisUp = () => !redis || (redis.pub.status === 'ready' && redis.sub.status === 'ready');

  /** Bytes of Yjs state per loaded document, kept up to date without re-encoding. */
  const sizes = new WeakMap<Document, number>();
  const validators = new WeakMap<Document, UpdateValidator>();
  /**
   * Review links: read-only to Hocuspocus (so it never applies their updates
   * itself, and the client's scope says `readonly`), but their comments are
   * checked against the review scope and, if nothing else is touched,
   * stored and applied by the durability extension like an editor's.
   */
  const isReviewer = (connection: Connection) => (connection.context as { role?: unknown } | undefined)?.role === 'review';
  /** Messages of review links refused by the scope check: the durability extension skips them. */
  const refusedReviews = new WeakSet<Uint8Array>();

  // --- Full or unreachable storage: refuse writes, keep serving what is loaded, resume when a write succeeds again.
  let storageDown: 'full' | 'unavailable' | null = null;
  let probeTimer: NodeJS.Timeout | null = null;
  let probing = false;
  /** Edit connections made read-only while the store is full, given back their writes after. */
  const demoted = new Set<Connection>();
  const demote = (connection: Connection) => {
    if (connection.readOnly) return;
    connection.readOnly = true;
    demoted.add(connection);
    connection.sendStateless(storageDown === 'unavailable' ? STORAGE_UNAVAILABLE_NOTICE : STORAGE_FULL_NOTICE);
  };
  /** A review link's comment that cannot be stored now: told so, and asked for it again once storage is back. */
  const holdReview = (connection: Connection) => {
    if (demoted.has(connection)) return;
    demoted.add(connection);
    connection.sendStateless(storageDown === 'unavailable' ? STORAGE_UNAVAILABLE_NOTICE : STORAGE_FULL_NOTICE);
  };
  const probe = async () => {
    if (probing) return;
    probing = true;
    try {
      await store.probe();
    } catch (e) {
      if (!isStorageFull(e) && !isStorageUnavailable(e)) log(`storage probe failed: ${(e as Error).message}`);
      return;
    } finally {
      probing = false;
    }
    const was = storageDown;
    storageDown = null;
    if (probeTimer) clearInterval(probeTimer);
    probeTimer = null;
    log(was === 'unavailable' ? 'storage reachable again: edits resumed' : 'storage accepts writes again: edits resumed');
    // An outage may have hidden what other instances stored meanwhile.
    if (was === 'unavailable') void catchUpAll(true);
    for (const connection of demoted) {
      if (!isReviewer(connection)) connection.readOnly = false;
      connection.sendStateless(STORAGE_OK_NOTICE);
      // The client kept its refused edits; a step 1 makes it send what the server lacks.
      connection.send(syncStep1Message(connection.document.name, connection.document));
    }
    demoted.clear();
  };
  /** True (and edits refused until a probe succeeds) when `e` says the store is full or unreachable. */
  const storageFailed = (e: unknown, what: string): boolean => {
    const kind = isStorageFull(e) ? 'full' : isStorageUnavailable(e) ? 'unavailable' : null;
    if (!kind) return false;
    if (storageDown !== kind) {
      log(kind === 'full' ? `storage full (${(e as Error).message}) while ${what}: refusing edits, still serving maps` : `storage unreachable (${(e as Error).message}) while ${what}: refusing edits and new connections`);
    }
    // Unreachable outranks full: new connections are refused too.
    if (storageDown !== 'unavailable') storageDown = kind;
    if (!probeTimer) {
      probeTimer = setInterval(() => void probe(), options.storageProbeMs ?? DEFAULTS.storageProbeMs);
      probeTimer.unref();
    }
    return true;
  };
  /** Can this instance take a new connection: its store reachable, and Redis when it has one. */
  const available = () => storageDown !== 'unavailable' && redisUp();

  /** How far each loaded map has been read back from the store (PgStore.tail). */
  const readThrough = new WeakMap<Document, number>();
  /**
   * Reads a loaded map back from the store (all of it, or what was stored since
   * the last reading) and applies what this instance lacks; it is stored
   * already, so it is not stored again.
   */
  const catchUp = async (name: string, document: Document, whole = false) => {
    if (!pgStore) return;
    const { updates, through } = await pgStore.tail(name, whole ? 0 : (readThrough.get(document) ?? 0));
    readThrough.set(document, through);
    if (updates.length) Y.applyUpdate(document, Y.mergeUpdates(updates), STORE_ORIGIN);
  };
  const catchUpAll = async (whole = false) => {
    for (const [name, document] of server.hocuspocus.documents) {
      try {
        await catchUp(name, document, whole);
      } catch (e) {
        if (!storageFailed(e, `reading ${name} back`)) log(`could not read ${name} back: ${(e as Error).message}`);
      }
    }
  };

  /** The WebSocket of each upgraded request, and the sockets waiting for each map to load. */
  const socketOf = new WeakMap<IncomingMessage, WebSocket>();
  const waitingFor = new Map<string, Set<WebSocket>>();
  /** Closes a socket with "try again later" (before Hocuspocus can answer it with a refusal the client would take as final). */
  const unavailableFor = (ws: WebSocket | undefined) => {
    if (ws && ws.readyState === ws.OPEN) ws.close(UNAVAILABLE_CLOSE.code, UNAVAILABLE_CLOSE.reason);
    return Object.assign(new Error(UNAVAILABLE_CLOSE.reason), UNAVAILABLE_CLOSE);
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
      const ws = socketOf.get(request);
      if (!available()) throw unavailableFor(ws);
      let row;
      try {
        row = await store.map(documentName);
        if (!row && payload.create && sameHash(hash, payload.create.edit)) {
          if (!mayRegister(request)) {
            log(`refused to register ${documentName} from ${SocketGuard.addressOf(request)}: too many new maps`);
            throw tooMany('too-many-new-maps');
          }
          // Counted before the store's await: a socket's other registrations,
          // handled meanwhile, must see this one (a failed one still counts).
          registered(request);
          try {
            await store.addMap(documentName, payload.create.edit, payload.create.review);
          } catch (e) {
            if (!isStorageFull(e)) throw e;
            storageFailed(e, `registering ${documentName}`);
            throw refusal('storage-full');
          }
          row = await store.map(documentName);
          log(`registered shared map ${documentName}`);
        }
      } catch (e) {
        if (!isStorageUnavailable(e)) throw e;
        storageFailed(e, `authenticating a connection to ${documentName}`);
        throw unavailableFor(ws);
      }
      const admitted = (role: 'edit' | 'review') => {
        guard.authenticated(request, documentName);
        if (ws) {
          // Until the map is loaded: closed with "try again later" if the store fails meanwhile.
          let waiting = waitingFor.get(documentName);
          if (!waiting) waitingFor.set(documentName, (waiting = new Set()));
          waiting.add(ws);
          ws.once('close', () => waitingFor.get(documentName)?.delete(ws));
        }
        return { role };
      };
      if (row && sameHash(hash, row.edit_hash)) return admitted('edit');
      if (row && sameHash(hash, row.review_hash)) {
        connectionConfig.readOnly = true;
        return admitted('review');
      }
      log(`refused a connection to ${documentName}: wrong token`);
      throw refusal('permission-denied');
    },

    async connected({ connection, documentName }) {
      const ws = socketOf.get(connection.request);
      if (ws) waitingFor.get(documentName)?.delete(ws);
      if (waitingFor.get(documentName)?.size === 0) waitingFor.delete(documentName);
      if (storageDown && !connection.readOnly) demote(connection);
    },

    async onLoadDocument({ document, documentName }) {
      let stored: Uint8Array[];
      try {
        stored = await store.load(documentName);
      } catch (e) {
        if (!storageFailed(e, `loading ${documentName}`)) throw e;
        // Every connection waiting for this map is told to try again later, not refused for good.
        const waiting = [...(waitingFor.get(documentName) ?? [])];
        waitingFor.delete(documentName);
        for (const ws of waiting) unavailableFor(ws);
        throw unavailableFor(undefined);
      }
      let size = 0;
      Y.transact(document, () => {
        for (const update of stored) {
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

    async afterLoadDocument({ document, documentName }) {
      // With other instances: now that this one hears them (the Redis extension runs first
      // and has subscribed), what they stored between the load above and the subscription
      // would be missed: read the map once more.
      if (!redis) return;
      try {
        await catchUp(documentName, document, true);
      } catch (e) {
        if (!storageFailed(e, `reading ${documentName} back`)) log(`could not read ${documentName} back: ${(e as Error).message}`);
      }
    },
  };

  /**
   * One message of a connection at a time: a store that answers later
   * (PostgreSQL) must not let a connection's next update be checked against
   * a document that lacks the one before it (still being stored). Released
   * by the last extension (durability).
   */
  const turns = new WeakMap<Connection, Promise<void>>();
  const releases = new WeakMap<Uint8Array, () => void>();
  const inTurn: Extension = {
    async beforeHandleMessage({ update: message, connection }) {
      const previous = turns.get(connection);
      let release!: () => void;
      turns.set(connection, new Promise<void>((r) => (release = r)));
      releases.set(message, release);
      if (previous) await previous;
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

  /** The schema check of every incoming update (the rule book), and the review links' scope. */
  const extension: Extension = {
    async beforeHandleMessage({ update: message, document, documentName, connection }) {
      const reviewer = isReviewer(connection);
      if (connection.readOnly && !reviewer) return; // Hocuspocus drops their updates itself
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
      if (!validate && !reviewer) return;
      // Held back by the durability extension below while storage is down: checked
      // when it is sent again (the rule book's copy must not take what the map does not).
      if (storageDown) return;
      let validator = validators.get(document);
      if (!validator) validators.set(document, (validator = new UpdateValidator(document)));
      if (reviewer) {
        // Whatever else fails (a record's schema too), a review link's update is
        // refused as every one of them was before reviewers could comment: not
        // applied, not stored, answered "not saved"; the connection stays.
        const problems = validator.check(update, { reviewer: true });
        if (problems.length) {
          refusedReviews.add(message);
          const shown = problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ');
          log(`refused an update to ${documentName} from a review link: ${shown}${problems.length > 3 ? ` (+${problems.length - 3})` : ''}`);
        }
        return;
      }
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
      try {
        const reviewer = isReviewer(connection);
        // Hocuspocus drops (and does not acknowledge) the updates of read-only
        // connections: edit connections demoted while storage is down, and
        // review links, whose comments are applied here instead.
        if (connection.readOnly && !reviewer) return;
        if (refusedReviews.has(message)) return;
        let update: Uint8Array | null;
        try {
          update = updateOfMessage(message);
        } catch {
          throw invalidUpdate('malformed-message');
        }
        if (!update) return;
        if (storageDown) return reviewer ? holdReview(connection) : demote(connection);
        try {
          const stored = store.append(documentName, update);
          // SQLite has stored it already, and append and apply stay one synchronous
          // step; PostgreSQL has stored it when the promise resolves (its compaction
          // reads its own rows, so nothing may fall in between).
          if (stored instanceof Promise) await stored;
        } catch (e) {
          if (!storageFailed(e, `storing an edit to ${documentName}`)) throw e;
          // The rule book's copy took this update, the map does not: made again from the map.
          validators.get(document)?.destroy();
          return reviewer ? holdReview(connection) : demote(connection);
        }
        sizes.set(document, (sizes.get(document) ?? 0) + update.length);
        Y.applyUpdate(document, update, connection);
        // Hocuspocus answers a read-only connection's update "not saved" (a step 2
        // it finds applied, "saved"): the acknowledgement of what was stored is ours.
        if (reviewer && isUpdateMessage(message)) connection.send(syncStatusMessage(documentName, true));
      } finally {
        releases.get(message)?.();
      }
    },

    async onChange({ document, documentName, update, transactionOrigin }) {
      if (transactionOrigin instanceof Connection) return; // stored before it was applied, above
      sizes.set(document, (sizes.get(document) ?? 0) + update.length);
      if (transactionOrigin === REDIS_ORIGIN || transactionOrigin === STORE_ORIGIN) {
        // Stored already (by the instance its client sent it to), and checked there. The rule
        // book's copy of the map takes it too: that copy keeps what deletions removed, which
        // an edit made concurrently with a deletion is checked against (a copy made again
        // from the document would lack it). Its problems, if any, were the sender's to refuse.
        validators.get(document)?.check(update);
        return;
      }
      // Changes made on the server itself: stored here (none today).
      try {
        await store.append(documentName, update);
      } catch (e) {
        if (!storageFailed(e, `storing a change to ${documentName}`)) log(`could not store a change to ${documentName}: ${(e as Error).message}`);
      }
    },

    async onStoreDocument({ document, documentName }) {
      try {
        const size = await store.compact(documentName, () => Y.encodeStateAsUpdate(document));
        if (size !== undefined) sizes.set(document, size);
      } catch (e) {
        // The updates stay stored: compaction is only an optimisation.
        if (!storageFailed(e, `compacting ${documentName}`)) log(`could not compact ${documentName}: ${(e as Error).message}`);
      }
    },
  };

  /** GET /health: 200 while this instance takes connections, 503 (saying why) while it refuses them. */
  const health: Extension = {
    async onRequest({ request, response }) {
      if (request.url !== '/health') return;
      const problems = [...(storageDown === 'unavailable' ? ['storage unreachable'] : []), ...(redisUp() ? [] : ['Redis unreachable'])];
      response.writeHead(problems.length ? 503 : 200, { 'Content-Type': 'text/plain' });
      response.end(problems.length ? `unavailable: ${problems.join(', ')}\n` : 'ok\n');
      // Hocuspocus skips its default answer when a hook rejects with nothing.
      throw null;
    },
  };

  const closeServices = async () => {
    if (redis) {
      redis.pub.disconnect();
      redis.sub.disconnect();
    }
    await store.close();
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
      extensions: [...(redis ? [redis] : []), health, access, inTurn, conduct, extension, durability],
    },
    { maxPayload: maxMessageBytes },
  );
  // Our own upgrade and connection handling: the per-address cap before the
  // WebSocket exists, and the socket guard before Hocuspocus listens to it.
  server.httpServer.removeAllListeners('upgrade');
  server.httpServer.on('upgrade', (request: IncomingMessage, socket, head) => {
    socket.on('error', () => {}); // a peer that resets mid-handshake is not an error of ours
    if (!guard.admit(request, socket)) return;
    if (!available()) {
      // A WebSocket close, not an HTTP error: the client shows its reason and tries again.
      server.webSocketServer.handleUpgrade(request, socket, head, (ws) => unavailableFor(ws));
      return;
    }
    server.webSocketServer.handleUpgrade(request, socket, head, (ws) => server.webSocketServer.emit('connection', ws, request));
  });
  server.webSocketServer.removeAllListeners('connection');
  server.webSocketServer.on('connection', (ws, request: IncomingMessage) => {
    ws.setMaxListeners(Number.POSITIVE_INFINITY);
    socketOf.set(request, ws);
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
    await closeServices();
    throw e;
  }
  started = true;
  // With other instances: an instance killed between storing an update and relaying it
  // leaves the others without it until they read the store's tail.
  let catchUpRunning = false;
  const catchUpTimer = redis
    ? setInterval(() => {
        if (catchUpRunning || storageDown === 'unavailable') return;
        catchUpRunning = true;
        void catchUpAll().finally(() => (catchUpRunning = false));
      }, options.catchUpMs ?? DEFAULTS.catchUpMs)
    : null;
  catchUpTimer?.unref();
  const actualPort = server.address.port;
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    server,
    port: actualPort,
    url: `ws://${shownHost}:${actualPort}`,
    stop: async () => {
      if (probeTimer) clearInterval(probeTimer);
      if (catchUpTimer) clearInterval(catchUpTimer);
      // Redis down: its clients would wait for it forever in onDestroy.
      if (redis && !redisUp()) {
        redis.pub.disconnect();
        redis.sub.disconnect();
      }
      try {
        await server.destroy();
      } finally {
        await store.close();
      }
    },
  };
}
