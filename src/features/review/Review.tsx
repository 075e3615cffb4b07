/**
 * Review threads in the UI: the header's `Review` toggle, the `Review`
 * region listing threads, and the threads of one record (or of the map) in
 * its details. Every action is one store edit built in domain/comments.ts,
 * so comments are undone, synced and shared like any edit.
 */
import { useId, useState, type FormEvent } from 'react';
import type { MapDoc } from '../../domain/change';
import {
  VERDICT_LABELS,
  addCommentChange,
  commentText,
  replyChange,
  resolveChange,
  targetKind,
  targetLabel,
  threadsOf,
  type Thread,
  type ThreadFilter,
} from '../../domain/comments';
import { MAX_AUTHOR, MAX_COMMENT, VerdictSchema, type Comment, type Verdict } from '../../domain/schema';
import { mapStore, useMapStore } from '../../store/useMapStore';
import { useShareStore } from '../../share/useShareStore';
import { useReviewUi } from './reviewStore';
import './review.css';

/** The name comments are posted under: the shared map's `Your name`, else this browser's. */
function useAuthor(): string {
  const shared = useShareStore((s) => s.share?.name);
  const local = useReviewUi((s) => s.name);
  return shared ?? local;
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function ReviewButton() {
  const open = useReviewUi((s) => s.open);
  const toggle = useReviewUi((s) => s.toggle);
  const count = useMapStore((s) => (s.doc ? threadsOf(s.doc, { filter: 'open' }).length : 0));
  return (
    <button type="button" aria-pressed={open} onClick={toggle} title={open ? 'Hide the review threads' : 'Show the review threads'}>
      Review
      {count > 0 && (
        <span className="review-count" aria-hidden="true">
          {count}
        </span>
      )}
    </button>
  );
}

const FILTERS: ReadonlyArray<[ThreadFilter, string]> = [
  ['open', 'Open'],
  ['resolved', 'Resolved'],
  ['all', 'All'],
];

/** The `Review` region: every thread of the map, filtered; a click selects what it is on. */
export function ReviewRegion() {
  const open = useReviewUi((s) => s.open);
  const filter = useReviewUi((s) => s.filter);
  const doc = useMapStore((s) => s.doc);
  const shared = useShareStore((s) => s.share !== null);
  const name = useReviewUi((s) => s.name);
  const group = useId();
  if (!open || !doc) return null;
  const threads = threadsOf(doc, { filter });
  return (
    <aside aria-label="Review" className="review-region">
      <div className="review-head">
        <h2>Review</h2>
        <button type="button" onClick={() => useReviewUi.getState().toggle()}>
          Close
        </button>
      </div>
      {!shared && (
        <label className="review-name">
          Your name
          <input type="text" value={name} maxLength={MAX_AUTHOR} onChange={(e) => useReviewUi.getState().setName(e.target.value)} />
        </label>
      )}
      <fieldset className="review-filter">
        <legend>Show</legend>
        {FILTERS.map(([value, label]) => (
          <label key={value}>
            <input type="radio" name={group} checked={filter === value} onChange={() => useReviewUi.getState().setFilter(value)} />
            {label}
          </label>
        ))}
      </fieldset>
      {threads.length === 0 ? (
        <p className="hint">{filter === 'resolved' ? 'No resolved threads.' : filter === 'open' ? 'No open threads.' : 'No comments yet.'} Select a claim, quote, link or source, or the map, and use Comment in its details.</p>
      ) : (
        <ul aria-label="Comments" className="review-list">
          {threads.map((t) => (
            <li key={t.root.id}>
              <button type="button" className="review-item" onClick={() => selectTarget(doc, t.root.on)}>
                <span className="review-text">{t.root.text}</span>
                <span className="review-meta">
                  {t.root.author || 'Anonymous'} · <time dateTime={t.root.createdAt}>{when(t.root.createdAt)}</time>
                  {t.root.verdict && <> · {VERDICT_LABELS[t.root.verdict]}</>}
                  {!t.open && <> · Resolved</>}
                  {t.replies.length > 0 && <> · {t.replies.length === 1 ? '1 reply' : `${t.replies.length} replies`}</>}
                </span>
                <span className="review-on">On {targetLabel(doc, t.root.on, 60)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

/** Selects what a thread is on (the map: no selection, so Details shows the map). */
function selectTarget(doc: MapDoc, on: string): void {
  const kind = targetKind(on);
  const session = mapStore.getState();
  if (kind === 'map') session.select(null);
  else if (kind === 'claim' || kind === 'quote') session.showInGraph(on);
  else if (on in doc.sources || on in doc.links) session.select({ kind, id: on });
}

const now = () => new Date().toISOString();

/** The threads on `on` (a record, or the map's id) and the form to start one: part of its details. */
export function CommentThreads({ on }: { on: string }) {
  const doc = useMapStore((s) => s.doc);
  const [composing, setComposing] = useState(false);
  if (!doc) return null;
  const threads = threadsOf(doc, { on });
  return (
    <section className="comment-threads" aria-label="Comments">
      <h3>Comments{threads.length > 0 ? ` (${threads.length})` : ''}</h3>
      {threads.map((t) => (
        <ThreadView key={t.root.id} thread={t} />
      ))}
      {composing ? (
        <CommentForm on={on} onDone={() => setComposing(false)} />
      ) : (
        <button type="button" onClick={() => setComposing(true)}>
          Comment
        </button>
      )}
    </section>
  );
}

function CommentLine({ comment }: { comment: Comment }) {
  return (
    <div className="comment">
      <p className="comment-text">{comment.text}</p>
      <p className="comment-meta">
        {comment.author || 'Anonymous'} · <time dateTime={comment.createdAt}>{when(comment.createdAt)}</time>
      </p>
    </div>
  );
}

function ThreadView({ thread }: { thread: Thread }) {
  const [replying, setReplying] = useState(false);
  const author = useAuthor();
  const { root } = thread;
  const resolve = (resolved: boolean) =>
    void mapStore.getState().edit((doc) => resolveChange(doc, root.id, resolved, now()), { label: resolved ? 'Resolve thread' : 'Reopen thread' });
  return (
    <article className={`thread${thread.open ? '' : ' thread-resolved'}`} aria-label={`Thread by ${root.author || 'Anonymous'}`}>
      {(root.verdict || !thread.open) && (
        <p className="thread-status">
          {root.verdict && <span className={`verdict verdict-${root.verdict}`}>{VERDICT_LABELS[root.verdict]}</span>}
          {!thread.open && <span className="resolved">Resolved</span>}
        </p>
      )}
      <CommentLine comment={root} />
      {thread.replies.length > 0 && (
        <ul className="replies" aria-label="Replies">
          {thread.replies.map((r) => (
            <li key={r.id}>
              <CommentLine comment={r} />
            </li>
          ))}
        </ul>
      )}
      {replying ? (
        <ReplyForm
          onPost={(text) => {
            void mapStore.getState().edit((doc) => replyChange(doc, { to: root.id, author, text, now: now() }), { label: 'Reply' });
            setReplying(false);
          }}
          onCancel={() => setReplying(false)}
        />
      ) : (
        <div className="thread-actions">
          <button type="button" onClick={() => setReplying(true)}>
            Reply
          </button>
          {thread.open ? (
            <button type="button" onClick={() => resolve(true)}>
              Resolve
            </button>
          ) : (
            <button type="button" onClick={() => resolve(false)}>
              Reopen
            </button>
          )}
        </div>
      )}
    </article>
  );
}

function ReplyForm({ onPost, onCancel }: { onPost: (text: string) => void; onCancel: () => void }) {
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (commentText(text)) onPost(text);
  };
  return (
    <form className="comment-form" onSubmit={submit}>
      <label>
        Reply
        <textarea value={text} maxLength={MAX_COMMENT} rows={2} onChange={(e) => setText(e.target.value)} autoFocus />
      </label>
      <div className="form-actions">
        <button type="submit" disabled={!commentText(text)}>
          Post reply
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function CommentForm({ on, onDone }: { on: string; onDone: () => void }) {
  const [text, setText] = useState('');
  const [verdict, setVerdict] = useState<Verdict | ''>('');
  const author = useAuthor();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!commentText(text)) return;
    const chosen = verdict === '' ? undefined : verdict;
    void mapStore.getState().edit((doc) => addCommentChange(doc, { on, author, text, now: now(), ...(chosen ? { verdict: chosen } : {}) }), { label: 'Comment' });
    onDone();
  };
  return (
    <form className="comment-form" onSubmit={submit}>
      <label>
        Comment
        <textarea value={text} maxLength={MAX_COMMENT} rows={3} onChange={(e) => setText(e.target.value)} autoFocus />
      </label>
      <label>
        Verdict
        <select value={verdict} onChange={(e) => setVerdict(e.target.value === '' ? '' : VerdictSchema.parse(e.target.value))}>
          <option value="">No verdict</option>
          {VerdictSchema.options.map((v) => (
            <option key={v} value={v}>
              {VERDICT_LABELS[v]}
            </option>
          ))}
        </select>
      </label>
      <div className="form-actions">
        <button type="submit" disabled={!commentText(text)}>
          Post comment
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
