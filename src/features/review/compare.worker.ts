/**
 * Compares two maps off the main thread: two maps of thousands of records
 * each take a noticeable moment, and the page stays responsive meanwhile.
 */
import type { MapDoc } from '../../domain/change';
import type { WorkerReply } from '../../components/runWorker';
import { compareMaps, type Comparison } from '../../domain/compare';

export type CompareRequest = { current: MapDoc; other: MapDoc };
export type CompareReply = WorkerReply<never, Comparison>;

addEventListener('message', (e: MessageEvent<CompareRequest>) => {
  try {
    const result = compareMaps(e.data.current, e.data.other);
    postMessage({ type: 'done', result } satisfies CompareReply);
  } catch (err) {
    postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies CompareReply);
  }
});
