/// <reference lib="webworker" />
/**
 * Re-anchors the quotes of one large source off the main thread, reporting
 * progress: after a source edit (with the rules of a source edit, on the
 * text the page posts) or to read the status of stored quotes (on the text
 * this worker reads from IndexedDB itself). The page terminates us to cancel.
 */
import { openWarrantDB } from '../storage/db';
import { anchorStoredSource, reanchorEditedText, type AnchorReply, type AnchorRequest } from './anchorInWorker';

const reply = (msg: AnchorReply) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);

self.onmessage = async (e: MessageEvent<AnchorRequest>) => {
  try {
    const req = e.data;
    const onProgress = (done: number, total: number) => reply({ type: 'progress', done, total });
    if (req.kind === 'edit') {
      reply({ type: 'edited', outcomes: reanchorEditedText(req.text, req.quotes, onProgress) });
    } else {
      const db = openWarrantDB();
      try {
        reply({ type: 'read', anchoring: await anchorStoredSource(req, db, onProgress) });
      } finally {
        db.close();
      }
    }
  } catch (err) {
    reply({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
