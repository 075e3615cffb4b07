/**
 * The rule book: the one place that says what a map may hold (the schema and
 * rules 1–8 of docs/file-format.md, version 2), for every path a Change can
 * take into a map, whatever its source: this user's edit, another tab, a
 * peer of a shared map, an import, the app itself. The client's store, the
 * shared-map bridge (share/yMap.ts) and the sharing server all call it; no
 * other module decides what is valid.
 *
 * Two answers, depending on who made the Change:
 * - A Change made here (user, tab, import, system) is **checked**: a Change
 *   that would break a rule is refused whole, with the reasons, and nothing
 *   stored is lost (`checkChange`).
 * - A Change that arrives from a peer has already happened elsewhere: two
 *   valid edits made at once can merge into a map that breaks a rule (a group
 *   whose members no longer agree, two links aimed at each other, a quote
 *   whose range left its edited source). Refusing it would split the peers
 *   for good, so it is **repaired** (`repairDoc`), by a pure function of the
 *   merged map: every peer computes the same repair and they converge. What
 *   no honest merge can produce (a record that fails the schema, a changed
 *   map id) is refused by the server and skipped by clients.
 *
 * Plain TypeScript: no React, Dexie or DOM (domain/layering.test.ts).
 */
import { ENTITY_TABLES, applyChange, deletionChange, emptyChange, type Change, type EntityTable, type MapDoc } from './change';
import { composeChanges } from './compose';
import { checkComments, checkRecords, splitsSurrogatePair, type Problem } from './integrity';
import {
  ClaimSchema,
  CommentSchema,
  LinkSchema,
  MapMetaSchema,
  PositionSchema,
  QuoteSchema,
  SourceSchema,
  isClaimId,
  isLinkId,
  isQuoteId,
  linkWeight,
  type Claim,
  type Comment,
  type Link,
  type MapMeta,
  type Quote,
  type Source,
} from './schema';

export type { Problem } from './integrity';

/** Where a Change comes from: decides between refusal (made here) and repair (merged from a peer). */
export type ChangeSource = 'user' | 'tab' | 'remote' | 'import' | 'system';

export const RECORD_SCHEMAS = { sources: SourceSchema, quotes: QuoteSchema, claims: ClaimSchema, links: LinkSchema, comments: CommentSchema } as const;

type Issues = { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> };

const MAX_PROBLEM_TEXT = 300;
/** The first few schema issues as one short line (a hostile record can carry thousands). */
export function issuesText(error: Issues): string {
  const first = error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(record)'}: ${i.message}`);
  const text = first.join('; ') + (error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : '');
  return text.length > MAX_PROBLEM_TEXT ? `${text.slice(0, MAX_PROBLEM_TEXT)}…` : text;
}

/** An id as shown in a problem's path: a hostile key can be megabytes long. */
export const shownId = (id: string) => id.slice(0, 200);

/**
 * The schema check of one record of `table` stored under `key` (a record read
 * from a peer). Returns the parsed record, or the problem that refuses it.
 */
export function parseRecord<T extends EntityTable>(
  table: T,
  key: string,
  raw: unknown,
): { ok: true; record: RecordOf<T> } | { ok: false; problem: Problem } {
  const path = `${table}[${shownId(key)}]`;
  const parsed = RECORD_SCHEMAS[table].safeParse(raw);
  if (!parsed.success) return { ok: false, problem: { path, message: issuesText(parsed.error) } };
  if (parsed.data.id !== key) return { ok: false, problem: { path: `${path}.id`, message: 'differs from the key it is stored under' } };
  // A link aimed at itself is one field written by one writer: no merge makes it.
  if (table === 'links' && (parsed.data as Link).to === key) {
    return { ok: false, problem: { path: `${path}.to`, message: 'a link cannot be aimed at itself' } };
  }
  return { ok: true, record: parsed.data as RecordOf<T> };
}
type RecordOf<T extends EntityTable> = { sources: Source; quotes: Quote; claims: Claim; links: Link; comments: Comment }[T];

/** The schema check of the map's own record as a peer sent it; `mapId` is the id it must keep. */
export function parseMapMeta(raw: unknown, mapId: string | undefined): { ok: true; meta: MapMeta } | { ok: false; problem: Problem } {
  const parsed = MapMetaSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: { path: 'map', message: issuesText(parsed.error) } };
  if (mapId !== undefined && parsed.data.id !== mapId) return { ok: false, problem: { path: 'map.id', message: `is not this map's id ("${shownId(mapId)}")` } };
  return { ok: true, meta: parsed.data };
}

/** Is `value` a layout position (finite, within the format's bounds)? */
export function isPosition(value: unknown): boolean {
  return PositionSchema.safeParse(value).success;
}

/**
 * The problems `change` would bring into `after` (the doc with the change
 * applied); empty when none. Rule 8: every Change made here is checked with
 * this before it is applied and written.
 *
 * Only what the Change touches is checked, so typing into a claim costs one
 * schema parse: the records it puts, the quotes of a source whose text it
 * puts, whatever points at the records it deletes, and every member of a
 * group one of its links belongs to (a member it leaves out must still
 * agree). Those are checked with `checkRecords`, together with the records
 * they refer to, exactly as import checks a whole file. Quote text is not
 * compared (a quote whose words left its source is kept and flagged for
 * review, never refused: rule 3).
 */
export function checkChange(after: MapDoc, change: Change): Problem[] {
  const problems: Problem[] = [];
  const schemaProblems = (path: string, result: { success: boolean; error?: Issues }) => {
    for (const issue of result.error?.issues ?? []) {
      problems.push({ path: [path, ...issue.path.map(String)].join('.'), message: issue.message });
    }
  };
  if (change.map) schemaProblems('map', MapMetaSchema.safeParse(change.map));
  for (const t of ENTITY_TABLES) {
    for (const r of change.put[t] ?? []) schemaProblems(`${t}[${r.id}]`, RECORD_SCHEMAS[t].safeParse(r));
  }
  for (const [id, p] of Object.entries(change.put.layout ?? {})) schemaProblems(`layout[${id}]`, PositionSchema.safeParse(p));
  if (problems.length) return problems;
  problems.push(...commentProblems(after, change));

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
  if (change.put.links?.length) {
    // A new or moved link must not repeat another between the same nodes, and
    // a link in a group must agree with every member, also those not in the change.
    const ends = new Set(change.put.links.map((l) => `${l.from}\u0000${l.to}`));
    const groups = new Set(change.put.links.flatMap((l) => (l.group === undefined ? [] : [l.group])));
    for (const l of Object.values(after.links)) {
      if (ends.has(`${l.from}\u0000${l.to}`) || (l.group !== undefined && groups.has(l.group))) links.set(l.id, l);
    }
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
    comments: [] as Comment[],
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

/** Does `id` name the map itself or a record of it, as comments may be on? */
export function commentTargetExists(doc: MapDoc, id: string): boolean {
  if (id === doc.map.id) return true;
  return id in doc.claims || id in doc.quotes || id in doc.links || id in doc.sources;
}

/**
 * The comments a Change puts, and those it leaves without what they are on
 * or what they answer (a deletion that did not take them along), checked
 * against the doc after it.
 */
function commentProblems(after: MapDoc, change: Change): Problem[] {
  const check = new Map<string, Comment>();
  for (const cm of change.put.comments ?? []) check.set(cm.id, cm);
  const gone = new Set<string>();
  for (const t of ENTITY_TABLES) for (const id of change.delete[t] ?? []) gone.add(id);
  if (gone.size) {
    for (const cm of Object.values(after.comments)) {
      if (gone.has(cm.on) || (cm.replyTo !== undefined && gone.has(cm.replyTo))) check.set(cm.id, cm);
    }
  }
  // A thread's first comment put as a reply would leave its own replies two deep.
  const putIds = new Set(check.keys());
  if (putIds.size) for (const cm of Object.values(after.comments)) if (cm.replyTo !== undefined && putIds.has(cm.replyTo)) check.set(cm.id, cm);
  if (!check.size) return [];
  const list = [...check.values()];
  return checkComments(
    list,
    (id) => commentTargetExists(after, id),
    (id) => after.comments[id],
    (i) => `comments[${shownId(list[i]!.id)}]`,
  );
}

/** Which records a repair must look at; omitted: the whole map. */
export type RepairScope = Partial<Record<EntityTable | 'layout', Iterable<string>>>;

export type Repair = {
  /** Apply after the merged map: it makes the map pass its own import. Empty when nothing was wrong. */
  change: Change;
  /** What was wrong and what the repair did, one entry per record. */
  repaired: Problem[];
};

/**
 * The deterministic repair of a merged map: a pure function of `doc` alone
 * (never of the order in which edits arrived, of who repairs, or of the
 * clock), so every peer that holds the same merged map makes the same repair
 * and the peers converge. It never invents content; it takes away the least
 * that restores the rules (docs/adr/0002-rule-book.md):
 *
 * 1. A quote whose source is gone goes, with its links (a concurrent delete).
 * 2. A quote whose range no longer fits its (edited) source is clamped into
 *    it and kept, to be reviewed like any fuzzy quote (rule 3); a quote of an
 *    empty source goes.
 * 3. A link whose `from` or `to` is gone, or is the wrong kind, or goes from
 *    a node to itself, goes (and the links aimed at it: deletion cascades).
 * 4. Links between the same two nodes: the smallest id stays.
 * 5. Links that reach themselves through their targets: every link of the
 *    cycle is aimed at the next one, so none can stay without its target;
 *    the whole cycle goes, with the links aimed at it.
 * 6. A group whose members disagree: its head is the member with the
 *    smallest id; a member whose `to`, `relation` or weight differs from the
 *    head's leaves the group (it keeps its own values as a plain link), so no
 *    one's edit of a weight or relation is overwritten.
 * 7. A layout entry of a node that is gone goes.
 * 8. A comment on something that is gone goes, and so does a reply whose
 *    thread is gone or is itself a reply (format version 3).
 *
 * `scope` names what a merge touched, so a peer's keystroke does not cost a
 * walk of every quote; links are walked whole whenever links, claims or
 * quotes were touched (a cycle or a group can run through untouched links).
 */
export function repairDoc(doc: MapDoc, scope?: RepairScope): Repair {
  const repaired: Problem[] = [];
  let change = emptyChange(doc.map.id);
  let current = doc;
  const step = (c: Change) => {
    change = composeChanges(change, c);
    current = applyChange(current, c);
  };
  const all = scope === undefined;
  const touched = (t: EntityTable | 'layout') => new Set(scope?.[t] ?? []);

  // Quotes: those of touched sources, and touched quotes.
  const quoteIds = all ? new Set(Object.keys(doc.quotes)) : touched('quotes');
  const sourceIds = touched('sources');
  if (!all && sourceIds.size) for (const q of Object.values(doc.quotes)) if (sourceIds.has(q.sourceId)) quoteIds.add(q.id);
  const quoteGone: string[] = [];
  const quotePut: Quote[] = [];
  for (const id of [...quoteIds].sort()) {
    const q = current.quotes[id];
    if (!q) continue;
    const s = current.sources[q.sourceId];
    if (!s || s.text.length === 0) {
      quoteGone.push(id);
      repaired.push({ path: `quotes[${id}]`, message: s ? 'its source has no text left: removed' : 'its source was deleted: removed' });
      continue;
    }
    const fixed = clampRange(q, s.text);
    if (fixed) {
      quotePut.push(fixed);
      repaired.push({ path: `quotes[${id}].end`, message: `the range ${q.start}–${q.end} no longer fits its source: now ${fixed.start}–${fixed.end}, to review` });
    }
  }
  if (quotePut.length) step({ ...emptyChange(doc.map.id), put: { quotes: quotePut } });
  if (quoteGone.length) step(deletionChange(current, { quotes: quoteGone }));

  // The links to look at: all of them, or those a merge touched and those aimed
  // from or at a record it removed. A merge breaks a link rule only through a
  // link it touched or a record it removed (the map before it held the rules),
  // so looking further would find nothing more, at the cost of the whole map.
  const scoped = new Set<string>();
  const gone = new Set<string>(quoteGone);
  if (!all) {
    for (const id of touched('links')) (id in current.links ? scoped : gone).add(id);
    for (const id of touched('claims')) if (!(id in current.claims)) gone.add(id);
    for (const id of touched('quotes')) if (!(id in current.quotes)) gone.add(id);
    if (gone.size) for (const l of Object.values(current.links)) if (gone.has(l.from) || gone.has(l.to)) scoped.add(l.id);
  }
  if (all || scoped.size) {
    const focus = () => (all ? Object.keys(current.links) : [...scoped].filter((id) => id in current.links));

    // Ends that are gone or of the wrong kind, and links from a node to itself.
    const broken: string[] = [];
    for (const id of focus().sort()) {
      const l = current.links[id]!;
      const fromOk = isClaimId(l.from) ? l.from in current.claims : isQuoteId(l.from) && l.from in current.quotes;
      const toOk = isLinkId(l.to) ? l.to in current.links && l.to !== l.id : l.to in current.claims;
      if (!fromOk || !toOk || l.from === l.to) {
        broken.push(l.id);
        repaired.push({ path: `links[${l.id}]`, message: l.from === l.to ? 'went from a node to itself: removed' : 'an end of it was deleted: removed' });
      }
    }
    if (broken.length) step(deletionChange(current, { links: broken }));

    // Two links between the same nodes: the smallest id stays.
    const pairKey = (l: Link) => `${l.from}\u0000${l.to}`;
    const focusFroms = new Set(focus().map((id) => current.links[id]!.from));
    const pairs = new Map<string, string[]>();
    for (const l of Object.values(current.links)) {
      if (!focusFroms.has(l.from)) continue;
      const key = pairKey(l);
      const ids = pairs.get(key);
      if (ids) ids.push(l.id);
      else pairs.set(key, [l.id]);
    }
    const dupes: string[] = [];
    for (const ids of pairs.values()) {
      if (ids.length < 2) continue;
      const [kept, ...rest] = ids.sort();
      for (const id of rest) {
        dupes.push(id);
        repaired.push({ path: `links[${id}]`, message: `links the same nodes as links[${kept!}]: removed` });
      }
    }
    if (dupes.length) step(deletionChange(current, { links: dupes.sort() }));

    // Cycles through links aimed at links: every link of one is aimed at the
    // next, so a cycle a merge made runs through a link it touched.
    const cyclic = all ? linksOnCycles(current) : cyclesFrom(current, focus());
    if (cyclic.length) {
      for (const id of cyclic) repaired.push({ path: `links[${id}].to`, message: 'reached itself through its targets: removed' });
      step(deletionChange(current, { links: cyclic }));
    }

    // Groups: the head is the member with the smallest id.
    const groups = new Set(focus().flatMap((id) => (current.links[id]!.group === undefined ? [] : [current.links[id]!.group!])));
    if (groups.size) {
      const heads = new Map<string, Link>();
      const members: Link[] = [];
      for (const l of Object.values(current.links)) {
        if (l.group === undefined || !groups.has(l.group)) continue;
        members.push(l);
        const head = heads.get(l.group);
        if (!head || l.id < head.id) heads.set(l.group, l);
      }
      const leave: Link[] = [];
      for (const l of members.sort((x, y) => (x.id < y.id ? -1 : 1))) {
        const head = heads.get(l.group!)!;
        if (head.to !== l.to || head.relation !== l.relation || linkWeight(head) !== linkWeight(l)) {
          const { group, ...plain } = l;
          leave.push(plain);
          repaired.push({ path: `links[${l.id}].group`, message: `disagreed with links[${head.id}] of group "${group}": now a plain link` });
        }
      }
      if (leave.length) step({ ...emptyChange(doc.map.id), put: { links: leave } });
    }
  }

  // Comments on what is gone, and replies whose thread is gone or that
  // answer a reply: there is nothing left for them to be about.
  // Walked whole: a map holds few comments, and a deletion anywhere can strand one.
  if (Object.keys(current.comments).length) {
    const strays: string[] = [];
    for (const cm of Object.values(current.comments).sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const parent = cm.replyTo === undefined ? undefined : current.comments[cm.replyTo];
      const replyOk = cm.replyTo === undefined || (parent !== undefined && parent.replyTo === undefined && parent.on === cm.on && commentTargetExists(current, parent.on));
      if (!commentTargetExists(current, cm.on) || !replyOk) {
        strays.push(cm.id);
        repaired.push({ path: `comments[${cm.id}]`, message: replyOk ? 'what it was on was deleted: removed' : 'the comment it answered is gone or is a reply: removed' });
      }
    }
    if (strays.length) step({ ...emptyChange(doc.map.id), delete: { comments: strays } });
  }

  // Layout of nodes that are gone.
  const layoutIds = all ? Object.keys(current.layout) : [...touched('layout'), ...(change.delete.quotes ?? [])];
  const strayLayout = [...new Set(layoutIds)].filter((id) => id in current.layout && !(isClaimId(id) ? id in current.claims : id in current.quotes)).sort();
  if (strayLayout.length) step({ ...emptyChange(doc.map.id), delete: { layout: strayLayout } });

  return { change, repaired };
}

/** The links of every cycle reachable from `starts` by following link targets. */
function cyclesFrom(doc: MapDoc, starts: readonly string[]): string[] {
  const done = new Set<string>();
  const out = new Set<string>();
  for (const start of starts) {
    const walk: string[] = [];
    const onWalk = new Set<string>();
    let id: string | undefined = start;
    while (id !== undefined && !done.has(id) && !onWalk.has(id)) {
      onWalk.add(id);
      walk.push(id);
      const to: string | undefined = doc.links[id]?.to;
      id = to !== undefined && isLinkId(to) && to in doc.links ? to : undefined;
    }
    if (id !== undefined && onWalk.has(id)) for (const w of walk.slice(walk.indexOf(id))) out.add(w);
    for (const w of walk) done.add(w);
  }
  return [...out].sort();
}

/** The ids of every link that reaches itself through its targets (all of each cycle). */
export function linksOnCycles(doc: MapDoc): string[] {
  const state = new Map<string, 1 | 2>(); // 1 on the current walk · 2 done
  const out: string[] = [];
  for (const start of Object.keys(doc.links).sort()) {
    const walk: string[] = [];
    let id: string | undefined = start;
    while (id !== undefined && !state.has(id)) {
      state.set(id, 1);
      walk.push(id);
      const to: string | undefined = doc.links[id]?.to;
      id = to !== undefined && isLinkId(to) && to in doc.links ? to : undefined;
    }
    if (id !== undefined && state.get(id) === 1) out.push(...walk.slice(walk.indexOf(id)));
    for (const w of walk) state.set(w, 2);
  }
  return out.sort();
}

/**
 * A quote's range moved into its source's text (the text was shortened by a
 * concurrent edit), on whole characters; null when it already fits. The
 * quote's words are left as they were: it is now fuzzy, for review.
 */
function clampRange(q: Quote, text: string): Quote | null {
  const fits = q.start >= 0 && q.start < q.end && q.end <= text.length;
  if (fits && !splitsSurrogatePair(text, q.start) && !splitsSurrogatePair(text, q.end)) return null;
  // Keep the quote's length where the text allows: the reviewer sees a passage of the same size.
  let end = Math.min(Math.max(q.end, 1), text.length);
  let start = Math.max(0, Math.min(q.start, end - Math.max(1, q.end - q.start)));
  if (splitsSurrogatePair(text, start)) start -= 1;
  if (splitsSurrogatePair(text, end)) end = end + 1 <= text.length ? end + 1 : end - 1;
  if (start >= end) start = Math.max(0, end - (splitsSurrogatePair(text, end - 1) ? 2 : 1));
  return { ...q, start, end };
}

/**
 * The seam for the store: a Change checked or repaired by its source. A
 * Change made here comes back unchanged with the problems that refuse it (empty:
 * apply it). A peer's Change comes back with the repair its merge needs
 * folded in (`repaired` says what), and `problems` only for what no merge
 * can produce (schema), which is then not to be applied.
 *
 * `doc` is `before` with the returned change applied (when there are no
 * problems): the caller's next doc, so applying a Change copies each table
 * it touches once. `after`, when the caller has it already (the sharing
 * bridge merged a peer's update into `before`), must be `applyChange(before,
 * change)`; it saves that copy too.
 */
export function checkAndRepair(
  before: MapDoc,
  change: Change,
  source: ChangeSource,
  after: MapDoc = applyChange(before, change),
): { change: Change; problems: Problem[]; repaired: Problem[]; doc: MapDoc } {
  if (source !== 'remote') return { change, problems: checkChange(after, change), repaired: [], doc: after };
  const schema: Problem[] = [];
  if (change.map) {
    const parsed = parseMapMeta(change.map, before.map.id);
    if (!parsed.ok) schema.push(parsed.problem);
  }
  for (const t of ENTITY_TABLES) {
    for (const r of change.put[t] ?? []) {
      const parsed = parseRecord(t, r.id, r);
      if (!parsed.ok) schema.push(parsed.problem);
    }
  }
  for (const [id, p] of Object.entries(change.put.layout ?? {})) if (!isPosition(p)) schema.push({ path: `layout[${shownId(id)}]`, message: 'is not a position' });
  if (schema.length) return { change, problems: schema, repaired: [], doc: before };
  const scope: RepairScope = {};
  for (const t of ENTITY_TABLES) scope[t] = [...(change.put[t] ?? []).map((r) => r.id), ...(change.delete[t] ?? [])];
  scope.layout = Object.keys(change.put.layout ?? {});
  const repair = repairDoc(after, scope);
  if (!repair.repaired.length) return { change, problems: [], repaired: [], doc: after };
  const composed = composeChanges(change, repair.change);
  return { change: composed, problems: [], repaired: repair.repaired, doc: applyChange(before, composed) };
}

/** One sentence for the user: what was refused and the first reason. */
export function refusalMessage(label: string, problems: readonly Problem[]): string {
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `${label} was not saved: it would break the map's rules${first ? ` (${first.path}: ${first.message})` : ''}${more}.`;
}
