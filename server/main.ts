/**
 * `npm run server -- --port 1234 --data ./server-data [--host 0.0.0.0]`:
 * the sharing server, until Ctrl+C. With `--postgres postgres://…` it keeps
 * maps in PostgreSQL instead of the data folder; with `--redis redis://…` as
 * well it is one of several instances serving the same maps.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { StorageUnavailable } from './pgStore';
import { ConfigurationError, DEFAULTS, startShareServer } from './shareServer';
import { DataFolderInUse } from './store';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: String(DEFAULTS.port) },
    data: { type: 'string', default: DEFAULTS.dataDir },
    host: { type: 'string', default: DEFAULTS.host },
    'no-validate': { type: 'boolean', default: false },
    // Largest size of the data folder's database, in MB; above it edits are refused as on a full disk.
    'max-data-mb': { type: 'string' },
    // Open WebSockets one address may hold (behind a proxy every client has the proxy's address).
    'max-connections-per-address': { type: 'string' },
    // Test seam: while this file exists every write fails as on a full disk.
    'fault-file': { type: 'string' },
    // Several instances: maps and tokens in PostgreSQL, the instances kept in step through Redis.
    postgres: { type: 'string' },
    redis: { type: 'string' },
    // With --redis: milliseconds between readings of what other instances stored (a backstop for a killed instance).
    'catch-up-ms': { type: 'string' },
  },
});
const positive = (flag: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${flag} must be a positive number, not "${value}"`);
    process.exit(2);
  }
  return n;
};
const maxDataMb = positive('max-data-mb', values['max-data-mb']);
const maxConnections = positive('max-connections-per-address', values['max-connections-per-address']);
const catchUpMs = positive('catch-up-ms', values['catch-up-ms']);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}"`);
  process.exit(2);
}
const dataDir = resolve(values.data);
let share;
try {
  share = await startShareServer({
    port,
    host: values.host,
    dataDir,
    validateUpdates: !values['no-validate'],
    maxDataBytes: maxDataMb === undefined ? undefined : maxDataMb * 1024 * 1024,
    guard: maxConnections === undefined ? {} : { maxConnectionsPerAddress: maxConnections },
    faultFile: values['fault-file'] ? resolve(values['fault-file']) : undefined,
    postgresUrl: values.postgres,
    redisUrl: values.redis,
    catchUpMs,
  });
} catch (e) {
  if (!(e instanceof DataFolderInUse) && !(e instanceof StorageUnavailable) && !(e instanceof ConfigurationError) && (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
  console.error(`Warrant sharing server not started: ${(e as Error).message}`);
  process.exit(1);
}
/** An address without its password, for the log. */
const shown = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
const where = values.postgres ? `maps in PostgreSQL ${shown(values.postgres)}${values.redis ? `, instances in step through Redis ${shown(values.redis)}` : ''}` : `data in ${dataDir}`;
console.log(`Warrant sharing server listening on ws://${values.host}:${share.port} (${where})`);
if (values.host === '0.0.0.0') console.log(`  on this machine: ws://127.0.0.1:${share.port}; for your team: ws://<this machine's name or address>:${share.port}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await share!.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
