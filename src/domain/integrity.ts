/**
 * The rules of a map that a schema alone cannot say (docs/file-format.md, "Rules
 * that import enforces"): unique ids, references that resolve, quotes that
 * match their source text, links between the right kinds of node.
 */
import type { MapDoc } from './change';
import { isClaimId, isLinkId, isQuoteId, isSourceId, linkWeight, type Claim, type Comment, type Link, type Quote, type Source } from './schema';

export type Problem = { path: string; message: string };

type Records = {
  sources: readonly Source[];
  quotes: readonly Quote[];
  claims: readonly Claim[];
  links: readonly Link[];
  /** Format version 3; checked only against `mapId` and the records given. */
  comments?: readonly Comment[];
};

/**
 * Checks the records of one map. Paths are those of the file
 * (`links[4].to`). A quote whose words no longer match its source at its
 * range is kept and flagged, not refused (map-format.md rule 3), so the
 * verbatim check runs only when asked for (`checkQuoteText: true`).
 */
export function checkRecords(
  records: Records,
  options: { checkQuoteText?: boolean; pathOf?: (table: keyof Records, index: number) => string; mapId?: string } = {},
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
    } else if (splitsSurrogatePair(source.text, q.start) || splitsSurrogatePair(source.text, q.end)) {
      problems.push({
        path: `${pathOf('quotes', i)}.start`,
        message: `the range ${q.start}–${q.end} splits a character of the source text in two (rule 7)`,
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
  records.links.forEach((l, i) => noteId(linkIds, l.id, 'links', i));
  // from → (to → index of the first link between them)
  const pairs = new Map<string, Map<string, number>>();
  // group → index of its first link: the one the others must agree with
  const groups = new Map<string, number>();
  records.links.forEach((l, i) => {
    const fromOk = isClaimId(l.from) ? claimIds.has(l.from) : isQuoteId(l.from) && quoteIds.has(l.from);
    if (!fromOk) problems.push({ path: `${pathOf('links', i)}.from`, message: `names no claim or quote of this map ("${l.from}")` });
    const toOk = isLinkId(l.to) ? linkIds.has(l.to) : claimIds.has(l.to);
    if (!toOk) problems.push({ path: `${pathOf('links', i)}.to`, message: `names no claim or link of this map ("${l.to}")` });
    if (l.from === l.to) problems.push({ path: `${pathOf('links', i)}.to`, message: 'a link cannot go from a node to itself' });
    let targets = pairs.get(l.from);
    if (!targets) pairs.set(l.from, (targets = new Map()));
    const other = targets.get(l.to);
    if (other !== undefined) {
      problems.push({ path: pathOf('links', i), message: `links the same nodes as ${pathOf('links', other)}` });
    } else targets.set(l.to, i);
    if (l.group !== undefined) {
      const first = groups.get(l.group);
      const head = first === undefined ? undefined : records.links[first];
      if (first === undefined || !head) groups.set(l.group, i);
      else if (head.to !== l.to || head.relation !== l.relation || linkWeight(head) !== linkWeight(l)) {
        problems.push({
          path: `${pathOf('links', i)}.group`,
          message: `shares group "${l.group}" with ${pathOf('links', first)} but not its target, relation and weight`,
        });
      }
    }
  });
  // No link reaches itself through its targets. Each link has one target, so
  // the links aimed at links form chains: walk each chain once, colouring it.
  const state = new Uint8Array(records.links.length); // 0 unseen · 1 on the current walk · 2 done
  for (let start = 0; start < records.links.length; start++) {
    const walk: number[] = [];
    let i: number | undefined = start;
    while (i !== undefined && state[i] === 0) {
      state[i] = 1;
      walk.push(i);
      const to: string = records.links[i]!.to;
      i = isLinkId(to) ? linkIds.get(to) : undefined;
    }
    if (i !== undefined && state[i] === 1) {
      problems.push({ path: `${pathOf('links', i)}.to`, message: 'this link reaches itself through its targets' });
    }
    for (const w of walk) state[w] = 2;
  }
  const comments = records.comments ?? [];
  if (comments.length) {
    const commentIds = new Map<string, number>();
    comments.forEach((cm, i) => noteId(commentIds, cm.id, 'comments', i));
    const exists = (id: string) =>
      isClaimId(id) ? claimIds.has(id) : isQuoteId(id) ? quoteIds.has(id) : isLinkId(id) ? linkIds.has(id) : isSourceId(id) ? sourceIndex.has(id) : id === options.mapId;
    problems.push(
      ...checkComments(comments, exists, (id) => {
        const i = commentIds.get(id);
        return i === undefined ? undefined : comments[i];
      }, (i) => pathOf('comments', i)),
    );
  }
  return problems;
}

/**
 * The rules of comments (format version 3): each is on something of the map
 * (`exists`: the map's own id, or a source, quote, claim or link), and a
 * reply answers the first comment of a thread on the same record (replies
 * are one level deep).
 */
export function checkComments(
  comments: readonly Comment[],
  exists: (id: string) => boolean,
  commentOf: (id: string) => Comment | undefined,
  pathOf: (index: number) => string,
): Problem[] {
  const problems: Problem[] = [];
  comments.forEach((cm, i) => {
    if (!exists(cm.on)) problems.push({ path: `${pathOf(i)}.on`, message: `names nothing of this map ("${cm.on}")` });
    if (cm.replyTo === undefined) return;
    const parent = commentOf(cm.replyTo);
    if (!parent) problems.push({ path: `${pathOf(i)}.replyTo`, message: `names no comment of this map ("${cm.replyTo}")` });
    else if (parent.replyTo !== undefined) problems.push({ path: `${pathOf(i)}.replyTo`, message: 'answers a reply: replies are one level deep' });
    else if (parent.on !== cm.on) problems.push({ path: `${pathOf(i)}.replyTo`, message: 'answers a comment on something else' });
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
    comments: Object.values(doc.comments),
  };
  return checkRecords(tables, {
    mapId: doc.map.id,
    pathOf: (table, index) => `${table}[${tables[table][index]?.id ?? index}]`,
  });
}

/** Does a quote boundary at `at` fall between the two halves of a surrogate pair? */
export function splitsSurrogatePair(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** Does the link `start` reach `target` (or is it) by following link targets? */
export function linkReaches(doc: MapDoc, start: string, target: string): boolean {
  const seen = new Set<string>();
  for (let id: string | undefined = start; id !== undefined && !seen.has(id); ) {
    if (id === target) return true;
    seen.add(id);
    const next: string | undefined = doc.links[id]?.to;
    id = next !== undefined && isLinkId(next) ? next : undefined;
  }
  return false;
}

/**
 * Why a new link from → to would break the rules, or null when it is allowed.
 * `to` is a claim, or (format version 2) a link: an undercutter or backing.
 * The UI shows the reason when it refuses a connection.
 */
export function linkRefusal(doc: MapDoc, from: string, to: string): string | null {
  if (from === to) return 'A node cannot support or contradict itself.';
  if (isLinkId(to)) {
    if (!(to in doc.links)) return 'That link no longer exists.';
    // Its own inference: a reason that backs or undercuts itself says nothing.
    if (doc.links[to]!.from === from) return 'A reason cannot back or undercut its own link.';
  } else {
    if (!isClaimId(to)) return 'Links end at a claim: a quote is evidence, not a conclusion.';
    if (!(to in doc.claims)) return 'That claim no longer exists.';
  }
  if (!(isClaimId(from) ? from in doc.claims : isQuoteId(from) && from in doc.quotes)) return 'That node no longer exists.';
  for (const l of Object.values(doc.links)) {
    if (l.from === from && l.to === to) return 'These two are already linked.';
  }
  return null;
}
