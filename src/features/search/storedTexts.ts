/**
 * Large source texts travel to the search worker through IndexedDB, not by
 * postMessage: the page sends such a source with an empty text and names it
 * in `stored`, and the worker reads the text from the database before the
 * engine sees the request. Posting a 50 MB text cost the page a structured
 * clone and the garbage collection of the copy (hundreds of milliseconds).
 */
import type { EngineRequest } from '../../domain/search/searchEngine';
import type { Source } from '../../domain/schema';

/** Texts of at least this many characters go through the database (the reader's windowing threshold). */
export const STORED_TEXT_MIN = 200_000;

type Indexing = Extract<EngineRequest, { type: 'load' | 'change' }>;

/** What the page sends the search worker: an engine request, with the ids of sources whose text the worker reads. */
export type SearchRequest = Exclude<EngineRequest, Indexing> | (Indexing & { stored?: string[] });

/** `sources` with each text of `min` characters or more left out, and the ids of those. */
export function withoutLargeTexts(sources: readonly Source[], min: number): { sources: Source[]; stored: string[] } {
  const stored: string[] = [];
  const out = sources.map((s) => {
    if (s.text.length < min) return s;
    stored.push(s.id);
    return { ...s, text: '' };
  });
  return { sources: out, stored };
}

/** Reads stored source texts of a map by id; absent ids are sources no longer stored. */
export type ReadTexts = (mapId: string, ids: readonly string[]) => Promise<Map<string, string>>;

/**
 * The engine request `request` stands for: the sources named in `stored`
 * get their stored text, or, when no longer stored (deleted meanwhile: the
 * deletion follows), are left out.
 */
export async function withStoredTexts(request: SearchRequest, read: ReadTexts): Promise<EngineRequest> {
  if (request.type !== 'load' && request.type !== 'change') return request;
  const { stored, ...rest } = request;
  if (!stored?.length) return rest;
  const texts = await read(rest.mapId, stored);
  const wanted = new Set(stored);
  const fill = (sources: Source[] | undefined) =>
    sources?.flatMap((s) => {
      if (!wanted.has(s.id)) return [s];
      const text = texts.get(s.id);
      return text === undefined ? [] : [{ ...s, text }];
    });
  if (rest.type === 'load') return { ...rest, records: { ...rest.records, sources: fill(rest.records.sources) ?? [] } };
  return { ...rest, put: { ...rest.put, sources: fill(rest.put.sources) } };
}
