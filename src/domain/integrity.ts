/**
 * The rules of a map that a schema alone cannot say (map-format.md, "Rules
 * that import enforces"): unique ids, references that resolve, quotes that
 * match their source text, links between the right kinds of node.
 */
import type { MapDoc } from './change';
import { isClaimId, isQuoteId, type Claim, type Link, type Quote, type Source } from './schema';

export type Problem = { path: string; message: string };

type Records = {
  sources: readonly Source[];
  quotes: readonly Quote[];
  claims: readonly Claim[];
  links: readonly Link[];
};

/**
 * Checks the records of one map. Paths are those of the file
 * (`links[4].to`). A quote whose words no longer match its source at its
 * range is kept and flagged, not refused (map-format.md rule 3), so the
 * verbatim check runs only when asked for (`checkQuoteText: true`).
 */
export function checkRecords(
  records: Records,
  options: { checkQuoteText?: boolean; pathOf?: (table: keyof Records, index: number) => string } = {},
): Problem[] {
  const problems: Problem[] = [];
  const pathOf = options.pathOf ?? ((table, index) => `${table}[${index}]`);
  // Paths are built only for problems: a valid 200,000-entity file makes none.
  // Ids of different kinds cannot collide (the schema gives each kind its own
  // prefix), so one index per table both finds duplicates and resolves references.
  const noteId = (index: Map<string, number>, id: string, table: keyof Records, i: number) => {
    const first = index.get(id);
    if (first !== undefined) {
      problems.push({ path: `${pathOf(table, i)}.id`, message: `duplicates the id of ${pathOf(table, first)} ("${id}")` });
    } else index.set(id, i);
  };
  const sourceIndex = new Map<string, number>();
  records.sources.forEach((s, i) => noteId(sourceIndex, s.id, 'sources', i));
  const quoteIds = new Map<string, number>();
  records.quotes.forEach((q, i) => {
    noteId(quoteIds, q.id, 'quotes', i);
    const si = sourceIndex.get(q.sourceId);
    const source = si === undefined ? undefined : records.sources[si];
    if (!source) {
      problems.push({ path: `${pathOf('quotes', i)}.sourceId`, message: `names no source of this map ("${q.sourceId}")` });
      return;
    }
    if (!(q.start >= 0 && q.start < q.end && q.end <= source.text.length)) {
      problems.push({
        path: `${pathOf('quotes', i)}.end`,
        message: `the range ${q.start}–${q.end} lies outside the source text (length ${source.text.length})`,
      });
    } else if (
      options.checkQuoteText === true &&
      !(q.end - q.start === q.exact.length && source.text.startsWith(q.exact, q.start))
    ) {
      problems.push({ path: `${pathOf('quotes', i)}.exact`, message: `does not match the source text at ${q.start}–${q.end}` });
    }
  });
  const claimIds = new Map<string, number>();
  records.claims.forEach((c, i) => noteId(claimIds, c.id, 'claims', i));
  const linkIds = new Map<string, number>();
  // from → (to → index of the first link between them)
  const pairs = new Map<string, Map<string, number>>();
  records.links.forEach((l, i) => {
    noteId(linkIds, l.id, 'links', i);
    const fromOk = isClaimId(l.from) ? claimIds.has(l.from) : isQuoteId(l.from) && quoteIds.has(l.from);
    if (!fromOk) problems.push({ path: `${pathOf('links', i)}.from`, message: `names no claim or quote of this map ("${l.from}")` });
    if (!claimIds.has(l.to)) problems.push({ path: `${pathOf('links', i)}.to`, message: `names no claim of this map ("${l.to}")` });
    if (l.from === l.to) problems.push({ path: `${pathOf('links', i)}.to`, message: 'a link cannot go from a node to itself' });
    let targets = pairs.get(l.from);
    if (!targets) pairs.set(l.from, (targets = new Map()));
    const other = targets.get(l.to);
    if (other !== undefined) {
      problems.push({ path: pathOf('links', i), message: `links the same nodes as ${pathOf('links', other)}` });
    } else targets.set(l.to, i);
  });
  return problems;
}

/** The integrity check of an in-memory map; paths name records by id (`links[l_x].to`). */
export function checkDoc(doc: MapDoc): Problem[] {
  const tables = {
    sources: Object.values(doc.sources),
    quotes: Object.values(doc.quotes),
    claims: Object.values(doc.claims),
    links: Object.values(doc.links),
  };
  return checkRecords(tables, {
    pathOf: (table, index) => `${table}[${tables[table][index]?.id ?? index}]`,
  });
}

/**
 * Why a new link from → to would break the rules, or null when it is allowed.
 * The UI shows the reason when it refuses a connection.
 */
export function linkRefusal(doc: MapDoc, from: string, to: string): string | null {
  if (from === to) return 'A node cannot support or contradict itself.';
  if (!isClaimId(to)) return 'Links end at a claim: a quote is evidence, not a conclusion.';
  if (!(to in doc.claims)) return 'That claim no longer exists.';
  if (!(isClaimId(from) ? from in doc.claims : from in doc.quotes)) return 'That node no longer exists.';
  for (const l of Object.values(doc.links)) {
    if (l.from === from && l.to === to) return 'These two are already linked.';
  }
  return null;
}
