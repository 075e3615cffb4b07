import { useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { mapStore } from '../../store/useMapStore';
import { addSource } from '../../domain/edits';
import { MAX_NAME, MAX_PUBLISHED_AT, MAX_TITLE, MAX_URL, SourceUrlSchema, type Reliability } from '../../domain/schema';
import { TEXT_FILE_ACCEPT } from '../../domain/textImport';
import { parseReliability } from '../../domain/vocabulary';
import { GradeSelect } from '../../components/GradeSelect';
import { loadTextFile } from './loadTextFile';

type Fields = {
  title: string;
  author: string;
  publisher: string;
  publishedAt: string;
  url: string;
  reliability: Reliability | '';
  text: string;
};
type FieldErrors = Partial<Record<'title' | 'url' | 'text', string>>;

const EMPTY: Fields = { title: '', author: '', publisher: '', publishedAt: '', url: '', reliability: '', text: '' };

export function validateSourceFields(f: Fields): FieldErrors {
  const errors: FieldErrors = {};
  if (!f.title.trim()) errors.title = 'Give the source a title.';
  const url = f.url.trim();
  if (url && !SourceUrlSchema.safeParse(url).success) errors.url = 'The URL must start with http:// or https://.';
  if (!f.text.trim()) errors.text = 'Paste the text of the source or load a file.';
  return errors;
}

/** The `Add source` dialog: metadata, the text (typed, pasted or loaded from a file), one undo step on save. */
/** `onClose` gets the new source's id after Save source, nothing after Cancel. */
export function AddSourceDialog({ onClose }: { onClose: (savedId?: string) => void }) {
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [loading, setLoading] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);
  /** The title a file filled in: a later file may replace it, a typed one stays. */
  const autoTitle = useRef('');
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  const errId = (name: keyof FieldErrors) => `${id}-${name}-error`;

  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    setFields((f) => ({ ...f, [key]: value }));
    if (key in errors) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setLoading(`Reading ${file.name}…`);
    setLoadError(null);
    setLoaded(null);
    try {
      const { title, text, notices } = await loadTextFile(file);
      setFields((f) => ({
        ...f,
        text,
        title: !f.title.trim() || f.title === autoTitle.current ? title : f.title,
      }));
      autoTitle.current = title;
      setErrors((er) => ({ ...er, text: undefined, title: undefined }));
      setLoaded([`Loaded ${file.name}: ${text.length.toLocaleString()} characters.`, ...notices].join(' '));
    } catch (err) {
      setLoadError(`${file.name} could not be read: ${(err as Error).message || String(err)}`);
    } finally {
      setLoading(null);
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const found = validateSourceFields(fields);
    setErrors(found);
    const first = (['title', 'url', 'text'] as const).find((k) => found[k]);
    if (first) {
      formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const store = mapStore.getState();
    const out: { sourceId?: string } = {};
    void store.edit(
      (doc) => {
        const made = addSource(doc, {
          title: fields.title,
          text: fields.text,
          author: fields.author,
          publisher: fields.publisher,
          publishedAt: fields.publishedAt,
          url: fields.url,
          reliability: fields.reliability || undefined,
        });
        out.sourceId = made.id;
        return made.change;
      },
      { label: 'Add source' },
    );
    // `edit` builds the change at once; no id means no map is open.
    const { sourceId } = out;
    if (sourceId === undefined) return;
    store.openSource(sourceId);
    store.select({ kind: 'source', id: sourceId });
    onClose(sourceId);
  }

  const invalid = (name: keyof FieldErrors) =>
    errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': errId(name) } : {};
  const errorText = (name: keyof FieldErrors) =>
    errors[name] ? (
      <span id={errId(name)} className="field-error">
        {errors[name]}
      </span>
    ) : null;

  return (
    <Dialog title="Add source" onClose={() => onClose()} className="add-source-dialog">
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <div className="field">
          <label>
            Title
            <input name="title" maxLength={MAX_TITLE} value={fields.title} onChange={(e) => set('title', e.target.value)} required {...invalid('title')} />
          </label>
          {errorText('title')}
        </div>
        <div className="field-row">
          <label>
            Author
            <input name="author" maxLength={MAX_NAME} value={fields.author} onChange={(e) => set('author', e.target.value)} />
          </label>
          <label>
            Publisher
            <input name="publisher" maxLength={MAX_NAME} value={fields.publisher} onChange={(e) => set('publisher', e.target.value)} />
          </label>
          <label>
            Published
            <input
              name="publishedAt"
              maxLength={MAX_PUBLISHED_AT}
              value={fields.publishedAt}
              placeholder="2023-09"
              onChange={(e) => set('publishedAt', e.target.value)}
            />
          </label>
        </div>
        <div className="field-row">
          <div className="field grow">
            <label>
              URL
              <input name="url" maxLength={MAX_URL} type="url" inputMode="url" value={fields.url} onChange={(e) => set('url', e.target.value)} {...invalid('url')} />
            </label>
            {errorText('url')}
          </div>
          <label>
            Reliability
            <GradeSelect
              name="reliability"
              scale="reliability"
              value={fields.reliability}
              onChange={(value) => set('reliability', parseReliability(value) ?? '')}
            />
          </label>
        </div>
        <label>
          Load text file
          <input type="file" accept={TEXT_FILE_ACCEPT} onChange={(e) => void onFile(e)} />
        </label>
        <p className="field-hint">Plain text, Markdown, HTML (only its text is kept; nothing in it runs) or PDF.</p>
        <div role="status" className="load-status">
          {loading ?? loaded}
        </div>
        {loadError && (
          <p role="alert" className="field-error">
            {loadError}
          </p>
        )}
        <div className="field">
          <label>
            Text
            <textarea
            name="text"
            rows={10}
            value={fields.text}
            onChange={(e) => set('text', e.target.value)}
            required
            spellCheck={false}
            {...invalid('text')}
            />
          </label>
          {errorText('text')}
        </div>
        <div className="dialog-actions">
          <button type="button" onClick={() => onClose()}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={loading !== null}>
            Save source
          </button>
        </div>
      </form>
    </Dialog>
  );
}
