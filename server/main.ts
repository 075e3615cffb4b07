/**
 * `npm run server -- --port 1234 --data ./server-data [--host 0.0.0.0]`:
 * the sharing server, until Ctrl+C.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { DEFAULTS, startShareServer } from './shareServer';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: String(DEFAULTS.port) },
    data: { type: 'string', default: DEFAULTS.dataDir },
    host: { type: 'string', default: DEFAULTS.host },
    'no-validate': { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}"`);
  process.exit(2);
}
const dataDir = resolve(values.data);
const share = await startShareServer({ port, host: values.host, dataDir, validateUpdates: !values['no-validate'] });
console.log(`Warrant sharing server listening on ws://${values.host}:${share.port} (data in ${dataDir})`);
if (values.host === '0.0.0.0') console.log(`  on this machine: ws://127.0.0.1:${share.port}; for your team: ws://<this machine's name or address>:${share.port}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await share.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
