/**
 * Rule 8 of the map format (docs/file-format.md): what Warrant stores,
 * Warrant can export, import and restore. Every Change is checked against
 * the schema and the integrity rules before it is applied and written.
 *
 * Only what the Change touches is checked, so typing into a claim costs one
 * schema parse: the records it puts, the quotes of a source whose text it
 * puts, and whatever points at the records it deletes. Those are checked
 * with `checkRecords`, together with the records they refer to, exactly as
 * import checks a whole file. Quote text is not compared (a quote whose words
 * left its source is kept and flagged for review, never refused: rule 3).
 */
import { ENTITY_TABLES, type Change, type MapDoc } from './change';
import { checkRecords, type Problem } from './integrity';
import { ClaimSchema, LinkSchema, MapMetaSchema, PositionSchema, QuoteSchema, SourceSchema, isClaimId, isLinkId, type Claim, type Link, type Quote, type Source } from './schema';

const SCHEMAS = { sources: SourceSchema, quotes: QuoteSchema, claims: ClaimSchema, links: LinkSchema } as const;

/** The problems `change` would bring into `after` (the doc with the change applied); empty when none. */
export function changeProblems(after: MapDoc, change: Change): Problem[] {
  const problems: Problem[] = [];
  const schemaProblems = (path: string, result: { success: boolean; error?: { issues: readonly { path: PropertyKey[]; message: string }[] } }) => {
    for (const issue of result.error?.issues ?? []) {
      problems.push({ path: [path, ...issue.path.map(String)].join('.'), message: issue.message });
    }
  };
  if (change.map) schemaProblems('map', MapMetaSchema.safeParse(change.map));
  for (const t of ENTITY_TABLES) {
    for (const r of change.put[t] ?? []) schemaProblems(`${t}[${r.id}]`, SCHEMAS[t].safeParse(r));
  }
  for (const [id, p] of Object.entries(change.put.layout ?? {})) schemaProblems(`layout[${id}]`, PositionSchema.safeParse(p));
  if (problems.length) return problems;

  // The records whose references must hold after the change.
  const quotes = new Map<string, Quote>();
  const links = new Map<string, Link>();
  for (const q of change.put.quotes ?? []) quotes.set(q.id, q);
  for (const l of change.put.links ?? []) links.set(l.id, l);
  const sourcesChanged = new Set([...(change.put.sources ?? []).map((s) => s.id), ...(change.delete.sources ?? [])]);
  if (sourcesChanged.size) {
    for (const q of Object.values(after.quotes)) if (sourcesChanged.has(q.sourceId)) quotes.set(q.id, q);
  }
  // A link may be aimed at a link (format version 2): a deleted link is a gone target too.
  const nodesGone = new Set([...(change.delete.quotes ?? []), ...(change.delete.claims ?? []), ...(change.delete.links ?? [])]);
  if (nodesGone.size) {
    for (const l of Object.values(after.links)) if (nodesGone.has(l.from) || nodesGone.has(l.to)) links.set(l.id, l);
  }
  // A new or moved link must not repeat another between the same nodes.
  if (change.put.links?.length) {
    const ends = new Set(change.put.links.map((l) => `${l.from}\u0000${l.to}`));
    for (const l of Object.values(after.links)) if (ends.has(`${l.from}\u0000${l.to}`)) links.set(l.id, l);
  }
  if (!quotes.size && !links.size) return problems;

  // What they refer to, as the doc after the change has it (absent: a problem).
  // A link aimed at a link brings that link along, and what it refers to in
  // turn: the group and no-self-reach rules are checked along the chain.
  const sources = new Map<string, Source>();
  const claims = new Map<string, Claim>();
  const pending = [...links.values()];
  while (pending.length) {
    const target = pending.pop()!.to;
    if (!isLinkId(target) || links.has(target)) continue;
    const aimed = after.links[target];
    if (!aimed) continue;
    links.set(target, aimed);
    pending.push(aimed);
  }
  for (const l of links.values()) {
    for (const id of [l.from, l.to]) {
      if (isLinkId(id)) continue;
      if (isClaimId(id)) {
        const c = after.claims[id];
        if (c) claims.set(id, c);
      } else {
        const q = after.quotes[id];
        if (q) quotes.set(id, q);
      }
    }
  }
  for (const q of quotes.values()) {
    const s = after.sources[q.sourceId];
    if (s) sources.set(s.id, s);
  }
  const records = {
    sources: [...sources.values()],
    quotes: [...quotes.values()],
    claims: [...claims.values()],
    links: [...links.values()],
  };
  const putQuotes = new Set((change.put.quotes ?? []).map((q) => q.id));
  return checkRecords(records, {
    checkQuoteText: false,
    pathOf: (table, index) => `${table}[${records[table][index]?.id ?? index}]`,
  }).filter((p) => {
    // The range of a quote the change does not put is anchoring's to repair
    // (an edit of its source's text leaves an orphaned quote where it was):
    // refusing the source edit would lose the user's text.
    const m = /^quotes\[(.*)\]\.end$/.exec(p.path);
    return !m || putQuotes.has(m[1]!);
  });
}

/** One sentence for the user: what was refused and the first reason. */
export function refusalMessage(label: string, problems: readonly Problem[]): string {
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `${label} was not saved: it would break the map's rules${first ? ` (${first.path}: ${first.message})` : ''}${more}.`;
}
