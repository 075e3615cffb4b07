/**
 * Review threads (format version 3): the edits that add, answer, resolve and
 * reopen them, and the reading of a map's comments as threads. A thread is a
 * comment with no `replyTo` (its first comment, which carries the verdict and
 * the resolved state) and the replies to it, one level deep.
 *
 * Plain TypeScript: no React, Dexie or DOM.
 */
import { emptyChange, type Change, type MapDoc } from './change';
import { newCommentId } from './ids';
import { MAX_AUTHOR, MAX_COMMENT, isClaimId, isLinkId, isQuoteId, isSourceId, type Comment, type Verdict } from './schema';

export type Thread = {
  readonly root: Comment;
  /** Oldest first. */
  readonly replies: readonly Comment[];
  readonly open: boolean;
};

export type ThreadFilter = 'open' | 'resolved' | 'all';

/** What a comment can be on, by the kind of its id. */
export type CommentTargetKind = 'map' | 'claim' | 'quote' | 'link' | 'source';

export function targetKind(id: string): CommentTargetKind {
  if (isClaimId(id)) return 'claim';
  if (isQuoteId(id)) return 'quote';
  if (isLinkId(id)) return 'link';
  if (isSourceId(id)) return 'source';
  return 'map';
}

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  sound: 'Sound',
  disputed: 'Disputed',
  needsEvidence: 'Needs evidence',
};

const byTime = (a: Comment, b: Comment) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1);

/**
 * Every thread of the map, oldest first; `on` narrows to one target. A reply
 * whose thread is missing (never in a checked map) is shown as a thread of
 * its own rather than lost.
 */
export function threadsOf(doc: MapDoc, options: { on?: string; filter?: ThreadFilter } = {}): Thread[] {
  const roots: Comment[] = [];
  const replies = new Map<string, Comment[]>();
  for (const cm of Object.values(doc.comments)) {
    if (options.on !== undefined && cm.on !== options.on) continue;
    if (cm.replyTo !== undefined && cm.replyTo in doc.comments) {
      const list = replies.get(cm.replyTo);
      if (list) list.push(cm);
      else replies.set(cm.replyTo, [cm]);
    } else roots.push(cm);
  }
  const filter = options.filter ?? 'all';
  return roots
    .sort(byTime)
    .map((root) => ({ root, replies: (replies.get(root.id) ?? []).sort(byTime), open: root.resolvedAt === undefined }))
    .filter((t) => filter === 'all' || (filter === 'open') === t.open);
}

/** How many open threads each target has (only targets with at least one). */
export function openThreadCounts(doc: MapDoc): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (const cm of Object.values(doc.comments)) {
    if (cm.replyTo !== undefined || cm.resolvedAt !== undefined) continue;
    counts.set(cm.on, (counts.get(cm.on) ?? 0) + 1);
  }
  return counts;
}

/** Text as stored: trimmed, at most MAX_COMMENT; empty text is no comment. */
export function commentText(text: string): string {
  return text.trim().slice(0, MAX_COMMENT);
}

export function authorName(name: string | undefined): string {
  return (name ?? '').trim().slice(0, MAX_AUTHOR);
}

type NewComment = { on: string; author: string | undefined; text: string; verdict?: Verdict; now: string; id?: string };

/** The Change that starts a thread on `on` (a record of the map or the map itself). */
export function addCommentChange(doc: MapDoc, input: NewComment): Change {
  const comment: Comment = {
    id: input.id ?? newCommentId(),
    on: input.on,
    author: authorName(input.author),
    text: commentText(input.text),
    createdAt: input.now,
  };
  if (input.verdict) comment.verdict = input.verdict;
  return { ...emptyChange(doc.map.id), put: { comments: [comment] } };
}

/** The Change that answers a thread; a reply to a reply answers its thread (replies are one level deep). */
export function replyChange(doc: MapDoc, input: { to: string; author: string | undefined; text: string; now: string; id?: string }): Change {
  const to = doc.comments[input.to];
  if (!to) return emptyChange(doc.map.id);
  const root = to.replyTo !== undefined && to.replyTo in doc.comments ? doc.comments[to.replyTo]! : to;
  const reply: Comment = {
    id: input.id ?? newCommentId(),
    on: root.on,
    author: authorName(input.author),
    text: commentText(input.text),
    createdAt: input.now,
    replyTo: root.id,
  };
  return { ...emptyChange(doc.map.id), put: { comments: [reply] } };
}

/** Resolves (`resolved`: true) or reopens a thread; nothing when it already is so. */
export function resolveChange(doc: MapDoc, threadId: string, resolved: boolean, now: string): Change {
  const root = doc.comments[threadId];
  if (!root || (root.resolvedAt !== undefined) === resolved) return emptyChange(doc.map.id);
  const next: Comment = { ...root };
  if (resolved) next.resolvedAt = now;
  else delete next.resolvedAt;
  return { ...emptyChange(doc.map.id), put: { comments: [next] } };
}

/** A short name of what a comment is on, for lists and reports. */
export function targetLabel(doc: MapDoc, on: string, max = 80): string {
  const cut = (s: string) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
  switch (targetKind(on)) {
    case 'claim':
      return doc.claims[on] ? `claim “${cut(doc.claims[on].text || 'Untitled claim')}”` : 'a deleted claim';
    case 'quote':
      return doc.quotes[on] ? `quote “${cut(doc.quotes[on].exact)}”` : 'a deleted quote';
    case 'source':
      return doc.sources[on] ? `source “${cut(doc.sources[on].title || 'Untitled source')}”` : 'a deleted source';
    case 'link': {
      const l = doc.links[on];
      if (!l) return 'a deleted link';
      const end = (id: string) =>
        doc.claims[id]?.text ?? doc.quotes[id]?.exact ?? (doc.links[id] ? 'a link' : id);
      return `link “${cut(`${end(l.from)} ${l.relation} ${end(l.to)}`)}”`;
    }
    default:
      return 'the map';
  }
}
