/**
 * The argument graph: a controlled React Flow canvas fed from the open-map
 * store. The store is the truth for records and positions; this component
 * keeps React Flow's node array (measured sizes, selection, positions while a
 * drag is under way) and reconciles it with each new doc by identity (toFlow).
 *
 * Keyboard (documented choice): React Flow moves a selected node with the
 * arrow keys. `disableKeyboardA11y` would also remove its focus handling and
 * descriptions, so instead the wrapper listens in the CAPTURE phase and stops
 * arrow keys, Enter and Delete aimed at a node before React Flow's node
 * wrapper sees them: arrows walk along links, Enter edits (or ends a keyboard
 * link), Delete removes the selection as one change. Nodes stay draggable with
 * the mouse.
 */
import '@xyflow/react/dist/style.css';
import './graph.css';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
} from 'react';
import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  useStore,
  type EdgeChange,
  type FinalConnectionState,
  type InternalNode,
  type Node,
  type NodeChange,
  type OnInit,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import { mapStore, useMapStore } from '../../store/useMapStore';
import type { Selection } from '../../store/mapStore';
import { addLink, moveNodes, newClaim } from '../../domain/edits';
import { newLinkedClaim } from '../../domain/graphEdits';
import { linkRefusal } from '../../domain/integrity';
import { isLiveLink } from '../../domain/analysis/graph';
import type { MapDoc } from '../../domain/change';
import type { Position, Relation } from '../../domain/schema';
import { isEditableTarget } from '../../components/keyboard';
import { Dialog } from '../../components/Dialog';
import { edgeTypes, nodeTypes } from './nodeTypes';
import { bearingOn, findNodes, focusChoices, neighbour, syncEdges, syncNodes, type Direction } from './toFlow';
import { startLayout, LAYOUT_PHASES, type LayoutPhase, type LayoutRun } from './layout';
import { useGraphUi } from './graphUi';
import {
  CLAIM_HEIGHT,
  FAR_ZOOM,
  LARGE_MAP,
  NODE_WIDTH,
  QUOTE_HEIGHT,
  type EvidenceFlowEdge,
  type FlowNode,
} from './flowTypes';

const KEY_HINT =
  'Enter edits a claim, arrow keys follow links, L starts a link, Delete removes the selection. Press question mark for all shortcuts.';
const ARIA_LABELS = {
  'node.a11yDescription.default': KEY_HINT,
  'node.a11yDescription.keyboardDisabled': KEY_HINT,
  'edge.a11yDescription.default': 'Press Enter or Space to select this link, Delete to remove it.',
  'controls.ariaLabel': 'Zoom controls',
  'minimap.ariaLabel': 'Mini map',
};
const FIT_VIEW = { maxZoom: 1, padding: 0.1 };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const ARROWS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

export const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['Tab / Shift+Tab', 'Move between nodes and links'],
  ['↑', 'Go to a claim the focused node links to'],
  ['↓', 'Go to evidence linking to the focused claim'],
  ['← / →', 'Go to a sibling (other evidence of the same claim)'],
  ['Enter', 'Edit the focused claim in place (Enter saves, Escape cancels)'],
  ['Space', 'Select the focused node or link'],
  ['Shift+click, Shift+drag', 'Add to the selection, select with a box'],
  ['Delete / Backspace', 'Delete the selection (or the focused node)'],
  ['N', 'New claim at the centre of the view'],
  ['L', 'Start a link from the focused node; move to a claim, Enter, then choose Supports or Contradicts'],
  ['Escape', 'Cancel a link or the relation chooser'],
  ['F', 'Fit the whole graph in view'],
  ['A', 'Auto layout'],
  ['/', 'Find in graph (Enter goes to the next match)'],
  ['?', 'Show these shortcuts'],
  ['Ctrl+Z / Ctrl+Shift+Z', 'Undo / redo'],
];

const minimapColor = (n: Node): string =>
  n.type === 'quote' ? '#b08a2e' : (n.data as { thesis?: boolean }).thesis ? '#1f3a5f' : '#6f8fb5';

const selectionKey = (s: Selection): string | null => (s ? `${s.kind}:${s.id}` : null);
const nodeKind = (id: string): 'claim' | 'quote' => (id.startsWith('q_') ? 'quote' : 'claim');

function selectOnly<T extends { id: string; selected?: boolean }>(items: T[], id: string | null): T[] {
  let changed = false;
  const next = items.map((it) => {
    const want = it.id === id;
    if (!!it.selected === want) return it;
    changed = true;
    return { ...it, selected: want };
  });
  return changed ? next : items;
}

/** A pending connection waiting for its relation: an existing pair, or a new claim. */
type Pending =
  | { kind: 'link'; from: string; to: string; x: number; y: number; returnTo: string }
  | { kind: 'new'; from?: string; to?: string; position: Position; x: number; y: number; returnTo: string };

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
  const selection = useMapStore((s) => s.selection);
  const reveal = useMapStore((s) => s.reveal);
  const rf = useReactFlow<FlowNode, EvidenceFlowEdge>();
  const wrapperRef = useRef<HTMLDivElement>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const linkFrom = useGraphUi((s) => s.linkFrom);
  const capturing = useGraphUi((s) => s.capturing);

  // ------------------------------------------------------------ focus mode
  const [focusId, setFocusId] = useState('');
  const { links, claims, quotes } = doc;
  const visible = useMemo(
    () => (focusId && claims[focusId] ? bearingOn({ links, claims, quotes } as MapDoc, focusId) : null),
    [focusId, links, claims, quotes],
  );

  // ------------------------------------------------------------ nodes and edges
  const dragging = useRef<Set<string>>(new Set());
  const [nodes, setNodes] = useState<FlowNode[]>(() => syncNodes([], doc, { visible: null }));
  const [edges, setEdges] = useState<EvidenceFlowEdge[]>(() => syncEdges([], doc, null));
  useLayoutEffect(() => {
    // Before paint: the canvas never shows a frame of the old doc.
    setNodes((prev) => syncNodes(prev, doc, { visible, dragging: dragging.current }));
    setEdges((prev) => syncEdges(prev, doc, visible));
  }, [doc, visible]);

  const large = nodes.length > LARGE_MAP;
  const far = useStore((s) => s.transform[2] < FAR_ZOOM);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    // Deleting goes through the store (one change); React Flow's own delete key is off.
    const kept = changes.filter((c) => c.type !== 'remove' && c.type !== 'add' && c.type !== 'replace');
    for (const c of kept) if (c.type === 'position' && c.dragging) dragging.current.add(c.id);
    if (kept.length) setNodes((nds) => applyNodeChanges(kept, nds));
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange<EvidenceFlowEdge>[]) => {
    const kept = changes.filter((c) => c.type === 'select');
    if (kept.length) setEdges((eds) => applyEdgeChanges(kept, eds));
  }, []);

  /** A drag is recorded once, when it ends: one moveNodes change, one undo step, one write. */
  const commitMove = useCallback((moved: FlowNode[]) => {
    dragging.current.clear();
    const current = mapStore.getState().doc;
    if (!current || moved.length === 0) return;
    const positions: Record<string, Position> = {};
    for (const n of moved) positions[n.id] = n.position;
    void mapStore.getState().apply(moveNodes(current, positions), { label: 'Move' });
  }, []);
  const onNodeDragStop = useCallback(
    (_e: unknown, _node: FlowNode, moved: FlowNode[]) => commitMove(moved),
    [commitMove],
  );
  const onSelectionDragStop = useCallback((_e: unknown, moved: FlowNode[]) => commitMove(moved), [commitMove]);

  // ------------------------------------------------------------ selection both ways
  const pushed = useRef<string | null>(null);
  const onSelectionChange = useCallback(({ nodes: sn, edges: se }: OnSelectionChangeParams<FlowNode, EvidenceFlowEdge>) => {
    const items: NonNullable<Selection>[] = [
      ...sn.map((n) => ({ kind: nodeKind(n.id), id: n.id })),
      ...se.map((e) => ({ kind: 'link' as const, id: e.id })),
    ];
    const store = mapStore.getState();
    const cur = store.selection;
    let next: Selection;
    if (items.length === 0) next = cur && cur.kind !== 'source' ? null : cur;
    else if (cur && items.some((i) => i.kind === cur.kind && i.id === cur.id)) next = cur;
    else next = items[items.length - 1]!;
    if (next !== cur) {
      pushed.current = selectionKey(next);
      store.select(next);
    }
  }, []);
  useEffect(() => {
    const key = selectionKey(selection);
    if (key === pushed.current) return;
    pushed.current = key;
    const nodeId = selection && (selection.kind === 'claim' || selection.kind === 'quote') ? selection.id : null;
    const edgeId = selection?.kind === 'link' ? selection.id : null;
    setNodes((nds) => selectOnly(nds, nodeId));
    setEdges((eds) => selectOnly(eds, edgeId));
  }, [selection]);

  // ------------------------------------------------------------ viewport helpers
  const [status, setStatus] = useState('');
  const nodeBox = useCallback(
    (id: string): { x: number; y: number; w: number; h: number } | null => {
      const n: InternalNode<FlowNode> | undefined = rf.getInternalNode(id);
      if (!n) return null;
      const w = n.measured.width ?? NODE_WIDTH;
      const h = n.measured.height ?? (n.type === 'quote' ? QUOTE_HEIGHT : CLAIM_HEIGHT);
      return { x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y, w, h };
    },
    [rf],
  );
  const centreOn = useCallback(
    (id: string) => {
      const box = nodeBox(id);
      if (!box) return;
      const zoom = Math.max(rf.getViewport().zoom, 0.8);
      void rf.setCenter(box.x + box.w / 2, box.y + box.h / 2, { zoom, duration: 250 });
    },
    [nodeBox, rf],
  );
  /** Focuses a node's element, centring it first when culling has not drawn it. */
  const focusNode = useCallback(
    (id: string) => {
      const find = () => wrapperRef.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
      const el = find();
      if (el) {
        el.focus();
        return;
      }
      centreOn(id);
      let tries = 0;
      const retry = () => {
        const again = find();
        if (again) again.focus();
        else if (++tries < 30) requestAnimationFrame(retry);
      };
      requestAnimationFrame(retry);
    },
    [centreOn],
  );
  const goTo = useCallback(
    (id: string, focus: boolean) => {
      mapStore.getState().select({ kind: nodeKind(id), id });
      centreOn(id);
      if (focus) focusNode(id);
    },
    [centreOn, focusNode],
  );

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

  // ------------------------------------------------------------ editing
  const newClaimAtCentre = useCallback(() => {
    const current = mapStore.getState().doc;
    const box = wrapperRef.current?.getBoundingClientRect();
    if (!current || !box) return;
    const c = rf.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
    const position = { x: Math.round(c.x - NODE_WIDTH / 2), y: Math.round(c.y - CLAIM_HEIGHT / 2) };
    // Not on top of (or touching) another node: step down until the spot is free.
    const GAP = 50;
    const others = rf.getNodes().filter((n) => !n.hidden);
    const overlaps = () =>
      others.some((n) => {
        const w = n.measured?.width ?? NODE_WIDTH;
        const h = n.measured?.height ?? CLAIM_HEIGHT;
        return (
          position.x < n.position.x + w + GAP && n.position.x < position.x + NODE_WIDTH + GAP &&
          position.y < n.position.y + h + GAP && n.position.y < position.y + CLAIM_HEIGHT + GAP
        );
      });
    for (let i = 0; i < 50 && overlaps(); i++) position.y += 40;
    const { change, id } = newClaim(current, { position });
    setFocusId('');
    void mapStore.getState().apply(change, { label: 'New claim' });
    mapStore.getState().select({ kind: 'claim', id });
    useGraphUi.getState().edit(id);
  }, [rf]);

  const deleteSelection = useCallback(
    (focused: string | null) => {
      const claimsSel: string[] = [];
      const quotesSel: string[] = [];
      const linksSel: string[] = [];
      for (const n of rf.getNodes()) if (n.selected && !n.hidden) (n.type === 'quote' ? quotesSel : claimsSel).push(n.id);
      for (const e of rf.getEdges()) if (e.selected && !e.hidden) linksSel.push(e.id);
      if (!claimsSel.length && !quotesSel.length && !linksSel.length && focused) {
        if (focused.startsWith('l_')) linksSel.push(focused);
        else (focused.startsWith('q_') ? quotesSel : claimsSel).push(focused);
      }
      if (!claimsSel.length && !quotesSel.length && !linksSel.length) return;
      void mapStore.getState().remove({ claims: claimsSel, quotes: quotesSel, links: linksSel }, 'Delete');
      const n = claimsSel.length + quotesSel.length + linksSel.length;
      setStatus(`Deleted ${n} item${n === 1 ? '' : 's'}.`);
      // The focused element is gone: keep the keyboard inside the graph.
      wrapperRef.current?.focus();
    },
    [rf],
  );

  // ------------------------------------------------------------ linking
  const [pending, setPending] = useState<Pending | null>(null);
  const localPoint = (clientX: number, clientY: number) => {
    const box = wrapperRef.current?.getBoundingClientRect();
    return { x: clientX - (box?.left ?? 0), y: clientY - (box?.top ? box.top : 0) };
  };

  /** Offers the relation chooser for from → to, or says why the link is refused. */
  const proposeLink = useCallback((from: string, to: string, x: number, y: number, returnTo: string) => {
    const current = mapStore.getState().doc;
    if (!current) return false;
    const reason = linkRefusal(current, from, to);
    if (reason) {
      mapStore.getState().notify('error', reason);
      setStatus(reason);
      return false;
    }
    setPending({ kind: 'link', from, to, x, y, returnTo });
    return true;
  }, []);

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      const fromNode = state.fromNode;
      if (!fromNode) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const { x, y } = localPoint(point.clientX, point.clientY);
      const fromSource = state.fromHandle?.type !== 'target';
      const pair = (other: string) => (fromSource ? { from: fromNode.id, to: other } : { from: other, to: fromNode.id });
      if (state.isValid && state.toNode) {
        const { from, to } = pair(state.toNode.id);
        proposeLink(from, to, x, y, to);
        return;
      }
      const hit = document.elementFromPoint(point.clientX, point.clientY);
      const onNode = hit?.closest<HTMLElement>('.react-flow__node');
      const otherId = onNode?.dataset['id'];
      if (otherId) {
        if (otherId === fromNode.id) return; // dropped back where it started: nothing meant
        const { from, to } = pair(otherId);
        proposeLink(from, to, x, y, to);
        return;
      }
      if (!hit?.closest('.react-flow__pane')) return;
      const at = rf.screenToFlowPosition({ x: point.clientX, y: point.clientY });
      const position = { x: at.x - NODE_WIDTH / 2, y: fromSource ? at.y - CLAIM_HEIGHT / 2 : at.y };
      setPending(
        fromSource
          ? { kind: 'new', from: fromNode.id, position, x, y, returnTo: fromNode.id }
          : { kind: 'new', to: fromNode.id, position, x, y, returnTo: fromNode.id },
      );
    },
    [proposeLink, rf],
  );

  const closeChooser = useCallback(
    (focusId?: string) => {
      setPending(null);
      useGraphUi.getState().startLink(null);
      if (focusId) requestAnimationFrame(() => focusNode(focusId));
    },
    [focusNode],
  );

  const choose = useCallback(
    (relation: Relation) => {
      const current = mapStore.getState().doc;
      if (!pending || !current) return;
      const store = mapStore.getState();
      if (pending.kind === 'link') {
        const r = addLink(current, { from: pending.from, to: pending.to, relation });
        if (!r.ok) {
          store.notify('error', r.reason);
          closeChooser(pending.returnTo);
          return;
        }
        void store.apply(r.change, { label: 'Link' });
        setStatus(`Linked: ${relation}.`);
        closeChooser(pending.returnTo);
      } else {
        const input =
          pending.from !== undefined
            ? { from: pending.from, position: pending.position, relation }
            : { to: pending.to!, position: pending.position, relation };
        const r = newLinkedClaim(current, input);
        if (!r.ok) {
          store.notify('error', r.reason);
          closeChooser(pending.returnTo);
          return;
        }
        setFocusId('');
        void store.apply(r.change, { label: 'New claim' });
        store.select({ kind: 'claim', id: r.claimId });
        setPending(null);
        useGraphUi.getState().edit(r.claimId);
      }
    },
    [pending, closeChooser],
  );

  const startKeyboardLink = useCallback((id: string) => {
    const current = mapStore.getState().doc;
    const label = current?.claims[id]?.text ?? current?.quotes[id]?.exact ?? id;
    useGraphUi.getState().startLink(id);
    setStatus(
      `Linking from “${label.slice(0, 60)}”: move to a claim with the arrow keys or Tab, then press Enter. Escape cancels.`,
    );
  }, []);

  const finishKeyboardLink = useCallback(
    (to: string, el: HTMLElement) => {
      const from = useGraphUi.getState().linkFrom;
      if (!from) return;
      const box = el.getBoundingClientRect();
      const { x, y } = localPoint(box.left + box.width / 2, box.bottom);
      if (proposeLink(from, to, x, y, to)) setStatus('Choose Supports or Contradicts.');
    },
    [proposeLink],
  );

  // ------------------------------------------------------------ auto layout
  const [layout, setLayout] = useState<{ phase: LayoutPhase; step: number } | null>(null);
  const layoutRun = useRef<LayoutRun | null>(null);
  const autoLayout = useCallback(async () => {
    if (layoutRun.current) return;
    const current = mapStore.getState().doc;
    if (!current) return;
    const input = {
      nodes: rf.getNodes().map((n) => ({
        id: n.id,
        width: n.measured?.width ?? NODE_WIDTH,
        height: n.measured?.height ?? (n.type === 'quote' ? QUOTE_HEIGHT : CLAIM_HEIGHT),
      })),
      edges: Object.values(current.links)
        .filter((l) => isLiveLink(current, l))
        .map((l) => ({ from: l.from, to: l.to })),
    };
    const run = startLayout(input, (phase, step) => setLayout({ phase, step }));
    layoutRun.current = run;
    setLayout({ phase: 'Building graph', step: 0 });
    setStatus('Laying out the graph…');
    try {
      const positions = await run.promise;
      if (!positions) {
        setStatus('Layout cancelled.');
        return;
      }
      const latest = mapStore.getState().doc;
      if (!latest) return;
      await mapStore.getState().apply(moveNodes(latest, positions), { label: 'Auto layout' });
      setStatus('Layout done.');
      requestAnimationFrame(() => void rf.fitView({ ...FIT_VIEW, duration: 250 }));
    } catch (e) {
      mapStore.getState().notify('error', `Auto layout failed: ${(e as Error).message}`);
      setStatus('');
    } finally {
      layoutRun.current = null;
      setLayout(null);
    }
  }, [rf]);
  useEffect(() => () => layoutRun.current?.cancel(), []);

  // ------------------------------------------------------------ find
  const [query, setQuery] = useState('');
  const matchIndex = useRef(-1);
  const findNext = () => {
    const current = mapStore.getState().doc;
    if (!current) return;
    const matches = findNodes(current, query, visible);
    if (!matches.length) {
      setStatus(query.trim() ? 'No match.' : '');
      return;
    }
    matchIndex.current = (matchIndex.current + 1) % matches.length;
    const id = matches[matchIndex.current]!;
    goTo(id, false);
    setStatus(`Match ${matchIndex.current + 1} of ${matches.length}.`);
  };

  // ------------------------------------------------------------ keyboard
  const [help, setHelp] = useState(false);
  const inDialog = (t: EventTarget) => !!(t as HTMLElement).closest?.('dialog');
  const onKeyDownCapture = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (isEditableTarget(e.target) || e.altKey || e.ctrlKey || e.metaKey || inDialog(e.target)) return;
    const target = e.target as HTMLElement;
    const nodeEl = target.classList?.contains('react-flow__node') ? target : null;
    const edgeEl = target.closest?.('.react-flow__edge') as HTMLElement | null;
    const nodeId = nodeEl?.dataset['id'] ?? null;
    const dir = ARROWS[e.key];
    if (nodeId && dir) {
      // Keep React Flow from moving the node: arrows walk the links instead.
      e.preventDefault();
      e.stopPropagation();
      const current = mapStore.getState().doc;
      if (!current) return;
      const to = neighbour(current, nodeId, dir, (id) => nodeBox(id) ?? undefined, visible);
      if (to) goTo(to, true);
      else setStatus(`Nothing ${dir === 'up' ? 'above' : dir === 'down' ? 'below' : `to the ${dir}`} along the links.`);
      return;
    }
    if (nodeId && nodeEl && e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      if (useGraphUi.getState().linkFrom) {
        finishKeyboardLink(nodeId, nodeEl);
        return;
      }
      mapStore.getState().select({ kind: nodeKind(nodeId), id: nodeId });
      if (nodeKind(nodeId) === 'claim') useGraphUi.getState().edit(nodeId);
      return;
    }
    if (e.key === 'Delete' || e.key === 'Backspace') {
      if (target.closest('.graph-chooser')) return;
      e.preventDefault();
      e.stopPropagation();
      deleteSelection(nodeId ?? edgeEl?.dataset['id'] ?? null);
    }
  };
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (isEditableTarget(e.target) || e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented || inDialog(e.target)) return;
    const target = e.target as HTMLElement;
    const focusedNode = target.classList?.contains('react-flow__node') ? (target.dataset['id'] ?? null) : null;
    switch (e.key) {
      case 'n':
      case 'N':
        e.preventDefault();
        newClaimAtCentre();
        break;
      case 'l':
      case 'L':
        e.preventDefault();
        if (focusedNode) startKeyboardLink(focusedNode);
        else setStatus('Focus a node first (Tab), then press L to link from it.');
        break;
      case 'f':
      case 'F':
        e.preventDefault();
        void rf.fitView({ ...FIT_VIEW, duration: 250 });
        break;
      case 'a':
      case 'A':
        e.preventDefault();
        void autoLayout();
        break;
      case '/':
        e.preventDefault();
        findRef.current?.focus();
        break;
      case '?':
        e.preventDefault();
        setHelp(true);
        break;
      case 'Escape':
        if (useGraphUi.getState().linkFrom) {
          useGraphUi.getState().startLink(null);
          setStatus('Link cancelled.');
        }
        break;
    }
  };

  const choices = useMemo(() => focusChoices({ claims } as MapDoc), [claims]);
  const linkSourceMissing = linkFrom && !(linkFrom in claims || linkFrom in quotes);
  useEffect(() => {
    if (linkSourceMissing) useGraphUi.getState().startLink(null);
  }, [linkSourceMissing]);

  return (
    <div
      ref={wrapperRef}
      className={`graph-canvas${far && large && !capturing ? ' is-far' : ''}${linkFrom ? ' is-linking' : ''}`}
      onKeyDownCapture={onKeyDownCapture}
      onKeyDown={onKeyDown}
      tabIndex={-1}
    >
      <svg className="graph-markers" aria-hidden="true" width="0" height="0">
        <defs>
          <marker
            id="warrant-marker-supports"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="12"
            markerHeight="12"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" className="marker-supports" />
          </marker>
          <marker
            id="warrant-marker-contradicts"
            viewBox="0 0 10 10"
            refX="8"
            refY="5"
            markerWidth="14"
            markerHeight="14"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            <path d="M7,0 L7,10 M3,1 L3,9" className="marker-contradicts" />
          </marker>
        </defs>
      </svg>
      <ReactFlow<FlowNode, EvidenceFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onSelectionDragStop={onSelectionDragStop}
        onSelectionChange={onSelectionChange}
        onConnectEnd={onConnectEnd}
        onNodeDoubleClick={(_e, n) => {
          if (n.type === 'claim') useGraphUi.getState().edit(n.id);
        }}
        onPaneClick={() => pending && closeChooser()}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        zoomOnDoubleClick={false}
        minZoom={0.05}
        maxZoom={2}
        fitView
        fitViewOptions={FIT_VIEW}
        onlyRenderVisibleElements={large && !capturing}
        nodesFocusable
        edgesFocusable
        elevateEdgesOnSelect
        ariaLabelConfig={ARIA_LABELS}
        onInit={onInit}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="Mini map" style={{ width: 150, height: 100 }} />
        <Panel position="top-left" className="graph-toolbar">
          <div role="toolbar" aria-label="Graph tools" className="graph-tools">
            <button type="button" onClick={newClaimAtCentre} title="New claim (N)">
              New claim
            </button>
            <button type="button" onClick={() => void autoLayout()} disabled={!!layout} title="Auto layout (A)">
              Auto layout
            </button>
            <label className="graph-field">
              <span>Focus</span>
              <select
                aria-label="Focus on"
                value={focusId}
                onChange={(e) => {
                  setFocusId(e.target.value);
                  requestAnimationFrame(() => void rf.fitView({ ...FIT_VIEW, duration: 250 }));
                }}
              >
                <option value="">Whole map</option>
                {choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.thesis ? 'Thesis: ' : ''}
                    {c.text.length > 70 ? `${c.text.slice(0, 69)}…` : c.text || '(no text)'}
                  </option>
                ))}
              </select>
            </label>
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
                const n = findNodes(doc, e.target.value, visible).length;
                setStatus(e.target.value.trim() ? (n ? `${n} match${n === 1 ? '' : 'es'}: Enter goes to the next.` : 'No match.') : '');
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  findNext();
                }
              }}
            />
            <button type="button" onClick={() => setHelp(true)} title="Keyboard shortcuts (?)" aria-label="Show shortcuts">
              ?
            </button>
          </div>
          <p role="status" className="graph-status">
            {status}
          </p>
        </Panel>
        {layout && (
          <Panel position="top-center" className="graph-progress">
            <div role="group" aria-label="Layout progress">
              <span>
                Auto layout: {layout.phase} ({layout.step + 1}/{LAYOUT_PHASES.length})
              </span>
              <progress max={LAYOUT_PHASES.length} value={layout.step + 1} aria-label="Layout progress" />
              <button type="button" onClick={() => layoutRun.current?.cancel()}>
                Cancel layout
              </button>
            </div>
          </Panel>
        )}
      </ReactFlow>
      {pending && (
        <RelationChooser
          x={pending.x}
          y={pending.y}
          newClaim={pending.kind === 'new'}
          onChoose={choose}
          onCancel={() => {
            closeChooser(pending.returnTo);
            setStatus('Link cancelled.');
          }}
        />
      )}
      {help && (
        <Dialog title="Keyboard shortcuts" onClose={() => setHelp(false)} className="graph-help">
          <p>These work while the focus is in the graph (not while typing in a field).</p>
          <table className="shortcut-table">
            <thead>
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {SHORTCUTS.map(([keys, what]) => (
                <tr key={keys}>
                  <td>
                    <kbd>{keys}</kbd>
                  </td>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="dialog-actions">
            <button type="button" onClick={() => setHelp(false)}>
              Close
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

/** The small chooser at the drop point: Supports or Contradicts; Escape cancels. */
function RelationChooser({
  x,
  y,
  newClaim: makesClaim,
  onChoose,
  onCancel,
}: {
  x: number;
  y: number;
  newClaim: boolean;
  onChoose: (r: Relation) => void;
  onCancel: () => void;
}) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div
      className="graph-chooser"
      role="dialog"
      aria-label={makesClaim ? 'New linked claim' : 'Link as'}
      style={{ left: x, top: y }}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <p className="chooser-title">{makesClaim ? 'New claim, linked as' : 'Link as'}</p>
      <button ref={first} type="button" className="chooser-supports" onClick={() => onChoose('supports')}>
        Supports
      </button>
      <button type="button" className="chooser-contradicts" onClick={() => onChoose('contradicts')}>
        Contradicts
      </button>
    </div>
  );
}
