/**
 * Redis and PostgreSQL of their own for the tests and the benchmark: each
 * started from Debian's binaries on loopback, on a port the caller names, with
 * its data in a temporary folder, and stopped (its folder removed) by stop().
 * Never a server of the machine's.
 *
 * PostgreSQL's initdb refuses to run as root, so when this process is root
 * both servers run as the `postgres` user (runuser), in a folder it owns.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = process.env.WARRANT_REDIS_SERVER ?? '/usr/bin/redis-server';
/** Debian installs PostgreSQL under /usr/lib/postgresql/<major>/bin: the newest there. */
function pgBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  return join(root, majors[0] ?? '15', 'bin');
}
export const PG_BIN = process.env.WARRANT_PG_BIN ?? pgBin();
const INSTALL = 'apt-get install -y redis-server postgresql';

export type Service = {
  /** redis://… or postgres://… */
  url: string;
  port: number;
  /** Stops the server (Redis: SIGKILL with `hard`, as a crash; PostgreSQL: a fast shutdown) and keeps its folder for start(). */
  halt: (hard?: boolean) => Promise<void>;
  /** Starts it again on the same port and folder (after halt). */
  start: () => Promise<void>;
  /** Stops it and removes its folder. */
  stop: () => Promise<void>;
  logs: string[];
};

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The user the servers run as, and the uid/gid to give their folder. */
function runAs(): { prefix: string[]; uid?: number; gid?: number } {
  if (!asRoot) return { prefix: [] };
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error(`PostgreSQL needs the postgres user (this process is root): ${INSTALL}`);
  return { prefix: ['runuser', '-u', 'postgres', '--'], uid, gid };
}

function need(path: string, what: string): void {
  if (!existsSync(path)) throw new Error(`${what} is not installed (no ${path}); install it with: ${INSTALL}`);
}

function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `warrant-${label}-`));
  const who = runAs();
  if (who.uid !== undefined) chownSync(dir, who.uid, who.gid!);
  return dir;
}

/** Resolves when something accepts TCP connections on the port. */
async function listening(port: number, child: ChildProcess, logs: string[], timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${logs.join('\n')}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (up) return;
    if (Date.now() > end) throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms: ${logs.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every server started here and still running: killed if this process exits without stopping them. */
const running = new Set<ChildProcess>();
const serverPids = (child: ChildProcess): number[] =>
  asRoot ? spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number) : [child.pid!];
process.once('exit', () => {
  for (const child of running) {
    for (const pid of serverPids(child)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

function launch(command: string[], logs: string[]): ChildProcess {
  const child = spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const onData = (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean));
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return child;
}

async function ended(child: ChildProcess | null, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((r) => child.once('exit', () => r()));
  // runuser passes SIGTERM and SIGINT on to the server, not SIGKILL (it cannot catch
  // it): the server itself, runuser's child, is signalled.
  for (const pid of serverPids(child)) process.kill(pid, signal);
  if (child.pid !== undefined && asRoot && signal === 'SIGKILL') child.kill(signal);
  await done;
}

/** A Redis without persistence, on 127.0.0.1:port. */
export async function startRedis(port: number): Promise<Service> {
  need(REDIS_SERVER, 'redis-server');
  const dir = tempDir('redis');
  const logs: string[] = [];
  let child: ChildProcess | null = null;
  const start = async () => {
    child = launch([...runAs().prefix, REDIS_SERVER, '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], logs);
    await listening(port, child, logs);
  };
  const halt = (hard = false) => ended(child, hard ? 'SIGKILL' : 'SIGTERM');
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    logs,
    start,
    halt,
    stop: async () => {
      await halt(true);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A PostgreSQL cluster of its own (initdb into a temporary folder), database `warrant`, on 127.0.0.1:port. */
export async function startPostgres(port: number): Promise<Service> {
  need(join(PG_BIN, 'initdb'), 'PostgreSQL');
  const dir = tempDir('pg');
  const data = join(dir, 'data');
  const who = runAs();
  const logs: string[] = [];
  const init = spawnSync(who.prefix[0] ?? join(PG_BIN, 'initdb'), [...who.prefix.slice(1), ...(who.prefix.length ? [join(PG_BIN, 'initdb')] : []), '-D', data, '-U', 'warrant', '--auth=trust', '-E', 'UTF8', '--no-sync'], { encoding: 'utf8' });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  }
  let child: ChildProcess | null = null;
  const start = async () => {
    child = launch([...who.prefix, join(PG_BIN, 'postgres'), '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'], logs);
    await listening(port, child, logs);
    // Accepting TCP is not yet accepting queries (the startup can still be recovering).
    const end = Date.now() + 20_000;
    for (;;) {
      const ready = spawnSync(join(PG_BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]);
      if (ready.status === 0) break;
      if (Date.now() > end) throw new Error(`PostgreSQL on ${port} never became ready: ${logs.join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await start();
  const created = spawnSync(join(PG_BIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'warrant', 'warrant'], { encoding: 'utf8' });
  if (created.status !== 0) throw new Error(`createdb failed: ${created.stderr}`);
  // SIGINT is PostgreSQL's fast shutdown (SIGTERM waits for every client to leave).
  // A SIGKILL would leave its shared memory to its orphaned backends: not offered.
  const halt = () => ended(child, 'SIGINT');
  return {
    url: `postgres://warrant@127.0.0.1:${port}/warrant`,
    port,
    logs,
    start,
    halt,
    stop: async () => {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
