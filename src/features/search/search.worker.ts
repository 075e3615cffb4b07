/// <reference lib="webworker" />
/**
 * Keeps the search index and the evidence finder off the main thread; see
 * searchClient.ts. Large source texts are read here from IndexedDB
 * (storedTexts.ts), so requests are answered strictly in order even while
 * such a read is under way.
 */
import type { ChannelReply, ChannelRequest } from '../../components/runWorker';
import { SearchEngine, type EngineResponse } from '../../domain/search/searchEngine';
import { openWarrantDB } from '../../storage/db';
import { readSourceTexts } from '../../storage/sourceTexts';
import { withStoredTexts, type SearchRequest } from './storedTexts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const engine = new SearchEngine();

async function readTexts(mapId: string, ids: readonly string[]): Promise<Map<string, string>> {
  // Opened per read and closed after: a long-lived connection would hold up another tab's upgrade.
  const db = openWarrantDB();
  try {
    return await readSourceTexts(mapId, ids, db);
  } finally {
    db.close();
  }
}

let queue: Promise<void> = Promise.resolve();

scope.onmessage = (e: MessageEvent<ChannelRequest<SearchRequest>>) => {
  const { id, request } = e.data;
  queue = queue.then(async () => {
    let reply: ChannelReply<EngineResponse | null>;
    try {
      reply = { id, type: 'done', result: engine.handle(await withStoredTexts(request, readTexts)) };
    } catch (err) {
      reply = { id, type: 'error', message: err instanceof Error ? err.message : String(err) };
    }
    scope.postMessage(reply);
  });
};
