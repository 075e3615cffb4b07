/// <reference lib="webworker" />
/**
 * Re-anchors the quotes of one large source off the main thread, reporting
 * progress: after a source edit (with the rules of a source edit) or to read
 * the status of stored quotes. The page terminates us to cancel.
 */
import { reanchorAll } from '../domain/anchoring/anchor';
import { reanchorSourceQuotes } from '../domain/anchoring/quotes';
import type { AnchorReply, AnchorRequest } from './anchorInWorker';

const reply = (msg: AnchorReply) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);

self.onmessage = (e: MessageEvent<AnchorRequest>) => {
  try {
    const req = e.data;
    const onProgress = (done: number, total: number) => reply({ type: 'progress', done, total });
    if (req.kind === 'edit') {
      const results = reanchorAll(req.text, req.quotes, { onProgress }).map((r) => r.result);
      reply({ type: 'edited', outcomes: reanchorSourceQuotes(req.text, req.quotes, results) });
    } else {
      const results = reanchorAll(req.text, req.quotes, { onProgress, drift: false }).map((r) => r.result);
      reply({ type: 'read', results });
    }
  } catch (err) {
    reply({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
