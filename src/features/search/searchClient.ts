/**
 * The page's side of search: one worker holding the open map's index,
 * fed from the store. On opening a map it sends every record once; after
 * that, on each change of the doc, only the records that changed (compared
 * by reference: the store never mutates a record, an edit makes a new one)
 * and the ids that went away. Large source texts are not posted: the worker
 * reads them from IndexedDB once the map's queued writes have landed
 * (storedTexts.ts), so the page makes no copy of them.
 */
import { WorkerChannel, type ChannelReply, type ChannelRequest, type WorkerLike } from '../../components/runWorker';
import type { MapDoc } from '../../domain/change';
import { changedIds } from '../../domain/derive/tables';
import { SearchEngine, type EngineResponse, type Records } from '../../domain/search/searchEngine';
import type { SearchResults } from '../../domain/search/searchIndex';
import type { Suggestion } from '../../domain/search/finder';
import type { Span } from '../../domain/search/passages';
import type { MapStore } from '../../store/mapStore';
import { mapStore } from '../../store/useMapStore';
import { STORED_TEXT_MIN, withoutLargeTexts, type SearchRequest } from './storedTexts';

export type EngineWorker = WorkerLike<ChannelRequest<SearchRequest>>;

const hasWorker = typeof Worker !== 'undefined';

/** The search worker, or where there is no Worker (unit tests under jsdom) the same engine in the page. */
function engineWorker(): EngineWorker {
  if (hasWorker) return new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' });
  const engine = new SearchEngine();
  const listeners: ((e: Event) => void)[] = [];
  return {
    postMessage: ({ id, request }) => {
      // Texts are left out only for the worker (storedTextMin below), so `stored` is empty here.
      const reply: ChannelReply<EngineResponse | null> = { id, type: 'done', result: engine.handle(request) };
      queueMicrotask(() => {
        for (const l of listeners) l(new MessageEvent('message', { data: reply }));
      });
    },
    addEventListener: (type, listener) => {
      if (type === 'message') listeners.push(listener);
    },
    terminate: () => undefined,
  };
}

/** Search requests are dropped, never failed, when cancelled: a newer one has taken their place. */
class Cancelled extends Error {}

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
    const gone: string[] = [];
    // An edit of one record names its ids (table lineage): a keystroke in a
    // 50,000-claim map looks at one claim, not at both tables whole.
    const ids = changedIds(a, b);
    if (ids) {
      for (const id of ids) {
        if (!(id in b)) {
          if (id in a) gone.push(id);
        } else if (a[id] !== b[id]) changed.push(b[id]);
      }
    } else {
      for (const id in b) if (a[id] !== b[id]) changed.push(b[id]);
      for (const id in a) if (!(id in b)) gone.push(id);
    }
    if (changed.length) (put as Record<string, unknown[]>)[table] = changed;
    if (gone.length) del[table] = gone;
    any ||= changed.length > 0 || gone.length > 0;
  }
  return any ? { put, delete: del } : null;
}

export type SearchClientOptions = {
  /** The worker (tests hand in one that reads a test database). */
  makeWorker?: () => EngineWorker;
  /** Source texts this long or longer are read by the worker from IndexedDB; by default only when there is a worker. */
  storedTextMin?: number;
};

export class SearchClient {
  private channel: WorkerChannel<SearchRequest, EngineResponse | null> | null = null;
  private mapId: string | null = null;
  private doc: MapDoc | null = null;
  private store: MapStore | null = null;
  private unsubscribe: (() => void) | null = null;
  /**
   * Requests go out in this order: a message naming stored texts waits for
   * the map's queued writes (so the worker reads texts at least as new as
   * the doc it was made from), and everything sent after it waits for it.
   */
  private queue: Promise<void> = Promise.resolve();
  private readonly makeWorker: () => EngineWorker;
  private readonly storedTextMin: number;
  /** The last time the worker took to index (a load or a change), for tests and benchmarks. */
  lastIndexMs = 0;

  constructor(options: SearchClientOptions = {}) {
    this.makeWorker = options.makeWorker ?? engineWorker;
    this.storedTextMin = options.storedTextMin ?? (hasWorker ? STORED_TEXT_MIN : Infinity);
  }

  /** Follows the open map of `store` from now on. Returns a function that stops it. */
  attach(store: MapStore): () => void {
    this.detach();
    this.store = store;
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
        const { sources, stored } = withoutLargeTexts(Object.values(doc.sources), this.storedTextMin);
        this.index({
          type: 'load',
          mapId,
          records: { sources, quotes: Object.values(doc.quotes), claims: Object.values(doc.claims), links: Object.values(doc.links) },
          stored,
        });
        return;
      }
      if (doc === this.doc) return;
      const delta = docDelta(this.doc, doc);
      this.doc = doc;
      if (!delta) return;
      const { sources, stored } = withoutLargeTexts(delta.put.sources ?? [], this.storedTextMin);
      const put = delta.put.sources ? { ...delta.put, sources } : delta.put;
      this.index({ type: 'change', mapId, put, delete: delta.delete, stored });
    };
    sync();
    this.unsubscribe = store.subscribe(sync);
    return () => this.detach();
  }

  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.store = null;
    this.mapId = null;
    this.doc = null;
  }

  /** Hits for `query`; `signal` drops a request a newer one has replaced (it resolves to no hits). */
  search(query: string, limit = 20, signal?: AbortSignal): Promise<SearchResults> {
    return this.ask({ type: 'search', query, limit }, signal).then((r) => (r?.type === 'search' ? r.results : emptyResults(query)));
  }

  findEvidence(claimId: string, limit = 10, signal?: AbortSignal): Promise<Suggestion[]> {
    return this.ask({ type: 'find', claimId, limit }, signal).then((r) => (r?.type === 'find' ? r.suggestions : []));
  }

  /** Unquoted paragraphs of a source relevant to the theses, in text order. */
  relevantUnquoted(sourceId: string, signal?: AbortSignal): Promise<Span[]> {
    return this.ask({ type: 'relevant', sourceId }, signal).then((r) => (r?.type === 'relevant' ? r.paragraphs : []));
  }

  private ensureChannel(): WorkerChannel<SearchRequest, EngineResponse | null> {
    this.channel ??= new WorkerChannel(this.makeWorker(), {
      cancelled: () => new Cancelled('cancelled'),
      crashed: (message) => new Error(`Search stopped working${message ? `: ${message}` : ''}.`),
    });
    return this.channel;
  }

  /** Loads or changes the index; requests sent after it see it (the worker answers in order). */
  private index(msg: Extract<SearchRequest, { type: 'load' | 'change' }>): void {
    const settled = msg.stored?.length ? this.store?.getState().whenSettled() : undefined;
    let answered: Promise<EngineResponse | null> | undefined;
    const sent = this.queue.then(() => settled).then(() => {
      answered = this.ensureChannel().request(msg);
    });
    // The next request waits until this one is sent, not answered: the worker answers in order.
    this.queue = sent.catch(() => undefined);
    sent
      .then(() => answered)
      .then(
        (r) => {
          if (r?.type === 'indexed') this.lastIndexMs = r.ms;
        },
        (e: unknown) => console.error(e),
      );
  }

  private ask(msg: Extract<SearchRequest, { type: 'search' | 'find' | 'relevant' }>, signal?: AbortSignal): Promise<EngineResponse | null> {
    return this.queue
      .then(() => this.ensureChannel().request(msg, signal))
      .catch((e: unknown) => {
        if (e instanceof Cancelled) return null;
        throw e;
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
