/// <reference lib="webworker" />
/**
 * Saves a version of a stored map off the main thread: reads the map from
 * IndexedDB, serializes it and writes the version, all here. For a map with
 * megabytes of source text that is seconds of work the page never sees.
 */
import type { WorkerReply } from '../components/runWorker';
import { openWarrantDB } from './db';
import { saveVersion } from './versions';
import type { VersionListing } from './rows';
import type { VersionRequest } from './versionInWorker';

const reply = (msg: WorkerReply<never, VersionListing>) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);

self.onmessage = async (e: MessageEvent<VersionRequest>) => {
  const db = openWarrantDB();
  try {
    const { mapId, name, kind } = e.data;
    reply({ type: 'done', result: await saveVersion(mapId, name, kind, db) });
  } catch (err) {
    reply({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  } finally {
    db.close();
  }
};
