/**
 * A map under fresh ids (rule 7, and import as a copy). Plain domain logic:
 * parse re-keys a file with malformed ids, storage makes copies with it.
 */
import type { MapDoc } from './change';
import { freshIdLike } from './ids';
import {
  CLAIM_ID_PREFIX,
  COMMENT_ID_PREFIX,
  LINK_ID_PREFIX,
  MAP_ID_PREFIX,
  QUOTE_ID_PREFIX,
  SOURCE_ID_PREFIX,
  isWellFormedId,
  type Claim,
  type Comment,
  type Link,
  type Position,
  type Quote,
  type Source,
} from './schema';

/** Does any record of the doc have an id that breaks rule 7? */
export function hasMalformedIds(doc: MapDoc): boolean {
  if (!isWellFormedId(doc.map.id, MAP_ID_PREFIX)) return true;
  const tables: Array<[Readonly<Record<string, { id: string }>>, string]> = [
    [doc.sources, SOURCE_ID_PREFIX],
    [doc.quotes, QUOTE_ID_PREFIX],
    [doc.claims, CLAIM_ID_PREFIX],
    [doc.links, LINK_ID_PREFIX],
    [doc.comments, COMMENT_ID_PREFIX],
  ];
  for (const [table, prefix] of tables) {
    for (const id of Object.keys(table)) if (!isWellFormedId(id, prefix)) return true;
  }
  return false;
}

/**
 * The same map under fresh ids: the map, every source, quote, claim and link
 * gets a new id of its kind, and every reference (quote.sourceId, link.from,
 * link.to — a claim or a link —, comment.on and replyTo, layout keys)
 * follows its record. Pure: `doc`
 * is not touched. Titles and timestamps are kept; callers that make a copy
 * rename it.
 */
export function rekeyDoc(doc: MapDoc): MapDoc {
  const ids = new Map<string, string>();
  // Memoized: every occurrence of an old id maps to the same new id, even a
  // dangling reference (it stays dangling, consistently).
  const rekey = (id: string): string => {
    let next = ids.get(id);
    if (next === undefined) {
      next = freshIdLike(id);
      ids.set(id, next);
    }
    return next;
  };
  const table = <T extends { id: string }>(rows: Readonly<Record<string, T>>, map: (row: T) => T) => {
    const out: Record<string, T> = {};
    for (const row of Object.values(rows)) {
      const next = map(row);
      out[next.id] = next;
    }
    return out;
  };
  const sources = table<Source>(doc.sources, (s) => ({ ...s, id: rekey(s.id) }));
  const quotes = table<Quote>(doc.quotes, (q) => ({ ...q, id: rekey(q.id), sourceId: rekey(q.sourceId) }));
  const claims = table<Claim>(doc.claims, (c) => ({ ...c, id: rekey(c.id) }));
  const links = table<Link>(doc.links, (l) => ({ ...l, id: rekey(l.id), from: rekey(l.from), to: rekey(l.to) }));
  const mapId = rekey(doc.map.id);
  const comments = table<Comment>(doc.comments, (cm) => {
    const next: Comment = { ...cm, id: rekey(cm.id), on: rekey(cm.on) };
    if (cm.replyTo !== undefined) next.replyTo = rekey(cm.replyTo);
    return next;
  });
  const layout: Record<string, Position> = {};
  for (const [id, p] of Object.entries(doc.layout)) {
    // A position of no node of the map is dropped rather than given a new orphan id.
    if (ids.has(id)) layout[rekey(id)] = { ...p };
  }
  return { map: { ...doc.map, id: mapId }, sources, quotes, claims, links, comments, layout };
}
