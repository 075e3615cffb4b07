/**
 * Reads an imported file off the page's thread (see readImport.ts) and, when
 * asked (`store`), stores a Warrant map here too: writing 200,000 records is
 * many seconds of IndexedDB work the page must not wait in. The page
 * terminates this worker on Cancel or when its time budget runs out; a
 * write under way is then aborted whole, as its transaction is.
 */
import type { WorkerReply } from '../../components/runWorker';
import { openWarrantDB } from '../../storage/db';
import { importMapFile } from '../../storage/transfer';
import { readImport } from './readImport';
import { withOpeningPlaces } from './openingPlaces';
import type { ImportWorkerRequest, WorkerRead, WorkerStage } from './readInWorker';

export type ImportWorkerReply = WorkerReply<WorkerStage, WorkerRead>;

const reply = (msg: ImportWorkerReply) => postMessage(msg);

addEventListener('message', async (e: MessageEvent<ImportWorkerRequest>) => {
  try {
    const { text, fileName, mode, store } = e.data;
    const read = await readImport(text, fileName, mode, (stage) => reply({ type: 'progress', progress: stage }));
    if (!store || read.kind !== 'map-file') {
      reply({ type: 'done', result: read });
      return;
    }
    const parsed = withOpeningPlaces(read.parsed);
    reply({ type: 'progress', progress: 'saving' });
    const db = openWarrantDB();
    try {
      const result = await importMapFile(parsed, store, db);
      // The map as read goes back only when the user must choose (Replace or copy): it is not read twice.
      reply({ type: 'done', result: result.kind === 'conflict' ? { kind: 'stored', result, parsed } : { kind: 'stored', result } });
    } finally {
      db.close();
    }
  } catch (err) {
    reply({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
