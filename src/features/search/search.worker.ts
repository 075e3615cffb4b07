/// <reference lib="webworker" />
/** Keeps the search index and the evidence finder off the main thread; see searchClient.ts. */
import { SearchEngine, type EngineRequest } from '../../domain/search/searchEngine';

const engine = new SearchEngine();
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<EngineRequest>) => {
  const reply = engine.handle(e.data);
  if (reply) scope.postMessage(reply);
};
