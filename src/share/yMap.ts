/**
 * A shared map as a Y.Doc, and the two directions between it and the Change.
 *
 * Layout of the document (DO NOT CHANGE WITHOUT A MIGRATION: every shared map
 * on every server is stored in this shape):
 * - one root Y.Map per table: `sources`, `quotes`, `claims`, `links`,
 *   `comments` (format version 3), `layout`, `map`;
 * - in `sources` … `comments`, a record is a nested Y.Map keyed by its id, field → plain
 *   JSON value, so concurrent edits to different fields of one record merge and
 *   concurrent edits to one field resolve last-writer-wins;
 * - a source's text is one plain string value: sent whole, never a character CRDT;
 * - `layout` maps a node id to a plain `{x, y}` (a position moves as one value);
 * - `map` holds the fields of the map's own record.
 *
 * Remote updates are untrusted, and judged by the rule book (domain/rules.ts):
 * a record that fails the schema never becomes part of a Change; what a merge
 * of honest edits broke (a group that disagrees, a cycle, a quote range after
 * a source edit) is repaired the same way on every client and written back.
 */
import * as Y from 'yjs';
import {
  ENTITY_TABLES,
  applyChange,
  deletionChange,
  emptyChange,
  type Change,
  type EntityTable,
  type MapDoc,
} from '../domain/change';
import { REVIEW_COMMENT_FIELDS } from '../domain/reviewScope';
import { isPosition, parseMapMeta, parseRecord, repairDoc, shownId, type Problem, type RepairScope } from '../domain/rules';
import {
  MapMetaSchema,
  PositionSchema,
  isClaimId,
  isLinkId,
  isQuoteId,
  isSourceId,
  type Claim,
  type Comment,
  type Link,
  type Position,
  type Quote,
  type Source,
} from '../domain/schema';

export const SHARED_TABLES = [...ENTITY_TABLES, 'layout', 'map'] as const;
export type SharedTable = (typeof SHARED_TABLES)[number];

/** Origin of transactions that mirror this user's own Changes into the Y.Doc. */
export const LOCAL_ORIGIN = Symbol('warrant local change');
/** Origin of the clean-up this client writes back after a remote update (cascades, duplicates). */
export const REPAIR_ORIGIN = Symbol('warrant repair');

export type EntityRecord = Source | Quote | Claim | Link | Comment;

type JsonValue = unknown;

/** Deep equality of JSON-like values; key order does not matter (records from Yjs come back reordered). */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    return a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (ak.length !== bk.length) return false;
  return ak.every((k) => jsonEqual(ao[k], bo[k]));
}

function entityTable(ydoc: Y.Doc, table: EntityTable): Y.Map<unknown> {
  return ydoc.getMap<unknown>(table);
}

/**
 * Writes only the fields that differ: rewriting an unchanged field would make
 * this client the last writer of it and undo a concurrent edit by someone else.
 */
function writeFields(target: Y.Map<unknown>, record: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    if (!target.has(key) || !jsonEqual(target.get(key), value)) target.set(key, structuredClone(value));
  }
  for (const key of [...target.keys()]) {
    if (record[key] === undefined) target.delete(key);
  }
}

function writeRecord(table: Y.Map<unknown>, record: EntityRecord): void {
  const existing = table.get(record.id);
  if (existing instanceof Y.Map) {
    writeFields(existing, record);
    return;
  }
  const fresh = new Y.Map<unknown>();
  table.set(record.id, fresh);
  writeFields(fresh, record);
}

/**
 * Mirrors a Change into the Y.Doc in one transaction with `origin` (by default
 * {@link LOCAL_ORIGIN}). Deletes go first, as in `applyChange`.
 */
export function applyChangeToYDoc(ydoc: Y.Doc, change: Change, origin: unknown = LOCAL_ORIGIN): void {
  ydoc.transact(() => {
    for (const t of ENTITY_TABLES) {
      const table = entityTable(ydoc, t);
      for (const id of change.delete[t] ?? []) table.delete(id);
      for (const record of change.put[t] ?? []) writeRecord(table, record);
    }
    const layout = ydoc.getMap<unknown>('layout');
    for (const id of change.delete.layout ?? []) layout.delete(id);
    for (const [id, p] of Object.entries(change.put.layout ?? {})) {
      if (!jsonEqual(layout.get(id), p)) layout.set(id, { x: p.x, y: p.y });
    }
    if (change.map) writeFields(ydoc.getMap<unknown>('map'), change.map);
  }, origin);
}

/** The Change that puts a whole map into an empty Y.Doc (the first share of a map). */
export function seedChange(doc: MapDoc): Change {
  const change = emptyChange(doc.map.id);
  change.map = doc.map;
  change.put = {
    sources: Object.values(doc.sources),
    quotes: Object.values(doc.quotes),
    claims: Object.values(doc.claims),
    links: Object.values(doc.links),
    comments: Object.values(doc.comments),
    layout: { ...doc.layout },
  };
  return change;
}

/**
 * Defines the root maps. Call before the first remote update arrives: Yjs
 * gives content for a root nobody has asked for yet a provisional type, and
 * events name that type rather than the Y.Map `getMap` later returns.
 */
export function defineRoots(ydoc: Y.Doc): void {
  for (const t of SHARED_TABLES) ydoc.getMap(t);
}

/** Ids a transaction (or a whole diff) may have changed, per table. */
export type Touched = { [T in EntityTable | 'layout']: Set<string> } & { map: boolean; all?: boolean };

export function emptyTouched(): Touched {
  return { sources: new Set(), quotes: new Set(), claims: new Set(), links: new Set(), comments: new Set(), layout: new Set(), map: false };
}

/**
 * Which records a Yjs transaction changed: keys of the root tables, and the
 * record a nested field belongs to. Reads `transaction.changed`, so it costs
 * what the update touched, not the size of the map.
 */
export function touchedByTransaction(ydoc: Y.Doc, transaction: Y.Transaction): Touched {
  const touched = emptyTouched();
  const roots = new Map<unknown, SharedTable>();
  for (const t of SHARED_TABLES) roots.set(ydoc.getMap(t), t);
  for (const [type, keys] of transaction.changed) {
    const rootName = roots.get(type);
    if (rootName === 'map') {
      touched.map = true;
      continue;
    }
    if (rootName) {
      for (const key of keys) if (key !== null) touched[rootName].add(key);
      continue;
    }
    if (type._item === null) {
      // A root that was not defined when the update came: which records it holds is unknown.
      const provisional = [...ydoc.share].some(([name, t]) => t === type && (SHARED_TABLES as readonly string[]).includes(name));
      if (provisional || !roots.size) touched.all = true;
      continue;
    }
    // A nested type: climb to the child of a root; its key is the record id.
    let item: Y.Item | null = type._item;
    while (item) {
      const parent: Y.AbstractType<unknown> | Y.ID | null = item.parent;
      if (!(parent instanceof Y.AbstractType)) break;
      const name = roots.get(parent);
      if (name === 'map') touched.map = true;
      else if (name && item.parentSub !== null) touched[name].add(item.parentSub);
      if (name) break;
      item = parent._item;
    }
  }
  return touched;
}

/** Every id present in either the Y.Doc or the local map. */
function touchedAll(ydoc: Y.Doc, doc: MapDoc): Touched {
  const touched = emptyTouched();
  touched.map = true;
  for (const t of [...ENTITY_TABLES, 'layout'] as const) {
    for (const id of ydoc.getMap(t).keys()) touched[t].add(id);
    for (const id of Object.keys(doc[t])) touched[t].add(id);
  }
  return touched;
}

export type RemoteRecord = { table: EntityTable; record: EntityRecord };

export type RemoteResult = {
  /** Apply and commit through the store like any Change, but never into local undo. */
  change: Change;
  /**
   * Deletions this client has also written back into the Y.Doc (or must, if it
   * calls {@link changeFromYDoc} itself): links and quotes left dangling by a
   * remote delete, duplicate links from concurrent linking, layout of deleted nodes.
   * Every client derives the same repair, so the Y.Docs converge.
   */
  repair: Change;
  /** Records that failed the schema (no honest peer sends them): not applied, to be shown to the user. */
  rejected: Problem[];
  /** What the rule book repaired after the merge (a group dissolved, a cycle removed): already in `change` and `repair`. */
  repaired: Problem[];
  /**
   * This device's version of records a remote peer deleted, where this device
   * had written the record (created or edited it): the deletion wins, and this
   * version belongs in the Trash so it can be restored.
   */
  deletedWhileEdited: RemoteRecord[];
  /**
   * The local map with `change` applied, as worked out here: hand it to the
   * store with the change (`applyShared`), so the tables the update touched
   * are copied once per update, not once per step of the pipeline.
   */
  doc: MapDoc;
};

function wasInYDoc(table: Y.Map<unknown>, id: string): boolean {
  return table._map.has(id);
}

/** Did this device write any field of the (now deleted) record? */
function writtenHere(table: Y.Map<unknown>, id: string, localClients: ReadonlySet<number>): boolean {
  const item = table._map.get(id);
  if (!item) return false;
  if (localClients.has(item.id.client)) return true;
  const content = item.content;
  if (!(content instanceof Y.ContentType)) return false; // garbage-collected already
  for (const field of content.type._map.values()) {
    if (localClients.has(field.id.client)) return true;
  }
  return false;
}

/**
 * The records `touched` names that are deleted in the Y.Doc now and that this
 * device had written (`table:id`). Asked right after the transaction that
 * deleted them: the deleted fields are garbage-collected when it ends, and
 * with them who wrote them.
 */
export function deletedWrittenHere(ydoc: Y.Doc, touched: Touched, localClients: ReadonlySet<number>): Set<string> {
  const found = new Set<string>();
  for (const t of ENTITY_TABLES) {
    if (!touched[t].size) continue;
    const ytable = entityTable(ydoc, t);
    for (const id of touched[t]) if (ytable.get(id) === undefined && writtenHere(ytable, id, localClients)) found.add(`${t}:${id}`);
  }
  return found;
}

/**
 * Turns what changed in the Y.Doc (the ids in `touched`) into a Change against
 * the local map `doc`: each record through the rule book's schema check, then
 * the merged map through its repair. Never throws on hostile input.
 */
export function changeFromYDoc(
  ydoc: Y.Doc,
  doc: MapDoc,
  touched: Touched,
  options: {
    localClients?: ReadonlySet<number>;
    /** Deleted records this device wrote, found when they were deleted (deletedWrittenHere). */
    writtenHere?: ReadonlySet<string>;
  } = {},
): RemoteResult {
  const localClients = options.localClients ?? new Set([ydoc.clientID]);
  const mapId = doc.map.id;
  const rejected: Problem[] = [];
  const deletedWhileEdited: RemoteRecord[] = [];
  const candidate = emptyChange(mapId);

  if (touched.map) {
    const raw = ydoc.getMap('map').toJSON();
    if (Object.keys(raw).length > 0) {
      const parsed = parseMapMeta(raw, mapId);
      if (!parsed.ok) rejected.push(parsed.problem);
      else if (!jsonEqual(parsed.meta, doc.map)) candidate.map = parsed.meta;
    }
  }

  const deletes: { [T in EntityTable]: string[] } = { sources: [], quotes: [], claims: [], links: [], comments: [] };
  for (const t of ENTITY_TABLES) {
    const ytable = entityTable(ydoc, t);
    const local = doc[t] as Readonly<Record<string, EntityRecord>>;
    const puts: EntityRecord[] = [];
    for (const id of touched[t]) {
      const value = ytable.get(id);
      if (value === undefined) {
        const mine = local[id];
        if (mine) {
          deletes[t].push(id);
          if (options.writtenHere?.has(`${t}:${id}`) || writtenHere(ytable, id, localClients)) deletedWhileEdited.push({ table: t, record: mine });
        }
        continue;
      }
      const raw = value instanceof Y.AbstractType ? value.toJSON() : value;
      const parsed = parseRecord(t, id, raw);
      if (!parsed.ok) {
        rejected.push(parsed.problem);
        continue;
      }
      if (!jsonEqual(parsed.record, local[id])) puts.push(parsed.record);
    }
    if (puts.length) (candidate.put as Record<EntityTable, EntityRecord[]>)[t] = puts;
  }
  const layoutPuts: Record<string, Position> = {};
  const layoutDeletes: string[] = [];
  const ylayout = ydoc.getMap<unknown>('layout');
  for (const id of touched.layout) {
    const value = ylayout.get(id);
    if (value === undefined) {
      if (id in doc.layout) layoutDeletes.push(id);
      continue;
    }
    const parsed = PositionSchema.safeParse(value);
    if (!parsed.success || !Number.isFinite(parsed.data.x) || !Number.isFinite(parsed.data.y)) {
      rejected.push({ path: `layout[${id.slice(0, 200)}]`, message: 'is not a position' });
      continue;
    }
    if (!jsonEqual(parsed.data, doc.layout[id])) layoutPuts[id] = parsed.data;
  }
  if (Object.keys(layoutPuts).length) candidate.put.layout = layoutPuts;
  if (layoutDeletes.length) candidate.delete.layout = layoutDeletes;

  // Puts first, then the deletes with their cascade over the result: a link
  // created concurrently with the deletion of its claim goes with the claim,
  // exactly as if it had existed when the claim was deleted locally.
  const withPuts = applyChange(doc, candidate);
  const cascade = deletionChange(withPuts, deletes);
  let next = applyChange(withPuts, cascade);

  // What the merge broke, the rule book repairs: the same way on every
  // client, from the merged map alone, so the peers converge.
  const scope: RepairScope = { layout: touched.layout };
  for (const t of ENTITY_TABLES) scope[t] = [...touched[t], ...(cascade.delete[t] ?? [])];
  const fix = repairDoc(next, scope);
  next = applyChange(next, fix.change);
  const fixIds = (t: EntityTable | 'layout'): string[] =>
    t === 'layout'
      ? [...Object.keys(fix.change.put.layout ?? {}), ...(fix.change.delete.layout ?? [])]
      : [...(fix.change.put[t] ?? []).map((r) => r.id), ...(fix.change.delete[t] ?? [])];

  // The Change is the difference between the local map and the validated result.
  const change = emptyChange(mapId);
  if (candidate.map) change.map = candidate.map;
  for (const t of ENTITY_TABLES) {
    const before = doc[t] as Readonly<Record<string, EntityRecord>>;
    const after = next[t] as Readonly<Record<string, EntityRecord>>;
    if (before === after) continue;
    const ids = new Set<string>([...touched[t], ...(cascade.delete[t] ?? []), ...fixIds(t)]);
    const puts: EntityRecord[] = [];
    const dels: string[] = [];
    for (const id of ids) {
      const a = before[id];
      const b = after[id];
      if (b && !jsonEqual(a, b)) puts.push(b);
      else if (!b && a) dels.push(id);
    }
    if (puts.length) (change.put as Record<EntityTable, EntityRecord[]>)[t] = puts;
    if (dels.length) change.delete[t] = dels;
  }
  if (next.layout !== doc.layout) {
    const ids = new Set<string>([...touched.layout, ...(cascade.delete.layout ?? []), ...fixIds('layout')]);
    const puts: Record<string, Position> = {};
    const dels: string[] = [];
    for (const id of ids) {
      const a = doc.layout[id];
      const b = next.layout[id];
      if (b && !jsonEqual(a, b)) puts[id] = b;
      else if (!b && a) dels.push(id);
    }
    if (Object.keys(puts).length) change.put.layout = puts;
    if (dels.length) change.delete.layout = dels;
  }

  // What the Y.Doc still holds but this client removed or repaired for consistency.
  const repair = emptyChange(mapId);
  const stillInY = (t: EntityTable | 'layout', ids: Iterable<string>) =>
    [...new Set(ids)].filter((id) => ydoc.getMap(t).has(id));
  for (const t of ENTITY_TABLES) {
    const inY = stillInY(t, [...(cascade.delete[t] ?? []), ...(fix.change.delete[t] ?? [])]);
    if (inY.length) repair.delete[t] = inY;
    const ytable = entityTable(ydoc, t);
    const puts = (fix.change.put[t] ?? []).filter((r: EntityRecord) => {
      const y = ytable.get(r.id);
      return !(y instanceof Y.Map && jsonEqual(y.toJSON(), r));
    });
    if (puts.length) (repair.put as Record<EntityTable, EntityRecord[]>)[t] = puts;
  }
  const layoutRepair = stillInY('layout', [...(cascade.delete.layout ?? []), ...(fix.change.delete.layout ?? [])]);
  if (layoutRepair.length) repair.delete.layout = layoutRepair;

  return { change, repair, rejected, repaired: fix.repaired, deletedWhileEdited, doc: next };
}

/** {@link changeFromYDoc} for the records one Yjs transaction changed. */
export function changeFromTransaction(
  ydoc: Y.Doc,
  transaction: Y.Transaction,
  doc: MapDoc,
  options: { localClients?: ReadonlySet<number> } = {},
): RemoteResult {
  return changeFromTouched(ydoc, touchedByTransaction(ydoc, transaction), doc, options);
}

/** The Change for the records `touched` names (by one transaction or several). */
export function changeFromTouched(
  ydoc: Y.Doc,
  touched: Touched,
  doc: MapDoc,
  options: { localClients?: ReadonlySet<number>; writtenHere?: ReadonlySet<string> } = {},
): RemoteResult {
  return changeFromYDoc(ydoc, doc, touched.all ? touchedAll(ydoc, doc) : touched, options);
}

/** Adds what `more` touched to `into`. */
export function addTouched(into: Touched, more: Touched): void {
  into.map ||= more.map;
  if (more.all) into.all = true;
  for (const t of [...ENTITY_TABLES, 'layout'] as const) for (const id of more[t]) into[t].add(id);
}

/**
 * The Change that brings the local map to the validated content of the whole
 * Y.Doc: for the first sync after opening a shared map, or to check convergence.
 */
export function diffYDocToChange(
  ydoc: Y.Doc,
  doc: MapDoc,
  options: { localClients?: ReadonlySet<number>; writtenHere?: ReadonlySet<string> } = {},
): RemoteResult {
  return changeFromYDoc(ydoc, doc, touchedAll(ydoc, doc), options);
}

/** The map's own record as the Y.Doc holds it, if valid: what a client that joins by link starts from. */
export function mapMetaOfYDoc(ydoc: Y.Doc): MapDoc['map'] | null {
  const parsed = MapMetaSchema.safeParse(ydoc.getMap('map').toJSON());
  return parsed.success ? parsed.data : null;
}

/**
 * The server's check of incoming updates, before they are applied: each update
 * is tried on a shadow copy of the document and every record it touches must
 * pass the rule book's record check; references must resolve (or name a record
 * that was deleted: that is a concurrent edit, which clients repair); the map's
 * id never changes. What only a merge breaks passes (see problemsOfUpdate).
 *
 * The shadow keeps pace with the document (every accepted update goes to both),
 * so a check costs the size of the update, not of the map; after a refused
 * update it is rebuilt from the document. It keeps tombstones (no GC) to tell
 * "deleted meanwhile" from "never existed".
 */
export class UpdateValidator {
  private shadow: Y.Doc | null = null;

  constructor(private readonly document: Y.Doc) {}

  private fresh(): Y.Doc {
    const shadow = new Y.Doc({ gc: false });
    defineRoots(shadow);
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(this.document));
    return shadow;
  }

  /**
   * Problems of `update`; empty means it may be applied (and the shadow now
   * includes it). `reviewer`: it comes from a review link, and anything
   * beyond comments is a problem too (see {@link reviewScopeOfTransaction}).
   */
  check(update: Uint8Array, options: { reviewer?: boolean } = {}): Problem[] {
    const shadow = (this.shadow ??= this.fresh());
    if (options.reviewer) {
      // Read before anything is applied: a refusal here leaves the copy as it
      // is, so a review link that keeps sending edits costs no rebuild each.
      const outOfScope = reviewScopeOfUpdate(shadow, update);
      if (outOfScope.length) return outOfScope;
    }
    const problems = problemsOfUpdate(shadow, update, options);
    if (problems.length) {
      shadow.destroy();
      this.shadow = null;
    }
    return problems;
  }

  destroy(): void {
    this.shadow?.destroy();
    this.shadow = null;
  }
}

/**
 * Applies `update` to `trial` (changing it) and returns the problems of what
 * it touched that no honest peer can cause, by the rule book: a record that
 * fails the schema or is stored under another key, a link aimed at itself, a
 * reference to a record that never existed in this document, a changed map
 * id, a layout entry that is not a position. What a merge of honest edits
 * can break (a quote's words or range after a source edit, a group whose
 * members disagree, a cycle, a duplicate pair, a reference to a record
 * deleted meanwhile) passes: every client repairs it the same way.
 */
export function problemsOfUpdate(trial: Y.Doc, update: Uint8Array, options: { reviewer?: boolean } = {}): Problem[] {
  defineRoots(trial);
  const mapIdBefore = trial.getMap('map').get('id');
  const touched = emptyTouched();
  const outOfScope: Problem[] = [];
  const pendingBefore = [trial.store.pendingStructs?.update ?? null, trial.store.pendingDs];
  const onTransaction = (tr: Y.Transaction) => {
    if (options.reviewer) outOfScope.push(...reviewScopeOfTransaction(trial, tr));
    const t = touchedByTransaction(trial, tr);
    for (const k of ['sources', 'quotes', 'claims', 'links', 'comments', 'layout'] as const) for (const id of t[k]) touched[k].add(id);
    touched.map ||= t.map;
    touched.all ||= t.all;
  };
  trial.on('afterTransaction', onTransaction);
  try {
    Y.applyUpdate(trial, update);
  } catch {
    return [{ path: '(update)', message: 'cannot be decoded' }];
  } finally {
    trial.off('afterTransaction', onTransaction);
  }
  if (options.reviewer) {
    // Structs waiting for others the server lacks would be integrated later,
    // inside someone else's accepted update, unchecked: a reviewer's update
    // must stand on what the server has.
    const pendingAfter = [trial.store.pendingStructs?.update ?? null, trial.store.pendingDs];
    if (pendingAfter.some((p, i) => p !== null && p !== pendingBefore[i])) outOfScope.push({ path: '(update)', message: 'depends on changes the server does not have' });
    if (outOfScope.length) return outOfScope.slice(0, 20);
  }
  if (touched.all) {
    for (const k of ['sources', 'quotes', 'claims', 'links', 'comments', 'layout'] as const) for (const id of trial.getMap(k).keys()) touched[k].add(id);
    touched.map = true;
  }
  const problems: Problem[] = [];
  if (touched.map) {
    const parsed = parseMapMeta(trial.getMap('map').toJSON(), typeof mapIdBefore === 'string' ? mapIdBefore : undefined);
    if (!parsed.ok) problems.push(parsed.problem.path === 'map.id' ? { path: 'map.id', message: 'cannot change' } : parsed.problem);
  }
  const present = (t: EntityTable, id: string) => {
    const table = entityTable(trial, t);
    return table.has(id) || wasInYDoc(table, id);
  };
  for (const t of ENTITY_TABLES) {
    const table = entityTable(trial, t);
    for (const id of touched[t]) {
      const value = table.get(id);
      if (value === undefined) continue;
      const parsed = parseRecord(t, id, value instanceof Y.AbstractType ? value.toJSON() : value);
      if (!parsed.ok) {
        problems.push(parsed.problem);
        continue;
      }
      const r = parsed.record;
      const path = `${t}[${shownId(id)}]`;
      if ('sourceId' in r && !present('sources', r.sourceId)) problems.push({ path: `${path}.sourceId`, message: 'names no source' });
      if ('from' in r) {
        for (const end of [r.from, r.to]) {
          const table = isClaimId(end) ? 'claims' : isLinkId(end) ? 'links' : 'quotes';
          if (!present(table, end)) problems.push({ path, message: `names no claim, quote or link ("${shownId(end)}")` });
        }
      }
      if ('on' in r) {
        // A comment is on the map itself or on a record that exists or existed here.
        const table = isClaimId(r.on) ? 'claims' : isLinkId(r.on) ? 'links' : isQuoteId(r.on) ? 'quotes' : isSourceId(r.on) ? 'sources' : null;
        const onMap = table === null && r.on === trial.getMap('map').get('id');
        if (table === null ? !onMap : !present(table, r.on)) problems.push({ path: `${path}.on`, message: `names nothing of this map ("${shownId(r.on)}")` });
        if (r.replyTo !== undefined && !present('comments', r.replyTo)) problems.push({ path: `${path}.replyTo`, message: `names no comment ("${shownId(r.replyTo)}")` });
      }
    }
  }
  const layout = trial.getMap<unknown>('layout');
  for (const id of touched.layout) {
    const value = layout.get(id);
    if (value !== undefined && !isPosition(value)) problems.push({ path: `layout[${shownId(id)}]`, message: 'is not a position' });
  }
  return problems;
}

/**
 * What one transaction on the server's copy did beyond a review link's scope
 * (domain/reviewScope.ts): read from the structs themselves, not from what
 * changed visibly, so an insertion into a deleted record or a write to a
 * root no table reads is caught too.
 *
 * Allowed: new items under the `comments` root (a new comment record and its
 * fields); on an existing comment, new or deleted items of the fields in
 * REVIEW_COMMENT_FIELDS (resolve, reopen); deleting items this same update
 * inserted (a field written twice offline). Everything else is a problem:
 * any item elsewhere, replacing or deleting an existing comment, rewording
 * one. GC structs carry no content (a sender's collected deletions) and pass.
 */
export function reviewScopeOfTransaction(ydoc: Y.Doc, tr: Y.Transaction): Problem[] {
  const comments = ydoc.getMap('comments');
  const isNew = (id: Y.ID) => id.clock >= (tr.beforeState.get(id.client) ?? 0);
  /** The record (direct child of `comments`) an item belongs to; null outside `comments`. */
  const recordOf = (item: Y.Item): Y.Item | null => {
    let it = item;
    for (;;) {
      const parent: unknown = it.parent;
      if (!(parent instanceof Y.AbstractType)) return null;
      if (parent === comments) return it;
      if (parent._item === null) return null; // another root
      it = parent._item;
    }
  };
  /** A field of an existing comment a reviewer may write: directly in the record's own map. */
  const reviewField = (item: Y.Item, record: Y.Item) =>
    record.content instanceof Y.ContentType && item.parent === record.content.type && item.parentSub !== null && REVIEW_COMMENT_FIELDS.has(item.parentSub);
  const problems: Problem[] = [];
  const where = (record: Y.Item | null) => (record?.parentSub ? `comments[${shownId(record.parentSub)}]` : '(update)');
  for (const [client, after] of tr.afterState) {
    const from = tr.beforeState.get(client) ?? 0;
    if (after <= from) continue;
    const structs = ydoc.store.clients.get(client) ?? [];
    for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
      const s = structs[i];
      if (!(s instanceof Y.Item)) continue;
      const record = recordOf(s);
      if (!record) {
        problems.push({ path: '(update)', message: 'a review link can only add, resolve or reopen comments' });
        return problems;
      }
      if (record === s || isNew(record.id)) continue;
      if (!reviewField(s, record)) problems.push({ path: where(record), message: 'a review link can only resolve or reopen an existing comment' });
    }
  }
  Y.iterateDeletedStructs(tr, tr.deleteSet, (s) => {
    if (!(s instanceof Y.Item) || isNew(s.id)) return;
    const record = recordOf(s);
    if (!record || record === s || !reviewField(s, record)) problems.push({ path: where(record), message: 'a review link cannot delete or reword anything' });
  });
  return problems;
}

type Struct = Y.Item | Y.GC | Y.Skip;
/** Where a struct of an update would go, relative to the server's copy. */
type Place =
  | { kind: 'gc' } // into garbage: carries no content
  | { kind: 'missing' } // waits for structs the server lacks
  | { kind: 'root'; name: string; sub: string | null }
  | { kind: 'in'; type: Y.AbstractType<unknown>; sub: string | null }
  | { kind: 'inNew'; parent: Y.Item; sub: string | null };

/**
 * The review scope (as {@link reviewScopeOfTransaction}) judged on the
 * update's structs as decoded, against the server's copy `shadow`, which it
 * never changes. It refuses what reaches beyond comments (an item anywhere
 * else, a field of an existing comment but its resolution, a new record under
 * the key of a live one, a deletion of anything but a resolution or what the
 * update itself inserts) and what depends on structs the server lacks; it
 * passes the rest to the check that applies the update.
 */
export function reviewScopeOfUpdate(shadow: Y.Doc, update: Uint8Array): Problem[] {
  let decoded: { structs: Struct[]; ds: { clients: Map<number, Array<{ clock: number; len: number }>> } };
  try {
    decoded = Y.decodeUpdate(update) as typeof decoded;
  } catch {
    return [{ path: '(update)', message: 'cannot be decoded' }];
  }
  const store = shadow.store;
  const comments = shadow.getMap<unknown>('comments');
  const OUTSIDE: Problem = { path: '(update)', message: 'a review link can only add, resolve or reopen comments' };
  const PENDING: Problem = { path: '(update)', message: 'depends on changes the server does not have' };

  const byClient = new Map<number, Struct[]>();
  for (const st of decoded.structs) {
    const list = byClient.get(st.id.client) ?? [];
    list.push(st);
    byClient.set(st.id.client, list);
  }
  // A gap between what the server has of a client and where the update starts leaves it pending.
  for (const [client, list] of byClient) {
    if (list[0]!.id.clock > Y.getState(store, client)) return [PENDING];
  }
  /** The struct holding `id`: in the server's copy, in the update, or nowhere. */
  const lookup = (id: Y.ID): { from: 'shadow' | 'update'; struct: Struct } | null => {
    if (id.clock < Y.getState(store, id.client)) {
      const structs = store.clients.get(id.client)!;
      return { from: 'shadow', struct: structs[Y.findIndexSS(structs, id.clock)]! };
    }
    const st = byClient.get(id.client)?.find((x) => x.id.clock <= id.clock && id.clock < x.id.clock + x.length);
    return st && !(st instanceof Y.Skip) ? { from: 'update', struct: st } : null;
  };
  const placeOf = (item: Y.Item, depth = 0): Place => {
    if (depth > 10_000) return { kind: 'missing' };
    const parent: unknown = item.parent;
    if (typeof parent === 'string') return { kind: 'root', name: parent, sub: item.parentSub };
    if (parent instanceof Y.ID) {
      const p = lookup(parent);
      if (!p) return { kind: 'missing' };
      if (!(p.struct instanceof Y.Item)) return { kind: 'gc' };
      if (p.from === 'update') return { kind: 'inNew', parent: p.struct, sub: item.parentSub };
      return p.struct.content instanceof Y.ContentType ? { kind: 'in', type: p.struct.content.type, sub: item.parentSub } : { kind: 'gc' };
    }
    // No parent written: it goes where its neighbour is.
    const ref = item.origin ?? item.rightOrigin;
    if (!ref) return { kind: 'missing' };
    const n = lookup(ref);
    if (!n) return { kind: 'missing' };
    if (!(n.struct instanceof Y.Item)) return { kind: 'gc' };
    if (n.from === 'update') return placeOf(n.struct, depth + 1);
    const np: unknown = n.struct.parent;
    return np instanceof Y.AbstractType ? { kind: 'in', type: np, sub: n.struct.parentSub } : { kind: 'gc' };
  };
  const live = (key: string | null) => {
    const item = key === null ? undefined : comments._map.get(key);
    return item !== undefined && !item.deleted;
  };
  /** The comment record (a child of `comments` in the copy) a type belongs to, or null. */
  const recordOfType = (type: Y.AbstractType<unknown>): Y.Item | null => {
    let item = type._item;
    while (item) {
      const parent: unknown = item.parent;
      if (parent === comments) return item;
      if (!(parent instanceof Y.AbstractType)) return null;
      item = parent._item;
    }
    return null;
  };
  const isReviewField = (type: Y.AbstractType<unknown>, sub: string | null) => {
    const record = recordOfType(type);
    return record !== null && record.content instanceof Y.ContentType && record.content.type === type && sub !== null && REVIEW_COMMENT_FIELDS.has(sub);
  };
  const judged = new Map<Y.Item, Problem | null>();
  const judge = (item: Y.Item, depth = 0): Problem | null => {
    const known = judged.get(item);
    if (known !== undefined) return known;
    const place = placeOf(item);
    let verdict: Problem | null;
    switch (place.kind) {
      case 'gc':
        verdict = null;
        break;
      case 'missing':
        verdict = PENDING;
        break;
      case 'root':
        verdict = place.name === 'comments' && place.sub !== null && !live(place.sub) ? null : OUTSIDE;
        break;
      case 'in':
        if (place.type === comments) verdict = place.sub !== null && !live(place.sub) ? null : OUTSIDE;
        // A resolution is a plain value, never a type to fill.
        else verdict = isReviewField(place.type, place.sub) && !(item.content instanceof Y.ContentType) ? null : OUTSIDE;
        break;
      case 'inNew':
        // Inside something this update creates: as good as that is.
        verdict = depth > 10_000 ? PENDING : judge(place.parent, depth + 1);
        break;
    }
    judged.set(item, verdict);
    return verdict;
  };
  for (const st of decoded.structs) {
    // Known already (a resend): applying it again changes nothing.
    if (!(st instanceof Y.Item) || st.id.clock + st.length <= Y.getState(store, st.id.client)) continue;
    const problem = judge(st);
    if (problem) return [problem];
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const state = Y.getState(store, client);
    const own = byClient.get(client) ?? [];
    const ownEnd = own.length ? own[own.length - 1]!.id.clock + own[own.length - 1]!.length : state;
    for (const { clock, len } of ranges) {
      // What the update itself inserts may go again; what nobody has would wait.
      if (clock + len > Math.max(state, ownEnd)) return [PENDING];
      if (clock >= state) continue;
      const structs = store.clients.get(client)!;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < Math.min(clock + len, state); i++) {
        const st = structs[i]!;
        if (!(st instanceof Y.Item) || st.deleted) continue;
        const parent: unknown = st.parent;
        if (!(parent instanceof Y.AbstractType) || !isReviewField(parent, st.parentSub)) return [{ path: '(update)', message: 'a review link cannot delete or reword anything' }];
      }
    }
  }
  return [];
}
