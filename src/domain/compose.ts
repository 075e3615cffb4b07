/**
 * Changes combined and compared: the store merges a burst of edits into one
 * pending write (`composeChanges`), drops only the undo steps a remote edit
 * touched (`touchedKeys`), and finds what a reload changed (`changeBetween`).
 */
import { ENTITY_TABLES, emptyChange, type Change, type MapDoc } from './change';
import { isQuoteId, type Position } from './schema';

type Row = { id: string };

/**
 * One Change with the effect of `a` then `b`:
 * `applyChange(applyChange(doc, a), b)` equals `applyChange(doc, composeChanges(a, b))`.
 */
export function composeChanges(a: Change, b: Change): Change {
  const out = emptyChange(b.mapId);
  const map = b.map ?? a.map;
  if (map) out.map = map;
  for (const t of ENTITY_TABLES) {
    const puts = new Map<string, Row>();
    const dels = new Set<string>();
    for (const id of a.delete[t] ?? []) dels.add(id);
    for (const r of a.put[t] ?? []) puts.set(r.id, r);
    // b's deletes remove what a put; b's puts win over everything before.
    for (const id of b.delete[t] ?? []) {
      puts.delete(id);
      dels.add(id);
    }
    for (const r of b.put[t] ?? []) puts.set(r.id, r);
    if (puts.size) (out.put as Record<string, Row[]>)[t] = [...puts.values()];
    if (dels.size) out.delete[t] = [...dels];
  }
  const layout: Record<string, Position> = { ...(a.put.layout ?? {}) };
  const layoutDel = new Set(a.delete.layout ?? []);
  for (const id of b.delete.layout ?? []) {
    delete layout[id];
    layoutDel.add(id);
  }
  Object.assign(layout, b.put.layout ?? {});
  if (Object.keys(layout).length) out.put.layout = layout;
  if (layoutDel.size) out.delete.layout = [...layoutDel];
  return out;
}

/**
 * The records a Change writes or deletes, and the records its puts point at
 * (a link's ends, a quote's source), as `table:id` keys. Two Changes whose
 * keys do not meet can be undone in either order.
 */
export function touchedKeys(change: Change): Set<string> {
  const keys = new Set<string>();
  if (change.map) keys.add('map');
  for (const t of ENTITY_TABLES) {
    for (const id of change.delete[t] ?? []) keys.add(`${t}:${id}`);
    for (const r of change.put[t] ?? []) keys.add(`${t}:${r.id}`);
  }
  for (const q of change.put.quotes ?? []) keys.add(`sources:${q.sourceId}`);
  for (const l of change.put.links ?? []) {
    keys.add(`${isQuoteId(l.from) ? 'quotes' : 'claims'}:${l.from}`);
    keys.add(`claims:${l.to}`);
  }
  for (const id of change.delete.layout ?? []) keys.add(`layout:${id}`);
  for (const id of Object.keys(change.put.layout ?? {})) keys.add(`layout:${id}`);
  return keys;
}

/**
 * The Change that turns `a` into `b`, record by record (by value, not by
 * identity: `b` may be freshly read from storage). Linear in the map's size;
 * for the rare reload, not for every keystroke.
 */
export function changeBetween(a: MapDoc, b: MapDoc): Change {
  const out = emptyChange(b.map.id);
  const same = (x: unknown, y: unknown) => x === y || JSON.stringify(x) === JSON.stringify(y);
  if (!same(a.map, b.map)) out.map = b.map;
  for (const t of ENTITY_TABLES) {
    const before = a[t] as Readonly<Record<string, Row>>;
    const after = b[t] as Readonly<Record<string, Row>>;
    const put = Object.values(after).filter((r) => !same(before[r.id], r));
    const del = Object.keys(before).filter((id) => !(id in after));
    if (put.length) (out.put as Record<string, Row[]>)[t] = put;
    if (del.length) out.delete[t] = del;
  }
  const layout: Record<string, Position> = {};
  for (const [id, p] of Object.entries(b.layout)) if (!same(a.layout[id], p)) layout[id] = p;
  const layoutDel = Object.keys(a.layout).filter((id) => !(id in b.layout));
  if (Object.keys(layout).length) out.put.layout = layout;
  if (layoutDel.length) out.delete.layout = layoutDel;
  return out;
}
