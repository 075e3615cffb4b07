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
 * The parts: flow state and selection (useFlowState), the view (useViewport),
 * linking and its chooser (linking), auto layout (useAutoLayout), toolbar and
 * find (GraphToolbar), keyboard (useGraphKeys), shortcuts (ShortcutsDialog),
 * line ends (EdgeMarkers).
 */
import '@xyflow/react/dist/style.css';
import './graph.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  useStoreApi,
  type Node,
  type OnInit,
} from '@xyflow/react';
import { mapStore, useMapStore } from '../../store/useMapStore';
import { groupLinks, moveNodes, newClaim } from '../../domain/edits';
import type { MapDoc } from '../../domain/change';
import { edgeTypes, nodeTypes } from './nodeTypes';
import { bearingOn } from './graphQueries';
import { collapsedQuotes } from './toFlow';
import { freeSpot } from './placement';
import { useGraphUi } from './graphUi';
import { useFlowState } from './useFlowState';
import { useViewport } from './useViewport';
import { RelationChooser, useLinking } from './linking';
import { useAutoLayout } from './useAutoLayout';
import { GraphToolbar, LayoutProgress } from './GraphToolbar';
import { useGraphKeys } from './useGraphKeys';
import { useStatus } from './useStatus';
import { ShortcutsDialog } from './ShortcutsDialog';
import { EdgeMarkers } from './EdgeMarkers';
import { FarCanvas, NO_EDGES, useFarDrawn } from './FarView';
import { useIdle } from './useIdle';
import {
  CLAIM_HEIGHT,
  FAR_ZOOM,
  LARGE_MAP,
  NODE_WIDTH,
  OVERVIEW_ZOOM,
  QUOTE_HEIGHT,
  type EvidenceFlowEdge,
  type FlowNode,
} from './flowTypes';

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
/** Small enough to fit a 5,000-node map whole in a small pane. */
const MIN_ZOOM = 0.002;

const minimapColor = (n: Node): string =>
  n.type === 'quote' ? '#b08a2e' : (n.data as { thesis?: boolean }).thesis ? '#1f3a5f' : '#6f8fb5';

/** Overview text size in flow px: about 9.6 px on screen, within bounds. */
const overviewFont = (zoom: number) => Math.round(Math.min(96, Math.max(14, 9.6 / zoom)));

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
  const doc = useMapStore((s) => s.doc);
  if (!doc) return null;
  return <CanvasWithDoc key={doc.map.id} doc={doc} {...props} />;
}

function CanvasWithDoc({ doc, onInit }: { doc: MapDoc } & GraphCanvasProps) {
  const reveal = useMapStore((s) => s.reveal);
  const rf = useReactFlow<FlowNode, EvidenceFlowEdge>();
  const wrapperRef = useRef<HTMLDivElement>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const linkFrom = useGraphUi((s) => s.linkFrom);
  const capturing = useGraphUi((s) => s.capturing);
  const expanded = useGraphUi((s) => s.expanded);
  const [status, setStatus] = useStatus();
  const [help, setHelp] = useState(false);

  // Focus mode and the overview decide what is hidden.
  const [focusId, setFocusId] = useState('');
  const { links, claims, quotes } = doc;
  const visible = useMemo(
    () => (focusId && claims[focusId] ? bearingOn({ links, claims, quotes } as MapDoc, focusId) : null),
    [focusId, links, claims, quotes],
  );
  const overview = useStore((s) => s.transform[2] < OVERVIEW_ZOOM) && !capturing;
  const far = useStore((s) => s.transform[2] < FAR_ZOOM) && !capturing;
  const collapsed = useMemo(
    () => (overview ? collapsedQuotes({ links, quotes } as MapDoc, expanded) : null),
    [overview, links, quotes, expanded],
  );
  const drawn = useFarDrawn(far, claims);
  const idle = useIdle();
  const flow = useFlowState(doc, visible, collapsed, drawn);
  const large = flow.nodes.length > LARGE_MAP;

  // The overview's text size follows the zoom without re-rendering React.
  const store = useStoreApi<FlowNode, EvidenceFlowEdge>();
  useEffect(() => {
    let last = -1;
    const apply = (zoom: number) => {
      const font = overviewFont(zoom);
      if (font === last) return;
      last = font;
      wrapperRef.current?.style.setProperty('--gn-ov-font', `${font}px`);
    };
    apply(store.getState().transform[2]);
    return store.subscribe((s) => apply(s.transform[2]));
  }, [store]);

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
  const showAll = useCallback(() => setFocusId(''), []);
  const linking = useLinking({ wrapperRef, focusNode: view.focusNode, setStatus, showAll });
  const layout = useAutoLayout(setStatus, fitAll);

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

  const newClaimAtCentre = useCallback(() => {
    const current = mapStore.getState().doc;
    const box = wrapperRef.current?.getBoundingClientRect();
    if (!current || !box) return;
    const c = rf.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
    const boxes = rf
      .getNodes()
      .filter((n) => !n.hidden || collapsed?.has(n.id) || (!!drawn && (!visible || visible.has(n.id))))
      .map((n) => ({
        ...n.position,
        w: n.measured?.width ?? NODE_WIDTH,
        h: n.measured?.height ?? (n.type === 'quote' ? QUOTE_HEIGHT : CLAIM_HEIGHT),
      }));
    const want = { x: Math.round(c.x - NODE_WIDTH / 2), y: Math.round(c.y - CLAIM_HEIGHT / 2) };
    const position = freeSpot(want, { w: NODE_WIDTH, h: CLAIM_HEIGHT }, boxes);
    const { change, id } = newClaim(current, { position });
    setFocusId('');
    void mapStore.getState().apply(change, { label: 'New claim' });
    mapStore.getState().select({ kind: 'claim', id });
    useGraphUi.getState().edit(id, { fresh: true });
  }, [rf, collapsed, drawn, visible]);

  /** The selected links (a junction's arrow stands for its argument) joined into one linked argument: one undo step. */
  const linkAsOne = useCallback(() => {
    const current = mapStore.getState().doc;
    if (!current) return;
    const ids = new Set<string>();
    for (const e of rf.getEdges()) {
      if (!e.selected || e.hidden) continue;
      const id = e.data?.link ?? e.id;
      if (!(id in current.links)) continue;
      // A selected argument brings all its co-premises along.
      const l = current.links[id]!;
      if (l.group !== undefined) {
        for (const m of Object.values(current.links)) if (m.group === l.group && m.to === l.to && m.relation === l.relation) ids.add(m.id);
      } else ids.add(id);
    }
    if (ids.size < 2) {
      setStatus('Select two or more links to the same claim (Shift+click, or Space on each), then Link as one argument.');
      return;
    }
    const tried = groupLinks(current, [...ids]);
    if (!tried.ok) {
      setStatus(tried.reason);
      return;
    }
    void mapStore.getState().edit(
      (doc) => {
        const r = groupLinks(doc, [...ids]);
        return r.ok ? r.change : null;
      },
      { label: 'Link as one argument' },
    );
    setStatus(`Joined ${ids.size} links into one argument.`);
  }, [rf, setStatus]);

  const keys = useGraphKeys({
    wrapperRef,
    visible,
    nodeBox: view.nodeBox,
    goTo: view.goTo,
    setStatus,
    finishKeyboardLink: linking.finishKeyboardLink,
    startKeyboardLink: linking.startKeyboardLink,
    newClaimAtCentre,
    fitAll,
    zoomToThesis,
    autoLayout: () => void layout.autoLayout(),
    focusFind: () => findRef.current?.focus(),
    showHelp: () => setHelp(true),
    linkAsOne,
  });

  const linkSourceMissing = linkFrom && !(linkFrom in claims || linkFrom in quotes);
  useEffect(() => {
    if (linkSourceMissing) useGraphUi.getState().startLink(null);
  }, [linkSourceMissing]);

  // A map opened with nodes that have no place keeps the layout they were given.
  useEffect(() => {
    const missing = flow.nodes.filter((n) => !doc.layout[n.id]);
    if (missing.length > 20) {
      const positions = Object.fromEntries(missing.map((n) => [n.id, n.position]));
      const current = mapStore.getState().doc;
      if (current) void mapStore.getState().apply(moveNodes(current, positions), { label: 'Layout', record: false });
    }
    // Once, when the map opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const { pending } = linking;
  return (
    <div
      ref={wrapperRef}
      className={`graph-canvas${overview ? ' is-overview' : ''}${far ? ' is-far' : ''}${linkFrom ? ' is-linking' : ''}`}
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
        onNodeClick={(_e, n) => {
          if (n.type === 'junction') mapStore.getState().select({ kind: 'link', id: n.data.link });
        }}
        onNodeDoubleClick={(_e, n) => {
          if (n.type === 'claim') useGraphUi.getState().edit(n.id);
        }}
        onPaneClick={() => pending && linking.closeChooser()}
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
        onInit={(instance) => {
          zoomToThesis(0);
          onInit?.(instance);
        }}
      >
        <Background gap={24} />
        {drawn && <FarCanvas edges={flow.edges} visible={visible} collapsed={collapsed} />}
        <Controls showInteractive={false} />
        {!drawn && idle && <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="Mini map" style={{ width: 150, height: 100 }} />}
        <GraphToolbar
          findRef={findRef}
          status={status}
          setStatus={setStatus}
          visible={visible}
          focusId={focusId}
          onFocus={(id) => {
            fitAfterFocus.current = true;
            setFocusId(id);
          }}
          goTo={view.goTo}
          newClaim={newClaimAtCentre}
          autoLayout={() => void layout.autoLayout()}
          layingOut={!!layout.progress}
          fitAll={() => fitAll()}
          zoomToThesis={() => zoomToThesis()}
          showHelp={() => setHelp(true)}
          linkAsOne={linkAsOne}
        />
        {layout.progress && <LayoutProgress {...layout.progress} onCancel={layout.cancel} />}
      </ReactFlow>
      {pending && (
        <RelationChooser
          x={pending.x}
          y={pending.y}
          newClaim={pending.kind === 'new'}
          onChoose={linking.choose}
          onCancel={linking.cancelChooser}
        />
      )}
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
    </div>
  );
}
