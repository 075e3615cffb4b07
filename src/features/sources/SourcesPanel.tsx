import { useMemo, useRef, useState } from 'react';
import { useMapStore, mapStore, READ_ONLY_TITLE, useReadOnly } from '../../store/useMapStore';
import type { Source } from '../../domain/schema';
import { plural, RELIABILITY_LABELS } from '../../domain/vocabulary';
import { AddSourceDialog } from './AddSourceDialog';
import { quotedShare } from '../../domain/search/coverage';
import './sources.css';

/** The map's source library: one row a source; a click opens it in the reader. */
export function SourcesPanel() {
  const sources = useMapStore((s) => s.doc?.sources);
  const quotes = useMapStore((s) => s.doc?.quotes);
  const openSourceId = useMapStore((s) => s.openSourceId);
  const [adding, setAdding] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  // The dialog leaves the page when it closes, and focus with it: put focus back where the work goes on.
  const closeDialog = (savedId?: string) => {
    setAdding(false);
    requestAnimationFrame(() => {
      const row = savedId ? panelRef.current?.querySelector<HTMLElement>(`[data-source-id="${CSS.escape(savedId)}"]`) : null;
      (row ?? addRef.current)?.focus();
    });
  };

  const list = useMemo(
    () => Object.values(sources ?? {}).sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.title.localeCompare(b.title)),
    [sources],
  );
  const counts = useMemo(() => {
    const out = new Map<string, number>();
    for (const q of Object.values(quotes ?? {})) out.set(q.sourceId, (out.get(q.sourceId) ?? 0) + 1);
    return out;
  }, [quotes]);
  const coverage = useMemo(() => {
    const spans = new Map<string, { start: number; end: number }[]>();
    for (const q of Object.values(quotes ?? {})) {
      const list = spans.get(q.sourceId);
      if (list) list.push(q);
      else spans.set(q.sourceId, [q]);
    }
    const out = new Map<string, number>();
    for (const s of Object.values(sources ?? {})) out.set(s.id, quotedShare(s.text.length, spans.get(s.id) ?? []));
    return out;
  }, [quotes, sources]);

  const readOnly = useReadOnly();
  const open = (id: string) => {
    const store = mapStore.getState();
    store.openSource(id);
    store.select({ kind: 'source', id });
  };

  return (
    <div className="sources-panel" ref={panelRef}>
      <div className="sources-head">
        <h2 className="pane-title">Sources</h2>
        <button type="button" className="primary" ref={addRef} onClick={() => setAdding(true)} disabled={readOnly} title={readOnly ? READ_ONLY_TITLE : undefined}>
          Add source
        </button>
      </div>
      {list.length === 0 ? (
        <p className="sources-empty">No sources yet. Add the texts your argument rests on, then quote them.</p>
      ) : (
        <ul className="source-list" aria-label="Source list">
          {list.map((s) => (
            <li key={s.id}>
              <SourceRow source={s} quoteCount={counts.get(s.id) ?? 0} quoted={coverage.get(s.id) ?? 0} isOpen={s.id === openSourceId} onOpen={open} />
            </li>
          ))}
        </ul>
      )}
      {adding && <AddSourceDialog onClose={closeDialog} />}
    </div>
  );
}

function SourceRow({
  source,
  quoteCount,
  quoted,
  isOpen,
  onOpen,
}: {
  source: Source;
  quoteCount: number;
  /** Share of the text its quotes cover, 0…1. */
  quoted: number;
  isOpen: boolean;
  onOpen: (id: string) => void;
}) {
  const meta = [source.publisher, source.publishedAt].filter(Boolean).join(' · ');
  return (
    <button type="button" className="source-row" data-source-id={source.id} aria-current={isOpen ? 'true' : undefined} onClick={() => onOpen(source.id)}>
      <span className="source-row-title">{source.title || 'Untitled source'}</span>
      {meta && <span className="source-row-meta">{meta}</span>}
      <span className="source-row-facts">
        {source.reliability ? (
          <span className={`grade grade-${source.reliability}`} title={`Reliability ${source.reliability}: ${RELIABILITY_LABELS[source.reliability]}`}>
            <span className="visually-hidden">Reliability </span>
            {source.reliability}
          </span>
        ) : (
          <span className="grade grade-none" title="Reliability not rated">
            <span className="visually-hidden">Reliability not rated</span>
            <span aria-hidden="true">–</span>
          </span>
        )}
        <span className="source-row-count">
          {plural(quoteCount, 'quote')}
        </span>
        <span className="source-row-coverage" title="Share of the text covered by quotes">
          {formatShare(quoted)} quoted
        </span>
      </span>
    </button>
  );
}

/** 0 → "0%", 0.004 → "<1%", 0.237 → "24%". */
function formatShare(share: number): string {
  if (share <= 0) return '0%';
  if (share < 0.01) return '<1%';
  return `${Math.round(share * 100)}%`;
}
