import { useId, useMemo, useState } from 'react';
import { EditButton, Field } from './Field';
import { normalizeText, quotesOfSource, updateSource, type ReanchorReport, type SourceFields } from '../../domain/edits';
import type { QuoteOutcome } from '../../domain/anchoring/quotes';
import { reanchorEdited, wantsWorker } from '../../store/anchorInWorker';
import { MAX_NAME, MAX_PUBLISHED_AT, MAX_TITLE, MAX_URL, SourceUrlSchema, type Source } from '../../domain/schema';
import { Dialog } from '../../components/Dialog';
import { mapStore, useMapStore } from '../../store/useMapStore';
import { parseReliability, plural } from '../../domain/vocabulary';
import { GradeSelect } from '../../components/GradeSelect';

type Form = { title: string; author: string; publisher: string; publishedAt: string; url: string; reliability: string; text: string };

const formOf = (s: Source): Form => ({
  title: s.title,
  author: s.author ?? '',
  publisher: s.publisher ?? '',
  publishedAt: s.publishedAt ?? '',
  url: s.url ?? '',
  reliability: s.reliability ?? '',
  text: s.text,
});

const sameForm = (a: Form, b: Form) => (Object.keys(a) as Array<keyof Form>).every((k) => a[k] === b[k]);

function urlProblem(url: string): string | null {
  const t = url.trim();
  if (!t) return null;
  return SourceUrlSchema.safeParse(t).success ? null : 'Enter a web address starting with http:// or https://.';
}

/**
 * What re-anchoring did to the source's quotes, in one line: moved (found
 * exactly elsewhere), needs review (found approximately), not found.
 */
export function reanchorSummary(reports: readonly ReanchorReport[], movedIds: ReadonlySet<string>): string {
  if (!reports.length) return 'Source saved.';
  const moved = reports.filter((r) => movedIds.has(r.quoteId) && (r.status === 'exact' || r.status === 'relocated')).length;
  const review = reports.filter((r) => r.status === 'fuzzy').length;
  const lost = reports.filter((r) => r.status === 'ambiguous' || r.status === 'orphaned').length;
  const parts: string[] = [];
  if (moved) parts.push(`${plural(moved, 'quote', 'quotes')} moved`);
  if (review) parts.push(`${review} ${review === 1 ? 'needs' : 'need'} review`);
  if (lost) parts.push(`${lost} not found`);
  if (!parts.length) return `Source saved: ${plural(reports.length, 'quote still matches', 'quotes still match')} the text.`;
  return `Source saved: ${parts.join(', ')}.`;
}

/**
 * A source's fields as a form: the text is long and saving it re-anchors
 * every quote of the source, so edits are collected and applied together by
 * `Save source` (one undo step), not per keystroke.
 */
export function SourceDetails({ id }: { id: string }) {
  const source = useMapStore((s) => s.doc?.sources[id]);
  const quotes = useMapStore((s) => s.doc?.quotes);
  const quoteCount = useMemo(() => Object.values(quotes ?? {}).filter((q) => q.sourceId === id).length, [quotes, id]);
  const [form, setForm] = useState<Form | null>(() => (source ? formOf(source) : null));
  const [base, setBase] = useState(source);
  const [confirming, setConfirming] = useState(false);
  /** The stored source changed under unsaved edits (another tab, an undo): they are kept, and this says so. */
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  /** Progress (0–1) of re-anchoring a large source's quotes in the worker, or null. */
  const [anchoring, setAnchoring] = useState<number | null>(null);
  const ids = {
    title: useId(), author: useId(), publisher: useId(), published: useId(), url: useId(), urlError: useId(),
    reliability: useId(), text: useId(),
  };
  if (source !== base) {
    // The stored source changed (saved, undone, another tab). A form with no
    // unsaved edits shows it as stored. Unsaved edits are never thrown away:
    // each field the user changed keeps the draft, the others take the new
    // stored value, and the form says the source changed elsewhere.
    const before = base ? formOf(base) : null;
    const now = source ? formOf(source) : null;
    setBase(source);
    if (!form || !before || !now || sameForm(form, before) || sameForm(form, now)) {
      setForm(now);
      setChangedElsewhere(false);
    } else {
      const merged = { ...now };
      for (const k of Object.keys(now) as Array<keyof Form>) if (form[k] !== before[k]) merged[k] = form[k];
      setForm(merged);
      setChangedElsewhere(true);
    }
  }
  if (!source || !form) return null;

  const dirty = !sameForm(form, formOf(source));
  const urlError = urlProblem(form.url);
  const set = (key: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const textField = (key: keyof Form, id: string, label: string, max: number, placeholder?: string) => (
    <Field>
      <label htmlFor={id}>{label}</label>
      <input id={id} value={form[key]} maxLength={max} placeholder={placeholder} onChange={set(key)} />
    </Field>
  );

  const save = () => {
    const { doc, edit, notify } = mapStore.getState();
    if (!doc?.sources[id] || urlError) return;
    const fields: SourceFields = {
      title: form.title,
      text: form.text,
      author: form.author,
      publisher: form.publisher,
      publishedAt: form.publishedAt,
      url: form.url,
      reliability: parseReliability(form.reliability),
    };
    const commit = (outcomes?: QuoteOutcome[]) => {
      // `edit` runs the build at once, against the doc of this moment.
      const out: { made?: ReturnType<typeof updateSource> } = {};
      void edit(
        (now) => {
          if (!now.sources[id]) return null;
          out.made = updateSource(now, id, fields, outcomes);
          return out.made.change;
        },
        { label: 'Edit source' },
      );
      if (!out.made?.reanchored.length) return;
      const { change, reanchored } = out.made;
      notify('info', reanchorSummary(reanchored, new Set((change.put.quotes ?? []).map((q) => q.id))));
    };
    const text = normalizeText(fields.text);
    const sourceQuotes = quotesOfSource(doc, id);
    if (text === doc.sources[id].text || !wantsWorker(text, sourceQuotes.length)) {
      commit();
      return;
    }
    // A large source: its quotes are re-anchored off the main thread, with progress.
    setAnchoring(0);
    reanchorEdited(text, sourceQuotes, { onProgress: (done, total) => setAnchoring(total ? done / total : 0) })
      .then((outcomes) => commit(outcomes))
      .catch(() => commit())
      .finally(() => setAnchoring(null));
  };

  const remove = () => {
    setConfirming(false);
    void mapStore.getState().remove({ sources: [id] }, 'Delete source');
  };

  return (
    <div className="inspector">
      <h2 className="inspector-heading">Source</h2>
      <form
        className="source-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        {textField('title', ids.title, 'Title', MAX_TITLE)}
        {textField('author', ids.author, 'Author', MAX_NAME)}
        {textField('publisher', ids.publisher, 'Publisher', MAX_NAME)}
        {textField('publishedAt', ids.published, 'Published', MAX_PUBLISHED_AT, '2023-09')}
        <Field>
          <label htmlFor={ids.url}>URL</label>
          <input
            id={ids.url}
            type="url"
            inputMode="url"
            value={form.url}
            maxLength={MAX_URL}
            aria-invalid={urlError ? true : undefined}
            aria-describedby={urlError ? ids.urlError : undefined}
            onChange={set('url')}
          />
          {urlError && (
            <span id={ids.urlError} className="field-error">
              {urlError}
            </span>
          )}
          {!urlError && source.url && form.url === source.url && (
            <a href={source.url} target="_blank" rel="noopener noreferrer" className="field-hint">
              Open the original
            </a>
          )}
        </Field>
        <Field>
          <label htmlFor={ids.reliability}>Reliability</label>
          <GradeSelect
            id={ids.reliability}
            scale="reliability"
            value={parseReliability(form.reliability) ?? ''}
            onChange={(reliability) => setForm({ ...form, reliability })}
          />
        </Field>
        <Field>
          <label htmlFor={ids.text}>Text</label>
          <textarea id={ids.text} className="source-text-field" rows={14} value={form.text} onChange={set('text')} />
        </Field>
        <p className="muted">
          {plural(quoteCount, 'quote', 'quotes')} from this source.
          {quoteCount > 0 && ' Saving a changed text finds each quote again.'}
        </p>
        {changedElsewhere && dirty && (
          <p role="status" className="field-warning">
            This source changed elsewhere (in another tab, or by undo) while you were editing. Your unsaved edits are kept; Save
            source writes them over that change, Discard changes shows the source as it is stored now.
          </p>
        )}
        <div className="inspector-actions">
          <EditButton type="submit" className="primary" disabled={!dirty || Boolean(urlError) || anchoring !== null}>
            Save source
          </EditButton>
          {anchoring !== null && (
            <span role="status" className="muted">
              Re-anchoring quotes… {Math.round(anchoring * 100)}%
            </span>
          )}
          {dirty && (
            <button
              type="button"
              onClick={() => {
                setForm(formOf(source));
                setChangedElsewhere(false);
              }}
            >
              Discard changes
            </button>
          )}
        </div>
      </form>
      <div className="inspector-actions">
        <EditButton type="button" className="danger" onClick={() => (quoteCount > 0 ? setConfirming(true) : remove())}>
          Delete source
        </EditButton>
      </div>
      {confirming && (
        <Dialog title="Delete source?" role="alertdialog" onClose={() => setConfirming(false)} initialFocus=".cancel">
          <p>
            “{source.title}” and its {plural(quoteCount, 'quote', 'quotes')}, with their links, will be deleted. You can undo
            this.
          </p>
          <div className="dialog-actions">
            <EditButton type="button" className="danger" onClick={remove}>
              Delete source
            </EditButton>
            <button type="button" className="cancel" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
