/**
 * The page's side of search: one worker holding the open map's index,
 * fed from the store. On opening a map it sends every record once; after
 * that, on each change of the doc, only the records that changed (compared
 * by reference: the store never mutates a record, an edit makes a new one)
 * and the ids that went away.
 */
import type { MapDoc } from '../../domain/change';
import { SearchEngine, type EngineRequest, type EngineResponse, type Records } from '../../domain/search/searchEngine';
import type { SearchResults } from '../../domain/search/searchIndex';
import type { Suggestion } from '../../domain/search/finder';
import type { Span } from '../../domain/search/passages';
import type { MapStore } from '../../store/mapStore';
import { mapStore } from '../../store/useMapStore';

type Port = { post(msg: EngineRequest): void; onReply(fn: (msg: EngineResponse) => void): void };

function workerPort(): Port {
  if (typeof Worker === 'undefined') {
    // No workers (unit tests under jsdom): the same engine, in the page.
    const engine = new SearchEngine();
    let listener: (msg: EngineResponse) => void = () => undefined;
    return {
      post: (msg) => {
        const reply = engine.handle(msg);
        if (reply) queueMicrotask(() => listener(reply));
      },
      onReply: (fn) => {
        listener = fn;
      },
    };
  }
  const worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' });
  return {
    post: (msg) => worker.postMessage(msg),
    onReply: (fn) => {
      worker.onmessage = (e: MessageEvent<EngineResponse>) => fn(e.data);
    },
  };
}

const TABLES = ['sources', 'quotes', 'claims', 'links'] as const;

/** Records of `next` that are new or changed since `prev`, and ids gone. */
export function docDelta(prev: MapDoc, next: MapDoc): { put: Partial<Records>; delete: Partial<Record<(typeof TABLES)[number], string[]>> } | null {
  const put: Partial<Records> = {};
  const del: Partial<Record<(typeof TABLES)[number], string[]>> = {};
  let any = false;
  for (const table of TABLES) {
    const a = prev[table] as Readonly<Record<string, unknown>>;
    const b = next[table] as Readonly<Record<string, unknown>>;
    if (a === b) continue;
    const changed: unknown[] = [];
    for (const id in b) if (a[id] !== b[id]) changed.push(b[id]);
    const gone: string[] = [];
    for (const id in a) if (!(id in b)) gone.push(id);
    if (changed.length) (put as Record<string, unknown[]>)[table] = changed;
    if (gone.length) del[table] = gone;
    any ||= changed.length > 0 || gone.length > 0;
  }
  return any ? { put, delete: del } : null;
}

export class SearchClient {
  private port: Port | null = null;
  private seq = 0;
  private readonly pending = new Map<number, (msg: EngineResponse) => void>();
  private mapId: string | null = null;
  private doc: MapDoc | null = null;
  private unsubscribe: (() => void) | null = null;
  /** The last time the worker took to index (a load or a change), for tests and benchmarks. */
  lastIndexMs = 0;

  /** Follows the open map of `store` from now on. Returns a function that stops it. */
  attach(store: MapStore): () => void {
    this.detach();
    const sync = () => {
      const { mapId, doc } = store.getState();
      if (!mapId || !doc) {
        this.mapId = null;
        this.doc = null;
        return;
      }
      if (mapId !== this.mapId || !this.doc) {
        this.mapId = mapId;
        this.doc = doc;
        this.send({
          type: 'load',
          mapId,
          records: {
            sources: Object.values(doc.sources),
            quotes: Object.values(doc.quotes),
            claims: Object.values(doc.claims),
            links: Object.values(doc.links),
          },
        });
        return;
      }
      if (doc === this.doc) return;
      const delta = docDelta(this.doc, doc);
      this.doc = doc;
      if (delta) this.send({ type: 'change', mapId, ...delta, delete: delta.delete });
    };
    sync();
    this.unsubscribe = store.subscribe(sync);
    return () => this.detach();
  }

  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.mapId = null;
    this.doc = null;
  }

  search(query: string, limit = 20): Promise<SearchResults> {
    return this.request({ type: 'search', reqId: 0, query, limit }).then((r) => (r.type === 'search' ? r.results : emptyResults(query)));
  }

  findEvidence(claimId: string, limit = 10): Promise<Suggestion[]> {
    return this.request({ type: 'find', reqId: 0, claimId, limit }).then((r) => (r.type === 'find' ? r.suggestions : []));
  }

  /** Unquoted paragraphs of a source relevant to the theses, in text order. */
  relevantUnquoted(sourceId: string): Promise<Span[]> {
    return this.request({ type: 'relevant', reqId: 0, sourceId }).then((r) => (r.type === 'relevant' ? r.paragraphs : []));
  }

  private ensurePort(): Port {
    if (!this.port) {
      this.port = workerPort();
      this.port.onReply((msg) => {
        if (msg.type === 'indexed') {
          this.lastIndexMs = msg.ms;
          return;
        }
        const resolve = this.pending.get(msg.reqId);
        this.pending.delete(msg.reqId);
        resolve?.(msg);
      });
    }
    return this.port;
  }

  private send(msg: EngineRequest): void {
    this.ensurePort().post(msg);
  }

  private request(msg: Extract<EngineRequest, { reqId: number }>): Promise<EngineResponse> {
    const reqId = ++this.seq;
    return new Promise((resolve) => {
      this.pending.set(reqId, resolve);
      // Messages are handled in order, so a request sees every change sent before it.
      this.send({ ...msg, reqId });
    });
  }
}

function emptyResults(query: string): SearchResults {
  return { query, sources: [], quotes: [], claims: [], total: 0 };
}

let appClient: SearchClient | null = null;

/**
 * The app's search client, attached to the open-map store on first use
 * (the map screen asks for it on mount, so the index is ready by the time
 * someone searches), then following every change.
 */
export function appSearchClient(): SearchClient {
  if (!appClient) {
    appClient = new SearchClient();
    appClient.attach(mapStore);
  }
  return appClient;
}
