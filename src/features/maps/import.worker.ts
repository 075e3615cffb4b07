/**
 * Reads an imported file off the page's thread (see readImport.ts); the page
 * terminates this worker on Cancel or when its time budget runs out.
 */
import type { WorkerReply } from '../../components/runWorker';
import { readImport, type ReadMode, type ReadResult, type ReadStage } from './readImport';

export type ImportWorkerRequest = { text: string; fileName: string; mode: ReadMode };
export type ImportWorkerReply = WorkerReply<ReadStage, ReadResult>;

const reply = (msg: ImportWorkerReply) => postMessage(msg);

addEventListener('message', async (e: MessageEvent<ImportWorkerRequest>) => {
  try {
    const { text, fileName, mode } = e.data;
    reply({ type: 'done', result: await readImport(text, fileName, mode, (stage) => reply({ type: 'progress', progress: stage })) });
  } catch (err) {
    reply({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
