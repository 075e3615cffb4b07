/**
 * Writes a big map's JSON off the main thread, reporting progress, so the
 * page stays responsive and the user can cancel (the page terminates us).
 */
import type { MapDoc } from '../../domain/change';
import type { WorkerReply } from '../../components/runWorker';
import { serializeMap } from '../../domain/format/serialize';

export type ExportRequest = { doc: MapDoc; exportedAt: string };
export type ExportProgress = { done: number; total: number };
export type ExportReply = WorkerReply<ExportProgress, string>;

const reply = (msg: ExportReply) => postMessage(msg);

addEventListener('message', (e: MessageEvent<ExportRequest>) => {
  try {
    const text = serializeMap(e.data.doc, e.data.exportedAt, (done, total) => reply({ type: 'progress', progress: { done, total } }));
    reply({ type: 'done', result: text });
  } catch (err) {
    reply({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
