import { useEffect, useState } from 'react';
import { useMapStore } from '../store/useMapStore';
import { MAPS_HREF } from './useRoute';
import { SourcesPanel } from '../features/sources/SourcesPanel';
import { Reader } from '../features/sources/Reader';
import { GraphCanvas } from '../features/graph/GraphCanvas';
import { DetailsPanel } from '../features/inspector/DetailsPanel';
import { ThesisCheck } from '../features/analysis/ThesisCheck';
import { EvidenceMatrix } from '../features/analysis/EvidenceMatrix';
import { ExportMenu } from '../features/transfer/ExportMenu';
import { SearchButton } from '../features/search/SearchButton';
import { isEditableTarget } from '../components/keyboard';

type Panel = 'thesis' | 'matrix' | null;

/** The workspace of one open map: sources and reader, the graph, details, analysis. */
export function MapScreen({ mapId }: { mapId: string }) {
  const status = useMapStore((s) => s.status);
  const title = useMapStore((s) => s.doc?.map.title);
  const [panel, setPanel] = useState<Panel>(null);

  if (status === 'missing') {
    return (
      <main className="map-missing">
        <h1>Map not found</h1>
        <p>There is no map with the id {mapId} in this browser. It may have been deleted in another tab.</p>
        <a href={MAPS_HREF}>All maps</a>
      </main>
    );
  }
  if (status !== 'ready' || title === undefined) {
    return (
      <main className="map-loading" aria-busy="true">
        <p role="status">Opening the map…</p>
      </main>
    );
  }
  return (
    <div className="map-screen">
      <header className="map-header">
        <a href={MAPS_HREF} className="back-link">
          All maps
        </a>
        <h1 className="map-heading">{title || 'Untitled map'}</h1>
        <UndoRedo />
        <div className="header-actions">
          <SearchButton />
          <button type="button" aria-expanded={panel === 'thesis'} onClick={() => setPanel(panel === 'thesis' ? null : 'thesis')}>
            Thesis check
          </button>
          <button type="button" aria-expanded={panel === 'matrix'} onClick={() => setPanel(panel === 'matrix' ? null : 'matrix')}>
            Evidence matrix
          </button>
          <ExportMenu />
        </div>
      </header>
      <div className={`workspace ${panel ? 'has-panel' : ''}`}>
        <section aria-label="Sources" className="pane pane-sources">
          <SourcesPanel />
        </section>
        <section aria-label="Source text" className="pane pane-reader">
          <Reader />
        </section>
        <section aria-label="Argument graph" className="pane pane-graph">
          <GraphCanvas />
        </section>
        <section aria-label="Details" className="pane pane-details">
          <DetailsPanel />
        </section>
        {panel === 'thesis' && (
          <section aria-label="Thesis check" className="pane pane-analysis">
            <ThesisCheck onClose={() => setPanel(null)} />
          </section>
        )}
        {panel === 'matrix' && (
          <section aria-label="Evidence matrix" className="pane pane-analysis">
            <EvidenceMatrix onClose={() => setPanel(null)} />
          </section>
        )}
      </div>
    </div>
  );
}

function UndoRedo() {
  const canUndo = useMapStore((s) => s.undoStack.length > 0);
  const canRedo = useMapStore((s) => s.redoStack.length > 0);
  const undoLabel = useMapStore((s) => s.undoStack[s.undoStack.length - 1]?.label);
  const redoLabel = useMapStore((s) => s.redoStack[s.redoStack.length - 1]?.label);
  const undo = useMapStore((s) => s.undo);
  const redo = useMapStore((s) => s.redo);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      // Inside a text field the browser's own undo edits the field.
      if (isEditableTarget(e.target)) return;
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        void redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);
  return (
    <div className="undo-redo" role="group" aria-label="History">
      <button type="button" disabled={!canUndo} title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'} onClick={() => void undo()}>
        Undo
      </button>
      <button type="button" disabled={!canRedo} title={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'} onClick={() => void redo()}>
        Redo
      </button>
    </div>
  );
}
