/**
 * Comparing two versions of a map (format version 3, "Versions"): what a
 * reviewer's copy, or an older version, has that the current map has not.
 *
 * Records are matched by id first; what is left is matched by content, as a
 * copy with fresh ids needs: sources by title and text (then text alone),
 * claims by text, quotes by source and passage, links by their ends and
 * relation (then ends alone). Each
 * difference is one item carrying the Change that applies it to the current
 * map, and the items it depends on (a link needs its ends). `takeChanges`
 * composes a selection into one Change, refusing with a reason what lacks
 * its dependencies.
 *
 * Each table is one matcher (`MATCHERS`): its content key, the fields it
 * compares and the references it translates. A table added later (comments:
 * keyed by what they are on, author and time) is one more matcher.
 *
 * Plain TypeScript: no React, Dexie or DOM.
 */
import { allBalances, type ClaimBalance } from './analysis/balance';
import { applyChange, emptyChange, type Change, type MapDoc } from './change';
import { composeChanges } from './compose';
import { changeProblems } from './changeCheck';
import { isLinkId, isQuoteId, linkWeight, type Claim, type Comment, type Link, type Quote, type Source } from './schema';

export type CompareTable = 'sources' | 'claims' | 'quotes' | 'links' | 'comments';

/** `reworded` is a claim whose text changed; `edited` a source whose title or text did; `changed` anything else. */
export type CompareKind = 'added' | 'removed' | 'reworded' | 'edited' | 'changed';

export type CompareItem = {
  /** Stable within one comparison: table, current id, other id. */
  readonly id: string;
  readonly table: CompareTable;
  readonly kind: CompareKind;
  /** The record's id in the current map (absent when added). */
  readonly currentId?: string;
  /** The record's id in the other map (absent when removed). */
  readonly otherId?: string;
  /** The fields that differ (changed, reworded, edited). */
  readonly fields: readonly string[];
  /** The record as the current map has it (absent when added). */
  readonly before?: Source | Claim | Quote | Link | Comment;
  /** The other map's record, in the current map's ids (absent when removed). */
  readonly after?: Source | Claim | Quote | Link | Comment;
  /** Applies this item alone to the current map. */
  readonly change: Change;
  /** Items that must be taken with this one, each with why. */
  readonly requires: ReadonlyArray<{ readonly item: string; readonly reason: string }>;
};

export type ThesisDelta = {
  readonly claimId: string;
  readonly text: string;
  /** Absent when the thesis is not in that map. */
  readonly before?: ClaimBalance;
  readonly after?: ClaimBalance;
};

export type Comparison = {
  readonly items: readonly CompareItem[];
  /** Other map's id → current map's id, for every matched record. */
  readonly matched: ReadonlyMap<string, string>;
  /** Each thesis of either map: its status and weights now, and with every item taken. */
  readonly thesis: readonly ThesisDelta[];
};

type Row = { id: string };

/**
 * How one table is compared. `keys` are content keys of a record, tried in
 * turn (the strictest first), with the other map's references already
 * translated (`ref`); null when what it refers to is not matched yet (a link
 * aimed at a link waits for that link).
 */
type Matcher<T extends Row> = {
  table: CompareTable;
  keys: ReadonlyArray<(r: T, ref: (id: string) => string | undefined) => string | null>;
  /** The other map's record in the current map's ids. */
  translate: (r: T, ref: (id: string) => string) => T;
  /** Names of the fields that differ; none means the records are the same. */
  differs: (a: T, b: T) => string[];
  /** The kind of a matched record that differs in `fields`. */
  kindOf: (fields: readonly string[]) => CompareKind;
};

const norm = (s: string) => s.trim().replace(/\s+/g, ' ');
const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === b![i]);
const changedFields = <T,>(a: T, b: T, fields: ReadonlyArray<keyof T & string>) => fields.filter((f) => a[f] !== b[f]);

const SOURCES: Matcher<Source> = {
  table: 'sources',
  // Title and text, then the text alone: a retitled source is the same source.
  keys: [(s) => `${norm(s.title)}\u0000${s.text}`, (s) => s.text],
  translate: (s, ref) => ({ ...s, id: ref(s.id) }),
  differs: (a, b) => changedFields(a, b, ['title', 'text', 'author', 'publisher', 'publishedAt', 'url', 'reliability']),
  kindOf: (f) => (f.includes('title') || f.includes('text') ? 'edited' : 'changed'),
};

const CLAIMS: Matcher<Claim> = {
  table: 'claims',
  keys: [(c) => norm(c.text)],
  translate: (c, ref) => ({ ...c, id: ref(c.id) }),
  differs: (a, b) => [...changedFields(a, b, ['text', 'kind', 'note']), ...(sameList(a.tags, b.tags) ? [] : ['tags'])],
  kindOf: (f) => (f.includes('text') ? 'reworded' : 'changed'),
};

const QUOTES: Matcher<Quote> = {
  table: 'quotes',
  // The passage at its place in the source, then the passage anywhere in it.
  keys: [
    (q, ref) => {
      const source = ref(q.sourceId);
      return source === undefined ? null : `${source}\u0000${q.start}\u0000${q.exact}`;
    },
    (q, ref) => {
      const source = ref(q.sourceId);
      return source === undefined ? null : `${source}\u0000${q.exact}`;
    },
  ],
  translate: (q, ref) => ({ ...q, id: ref(q.id), sourceId: ref(q.sourceId) }),
  differs: (a, b) => changedFields(a, b, ['sourceId', 'exact', 'prefix', 'suffix', 'start', 'end', 'credibility', 'note']),
  kindOf: () => 'changed',
};

const LINKS: Matcher<Link> = {
  table: 'links',
  // Ends and relation, then the ends alone: two links never join the same
  // nodes (rule 4), so those are one link whose relation changed.
  keys: [
    (l, ref) => {
      const from = ref(l.from);
      const to = ref(l.to);
      return from === undefined || to === undefined ? null : `${from}\u0000${to}\u0000${l.relation}`;
    },
    (l, ref) => {
      const from = ref(l.from);
      const to = ref(l.to);
      return from === undefined || to === undefined ? null : `${from}\u0000${to}`;
    },
  ],
  translate: (l, ref) => ({ ...l, id: ref(l.id), from: ref(l.from), to: ref(l.to) }),
  differs: (a, b) => [
    ...changedFields(a, b, ['from', 'to', 'relation']),
    ...(linkWeight(a) === linkWeight(b) ? [] : ['weight']),
    ...changedFields(a, b, ['group', 'scheme', 'note']),
  ],
  kindOf: () => 'changed',
};

const COMMENTS: Matcher<Comment> = {
  table: 'comments',
  // What it is on, who wrote it and when: a comment is never retyped into
  // another, so these name it in a copy under other ids.
  keys: [
    (cm, ref) => {
      const on = ref(cm.on);
      const replyTo = cm.replyTo === undefined ? '' : ref(cm.replyTo);
      return on === undefined || replyTo === undefined ? null : `${on}\u0000${replyTo}\u0000${cm.author}\u0000${cm.createdAt}`;
    },
  ],
  translate: (cm, ref) => {
    const next: Comment = { ...cm, id: ref(cm.id), on: ref(cm.on) };
    if (cm.replyTo !== undefined) next.replyTo = ref(cm.replyTo);
    return next;
  },
  differs: (a, b) => changedFields(a, b, ['text', 'verdict', 'resolvedAt', 'editedAt']),
  kindOf: () => 'changed',
};

/**
 * A matcher over plain rows. Sound because each matcher is only ever handed
 * the rows of its own table (`doc[m.table]`), which TypeScript cannot follow
 * through the table name.
 */
const erase = <T extends Row>(m: Matcher<T>): Matcher<Row> => m as unknown as Matcher<Row>;

/** In dependency order: a quote's source and a link's ends are matched before it. */
const MATCHERS: readonly Matcher<Row>[] = [erase(SOURCES), erase(CLAIMS), erase(QUOTES), erase(LINKS), erase(COMMENTS)];

const itemId = (table: CompareTable, currentId: string | undefined, otherId: string | undefined) =>
  `${table}:${currentId ?? ''}:${otherId ?? ''}`;

/**
 * Matches `other`'s records to `current`'s: by id, then by content. Returns
 * other id → current id.
 */
function matchRecords(current: MapDoc, other: MapDoc): Map<string, string> {
  const matched = new Map<string, string>();
  const taken = new Set<string>();
  // Comments on the map itself: the other map is the current one, whatever its id.
  matched.set(other.map.id, current.map.id);
  for (const m of MATCHERS) {
    const cur = current[m.table] as Readonly<Record<string, Row>>;
    const oth = other[m.table] as Readonly<Record<string, Row>>;
    for (const id of Object.keys(oth)) {
      if (id in cur) {
        matched.set(id, id);
        taken.add(id);
      }
    }
  }
  const ref = (id: string) => matched.get(id);
  for (const m of MATCHERS) {
    const cur = current[m.table] as Readonly<Record<string, Row>>;
    const oth = other[m.table] as Readonly<Record<string, Row>>;
    for (const key of m.keys) {
      // Current records left over, by content key: several may share one
      // (two claims with the same text), and are paired in order.
      const byKey = new Map<string, string[]>();
      const curRef = (id: string) => id;
      for (const r of Object.values(cur)) {
        if (taken.has(r.id)) continue;
        const k = key(r, curRef);
        if (k === null) continue;
        const list = byKey.get(k);
        if (list) list.push(r.id);
        else byKey.set(k, [r.id]);
      }
      if (byKey.size === 0) break;
      // A link aimed at a link is keyed once that link is matched: repeat while progress is made.
      let pending = Object.values(oth).filter((r) => !matched.has(r.id));
      for (let progress = true; progress && pending.length; ) {
        progress = false;
        const next: Row[] = [];
        for (const r of pending) {
          const k = key(r, ref);
          if (k === null) {
            next.push(r);
            continue;
          }
          const list = byKey.get(k);
          const id = list?.shift();
          if (id === undefined) continue;
          matched.set(r.id, id);
          taken.add(id);
          progress = true;
        }
        pending = next;
      }
    }
  }
  return matched;
}

/** Compares `other` with `current`: what taking each of `other`'s differences would do to `current`. */
export function compareMaps(current: MapDoc, other: MapDoc): Comparison {
  const matched = matchRecords(current, other);
  // Unmatched records of the other map keep their ids: matching by id came
  // first, so no current record has them.
  const ref = (id: string) => matched.get(id) ?? id;
  const toCurrent = new Map<string, string>();
  for (const [o, c] of matched) toCurrent.set(c, o);

  const items: CompareItem[] = [];
  const itemOfCurrent = new Map<string, string>();
  const itemOfAdded = new Map<string, string>();
  const mapId = current.map.id;
  type Draft = Omit<CompareItem, 'requires'> & { requires: Array<{ item: string; reason: string }> };
  const drafts: Draft[] = [];

  for (const m of MATCHERS) {
    const cur = current[m.table] as Readonly<Record<string, Row>>;
    const oth = other[m.table] as Readonly<Record<string, Row>>;
    for (const r of Object.values(oth)) {
      const after = m.translate(r, ref);
      const currentId = matched.get(r.id);
      if (currentId === undefined) {
        const change = emptyChange(mapId);
        (change.put as Record<string, Row[]>)[m.table] = [after];
        const pos = other.layout[r.id];
        if (pos) change.put.layout = { [after.id]: pos };
        const id = itemId(m.table, undefined, r.id);
        itemOfAdded.set(after.id, id);
        drafts.push({ id, table: m.table, kind: 'added', otherId: r.id, fields: [], after: after as CompareItem['after'], change, requires: [] });
        continue;
      }
      const before = cur[currentId]!;
      const fields = m.differs(before, after);
      if (!fields.length) continue;
      const change = emptyChange(mapId);
      (change.put as Record<string, Row[]>)[m.table] = [after];
      const id = itemId(m.table, currentId, r.id);
      itemOfCurrent.set(currentId, id);
      drafts.push({
        id,
        table: m.table,
        kind: m.kindOf(fields),
        currentId,
        otherId: r.id,
        fields,
        before: before as CompareItem['before'],
        after: after as CompareItem['after'],
        change,
        requires: [],
      });
    }
    for (const r of Object.values(cur)) {
      if (toCurrent.has(r.id)) continue;
      // A comment the other map lacks was most often written after that
      // copy was made: it is not a removal to take. Comments go only with
      // what they are on, below.
      if (m.table === 'comments') continue;
      const change = emptyChange(mapId);
      const threads = commentsOn(current, r.id);
      if (threads.length) change.delete.comments = threads;
      (change.delete as Record<string, string[]>)[m.table] = [r.id];
      if (r.id in current.layout) change.delete.layout = [r.id];
      const id = itemId(m.table, r.id, undefined);
      itemOfCurrent.set(r.id, id);
      drafts.push({ id, table: m.table, kind: 'removed', currentId: r.id, fields: [], before: r as CompareItem['before'], change, requires: [] });
    }
  }

  // Dependencies. What an item puts must find what it refers to: a record
  // the current map has and keeps, or one another item adds. What an item
  // removes must take along whatever still refers to it.
  const byId = new Map(drafts.map((d) => [d.id, d]));
  // Matching by id comes first, so what an added or changed record refers
  // to is either in the current map (matched, so not removed) or added.
  const needPresent = (d: Draft, refId: string, what: string) => {
    const adding = itemOfAdded.get(refId);
    if (adding) d.requires.push({ item: adding, reason: `${what} is added by a change that was not taken` });
  };
  const linkItems: Draft[] = [];
  for (const d of drafts) {
    if (d.table === 'links') linkItems.push(d);
    if (d.kind === 'removed' || !d.after) continue;
    if (d.table === 'quotes') needPresent(d, (d.after as Quote).sourceId, 'its source');
    if (d.table === 'comments') {
      const cm = d.after as Comment;
      needPresent(d, cm.on, 'what it is on');
      if (cm.replyTo !== undefined) needPresent(d, cm.replyTo, 'the comment it answers');
    }
    if (d.table === 'links') {
      const l = d.after as Link;
      needPresent(d, l.from, 'its start');
      needPresent(d, l.to, isLinkId(l.to) ? 'the link it is aimed at' : 'the claim it ends at');
    }
  }
  // Two links may not join the same nodes, and the links of a group agree on
  // target, relation and weight: a link put where another one is, or any
  // link of a group, goes with the items that move the others.
  const itemsAtEnds = new Map<string, Draft[]>();
  const itemsOfGroup = new Map<string, Draft[]>();
  const push = <K,>(m: Map<K, Draft[]>, k: K, d: Draft) => {
    const list = m.get(k);
    if (list) {
      if (!list.includes(d)) list.push(d);
    } else m.set(k, [d]);
  };
  for (const d of linkItems) {
    for (const l of [d.before, d.after] as Array<Link | undefined>) {
      if (!l) continue;
      push(itemsAtEnds, `${l.from}\u0000${l.to}`, d);
      if (l.group !== undefined) push(itemsOfGroup, l.group, d);
    }
  }
  for (const d of linkItems) {
    const l = d.after as Link | undefined;
    if (l) {
      for (const o of itemsAtEnds.get(`${l.from}\u0000${l.to}`) ?? []) {
        if (o !== d && (o.after as Link | undefined)?.from !== l.from) d.requires.push({ item: o.id, reason: 'another link joins the same nodes until that change is taken' });
        else if (o !== d && (o.after as Link | undefined)?.to !== l.to) d.requires.push({ item: o.id, reason: 'another link joins the same nodes until that change is taken' });
      }
    }
    for (const g of new Set([(d.before as Link | undefined)?.group, l?.group])) {
      if (g === undefined) continue;
      for (const o of itemsOfGroup.get(g) ?? []) {
        if (o !== d) d.requires.push({ item: o.id, reason: `the links of group "${g}" change together` });
      }
    }
  }
  // Whatever in the current map refers to a removed record must be removed or re-aimed with it.
  const referrers = new Map<string, string[]>();
  const addReferrer = (target: string, by: string) => {
    const list = referrers.get(target);
    if (list) list.push(by);
    else referrers.set(target, [by]);
  };
  for (const q of Object.values(current.quotes)) addReferrer(q.sourceId, q.id);
  for (const l of Object.values(current.links)) {
    addReferrer(l.from, l.id);
    addReferrer(l.to, l.id);
  }
  for (const d of drafts) {
    if (d.kind !== 'removed') continue;
    for (const by of referrers.get(d.currentId!) ?? []) {
      const other = itemOfCurrent.get(by);
      const what = isQuoteId(by) ? 'a quote of it' : 'a link to or from it';
      const then = other === undefined ? undefined : byId.get(other);
      const after = then?.after as Partial<Link & Quote> | undefined;
      const gone = then !== undefined && (after === undefined || (after.from !== d.currentId && after.to !== d.currentId && after.sourceId !== d.currentId));
      // Only an invalid other map keeps a reference to a record it lacks: nothing can satisfy that.
      d.requires.push(gone ? { item: other!, reason: `${what} is removed or re-aimed by a change that was not taken` } : { item: '', reason: `${what} (${by}) stays` });
    }
  }

  for (const d of drafts) items.push(d);
  items.sort((a, b) => TABLE_ORDER[a.table] - TABLE_ORDER[b.table] || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  return { items, matched, thesis: thesisDelta(current, items) };
}

const TABLE_ORDER: Record<CompareTable, number> = { claims: 0, links: 1, quotes: 2, sources: 3, comments: 4 };

/** The ids of the comments on `id` in `doc`, replies included (they share their thread's `on`). */
function commentsOn(doc: MapDoc, id: string): string[] {
  return Object.values(doc.comments).flatMap((cm) => (cm.on === id ? [cm.id] : []));
}
const KIND_ORDER: Record<CompareKind, number> = { added: 0, reworded: 1, edited: 1, changed: 2, removed: 3 };

function thesisDelta(current: MapDoc, items: readonly CompareItem[]): ThesisDelta[] {
  let all = emptyChange(current.map.id);
  for (const item of items) all = composeChanges(all, item.change);
  const after = applyChange(current, all);
  const beforeBalances = allBalances(current);
  const afterBalances = allBalances(after);
  const theses = new Map<string, string>();
  for (const doc of [current, after]) for (const c of Object.values(doc.claims)) if (c.kind === 'thesis') theses.set(c.id, c.text);
  return [...theses].map(([claimId]) => ({
    claimId,
    text: (after.claims[claimId] ?? current.claims[claimId])!.text,
    ...(claimId in current.claims ? { before: beforeBalances[claimId] } : {}),
    ...(claimId in after.claims ? { after: afterBalances[claimId] } : {}),
  }));
}

export type TakeResult = {
  /** The selected items that can be taken, composed: one undo step. */
  readonly change: Change;
  readonly taken: readonly string[];
  /** Selected items left out, each with the first reason. */
  readonly refused: ReadonlyArray<{ readonly item: string; readonly reason: string }>;
};

/**
 * Composes the selected items' Changes into one. An item whose dependencies
 * are not all taken is refused with the reason (and so, in turn, what
 * depends on it); what is left is checked against the format's rules as any
 * edit is, and refused whole if it would break one.
 */
export function takeChanges(current: MapDoc, comparison: Comparison, selectedIds: Iterable<string>): TakeResult {
  const byId = new Map(comparison.items.map((i) => [i.id, i]));
  const selected = new Set<string>();
  const refused: Array<{ item: string; reason: string }> = [];
  for (const id of selectedIds) {
    if (byId.has(id)) selected.add(id);
    else refused.push({ item: id, reason: 'not a change of this comparison' });
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of selected) {
      const missing = byId.get(id)!.requires.find((r) => !selected.has(r.item));
      if (!missing) continue;
      selected.delete(id);
      refused.push({ item: id, reason: missing.reason });
      changed = true;
    }
  }
  let change = emptyChange(current.map.id);
  for (const item of comparison.items) if (selected.has(item.id)) change = composeChanges(change, item.change);
  const problems = changeProblems(applyChange(current, change), change);
  if (problems.length) {
    const reason = `it would break the map's rules (${problems[0]!.path}: ${problems[0]!.message})`;
    return { change: emptyChange(current.map.id), taken: [], refused: [...refused, ...[...selected].map((item) => ({ item, reason }))] };
  }
  return { change, taken: comparison.items.filter((i) => selected.has(i.id)).map((i) => i.id), refused };
}
