/**
 * The graph's keyboard. React Flow moves a selected node with the arrow keys;
 * `disableKeyboardA11y` would also remove its focus handling and
 * descriptions, so instead the wrapper listens in the CAPTURE phase and stops
 * arrow keys, Enter and Delete aimed at a node before React Flow's node
 * wrapper sees them: arrows walk along links, Enter edits (or ends a keyboard
 * link), Delete removes the focused node (or the selection it belongs to) as
 * one change. Nodes stay draggable with the mouse.
 */
import { useCallback, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import { mapStore, READ_ONLY_TITLE } from '../../store/useMapStore';
import { isEditableTarget } from '../../components/keyboard';
import { isLinkId, isQuoteId } from '../../domain/schema';
import { plural } from '../../domain/vocabulary';
import { nearestInDirection, neighbour, type Direction } from './graphQueries';
import { useGraphUi } from './graphUi';
import { nodeKind } from './useFlowState';
import { isJunctionNodeId, type EvidenceFlowEdge, type FlowNode } from './flowTypes';

const ARROWS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
const inDialog = (t: EventTarget) => !!(t as HTMLElement).closest?.('dialog');

type KeyDeps = {
  wrapperRef: RefObject<HTMLDivElement | null>;
  visible: ReadonlySet<string> | null;
  nodeBox: (id: string) => { x: number; y: number } | null;
  goTo: (id: string, focus: boolean) => void;
  setStatus: (message: string, sticky?: boolean) => void;
  finishKeyboardLink: (to: string, el: HTMLElement | null) => void;
  /** Opens the `Aim at a link` dialog for a link from `id`. */
  aimAtLink: (id: string) => void;
  startKeyboardLink: (id: string) => void;
  newClaimAtCentre: () => void;
  fitAll: () => void;
  zoomToThesis: () => void;
  autoLayout: () => void;
  focusFind: () => void;
  showHelp: () => void;
  linkAsOne: () => void;
  /** Breaks the argument of the focused junction or link (or of the selection) into separate reasons. */
  breakArgument: (focused: string | null) => void;
};

/**
 * Deletes as one change: the focused node or link — with the rest of the
 * selection when it is part of it — or, with nothing focused, the selection.
 */
function useDelete(wrapperRef: RefObject<HTMLDivElement | null>, setStatus: KeyDeps['setStatus']) {
  const rf = useReactFlow<FlowNode, EvidenceFlowEdge>();
  return useCallback(
    (focused: string | null) => {
      const claims: string[] = [];
      const quotes: string[] = [];
      const links: string[] = [];
      // A junction and its arrow are drawn, not stored: deleting its links takes them away.
      const add = (id: string) => {
        if (isJunctionNodeId(id)) return;
        (isLinkId(id) ? links : isQuoteId(id) ? quotes : claims).push(id);
      };
      const selected = [
        ...rf.getNodes().filter((n) => n.selected && !n.hidden),
        ...rf.getEdges().filter((e) => e.selected && !e.hidden),
      ].map((x) => x.id);
      if (focused && !selected.includes(focused)) add(focused);
      else selected.forEach(add);
      const n = claims.length + quotes.length + links.length;
      if (!n) return;
      void mapStore.getState().remove({ claims, quotes, links }, 'Delete');
      setStatus(`Deleted ${plural(n, 'item')}.`);
      // The focused element is gone: keep the keyboard inside the graph.
      wrapperRef.current?.focus();
    },
    [rf, setStatus, wrapperRef],
  );
}

/** Keys that edit the map: refused with a status while it is read-only (review link). */
const EDIT_KEYS = new Set(['delete', 'backspace', 'l', 'u', 'g', 'n', 'a']);

export function useGraphKeys(deps: KeyDeps) {
  const remove = useDelete(deps.wrapperRef, deps.setStatus);
  const rf = useReactFlow<FlowNode, EvidenceFlowEdge>();

  /** True (and said in the graph status) when `e` would edit a read-only map. */
  const refuseEdit = (e: ReactKeyboardEvent<HTMLDivElement>): boolean => {
    if (!mapStore.getState().readOnly || !EDIT_KEYS.has(e.key.toLowerCase())) return false;
    e.preventDefault();
    e.stopPropagation();
    deps.setStatus(`${READ_ONLY_TITLE}: nothing here can be changed.`);
    return true;
  };

  const onKeyDownCapture = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (isEditableTarget(e.target) || e.altKey || e.ctrlKey || e.metaKey || inDialog(e.target)) return;
    const target = e.target as HTMLElement;
    if (refuseEdit(e)) return;
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
      const positionOf = (id: string) => deps.nodeBox(id) ?? undefined;
      if (useGraphUi.getState().linkFrom) {
        // Making a link: its end may be any node, linked yet or not, so the arrows walk the drawing.
        const shown = rf.getNodes().filter((n) => !n.hidden && (!deps.visible || deps.visible.has(n.id)));
        const to = nearestInDirection(
          shown.map((n) => n.id),
          nodeId,
          dir,
          positionOf,
        );
        if (to) deps.goTo(to, true);
        else deps.setStatus(`No node ${dir === 'up' ? 'above' : dir === 'down' ? 'below' : `to the ${dir}`}.`);
        return;
      }
      const to = neighbour(current, nodeId, dir, positionOf, deps.visible);
      if (to) deps.goTo(to, true);
      else deps.setStatus(`Nothing ${dir === 'up' ? 'above' : dir === 'down' ? 'below' : `to the ${dir}`} along the links.`);
      return;
    }
    if (nodeId && nodeEl && e.key === 'Enter') {
      if (target.closest('button') && target !== nodeEl) return;
      e.preventDefault();
      e.stopPropagation();
      if (useGraphUi.getState().linkFrom) {
        deps.finishKeyboardLink(nodeId, nodeEl);
        return;
      }
      const node = rf.getNode(nodeId);
      if (node?.type === 'junction') {
        // A junction stands for its linked argument: Enter shows its first link.
        mapStore.getState().select({ kind: 'link', id: node.data.link });
        return;
      }
      mapStore.getState().select({ kind: nodeKind(nodeId), id: nodeId });
      if (nodeKind(nodeId) !== 'claim') return;
      if (mapStore.getState().readOnly) deps.setStatus(`${READ_ONLY_TITLE}: the claim cannot be edited.`);
      else useGraphUi.getState().edit(nodeId);
      return;
    }
    if (edgeEl && e.key === 'Enter' && useGraphUi.getState().linkFrom) {
      // A keyboard link ends at the focused link: the new link is aimed at it (format version 2).
      e.preventDefault();
      e.stopPropagation();
      const edge = rf.getEdge(edgeEl.dataset['id'] ?? '');
      if (!edge) return;
      if (edge.data?.on) deps.setStatus('That link is aimed at a link itself: aim at a link between two nodes.');
      else deps.finishKeyboardLink(edge.data?.link ?? edge.id, edgeEl);
      return;
    }
    if (e.key === 'Delete' || e.key === 'Backspace') {
      if (target.closest('.graph-chooser')) return;
      e.preventDefault();
      e.stopPropagation();
      remove(nodeId ?? edgeEl?.dataset['id'] ?? null);
    }
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (isEditableTarget(e.target) || e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented || inDialog(e.target)) return;
    const target = e.target as HTMLElement;
    const focusedNode = target.classList?.contains('react-flow__node') ? (target.dataset['id'] ?? null) : null;
    const focusedEdge = (target.closest?.('.react-flow__edge') as HTMLElement | null)?.dataset['id'] ?? null;
    const run = (f: () => void) => {
      e.preventDefault();
      f();
    };
    switch (e.key.toLowerCase()) {
      case 'n':
        return run(deps.newClaimAtCentre);
      case 'l':
        return run(() =>
          focusedNode
            ? deps.startKeyboardLink(focusedNode)
            : deps.setStatus('Focus a node first (Tab), then press L to link from it.'),
        );
      case 'u': {
        const from = useGraphUi.getState().linkFrom ?? focusedNode;
        return run(() =>
          from && rf.getNode(from)?.type !== 'junction'
            ? deps.aimAtLink(from)
            : deps.setStatus('Focus a claim or quote first (Tab), then press U to aim a link from it at a link.'),
        );
      }
      case 'f':
        return run(deps.fitAll);
      case 't':
        return run(deps.zoomToThesis);
      case 'a':
        return run(deps.autoLayout);
      case 'g':
        return run(() => (e.shiftKey ? deps.breakArgument(focusedNode ?? focusedEdge) : deps.linkAsOne()));
      case '/':
        return run(deps.focusFind);
      case '?':
        return run(deps.showHelp);
      case 'escape':
        if (useGraphUi.getState().linkFrom) {
          useGraphUi.getState().startLink(null);
          deps.setStatus('Link cancelled.');
        }
    }
  };

  return { onKeyDownCapture, onKeyDown };
}
