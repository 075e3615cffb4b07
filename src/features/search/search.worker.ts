/// <reference lib="webworker" />
/** Keeps the search index and the evidence finder off the main thread; see searchClient.ts. */
import { answerRequests } from '../../components/runWorker';
import { SearchEngine, type EngineRequest } from '../../domain/search/searchEngine';

const engine = new SearchEngine();

answerRequests(self as unknown as DedicatedWorkerGlobalScope, (request: EngineRequest) => engine.handle(request));
