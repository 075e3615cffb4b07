import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout, usePanelRef, type PanelImperativeHandle, type PanelProps, type PanelSize } from 'react-resizable-panels';
import { useMapStore } from '../store/useMapStore';
import { workspaceStore, useWorkspace, type PanelName, type Stage, type ViewName } from '../store/workspaceStore';
import { MAPS_HREF } from './useRoute';
import { SourcesPanel } from '../features/sources/SourcesPanel';
import { Reader } from '../features/sources/Reader';
import { GraphCanvas } from '../features/graph/GraphCanvas';
import { DetailsPanel } from '../features/inspector/DetailsPanel';
import { ThesisCheck } from '../features/analysis/ThesisCheck';
import { EvidenceMatrix } from '../features/analysis/EvidenceMatrix';
import { ClaimView } from '../features/analysis/ClaimView';
import { ExportMenu } from '../features/transfer/ExportMenu';
import { SearchButton } from '../features/search/SearchButton';
import { isEditableTarget } from '../components/keyboard';
import { claimTools, commentTools, readerTools, withWholeGraph } from './featureLinks';
import { ReviewButton, ReviewRegion } from '../features/review/Review';
import { ChangesRegion, HistoryButton, HistoryRegion } from '../features/review/History';
import { ShareButton } from '../share/ui/ShareButton';
import { TightLabel } from '../components/TightLabel';
import { ShareStatus } from '../share/ui/ShareStatus';
import { command, commandForKey } from '../commands/commands';
import { formatChord } from '../commands/keys';

/** The workspace of one open map: sources and reader, the graph, details, analysis. */
export function MapScreen({ mapId }: { mapId: string }) {
  const status = useMapStore((s) => s.status);
  const title = useMapStore((s) => s.doc?.map.title);
  const rowsRead = useMapStore((s) => s.rowsRead);

  // Views belong to one map: another map opens on its graph.
  useEffect(() => {
    workspaceStore.getState().resetViews();
  }, [mapId]);

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
        {/* A large map reads for seconds: how far it has come (not a live region: the status above says what happens). */}
        {rowsRead > 0 && <p className="map-loading-count">{rowsRead.toLocaleString('en')} records read</p>}
        {/* Leaving stops the reading (the store's session moves on): nothing is changed by it. */}
        <a href={MAPS_HREF}>Cancel</a>
      </main>
    );
  }
  return (
    <div className="map-screen">
      <header className="map-header">
        <a href={MAPS_HREF} className="back-link">
          All maps
        </a>
        <h1 className="map-heading" title={title || 'Untitled map'}>
          {title || 'Untitled map'}
        </h1>
        <UndoRedo />
        <PanelToggles />
        <ShareStatus />
        <div className="header-actions">
          <SearchButton />
          <ViewButton view="thesis" short="Thesis">
            Thesis check
          </ViewButton>
          <ViewButton view="matrix" short="Matrix">
            Evidence matrix
          </ViewButton>
          <ReviewButton />
          <HistoryButton />
          <ExportMenu wholeGraph={withWholeGraph} />
          <ShareButton />
        </div>
      </header>
      <main className="workspace">
        <Workspace />
      </main>
    </div>
  );
}

const PANEL_LABELS: Record<PanelName, string> = { sources: 'Sources', reader: 'Source text', details: 'Details' };

function PanelToggles() {
  const panels = useWorkspace((s) => s.panels);
  const graphOnly = useWorkspace((s) => s.graphOnly);
  const togglePanel = useWorkspace((s) => s.togglePanel);
  const toggleGraphOnly = useWorkspace((s) => s.toggleGraphOnly);
  return (
    <div className="panel-toggles" role="group" aria-label="Panels">
      {(Object.keys(PANEL_LABELS) as PanelName[]).map((p) => (
        <button
          key={p}
          type="button"
          className="toggle"
          aria-pressed={panels[p] && !graphOnly}
          title={panels[p] && !graphOnly ? `Hide ${PANEL_LABELS[p]}` : `Show ${PANEL_LABELS[p]}`}
          onClick={() => togglePanel(p)}
        >
          {p === 'reader' ? <TightLabel full={PANEL_LABELS[p]} short="Text" /> : PANEL_LABELS[p]}
        </button>
      ))}
      <button type="button" className="toggle" aria-pressed={graphOnly} title="Give the graph the whole window" onClick={toggleGraphOnly}>
        Graph only
      </button>
    </div>
  );
}

function ViewButton({ view, short, children }: { view: ViewName; short: string; children: string }) {
  const front = useWorkspace((s) => s.stage === view);
  return (
    <button type="button" aria-expanded={front} title={children} onClick={() => workspaceStore.getState().toggleView(view)}>
      <TightLabel full={children} short={short} />
    </button>
  );
}

type PanelHandle = PanelImperativeHandle | null;

/** Collapses or expands a panel to match the user's choice. */
function match(panel: PanelHandle, shown: boolean): void {
  if (!panel) return;
  if (shown && panel.isCollapsed()) panel.expand();
  else if (!shown && !panel.isCollapsed()) panel.collapse();
}

/**
 * Keeps a panel's toggle in step with a separator dragged to or from nothing.
 * While the graph is alone every panel is collapsed on purpose: that says nothing.
 */
function followDrag(panel: PanelName | 'left', size: PanelSize): void {
  const ws = workspaceStore.getState();
  if (ws.graphOnly || panel === 'left') return;
  const collapsed = size.inPixels < 1;
  if (collapsed === ws.panels[panel]) ws.togglePanel(panel);
}

/**
 * Every panel is always in the groups and is collapsed, not removed: the
 * groups never change their children, so the graph is never mounted anew (its
 * view and selection stay) and the remembered sizes are one layout per group.
 */
function Workspace() {
  const panels = useWorkspace((s) => s.panels);
  const graphOnly = useWorkspace((s) => s.graphOnly);
  const showSources = panels.sources && !graphOnly;
  const showReader = panels.reader && !graphOnly;
  const showDetails = panels.details && !graphOnly;
  const showLeft = showSources || showReader;

  // Show in source needs the reader; a request for the graph brings the graph to the front.
  const flashSeq = useMapStore((s) => s.flash?.seq);
  const revealSeq = useMapStore((s) => s.reveal?.seq);
  useEffect(() => {
    if (flashSeq !== undefined) workspaceStore.getState().showPanel('reader');
  }, [flashSeq]);
  useEffect(() => {
    if (revealSeq !== undefined) workspaceStore.getState().setStage('graph');
  }, [revealSeq]);

  const leftRef = usePanelRef();
  const detailsRef = usePanelRef();
  const sourcesRef = usePanelRef();
  const readerRef = usePanelRef();
  useEffect(() => {
    match(leftRef.current, showLeft);
    match(detailsRef.current, showDetails);
    if (showLeft) {
      match(sourcesRef.current, showSources);
      match(readerRef.current, showReader);
    }
  }, [showLeft, showDetails, showSources, showReader, leftRef, detailsRef, sourcesRef, readerRef]);

  const columns = useDefaultLayout({ id: 'warrant-columns', storage: localStorage });
  const rows = useDefaultLayout({ id: 'warrant-left', storage: localStorage });

  return (
    <Group orientation="horizontal" className="workspace-columns" defaultLayout={columns.defaultLayout} onLayoutChanged={columns.onLayoutChanged}>
      <SidePanel id="left" panelRef={leftRef} defaultSize="27%" minSize={200} maxSize="50%" onResize={(size) => followDrag('left', size)}>
        <Group orientation="vertical" className="left-rows" defaultLayout={rows.defaultLayout} onLayoutChanged={rows.onLayoutChanged}>
          <SidePanel
            id="sources"
            panelRef={sourcesRef}
            defaultSize="30%"
            minSize={90}
            onResize={(size) => showLeft && followDrag('sources', size)}
          >
            {showSources && (
              <Pane name="Sources" kind="sources">
                <SourcesPanel />
              </Pane>
            )}
          </SidePanel>
          <Separator className="separator separator-row" aria-label="Resize Sources and Source text" disabled={!showSources || !showReader} />
          <SidePanel id="reader" panelRef={readerRef} minSize={140} onResize={(size) => showLeft && followDrag('reader', size)}>
            {showReader && (
              <Pane name="Source text" kind="reader">
                <Reader tools={readerTools} />
              </Pane>
            )}
          </SidePanel>
        </Group>
      </SidePanel>
      <Separator className="separator" aria-label="Resize the sources column" disabled={!showLeft} />
      <Panel id="stage" minSize={320} className="column">
        <StageArea />
      </Panel>
      <Separator className="separator" aria-label="Resize Details" disabled={!showDetails} />
      <SidePanel id="details" panelRef={detailsRef} defaultSize="22%" minSize={220} maxSize="45%" onResize={(size) => followDrag('details', size)}>
        {showDetails && (
          <Pane name="Details" kind="details">
            <DetailsPanel claimTools={claimTools} commentTools={commentTools} />
          </Pane>
        )}
      </SidePanel>
    </Group>
  );
}

/** A panel the user can hide: collapsed to nothing, never taken out of its group (see Workspace). */
function SidePanel(props: Omit<PanelProps, 'collapsible' | 'collapsedSize' | 'className'>) {
  return <Panel {...props} collapsible collapsedSize={0} className="column" />;
}

/** A named region of the workspace. */
function Pane({ name, kind, children }: { name: string; kind: string; children: ReactNode }) {
  return (
    <section aria-label={name} className={`pane pane-${kind}`}>
      {children}
    </section>
  );
}

const VIEW_LABELS: Record<Stage, string> = {
  graph: 'Argument graph',
  thesis: 'Thesis check',
  matrix: 'Evidence matrix',
  claim: 'Claim view',
};

/** The graph, with the analysis views opened over it as tabs: each gets the graph's whole area. */
function StageArea() {
  const views = useWorkspace((s) => s.views);
  const stage = useWorkspace((s) => s.stage);
  const close = useWorkspace((s) => s.closeView);
  const tabs: Stage[] = ['graph', ...views];
  const tabRefs = useRef(new Map<Stage, HTMLButtonElement>());

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = tabs[(i + step + tabs.length) % tabs.length]!;
    workspaceStore.getState().setStage(next);
    tabRefs.current.get(next)?.focus();
  };

  return (
    <div className="stage">
      {views.length > 0 && (
        <div className="stage-tabs" role="tablist" aria-label="Views">
          {tabs.map((t, i) => (
            <button
              key={t}
              ref={(el) => {
                if (el) tabRefs.current.set(t, el);
                else tabRefs.current.delete(t);
              }}
              type="button"
              role="tab"
              id={`stage-tab-${t}`}
              aria-selected={stage === t}
              aria-controls={`stage-view-${t}`}
              tabIndex={stage === t ? 0 : -1}
              className="stage-tab"
              onClick={() => workspaceStore.getState().setStage(t)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {VIEW_LABELS[t]}
            </button>
          ))}
        </div>
      )}
      <div className="stage-body">
        {/* Covered, not hidden: the graph keeps its size and state under a view; it only leaves the
            tab order and the accessibility tree. */}
        <section
          id="stage-view-graph"
          aria-label="Argument graph"
          className="pane pane-graph"
          inert={stage !== 'graph'}
          aria-hidden={stage !== 'graph' ? true : undefined}
        >
          <GraphCanvas />
        </section>
        {views.includes('thesis') && (
          <section id="stage-view-thesis" aria-label="Thesis check" className="stage-view" hidden={stage !== 'thesis'}>
            <ThesisCheck onClose={() => close('thesis')} />
          </section>
        )}
        {views.includes('matrix') && (
          <section id="stage-view-matrix" aria-label="Evidence matrix" className="stage-view" hidden={stage !== 'matrix'}>
            <EvidenceMatrix onClose={() => close('matrix')} />
          </section>
        )}
        {views.includes('claim') && (
          <section id="stage-view-claim" aria-label="Claim view" className="stage-view" hidden={stage !== 'claim'}>
            <ClaimView onClose={() => close('claim')} />
          </section>
        )}
        {/* Over the stage's right edge: the details stay free for the threads of what is selected. */}
        <ChangesRegion />
        <ReviewRegion />
        <HistoryRegion />
      </div>
    </div>
  );
}

/** Their keys work anywhere on the page but in a text field, not only in the graph. */
const HISTORY_COMMANDS = [command('undo'), command('redo')];

function UndoRedo() {
  const canUndo = useMapStore((s) => s.undoStack.length > 0);
  const canRedo = useMapStore((s) => s.redoStack.length > 0);
  const undoLabel = useMapStore((s) => s.undoStack[s.undoStack.length - 1]?.label);
  const redoLabel = useMapStore((s) => s.redoStack[s.redoStack.length - 1]?.label);
  const undo = useMapStore((s) => s.undo);
  const redo = useMapStore((s) => s.redo);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const c = commandForKey(e, HISTORY_COMMANDS);
      // Inside a text field the browser's own undo edits the field.
      if (!c || isEditableTarget(e.target)) return;
      e.preventDefault();
      void (c.id === 'undo' ? undo() : redo());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);
  return (
    <div className="undo-redo" role="group" aria-label="History">
      <button type="button" disabled={!canUndo} title={undoLabel ? `Undo ${undoLabel} (${formatChord(command('undo').keys[0]!)})` : 'Nothing to undo'} onClick={() => void undo()}>
        Undo
      </button>
      <button type="button" disabled={!canRedo} title={redoLabel ? `Redo ${redoLabel} (${formatChord(command('redo').keys[0]!)})` : 'Nothing to redo'} onClick={() => void redo()}>
        Redo
      </button>
    </div>
  );
}
