/**
 * What a map opened by a review link may change: comments, and only so far.
 *
 * A reviewer may add comments (a thread's first comment or a reply) and
 * resolve or reopen a thread. Nothing else: no claim, quote, link, source,
 * layout or map field, no deletion of anything (not even a comment: undoing
 * one's own comment is a deletion, and the server cannot tell whose comment
 * it is, since authors' names are whatever a client says), and no change to
 * an existing comment but its `resolvedAt`.
 *
 * The client's read-only guard (store/mapStore.ts) uses this on Changes; the
 * server enforces the same scope on Yjs updates (share/yMap.ts,
 * `reviewScopeProblems`), with {@link REVIEW_COMMENT_FIELDS} as the one list
 * of fields both allow on an existing comment.
 */
import { ENTITY_TABLES, emptyChange, type Change, type MapDoc } from './change';
import type { Problem } from './integrity';
import type { Comment } from './schema';

/** The fields of an existing comment a reviewer may set or clear (resolve / reopen). */
export const REVIEW_COMMENT_FIELDS: ReadonlySet<string> = new Set(['resolvedAt']);

const shown = (id: string) => (id.length > 40 ? `${id.slice(0, 40)}…` : id);

/** The fields whose values differ between two comments (a field left out counts as absent). */
function changedFields(a: Comment, b: Comment): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const ar = a as Readonly<Record<string, unknown>>;
  const br = b as Readonly<Record<string, unknown>>;
  return [...keys].filter((k) => JSON.stringify(ar[k]) !== JSON.stringify(br[k]));
}

/** Is putting `next` (against the comment of the same id in `before`, if any) within a reviewer's scope? */
function commentPutAllowed(before: MapDoc, next: Comment): boolean {
  const old = before.comments[next.id];
  return !old || changedFields(old, next).every((f) => REVIEW_COMMENT_FIELDS.has(f));
}

/** Why `change` is outside a review link's scope; empty when a reviewer may make it. */
export function reviewScopeProblems(before: MapDoc, change: Change): Problem[] {
  const problems: Problem[] = [];
  if (change.map) problems.push({ path: 'map', message: 'a review link cannot change the map' });
  for (const t of ENTITY_TABLES) {
    if (t !== 'comments' && change.put[t]?.length) problems.push({ path: t, message: `a review link cannot change ${t}` });
    if (change.delete[t]?.length) problems.push({ path: t, message: `a review link cannot delete ${t}` });
  }
  if (Object.keys(change.put.layout ?? {}).length || change.delete.layout?.length) problems.push({ path: 'layout', message: 'a review link cannot move nodes' });
  for (const c of change.put.comments ?? []) {
    if (!commentPutAllowed(before, c)) problems.push({ path: `comments[${shown(c.id)}]`, message: 'a review link can only resolve or reopen an existing comment' });
  }
  return problems;
}

/** The part of `change` a reviewer may make (new comments, resolving, reopening); the rest is left out. */
export function reviewPart(before: MapDoc, change: Change): Change {
  const part = emptyChange(change.mapId);
  const comments = (change.put.comments ?? []).filter((c) => commentPutAllowed(before, c));
  if (comments.length) part.put.comments = comments;
  return part;
}
