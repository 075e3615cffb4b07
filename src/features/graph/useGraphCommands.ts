/**
 * The graph's side of the command list (src/commands): the port through
 * which a command reaches what React Flow, the in-place editor and the
 * canvas's panels know. Every command itself — what it edits, its label,
 * keys and read-only rule — is in the list, not here.
 */
import { useEffect, useMemo, type RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import { mapStore } from '../../store/useMapStore';
import { moveNodes } from '../../domain/edits';
import type { MapDoc } from '../../domain/change';
import type { CommandEnv, GraphPort } from '../../commands/commands';
import { freeSpot } from './placement';
import { useGraphUi } from './graphUi';
import { CLAIM_HEIGHT, NODE_WIDTH, QUOTE_HEIGHT, isJunctionNodeId, type EvidenceFlowEdge, type FlowNode } from './flowTypes';

/** The canvas's parts a command may call on, besides React Flow itself. */
export type PortDeps = {
  wrapperRef: RefObject<HTMLDivElement | null>;
  collapsed: ReadonlySet<string> | null;
  /** In the far view, the nodes drawn on the canvas (hidden in React Flow, yet in the way of a new claim). */
  drawn: ReadonlySet<string> | null;
  /** Focus mode's shown nodes, or null for the whole map. */
  visible: ReadonlySet<string> | null;
  setStatus: (message: string, sticky?: boolean) => void;
  /** Leaves focus mode, so that a new claim is seen. */
  showAll: () => void;
  fitAll: () => void;
  zoomToThesis: () => void;
  autoLayout: () => void;
  layingOut: boolean;
  focusFind: () => void;
  showHelp: () => void;
  startKeyboardLink: (id: string) => void;
  aimAtLink: (id: string) => void;
};

/** The command environment of this canvas: the open-map store and the graph's port. */
export function useCommandEnv(deps: PortDeps): CommandEnv {
  const rf = useReactFlow<FlowNode, EvidenceFlowEdge>();
  const { wrapperRef, collapsed, drawn, visible, setStatus, showAll, fitAll, zoomToThesis, autoLayout, layingOut, focusFind, showHelp, startKeyboardLink, aimAtLink } =
    deps;
  return useMemo(() => {
    const graph: GraphPort = {
      newClaimSpot() {
        const box = wrapperRef.current?.getBoundingClientRect();
        if (!box) return null;
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
        return freeSpot(want, { w: NODE_WIDTH, h: CLAIM_HEIGHT }, boxes);
      },
      selectedLinks: () =>
        rf
          .getEdges()
          .filter((e) => e.selected && !e.hidden)
          .map((e) => e.data?.link ?? e.id),
      selectedItems: () =>
        [...rf.getNodes().filter((n) => n.selected && !n.hidden), ...rf.getEdges().filter((e) => e.selected && !e.hidden)].map((x) => x.id),
      linkOf(id) {
        const node = rf.getNode(id);
        if (node) return node.type === 'junction' ? node.data.link : null;
        const edge = rf.getEdge(id);
        return edge ? (edge.data?.link ?? edge.id) : null;
      },
      isJunction: (id) => isJunctionNodeId(id) || rf.getNode(id)?.type === 'junction',
      fitAll,
      zoomToThesis,
      autoLayout,
      layingOut: () => layingOut,
      focusFind,
      showHelp,
      showAll,
      editClaim: (id, fresh) => useGraphUi.getState().edit(id, { fresh }),
      linkFrom: () => useGraphUi.getState().linkFrom,
      startKeyboardLink,
      cancelLink: () => useGraphUi.getState().startLink(null),
      aimAtLink,
      refocus: () => wrapperRef.current?.focus(),
      setStatus,
    };
    return { store: mapStore, graph };
  }, [rf, wrapperRef, collapsed, drawn, visible, setStatus, showAll, fitAll, zoomToThesis, autoLayout, layingOut, focusFind, showHelp, startKeyboardLink, aimAtLink]);
}

/** A map opened with many nodes that have no place keeps the places it was drawn with (not an undo step). */
export function useKeepOpeningPlaces(nodes: readonly FlowNode[], doc: MapDoc) {
  useEffect(() => {
    const missing = nodes.filter((n) => n.type !== 'junction' && !doc.layout[n.id]);
    if (missing.length > 20) {
      const positions = Object.fromEntries(missing.map((n) => [n.id, n.position]));
      void mapStore.getState().edit((d) => moveNodes(d, positions), { label: 'Layout', source: 'system' });
    }
    // Once, when the map opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
