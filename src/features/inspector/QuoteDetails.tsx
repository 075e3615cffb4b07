import { useId, useMemo } from 'react';
import { EditButton, Field } from './Field';
import { acceptQuoteAnchor, quoteAnchorStatus, updateQuote } from '../../domain/edits';
import type { Link } from '../../domain/schema';
import { mapStore, useMapStore } from '../../store/useMapStore';
import { NoteField } from './NoteField';
import { applyEdit, select } from './edit';
import { RELIABILITY_LABELS, parseCredibility, WEIGHT_NAMES } from '../../domain/vocabulary';
import { GradeSelect } from '../../components/GradeSelect';
import { linkWeight } from '../../domain/schema';

export function QuoteDetails({ id }: { id: string }) {
  const quote = useMapStore((s) => s.doc?.quotes[id]);
  const source = useMapStore((s) => (quote ? s.doc?.sources[quote.sourceId] : undefined));
  const links = useMapStore((s) => s.doc?.links);
  const claims = useMapStore((s) => s.doc?.claims);
  const ids = { cred: useId() };

  const status = useMemo(() => {
    const doc = mapStore.getState().doc;
    return quote && doc ? quoteAnchorStatus(doc, quote) : 'exact';
    // The status depends on the quote and its source's text only.
  }, [quote, source]); // eslint-disable-line react-hooks/exhaustive-deps

  const outgoing = useMemo(() => Object.values(links ?? {}).filter((l: Link) => l.from === id), [links, id]);

  if (!quote || !claims) return null;
  const nowReads = source ? source.text.slice(quote.start, Math.min(quote.end, source.text.length)) : '';

  return (
    <div className="inspector">
      <h2 className="inspector-heading">Quote</h2>
      <blockquote className="passage">{quote.exact}</blockquote>
      <p className="quote-source">
        {source ? (
          <>
            From{' '}
            <button type="button" className="link-button" onClick={() => select('source', source.id)}>
              {source.title || 'Untitled source'}
            </button>
            {source.reliability && (
              <span className="muted">
                {' '}
                (reliability {source.reliability}, {RELIABILITY_LABELS[source.reliability].toLowerCase()})
              </span>
            )}
            {' · '}
            <a
              href="#"
              onClick={(e) => {
                e.preventDefault();
                mapStore.getState().showInSource(id);
              }}
            >
              Show in source
            </a>
          </>
        ) : (
          'Its source is missing.'
        )}
      </p>
      {status === 'fuzzy' && (
        <div className="anchor-warning" role="status">
          <p>The source text changed; this passage was found approximately. The text there now reads:</p>
          <blockquote className="passage passage-now">{nowReads}</blockquote>
          <EditButton
            type="button"
            onClick={() =>
              applyEdit((doc) => (doc.quotes[id] ? acceptQuoteAnchor(doc, id) : null), { label: 'Accept new quote text' })
            }
          >
            Accept new text
          </EditButton>
        </div>
      )}
      {(status === 'ambiguous' || status === 'orphaned') && (
        <div className="anchor-warning" role="status">
          <p>
            {status === 'ambiguous'
              ? 'This passage was not found in the source text at one place: it now matches several. It is kept as quoted.'
              : 'This passage was not found in the source text. It is kept as quoted; edit the source text or delete the quote.'}
          </p>
        </div>
      )}
      <Field>
        <label htmlFor={ids.cred}>Credibility</label>
        <GradeSelect
          id={ids.cred}
          scale="credibility"
          value={quote.credibility ?? ''}
          onChange={(value) => {
            const credibility = parseCredibility(value);
            applyEdit((doc) => (doc.quotes[id] ? updateQuote(doc, id, { credibility }) : null), {
              label: 'Change credibility',
            });
          }}
        />
      </Field>
      <NoteField value={quote.note} kind="quote" id={id} build={(doc, note) => (doc.quotes[id] ? updateQuote(doc, id, { note }) : null)} />
      <section className="quote-links" aria-label="Links">
        <h3 className="inspector-subheading">Links</h3>
        {outgoing.length ? (
          <ul className="ev-list">
            {outgoing.map((l) => (
              <li key={l.id} className={`ev-item ev-${l.relation}`}>
                <button type="button" className="ev-node" onClick={() => select('link', l.id)}>
                  <span className="ev-meta">
                    {l.relation === 'supports' ? 'Supports' : 'Contradicts'} · {WEIGHT_NAMES[linkWeight(l)].toLowerCase()}
                  </span>
                  <span className="ev-text">{claims[l.to]?.text || 'Untitled claim'}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">This quote is not linked to any claim yet.</p>
        )}
      </section>
      <div className="inspector-actions">
        <EditButton type="button" className="danger" onClick={() => void mapStore.getState().remove({ quotes: [id] }, 'Delete quote')}>
          Delete quote
        </EditButton>
      </div>
    </div>
  );
}
