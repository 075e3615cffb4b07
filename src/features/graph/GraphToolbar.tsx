/** The graph's toolbar (New claim, layout, view, focus, find, shortcuts) and its status line. */
import { useMemo, useRef, useState, type RefObject } from 'react';
import { Panel } from '@xyflow/react';
import { mapStore, useMapStore } from '../../store/useMapStore';
import type { MapDoc } from '../../domain/change';
import { findNodes, focusChoices } from './graphQueries';
import { useGraphUi } from './graphUi';
import type { LayoutDirection, LayoutPhase } from './layout';
import { LAYOUT_PHASES } from './layout';

type ToolbarProps = {
  findRef: RefObject<HTMLInputElement | null>;
  status: string;
  setStatus: (message: string, sticky?: boolean) => void;
  visible: ReadonlySet<string> | null;
  focusId: string;
  onFocus: (id: string) => void;
  goTo: (id: string, focus: boolean) => void;
  newClaim: () => void;
  autoLayout: () => void;
  layingOut: boolean;
  fitAll: () => void;
  zoomToThesis: () => void;
  showHelp: () => void;
  /** Joins the selected links to one claim into one linked argument (G). */
  linkAsOne: () => void;
};

export function GraphToolbar({ findRef, ...p }: ToolbarProps) {
  const claims = useMapStore((s) => s.doc?.claims);
  const direction = useGraphUi((s) => s.direction);
  const choices = useMemo(() => (claims ? focusChoices({ claims } as MapDoc) : []), [claims]);
  const [query, setQuery] = useState('');
  const matchIndex = useRef(-1);

  const findNext = () => {
    const current = mapStore.getState().doc;
    if (!current) return;
    const matches = findNodes(current, query, p.visible);
    if (!matches.length) {
      p.setStatus(query.trim() ? 'No match.' : '');
      return;
    }
    matchIndex.current = (matchIndex.current + 1) % matches.length;
    p.goTo(matches[matchIndex.current]!, false);
    p.setStatus(`Match ${matchIndex.current + 1} of ${matches.length}.`);
  };

  return (
    <Panel position="top-left" className="graph-toolbar">
      <div role="toolbar" aria-label="Graph tools" className="graph-tools">
        <span className="graph-group">
          <button type="button" onClick={p.newClaim} title="New claim (N)">
            New claim
          </button>
          <button type="button" onClick={p.autoLayout} disabled={p.layingOut} title="Auto layout (A)">
            Auto layout
          </button>
          <button type="button" onClick={p.linkAsOne} title="Join the selected links to one claim into one linked argument (G)">
            Link as one argument
          </button>
          <select
            aria-label="Layout direction"
            title="Direction of Auto layout"
            value={direction}
            onChange={(e) => useGraphUi.getState().setDirection(e.target.value as LayoutDirection)}
          >
            <option value="LR">Left to right</option>
            <option value="TB">Top down</option>
          </select>
        </span>
        <span className="graph-group">
          <button type="button" onClick={p.fitAll} title="Fit the whole map in view (F)">
            Fit all
          </button>
          <button type="button" onClick={p.zoomToThesis} title="The thesis and its direct reasons, readable (T)">
            Zoom to thesis
          </button>
        </span>
        <label className="graph-field graph-group">
          <span>Focus</span>
          <select aria-label="Focus on" value={p.focusId} onChange={(e) => p.onFocus(e.target.value)}>
            <option value="">Whole map</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.thesis ? 'Thesis: ' : ''}
                {c.text.length > 70 ? `${c.text.slice(0, 69)}…` : c.text || '(no text)'}
              </option>
            ))}
          </select>
        </label>
        <span className="graph-group">
          <input
            ref={findRef}
            type="search"
            className="graph-find"
            aria-label="Find in graph"
            placeholder="Find (/)"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              matchIndex.current = -1;
              const current = mapStore.getState().doc;
              const n = current ? findNodes(current, e.target.value, p.visible).length : 0;
              p.setStatus(
                e.target.value.trim() ? (n ? `${n} match${n === 1 ? '' : 'es'}: Enter goes to the next.` : 'No match.') : '',
              );
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                findNext();
              }
            }}
          />
          <button type="button" onClick={p.showHelp} title="Keyboard shortcuts (?)" aria-label="Show shortcuts">
            ?
          </button>
        </span>
      </div>
      <p role="status" className="graph-status">
        {p.status}
      </p>
    </Panel>
  );
}

/** Progress of a running auto layout, with its Cancel. */
export function LayoutProgress({ phase, step, onCancel }: { phase: LayoutPhase; step: number; onCancel: () => void }) {
  return (
    <Panel position="top-center" className="graph-progress">
      <div role="group" aria-label="Layout progress">
        <span>
          Auto layout: {phase} ({step + 1}/{LAYOUT_PHASES.length})
        </span>
        <progress max={LAYOUT_PHASES.length} value={step + 1} aria-label="Layout progress" />
        <button type="button" onClick={onCancel}>
          Cancel layout
        </button>
      </div>
    </Panel>
  );
}
