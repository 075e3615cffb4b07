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

type Edit = { from: Table; ids: readonly string[]; deletes: boolean };
const lineage = new WeakMap<Table, Edit>();

/** `next` is `from` with the records of `ids` put (and, with `deletes`, some of them deleted). */
export function noteTableEdit(from: Table, next: Table, ids: readonly string[], deletes: boolean): void {
  lineage.set(next, { from, ids, deletes });
}

/**
 * The ids whose record differs between `from` and `next`, when `next` was
 * made from `from` by a run of noted edits (at most `limit` ids); `null`
 * when that is not known: the caller works from scratch.
 */
export function changedIds(from: Table, next: Table, limit = 1024): ReadonlySet<string> | null {
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

/** A token per distinct key set: equal tokens, equal ids in equal order. */
export type KeysToken = { readonly size: number };
const tokens = new WeakMap<Table, KeysToken>();

export function keysOf(table: Table): KeysToken {
  const hit = tokens.get(table);
  if (hit) return hit;
  let token: KeysToken | undefined;
  const edit = lineage.get(table);
  if (edit && !edit.deletes) {
    const before = tokens.get(edit.from);
    // Putting a record whose id was there keeps the key set and its order.
    if (before && edit.ids.every((id) => id in edit.from)) token = before;
  }
  token ??= { size: Object.keys(table).length };
  tokens.set(table, token);
  return token;
}
