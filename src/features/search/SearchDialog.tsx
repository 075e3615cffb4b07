import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { CloseRow, Dialog } from '../../components/Dialog';
import type { SearchHit, SearchResults } from '../../domain/search/searchIndex';
import { mapStore, useMapStore } from '../../store/useMapStore';
import { plural } from '../../domain/vocabulary';
import { Highlighted } from './Highlighted';
import { appSearchClient } from './searchClient';
import { showPassage } from '../../store/readerTarget';
import './search.css';

const GROUPS = [
  { key: 'sources', title: 'Sources' },
  { key: 'quotes', title: 'Quotes' },
  { key: 'claims', title: 'Claims' },
] as const;

/** Opens a hit: a paragraph in the reader, a source's title as the open source, a quote or claim in the graph. */
function openHit(hit: SearchHit): void {
  const store = mapStore.getState();
  if (hit.kind === 'source') {
    // The reader shows the matched word's line; a paragraph of hard-wrapped text may be long.
    if (hit.matchStart !== undefined && hit.matchEnd !== undefined) showPassage(hit.recordId, hit.matchStart, hit.matchEnd, false);
    else store.select({ kind: 'source', id: hit.recordId });
  } else {
    store.showInGraph(hit.recordId);
    if (hit.kind === 'quote') store.showInSource(hit.recordId);
  }
}

/**
 * The `Search` dialog: every source paragraph, quote and claim of the open
 * map, searched as you type in the search worker. Enter opens the first hit
 * (or the focused one); arrows move between hits.
 */
export function SearchDialog({ onClose }: { onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResults | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const statusId = useId();
  const doc = useMapStore((s) => s.doc);

  useEffect(() => {
    if (!query.trim()) return;
    // A newer query (or an edit) cancels this one: its answer never shows.
    const request = new AbortController();
    void appSearchClient()
      .search(query, 20, request.signal)
      .then((r) => {
        if (!request.signal.aborted) setResults(r);
      });
    return () => request.abort();
  }, [query, doc]);

  const shown = query.trim() ? results : null;
  const hits: SearchHit[] = shown ? [...shown.sources, ...shown.quotes, ...shown.claims] : [];

  const open = (hit: SearchHit) => {
    onClose();
    openHit(hit);
  };

  const buttons = () => [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.search-result') ?? [])];

  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && hits[0]) {
      e.preventDefault();
      open(hits[0]);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      buttons()[0]?.focus();
    }
  };

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const all = buttons();
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    e.preventDefault();
    const next = e.key === 'ArrowDown' ? all[i + 1] : all[i - 1];
    if (next) next.focus();
    else if (e.key === 'ArrowUp') inputRef.current?.focus();
  };

  const titleOf = (hit: SearchHit): string | null => {
    if (!doc) return null;
    if (hit.kind === 'source') return hit.start === undefined ? 'Source' : (doc.sources[hit.recordId]?.title ?? null);
    if (hit.kind === 'quote') {
      const q = doc.quotes[hit.recordId];
      return q ? (doc.sources[q.sourceId]?.title ?? null) : null;
    }
    return doc.claims[hit.recordId]?.kind === 'thesis' ? 'Thesis' : null;
  };

  return (
    <Dialog title="Search" onClose={onClose} className="search-dialog">
      <input
        ref={inputRef}
        type="search"
        className="search-input"
        aria-label="Search sources, quotes and claims"
        aria-describedby={statusId}
        placeholder="Search sources, quotes and claims"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onInputKey}
        autoComplete="off"
        spellCheck={false}
      />
      <p id={statusId} className="search-status" role="status">
        {!query.trim()
          ? 'Words match by their start and despite a typing error; accents and quote marks are ignored.'
          : !shown
            ? 'Searching…'
            : hits.length
              ? `${plural(shown.total, 'match', 'matches')}. Enter opens the first; arrows move between them.`
              : `Nothing matches “${query.trim()}”.`}
      </p>
      <ul ref={listRef} className="search-results" aria-label="Results" onKeyDown={onListKey}>
        {shown &&
          GROUPS.map(({ key, title }) =>
            shown[key].length ? (
              <li key={key} className="search-group">
                <h3 className="search-group-title">
                  {title} <span className="count">({shown[key].length})</span>
                </h3>
                <ul aria-label={title}>
                  {shown[key].map((hit) => {
                    const meta = titleOf(hit);
                    return (
                      <li key={`${hit.recordId}#${hit.start ?? ''}`}>
                        <button type="button" className={`search-result search-result-${hit.kind}`} onClick={() => open(hit)}>
                          <span className="search-result-text">
                            <Highlighted parts={hit.parts} />
                          </span>
                          {meta && <span className="search-result-meta">{meta}</span>}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </li>
            ) : null,
          )}
      </ul>
      <CloseRow onClose={onClose} />
    </Dialog>
  );
}
