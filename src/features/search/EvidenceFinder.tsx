import { useEffect, useId, useState, type ReactNode } from 'react';
import type { Suggestion } from '../../domain/search/finder';
import { briefText, RELIABILITY_LABELS, UNRATED } from '../../domain/vocabulary';
import { useMapStore } from '../../store/useMapStore';
import { showPassage, type Passage } from '../../store/readerTarget';
import { appSearchClient } from './searchClient';
import './search.css';

/**
 * The `Link quote` dialog for `passage`, handed down from app/ (it belongs to
 * features/sources); `close` ends it, linked or not.
 */
export type RenderQuoteDialog = (passage: Passage, close: () => void) => ReactNode;

/**
 * `Find evidence` and the `Evidence finder` region of a claim's details:
 * the passages of all sources the finder ranks highest for the claim, those
 * already quoted for it left out. `Quote this` opens `Link quote` with the
 * passage and the claim chosen.
 */
export function EvidenceFinderSection({ claimId, renderQuoteDialog }: { claimId: string; renderQuoteDialog: RenderQuoteDialog }) {
  const [open, setOpen] = useState(false);
  const regionId = useId();
  return (
    <div className="evidence-finder-toggle">
      <button type="button" aria-expanded={open} aria-controls={open ? regionId : undefined} onClick={() => setOpen(!open)}>
        Find evidence
      </button>
      {open && <EvidenceFinderRegion id={regionId} claimId={claimId} renderQuoteDialog={renderQuoteDialog} />}
    </div>
  );
}

function EvidenceFinderRegion({ id, claimId, renderQuoteDialog }: { id: string; claimId: string; renderQuoteDialog: RenderQuoteDialog }) {
  const claim = useMapStore((s) => s.doc?.claims[claimId]);
  const sources = useMapStore((s) => s.doc?.sources);
  const quotes = useMapStore((s) => s.doc?.quotes);
  const links = useMapStore((s) => s.doc?.links);
  const claims = useMapStore((s) => s.doc?.claims);
  const [found, setFound] = useState<{ key: string; list: Suggestion[] } | null>(null);
  const [quoting, setQuoting] = useState<Passage | null>(null);
  const headingId = useId();

  // Ask again when what the ranking rests on changes: the claim, sources, quotes, links.
  const key = `${claim?.text}\u0000${claim?.note}\u0000${claim?.tags?.join(',')}`;
  useEffect(() => {
    const request = new AbortController();
    void appSearchClient()
      .findEvidence(claimId, 10, request.signal)
      .then((list) => {
        if (!request.signal.aborted) setFound({ key, list });
      });
    return () => request.abort();
  }, [claimId, key, sources, quotes, links]);

  if (!claim || !sources) return null;
  const list = found?.list ?? null;
  return (
    <section id={id} className="evidence-finder" aria-labelledby={headingId}>
      <div className="evidence-finder-head">
        <h3 id={headingId} className="inspector-subheading">
          Evidence finder
        </h3>
      </div>
      <p className="field-hint" role="status">
        {list === null
          ? 'Reading the sources…'
          : list.length
            ? `${list.length} passages that may bear on this claim, best first.`
            : Object.keys(sources).length
              ? 'No passage shares words with this claim. Add a note or tags to widen the search.'
              : 'Add sources to find evidence in them.'}
      </p>
      {list && list.length > 0 && (
        <ul className="suggested" aria-label="Suggested passages">
          {list.map((s) => {
            const source = sources[s.sourceId];
            if (!source) return null;
            const text = source.text.slice(s.start, s.end);
            const usedFor = s.quotedFor.map((c) => claims?.[c]?.text).filter(Boolean) as string[];
            return (
              <li key={`${s.sourceId}:${s.start}`}>
                <p className="suggested-text">“{briefText(text, 320)}”</p>
                <p className="suggested-meta">
                  {source.title || 'Untitled source'}
                  {source.reliability ? (
                    <abbr className={`grade grade-${source.reliability}`} title={`Reliability ${source.reliability}: ${RELIABILITY_LABELS[source.reliability]}`}>
                      {source.reliability}
                    </abbr>
                  ) : (
                    <span className="grade grade-none" title="Reliability not rated">
                      {UNRATED}
                    </span>
                  )}
                </p>
                {usedFor.length > 0 && (
                  <p className="suggested-meta">
                    <span className="suggested-used" title={usedFor.join('\n')}>
                      Already quoted for {usedFor.length === 1 ? `“${briefText(usedFor[0]!, 60)}”` : `${usedFor.length} other claims`}
                    </span>
                  </p>
                )}
                <div className="suggested-actions">
                  <button type="button" className="primary" onClick={() => setQuoting({ sourceId: s.sourceId, start: s.start, end: s.end, exact: text })}>
                    Quote this
                  </button>
                  <button type="button" onClick={() => showPassage(s.sourceId, s.start, s.end, true)}>
                    Show passage
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {quoting && renderQuoteDialog(quoting, () => setQuoting(null))}
    </section>
  );
}
