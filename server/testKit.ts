/**
 * For the server tests and the sharing benchmark: the server as a child
 * process (so it can be killed for real), clients made of a TestClient and a
 * ShareConnection, and a raw WebSocket that speaks the protocol by hand.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { MapDoc } from '../src/domain/change';
import { ShareConnection } from '../src/share/connection';
import { TestClient } from '../src/test/testClients';
import { creatorAuth, memberAuth, type ShareKeys } from '../src/share/tokens';
import { mapMetaOfYDoc } from '../src/share/yMap';
import * as Y from 'yjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_ENTRY = resolve(root, 'dist-server/main.mjs');

/** Builds dist-server/ (the server is TypeScript; Node 20 runs only JavaScript). */
export function buildServer(): void {
  execFileSync('npx', ['vite', 'build', '-c', 'server/vite.config.ts'], { cwd: root, stdio: 'pipe' });
  if (!existsSync(SERVER_ENTRY)) throw new Error('the server build wrote no dist-server/main.mjs');
}

export type ServerProcess = {
  url: string;
  logs: string[];
  child: ChildProcess;
  /** Stops it: SIGKILL by default, as a crash would. */
  kill: (signal?: NodeJS.Signals) => Promise<void>;
  pid: number;
};

export async function startServerProcess(port: number, dataDir: string, extraArgs: string[] = []): Promise<ServerProcess> {
  // WARRANT_SERVER_NODE_ARGS: e.g. "--cpu-prof" to profile the server under the benchmark.
  const nodeArgs = (process.env.WARRANT_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, SERVER_ENTRY, '--port', String(port), '--data', dataDir, '--host', '127.0.0.1', ...extraArgs], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const onData = (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean));
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  await new Promise<void>((resolveUp, reject) => {
    const timer = setInterval(() => {
      if (logs.some((l) => l.includes('listening on'))) {
        clearInterval(timer);
        resolveUp();
      }
    }, 20);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code}: ${logs.join('\n')}`));
    });
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    url: `ws://127.0.0.1:${port}`,
    logs,
    child,
    pid: child.pid!,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** How a NetClient's ShareSync delivers remote updates (see ShareSyncOptions.coalesce). */
type ClientOptions = ConstructorParameters<typeof TestClient>[3];

/** A client of a shared map over the network: its local map, its Y.Doc, its connection. */
export class NetClient {
  constructor(
    readonly client: TestClient,
    readonly conn: ShareConnection,
  ) {}

  get doc(): MapDoc {
    return this.client.doc;
  }

  /** Shares `doc` on the server: claims the document with both token hashes and seeds it. */
  static async share(url: string, doc: MapDoc, keys: ShareKeys, name = 'sharer', options: ClientOptions = {}): Promise<NetClient> {
    const client = new TestClient(name, doc, undefined, options);
    client.sync.seed();
    const conn = new ShareConnection({ server: url, doc: keys.doc, auth: await creatorAuth(keys), ydoc: client.ydoc, name, WebSocketPolyfill: WebSocket, maxReconnectDelay: 500 });
    return new NetClient(client, conn);
  }

  /** Opens a shared map by link: waits for the first sync, then takes the map from the Y.Doc. */
  static async join(url: string, doc: string, token: string, name: string, options: ClientOptions = {}): Promise<NetClient> {
    const ydoc = new Y.Doc();
    const conn = new ShareConnection({ server: url, doc, auth: memberAuth(token), ydoc, name, WebSocketPolyfill: WebSocket, maxReconnectDelay: 500 });
    await conn.whenSynced();
    const meta = mapMetaOfYDoc(ydoc);
    if (!meta) throw new Error('the shared map has no valid map record');
    const client = new TestClient(name, meta, ydoc, options);
    client.sync.catchUp();
    return new NetClient(client, conn);
  }

  destroy(): void {
    this.conn.destroy();
    this.client.sync.destroy();
  }
}

// y-protocols framing, written by hand for the raw-socket tests.
function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
function varBytes(bytes: Uint8Array): number[] {
  return [...varUint(bytes.length), ...bytes];
}
const varString = (s: string) => varBytes(new TextEncoder().encode(s));

export const authMessage = (doc: string, token: string) => Uint8Array.from([...varString(doc), 2, 0, ...varString(token)]);
export const awarenessMessage = (doc: string, entries: Array<{ id: number; clock: number; state: unknown }>) =>
  Uint8Array.from([...varString(doc), 1, ...varBytes(Uint8Array.from([...varUint(entries.length), ...entries.flatMap((e) => [...varUint(e.id), ...varUint(e.clock), ...varString(JSON.stringify(e.state))])]))]);
export const broadcastStatelessMessage = (doc: string, payload: string) => Uint8Array.from([...varString(doc), 6, ...varString(payload)]);
export const updateMessage = (doc: string, update: Uint8Array) => Uint8Array.from([...varString(doc), 0, 2, ...varBytes(update)]);

/** The message type (after the document name) of a server message. */
export function messageType(data: Uint8Array): number {
  let pos = 0;
  let len = 0;
  let mult = 1;
  for (;;) {
    const b = data[pos++]!;
    len += (b & 0x7f) * mult;
    if (b < 0x80) break;
    mult *= 128;
  }
  return data[pos + len]!;
}

/** A WebSocket that speaks the protocol by hand, as a hostile peer would. */
export class RawSocket {
  readonly received: number[] = [];
  /** Every message as received. */
  readonly messages: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.messages.push(new Uint8Array(data));
      this.received.push(messageType(new Uint8Array(data)));
    });
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
    ws.on('error', () => {});
  }
  static async open(url: string): Promise<RawSocket> {
    const ws = new WebSocket(url);
    // A refused handshake may emit more than one error; only the first rejects.
    ws.on('error', () => {});
    await new Promise((r, j) => {
      ws.once('open', r);
      ws.once('error', j);
    });
    return new RawSocket(ws);
  }
  send(bytes: Uint8Array): void {
    this.ws.send(bytes);
  }
  close(): void {
    this.ws.close();
  }
}
