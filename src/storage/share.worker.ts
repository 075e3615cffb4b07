/// <reference lib="webworker" />
/**
 * Compacts a shared map's saved Y.Doc off the main thread: reads its state
 * and the updates saved since from IndexedDB, merges them and writes the one
 * state back (shareCompact.ts). For a map of tens of thousands of records
 * that is a task of hundreds of milliseconds the page never sees.
 */
import type { WorkerReply } from '../components/runWorker';
import { openWarrantDB } from './db';
import { compactShareState, type CompactResult } from './shareCompact';
import type { CompactRequest } from './shareCompactInWorker';

const reply = (msg: WorkerReply<never, CompactResult>) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);

self.onmessage = async (e: MessageEvent<CompactRequest>) => {
  const db = openWarrantDB();
  try {
    reply({ type: 'done', result: await compactShareState(e.data.mapId, db) });
  } catch (err) {
    reply({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  } finally {
    db.close();
  }
};
