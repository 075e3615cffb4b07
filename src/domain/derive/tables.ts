/**
 * What derived data keys on, so that a keystroke recomputes only what the
 * typed record changes.
 *
 * A doc is immutable and `applyChange` shares every table it does not touch,
 * so table identity already tells "nothing in this table changed". It says
 * too little for an edit of one record: typing in a claim makes a new
 * `claims` table, and everything keyed on that table (the link graph, the
 * balances, the linked arguments) was worked out again for every key,
 * though none of it reads a claim's text.
 *
 * Two finer keys:
 * - **lineage**: `applyChange` notes each table it makes with the table it
 *   came from and the ids it put or deleted (`noteTableEdit`), so a derived
 *   value can be brought up to date by looking at those records only.
 * - **key set** (`keysOf`): a token that stays the same object while a table
 *   holds the same ids in the same order. Analyses that read only which
 *   claims and quotes exist (whether a link is live, the graph's indices)
 *   key on it instead of the table.
 */
type Table = Readonly<Record<string, unknown>>;

/** A token per distinct key set: equal tokens, equal ids in equal order. */
export type KeysToken = { readonly size: number };
const tokens = new WeakMap<Table, KeysToken>();

type Edit = { from: Table; ids: readonly string[]; deletes: boolean };
const lineage = new WeakMap<Table, Edit>();

/**
 * A line of tables, each made from the one before: the ids each step put or
 * deleted, by version number, and no table itself. A reader a few versions
 * behind (the graph renders a deferred doc, which skips the docs of keys
 * typed meanwhile) learns what changed since its version from these ids
 * alone; holding the old tables instead would keep a copy of a 50,000-record
 * table per keystroke alive.
 */
type Line = { head: number; first: number; steps: (readonly string[])[] };
const versions = new WeakMap<Table, { line: Line; v: number }>();
/** Versions a line remembers: a reader further behind works from scratch. */
const LINE_STEPS = 256;

function noteVersion(from: Table, next: Table, ids: readonly string[]): void {
  let at = versions.get(from);
  if (!at) versions.set(from, (at = { line: { head: 0, first: 1, steps: [] }, v: 0 }));
  else if (at.line.head !== at.v) {
    // A second table made from the same one starts a line of its own (one
    // line is one history: a version number never names two tables); what
    // it changed from `from` is the one-step lineage's to tell.
    versions.set(next, { line: { head: 0, first: 1, steps: [] }, v: 0 });
    return;
  }
  const { line } = at;
  line.head = at.v + 1;
  line.steps.push(ids);
  if (line.steps.length > LINE_STEPS) {
    line.steps.splice(0, line.steps.length - LINE_STEPS);
    line.first = line.head - LINE_STEPS + 1;
  }
  versions.set(next, { line, v: line.head });
}

/** The ids put or deleted between two tables of one line (`null`: not one line, or too far apart). */
function idsAlongLine(from: Table, next: Table, limit: number): Set<string> | null {
  const a = versions.get(from);
  const b = versions.get(next);
  if (!a || !b || a.line !== b.line || a.v > b.v || a.v + 1 < a.line.first) return null;
  const ids = new Set<string>();
  for (let v = a.v + 1; v <= b.v; v++) {
    for (const id of a.line.steps[v - a.line.first]!) ids.add(id);
    if (ids.size > limit) return null;
  }
  return ids;
}

/** `next` is `from` with the records of `ids` put (and, with `deletes`, some of them deleted). */
export function noteTableEdit(from: Table, next: Table, ids: readonly string[], deletes: boolean): void {
  noteVersion(from, next, ids);
  lineage.set(next, { from, ids, deletes });
  // One step of lineage only: a chain would hold every table the map ever
  // had (one per keystroke) in memory. What `from` came from is let go.
  lineage.delete(from);
  const before = tokens.get(from);
  if (before && !deletes && ids.every((id) => id in from)) tokens.set(next, before);
}

/**
 * The ids whose record differs between `from` and `next`, when `next` was
 * made from `from` by noted edits (at most `limit` ids): the last edit, or
 * up to LINE_STEPS edits along one line; `null` when that is not known:
 * the caller works from scratch.
 */
export function changedIds(from: Table, next: Table, limit = 1024): ReadonlySet<string> | null {
  if (from === next) return new Set();
  const along = idsAlongLine(from, next, limit);
  if (along) return along;
  const ids = new Set<string>();
  for (let t: Table = next; t !== from; ) {
    const edit = lineage.get(t);
    if (!edit) return null;
    for (const id of edit.ids) ids.add(id);
    if (ids.size > limit) return null;
    t = edit.from;
  }
  return ids;
}

/** The number of keys of `next`, made from a table of `size` keys by `edit`. */
function sizeAfter(size: number, edit: Edit, next: Table): number {
  for (const id of new Set(edit.ids)) size += (id in next ? 1 : 0) - (id in edit.from ? 1 : 0);
  return size;
}

export function keysOf(table: Table): KeysToken {
  const hit = tokens.get(table);
  if (hit) return hit;
  // Up the lineage to a table with a token (or none), then down again, so
  // asking for a newer table first still shares its ancestors' token.
  const chain: Table[] = [];
  let t: Table | undefined = table;
  while (t && !tokens.has(t)) {
    chain.push(t);
    t = lineage.get(t)?.from;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const here = chain[i]!;
    const edit = lineage.get(here);
    const before = edit && tokens.get(edit.from);
    // Putting a record whose id was there keeps the key set and its order.
    const same = edit && before && !edit.deletes && edit.ids.every((id) => id in edit.from);
    // A new token's size from the edit where it is known: counting the keys
    // of a table of 50,000 records costs more than the rest of a key.
    tokens.set(here, same ? before : { size: edit && before ? sizeAfter(before.size, edit, here) : Object.keys(here).length });
  }
  return tokens.get(table)!;
}
