/**
 * The one edit mechanism. Every edit — typing, linking, dragging, importing,
 * undoing — is a Change: records to put and ids to delete across the entity
 * tables of one map. The store applies it in memory, storage writes it in one
 * transaction, other tabs apply it too, and undo is its inverse.
 */
import { z } from './zod';
import { noteTableEdit } from './derive/tables';
import {
  ClaimSchema,
  CommentSchema,
  LinkSchema,
  MapMetaSchema,
  PositionSchema,
  QuoteSchema,
  SourceSchema,
  isClaimId,
  isQuoteId,
  type Claim,
  type Comment,
  type Link,
  type MapMeta,
  type Position,
  type Quote,
  type Source,
} from './schema';

/** `comments` (format version 3) refer to the others; nothing refers to them. */
export const ENTITY_TABLES = ['sources', 'quotes', 'claims', 'links', 'comments'] as const;
export type EntityTable = (typeof ENTITY_TABLES)[number];

export const ChangeSchema = z.object({
  mapId: z.string(),
  /** The map's own record (title, description), when it changes. */
  map: MapMetaSchema.optional(),
  put: z.object({
    sources: z.array(SourceSchema).optional(),
    quotes: z.array(QuoteSchema).optional(),
    claims: z.array(ClaimSchema).optional(),
    links: z.array(LinkSchema).optional(),
    comments: z.array(CommentSchema).optional(),
    layout: z.record(z.string(), PositionSchema).optional(),
  }),
  delete: z.object({
    sources: z.array(z.string()).optional(),
    quotes: z.array(z.string()).optional(),
    claims: z.array(z.string()).optional(),
    links: z.array(z.string()).optional(),
    comments: z.array(z.string()).optional(),
    layout: z.array(z.string()).optional(),
  }),
});
export type Change = z.infer<typeof ChangeSchema>;

type Table<T> = Readonly<Record<string, T>>;

/** A map held in memory: normalized records keyed by id. Never mutated: edits make a new doc. */
export type MapDoc = {
  readonly map: MapMeta;
  readonly sources: Table<Source>;
  readonly quotes: Table<Quote>;
  readonly claims: Table<Claim>;
  readonly links: Table<Link>;
  /** Format version 3: review threads on the map and its records. */
  readonly comments: Table<Comment>;
  readonly layout: Table<Position>;
};

export function emptyChange(mapId: string): Change {
  return { mapId, put: {}, delete: {} };
}

export function isEmptyChange(change: Change): boolean {
  if (change.map) return false;
  for (const v of Object.values(change.put)) {
    if (v && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0)) return false;
  }
  for (const v of Object.values(change.delete)) if (v && v.length > 0) return false;
  return true;
}

/**
 * A shallow copy of a table, in its key order. The one part of applying a
 * Change that costs the size of the map rather than of the change (a new
 * table per edit is what lets every reader tell changed from unchanged by
 * identity): an indexed loop over the keys copies a dictionary-mode object
 * of thousands of records in about half the time object spread takes in V8.
 */
function copyTable<T>(table: Table<T>): Record<string, T> {
  const next: Record<string, T> = {};
  const keys = Object.keys(table);
  for (let i = 0; i < keys.length; i++) next[keys[i]!] = table[keys[i]!]!;
  return next;
}

function applyTable<T extends { id: string }>(
  table: Table<T>,
  puts: readonly T[] | undefined,
  deletes: readonly string[] | undefined,
): Table<T> {
  if (!puts?.length && !deletes?.length) return table; // structural sharing
  const next = copyTable(table);
  const ids: string[] = [];
  for (const id of deletes ?? []) {
    delete next[id];
    ids.push(id);
  }
  for (const r of puts ?? []) {
    next[r.id] = r;
    ids.push(r.id);
  }
  // Derived data (domain/derive) updates from what this change touched, not the whole table.
  noteTableEdit(table, next, ids, !!deletes?.length);
  return next;
}

function applyLayout(
  layout: Table<Position>,
  puts: Readonly<Record<string, Position>> | undefined,
  deletes: readonly string[] | undefined,
): Table<Position> {
  const putKeys = puts ? Object.keys(puts) : [];
  if (!putKeys.length && !deletes?.length) return layout;
  const next = copyTable(layout);
  if (deletes) for (const id of deletes) delete next[id];
  if (puts) for (const id of putKeys) next[id] = puts[id]!;
  noteTableEdit(layout, next, [...(deletes ?? []), ...putKeys], !!deletes?.length);
  return next;
}

/**
 * Applies a Change to a doc and returns the new doc; tables the change does
 * not touch are shared with the old doc. Deletes go first, so a change that
 * deletes and puts the same id leaves the put record.
 */
export function applyChange(doc: MapDoc, change: Change): MapDoc {
  return {
    map: change.map ?? doc.map,
    sources: applyTable(doc.sources, change.put.sources, change.delete.sources),
    quotes: applyTable(doc.quotes, change.put.quotes, change.delete.quotes),
    claims: applyTable(doc.claims, change.put.claims, change.delete.claims),
    links: applyTable(doc.links, change.put.links, change.delete.links),
    comments: applyTable(doc.comments, change.put.comments, change.delete.comments),
    layout: applyLayout(doc.layout, change.put.layout, change.delete.layout),
  };
}

function invertTable<T extends { id: string }>(
  table: Table<T>,
  puts: readonly T[] | undefined,
  deletes: readonly string[] | undefined,
): { put: T[]; del: string[] } {
  const put: T[] = [];
  const del: string[] = [];
  const seen = new Set<string>();
  for (const id of deletes ?? []) {
    const old = table[id];
    if (old && !seen.has(id)) {
      put.push(old);
      seen.add(id);
    }
  }
  for (const r of puts ?? []) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const old = table[r.id];
    if (old) put.push(old);
    else del.push(r.id);
  }
  return { put, del };
}

/**
 * The Change that undoes `change`, computed against the doc it is applied to
 * (`applyChange(applyChange(doc, c), invertChange(doc, c))` equals `doc`).
 */
export function invertChange(doc: MapDoc, change: Change): Change {
  const inverse: Change = emptyChange(change.mapId);
  if (change.map) inverse.map = doc.map;
  for (const t of ENTITY_TABLES) {
    const { put, del } = invertTable<{ id: string }>(
      doc[t] as Table<{ id: string }>,
      change.put[t],
      change.delete[t],
    );
    if (put.length) (inverse.put as Record<string, unknown[]>)[t] = put;
    if (del.length) inverse.delete[t] = del;
  }
  const layoutPut: Record<string, Position> = {};
  const layoutDel: string[] = [];
  const seen = new Set<string>();
  for (const id of change.delete.layout ?? []) {
    const old = doc.layout[id];
    if (old && !seen.has(id)) {
      layoutPut[id] = old;
      seen.add(id);
    }
  }
  for (const id of Object.keys(change.put.layout ?? {})) {
    if (seen.has(id)) continue;
    seen.add(id);
    const old = doc.layout[id];
    if (old) layoutPut[id] = old;
    else layoutDel.push(id);
  }
  if (Object.keys(layoutPut).length) inverse.put.layout = layoutPut;
  if (layoutDel.length) inverse.delete.layout = layoutDel;
  return inverse;
}

/** What a user asks to delete; `deletionChange` adds everything that goes with it. */
export type DeletionTargets = {
  sources?: readonly string[];
  quotes?: readonly string[];
  claims?: readonly string[];
  links?: readonly string[];
  comments?: readonly string[];
};

/**
 * A Change deleting the targets and everything that depends on them: a source
 * takes its quotes, a quote or claim takes its links and its layout entry,
 * and every record takes the comments on it (a thread's first comment takes
 * its replies), so undo or the Trash brings them back together.
 * Links are indexed once per call, so a large deletion stays linear.
 */
export function deletionChange(doc: MapDoc, targets: DeletionTargets): Change {
  const sources = new Set(targets.sources ?? []);
  const quotes = new Set(targets.quotes ?? []);
  const claims = new Set(targets.claims ?? []);
  const links = new Set(targets.links ?? []);
  if (sources.size) {
    for (const q of Object.values(doc.quotes)) if (sources.has(q.sourceId)) quotes.add(q.id);
  }
  const nodes = new Set<string>([...quotes, ...claims]);
  if (nodes.size) {
    for (const l of Object.values(doc.links)) {
      if (nodes.has(l.from) || nodes.has(l.to)) links.add(l.id);
    }
  }
  // A link aimed at a deleted link (format version 2) goes with it, and so on down the chain.
  if (links.size) {
    const aimedAt = new Map<string, string[]>();
    for (const l of Object.values(doc.links)) {
      if (!(l.to in doc.links)) continue;
      const list = aimedAt.get(l.to);
      if (list) list.push(l.id);
      else aimedAt.set(l.to, [l.id]);
    }
    if (aimedAt.size) {
      const queue = [...links];
      for (let i = 0; i < queue.length; i++) {
        for (const id of aimedAt.get(queue[i]!) ?? []) {
          if (!links.has(id)) {
            links.add(id);
            queue.push(id);
          }
        }
      }
    }
  }
  const comments = new Set(targets.comments ?? []);
  const gone = new Set<string>([...sources, ...quotes, ...claims, ...links]);
  if (gone.size || comments.size) {
    const all = Object.values(doc.comments);
    for (const cm of all) if (gone.has(cm.on)) comments.add(cm.id);
    if (comments.size) for (const cm of all) if (cm.replyTo !== undefined && comments.has(cm.replyTo)) comments.add(cm.id);
  }
  const change = emptyChange(doc.map.id);
  const keep = <T,>(ids: Set<string>, table: Table<T>) => [...ids].filter((id) => id in table);
  const del = change.delete;
  const s = keep(sources, doc.sources);
  const q = keep(quotes, doc.quotes);
  const c = keep(claims, doc.claims);
  const l = keep(links, doc.links);
  const cm = keep(comments, doc.comments);
  const lay = [...nodes].filter((id) => id in doc.layout);
  if (s.length) del.sources = s;
  if (q.length) del.quotes = q;
  if (c.length) del.claims = c;
  if (l.length) del.links = l;
  if (cm.length) del.comments = cm;
  if (lay.length) del.layout = lay;
  return change;
}

/** Builds a doc from lists of records (as in a map file). */
export function docFromRecords(input: {
  map: MapMeta;
  sources: readonly Source[];
  quotes: readonly Quote[];
  claims: readonly Claim[];
  links: readonly Link[];
  comments?: readonly Comment[];
  layout?: Readonly<Record<string, Position>>;
}): MapDoc {
  const byId = <T extends { id: string }>(rows: readonly T[]) => {
    const out: Record<string, T> = {};
    for (const r of rows) out[r.id] = r;
    return out;
  };
  const layout: Record<string, Position> = {};
  if (input.layout) {
    for (const [id, p] of Object.entries(input.layout)) {
      if (isClaimId(id) || isQuoteId(id)) layout[id] = p;
    }
  }
  return {
    map: input.map,
    sources: byId(input.sources),
    quotes: byId(input.quotes),
    claims: byId(input.claims),
    links: byId(input.links),
    comments: byId(input.comments ?? []),
    layout,
  };
}

export function emptyDoc(map: MapMeta): MapDoc {
  return { map, sources: {}, quotes: {}, claims: {}, links: {}, comments: {}, layout: {} };
}

/** Is `id` a node (claim or quote) of the doc? */
export function hasNode(doc: MapDoc, id: string): boolean {
  return isClaimId(id) ? id in doc.claims : id in doc.quotes;
}
