/**
 * Writes a big map's JSON off the main thread, reporting progress, so the
 * page stays responsive and the user can cancel (the page terminates us).
 */
import type { MapDoc } from '../../domain/change';
import { serializeMap } from '../../domain/format/serialize';

export type ExportRequest = { doc: MapDoc; exportedAt: string };
export type ExportReply = { type: 'progress'; done: number; total: number } | { type: 'done'; text: string } | { type: 'error'; message: string };

const reply = (msg: ExportReply) => postMessage(msg);

addEventListener('message', (e: MessageEvent<ExportRequest>) => {
  try {
    const text = serializeMap(e.data.doc, e.data.exportedAt, (done, total) => reply({ type: 'progress', done, total }));
    reply({ type: 'done', text });
  } catch (err) {
    reply({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
