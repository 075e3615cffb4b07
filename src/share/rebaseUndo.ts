/**
 * Undo in a shared map: the inverse of a local step, recorded before others
 * edited the same records, would put back their fields too. Rebased onto the
 * current map it reverts only what this user's step changed.
 */
import { ENTITY_TABLES, deletionChange, emptyChange, type Change, type EntityTable, type MapDoc } from '../domain/change';
import { isClaimId, type Position } from '../domain/schema';
import { jsonEqual, type EntityRecord } from './yMap';

type Rec = Record<string, unknown>;

/** `current` with the fields `step` changed (from `before` to `after`) set back to `before`. */
function revertFields<T extends Rec>(current: T, before: T, after: T | undefined): T {
  if (!after) return before; // the step deleted it: restore it whole
  const out: Rec = { ...current };
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (jsonEqual(before[key], after[key])) continue;
    if (before[key] === undefined) delete out[key];
    else out[key] = before[key];
  }
  return out as T;
}

/**
 * The undo Change of `step` rebased onto `doc` (the map now).
 * `inverse` is `invertChange(docBefore, step)` as the history recorded it.
 * - A record the step edited: only the fields it changed go back; others' later edits stay.
 * - A record deleted by someone else since: stays deleted (the deletion won).
 * - A record the step created: deleted, with the same cascade as any delete
 *   (links others attached to it go too).
 * - A record the step deleted: restored, unless it would point at something gone.
 */
export function rebaseUndo(step: Change, inverse: Change, doc: MapDoc): Change {
  const out = emptyChange(inverse.mapId);
  if (inverse.map) out.map = revertFields(doc.map as Rec, inverse.map as Rec, (step.map as Rec | undefined) ?? (doc.map as Rec)) as MapDoc['map'];
  const deletions: { [T in EntityTable]?: string[] } = {};
  for (const t of ENTITY_TABLES) {
    const current = doc[t] as Readonly<Record<string, EntityRecord>>;
    const stepPuts = new Map((step.put[t] ?? []).map((r) => [r.id, r as EntityRecord]));
    const stepDeletes = new Set(step.delete[t] ?? []);
    const puts: EntityRecord[] = [];
    for (const before of (inverse.put[t] ?? []) as EntityRecord[]) {
      const now = current[before.id];
      if (stepDeletes.has(before.id) && !stepPuts.has(before.id)) {
        puts.push(now ? (revertFields(now as Rec, before as Rec, undefined) as EntityRecord) : before);
      } else if (now) {
        const next = revertFields(now as Rec, before as Rec, stepPuts.get(before.id) as Rec | undefined) as EntityRecord;
        if (!jsonEqual(next, now)) puts.push(next);
      }
      // else: deleted by someone else meanwhile; their deletion wins.
    }
    if (puts.length) (out.put as Record<EntityTable, EntityRecord[]>)[t] = puts;
    const dels = (inverse.delete[t] ?? []).filter((id) => id in current);
    if (dels.length) deletions[t] = dels;
  }
  // Restored quotes and links must still have their source and ends.
  const sourceExists = (id: string) => id in doc.sources || (out.put.sources ?? []).some((s) => s.id === id);
  if (out.put.quotes) out.put.quotes = out.put.quotes.filter((q) => sourceExists(q.sourceId));
  const nodeExists = (id: string) =>
    isClaimId(id)
      ? id in doc.claims || (out.put.claims ?? []).some((c) => c.id === id)
      : id in doc.quotes || (out.put.quotes ?? []).some((q) => q.id === id);
  if (out.put.links) out.put.links = out.put.links.filter((l) => nodeExists(l.from) && nodeExists(l.to) && !(deletions.claims ?? []).includes(l.to));
  const cascade = deletionChange(doc, deletions);
  out.delete = cascade.delete;
  const layout: Record<string, Position> = {};
  for (const [id, p] of Object.entries(inverse.put.layout ?? {})) if (nodeExists(id)) layout[id] = p;
  if (Object.keys(layout).length) out.put.layout = layout;
  const layoutDeletes = [...(out.delete.layout ?? []), ...(inverse.delete.layout ?? []).filter((id) => id in doc.layout)];
  if (layoutDeletes.length) out.delete.layout = [...new Set(layoutDeletes)];
  return out;
}
