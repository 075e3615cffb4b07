/**
 * The argument graph: a controlled React Flow canvas fed from the open-map
 * store. The store is the truth for records and positions; the canvas keeps
 * React Flow's node array (measured sizes, selection, positions while a drag
 * is under way) and reconciles it with each new doc by identity (toFlow).
 *
 * Legible at every size: a map opens on its thesis and direct reasons at a
 * readable zoom; below OVERVIEW_ZOOM (semantic zoom) claims show their text in
 * large type and quotes fold into an evidence badge a claim, which also keeps
 * a 5,000-node map fitted in view light enough to pan.
 *
 * The parts: focus mode and zoom levels (useCanvasModes), flow state and
 * selection (useFlowState), the view (useViewport), linking and its chooser
 * (linking), the commands' port onto the canvas (useGraphCommands; the
 * commands themselves: src/commands), auto layout (useAutoLayout),
 * toolbar and find (GraphToolbar), keyboard (useGraphKeys), shortcuts
 * (ShortcutsDialog), line ends (EdgeMarkers).
 */
import '@xyflow/react/dist/style.css';
import './graph.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useViewDoc } from '../../store/derived';
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, type Node, type OnInit } from '@xyflow/react';
import { mapStore, useMapStore, useReadOnly } from '../../store/useMapStore';
import type { MapDoc } from '../../domain/change';
import { isLinkId } from '../../domain/schema';
import { edgeTypes, nodeTypes } from './nodeTypes';
import { useGraphUi } from './graphUi';
import { useFlowState } from './useFlowState';
import { useViewport } from './useViewport';
import { RelationChooser, endName, useLinking } from './linking';
import { useAutoLayout } from './useAutoLayout';
import { GraphToolbar, LayoutProgress } from './GraphToolbar';
import { useGraphKeys } from './useGraphKeys';
import { useStatus } from './useStatus';
import { ShortcutsDialog } from './ShortcutsDialog';
import { EdgeMarkers } from './EdgeMarkers';
import { AimDialog } from './AimDialog';
import { useCanvasModes } from './useCanvasModes';
import { useCommandEnv, useKeepOpeningPlaces } from './useGraphCommands';
import { LARGE_MAP, type EvidenceFlowEdge, type FlowNode } from './flowTypes';
import { FarCanvas, NO_EDGES, useFarDrawn } from './FarView';
import { useIdle } from './useIdle';
import { useFollowWork } from './useFollowWork';

export { SHORTCUTS } from './ShortcutsDialog';

const KEY_HINT =
  'Enter edits a claim, arrow keys follow links, L starts a link, Delete removes the focused node. Press question mark for all shortcuts.';
const ARIA_LABELS = {
  'node.a11yDescription.default': KEY_HINT,
  'node.a11yDescription.keyboardDisabled': KEY_HINT,
  'edge.a11yDescription.default': 'Press Enter or Space to select this link, Delete to remove it.',
  'controls.ariaLabel': 'Zoom controls',
  'minimap.ariaLabel': 'Mini map',
};
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
/**
 * The most nodes the mini map draws. React Flow's mini map is one SVG
 * element and one store subscriber per node, all mounted at once and all
 * asked again on every change of React Flow's store: at 145,000 nodes that
 * was 145,000 rects to create and style (over 15 s of the page's thread) for
 * a 150×100 px box in which each node is a fraction of a pixel. Past this,
 * the far view (zoom out) is the map's overview.
 */
const MINIMAP_MAX_NODES = 2_000;
/** Small enough to fit a 5,000-node map whole in a small pane. */
const MIN_ZOOM = 0.002;

const onNodeClick = (_e: unknown, n: FlowNode) => {
  if (n.type === 'junction') mapStore.getState().select({ kind: 'link', id: n.data.link });
};

const minimapColor = (n: Node): string =>
  n.type === 'quote' ? '#b08a2e' : (n.data as { thesis?: boolean }).thesis ? '#1f3a5f' : '#6f8fb5';

type GraphCanvasProps = {
  /** Hands over the React Flow instance once ready (benchmarks drive the viewport with it). */
  onInit?: OnInit<FlowNode, EvidenceFlowEdge>;
};

/** The `Argument graph` region's content (MapScreen supplies the region). */
export function GraphCanvas(props: GraphCanvasProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

function Canvas(props: GraphCanvasProps) {
  // Deferred: a keystroke paints before the graph catches up (store/derived.ts).
  const doc = useViewDoc();
  if (!doc) return null;
  return <CanvasWithDoc key={doc.map.id} doc={doc} {...props} />;
}

function CanvasWithDoc({ doc, onInit }: { doc: MapDoc } & GraphCanvasProps) {
  const reveal = useMapStore((s) => s.reveal);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const linkFrom = useGraphUi((s) => s.linkFrom);
  const [status, setStatus] = useStatus();
  const [help, setHelp] = useState(false);
  const readOnly = useReadOnly();

  const { focusId, setFocusId, visible, overview, tiny, far, collapsed, capturing } = useCanvasModes(doc, wrapperRef);
  const drawn = useFarDrawn(far, doc.claims);
  const idle = useIdle();
  const flow = useFlowState(doc, visible, collapsed, drawn);
  const large = flow.nodes.length > LARGE_MAP;
  useKeepOpeningPlaces(flow.nodes, doc);

  const view = useViewport(wrapperRef, visible);
  const { centreOn, fitAll, zoomToThesis } = view;
  // Fit once the focus is drawn: `fitAll` of the render that changed the
  // focus still fits the whole map (a race that folded the focused quotes).
  const fitAfterFocus = useRef(false);
  useEffect(() => {
    if (!fitAfterFocus.current) return;
    fitAfterFocus.current = false;
    requestAnimationFrame(() => fitAll());
  }, [visible, fitAll]);
  const showAll = useCallback(() => setFocusId(''), [setFocusId]);
  useFollowWork(doc.claims, wrapperRef, centreOn, view.focusNode);
  // Asked for by the user (button or key): say so when the map is too large to read whole here.
  const fitAllAsked = useCallback(() => {
    if (fitAll() === 'partial') setStatus('Too large to read whole here: shown from its thesis at the smallest legible zoom.');
  }, [fitAll, setStatus]);
  const linking = useLinking({ wrapperRef, focusNode: view.focusNode, setStatus, showAll });
  const layout = useAutoLayout(setStatus, fitAll);
  const env = useCommandEnv({
    wrapperRef,
    collapsed,
    drawn,
    visible,
    setStatus,
    showAll,
    fitAll: fitAllAsked,
    zoomToThesis: useCallback(() => zoomToThesis(), [zoomToThesis]),
    autoLayout: layout.autoLayout,
    layingOut: !!layout.progress,
    focusFind: useCallback(() => findRef.current?.focus(), []),
    showHelp: useCallback(() => setHelp(true), []),
    startKeyboardLink: linking.startKeyboardLink,
    aimAtLink: linking.aim.open,
  });

  useEffect(() => {
    if (!reveal) return;
    const hiddenByFocus = visible && !visible.has(reveal.nodeId);
    requestAnimationFrame(() => {
      if (hiddenByFocus) setFocusId('');
      // A frame later, once focus mode has shown the node again.
      requestAnimationFrame(() => centreOn(reveal.nodeId));
    });
    // Only a new request (seq) moves the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal?.seq]);

  const keys = useGraphKeys({
    env,
    visible,
    nodeBox: view.nodeBox,
    goTo: view.goTo,
    setStatus,
    finishKeyboardLink: linking.finishKeyboardLink,
  });

  const linkSourceMissing = linkFrom && !(linkFrom in doc.claims || linkFrom in doc.quotes);
  useEffect(() => {
    if (linkSourceMissing) useGraphUi.getState().startLink(null);
  }, [linkSourceMissing]);

  const { pending } = linking;
  // Handlers of a stable identity: React Flow hands them to every node, and a
  // new function each render would re-render every node on every keystroke.
  const onNodeDoubleClick = useCallback(
    (_e: unknown, n: FlowNode) => {
      if (n.type === 'claim' && !readOnly) useGraphUi.getState().edit(n.id);
    },
    [readOnly],
  );
  const { closeChooser } = linking;
  const onPaneClick = useCallback(() => pending && closeChooser(), [pending, closeChooser]);
  const onFlowInit = useCallback<OnInit<FlowNode, EvidenceFlowEdge>>(
    (instance) => {
      zoomToThesis(0);
      onInit?.(instance);
    },
    // Called once, when React Flow is ready.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  return (
    <div
      ref={wrapperRef}
      className={`graph-canvas${overview ? ' is-overview' : ''}${tiny ? ' is-tiny' : ''}${far ? ' is-far' : ''}${linkFrom ? ' is-linking' : ''}${readOnly ? ' is-read-only' : ''}`}
      onKeyDownCapture={keys.onKeyDownCapture}
      onKeyDown={keys.onKeyDown}
      tabIndex={-1}
    >
      <EdgeMarkers />
      <ReactFlow<FlowNode, EvidenceFlowEdge>
        nodes={flow.nodes}
        edges={drawn ? NO_EDGES : flow.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={flow.onNodesChange}
        onEdgesChange={flow.onEdgesChange}
        onNodeDragStop={flow.onNodeDragStop}
        onSelectionDragStop={flow.onSelectionDragStop}
        onSelectionChange={flow.onSelectionChange}
        onConnectEnd={linking.onConnectEnd}
        onNodeClick={onNodeClick}
        onNodeDoubleClick={onNodeDoubleClick}
        onPaneClick={onPaneClick}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        zoomOnDoubleClick={false}
        minZoom={MIN_ZOOM}
        maxZoom={2}
        onlyRenderVisibleElements={large && !capturing}
        nodesFocusable
        edgesFocusable
        elevateEdgesOnSelect
        ariaLabelConfig={ARIA_LABELS}
        onInit={onFlowInit}
      >
        <Background gap={24} />
        {drawn && <FarCanvas edges={flow.edges} visible={visible} collapsed={collapsed} />}
        <Controls showInteractive={false} />
        {!drawn && idle && flow.nodes.length <= MINIMAP_MAX_NODES && <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="Mini map" style={{ width: 150, height: 100 }} />}
        <GraphToolbar
          findRef={findRef}
          setStatus={setStatus}
          visible={visible}
          focusId={focusId}
          onFocus={(id) => {
            fitAfterFocus.current = true;
            setFocusId(id);
          }}
          goTo={view.goTo}
          env={env}
        />
        {layout.progress && <LayoutProgress {...layout.progress} onCancel={layout.cancel} />}
      </ReactFlow>
      {/* A bar under the canvas, not over it: a message ("Linked: supports.") covers no node. Its room is
          kept when empty, so the canvas does not change size as messages come and go. */}
      <div className="graph-statusbar">
        <p role="status" className="graph-status">
          {status}
        </p>
      </div>
      {pending && (
        <RelationChooser
          x={pending.x}
          y={pending.y}
          newClaim={pending.kind === 'new'}
          atLink={pending.kind === 'link' && isLinkId(pending.to)}
          ends={pending.kind === 'link' ? { from: endName(doc, pending.from), to: endName(doc, pending.to) } : undefined}
          onSwap={pending.kind === 'link' && !isLinkId(pending.to) ? linking.swap : undefined}
          onChoose={linking.choose}
          onCancel={linking.cancelChooser}
        />
      )}
      {linking.aim.from && (
        <AimDialog from={linking.aim.from} boxOf={view.nodeBox} onPick={linking.aim.pick} onClose={linking.aim.close} />
      )}
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
    </div>
  );
}
