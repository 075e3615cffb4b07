/**
 * The graph's keyboard. React Flow moves a selected node with the arrow keys;
 * `disableKeyboardA11y` would also remove its focus handling and
 * descriptions, so instead the wrapper listens in the CAPTURE phase and stops
 * arrow keys, Enter and Delete aimed at a node before React Flow's node
 * wrapper sees them: arrows walk along links, Enter edits (or ends a keyboard
 * link), Delete removes the focused node (or the selection it belongs to) as
 * one change. Nodes stay draggable with the mouse.
 */
import { type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { mapStore, READ_ONLY_TITLE } from '../../store/useMapStore';
import { COMMANDS, commandForKey, runCommand, type CommandEnv } from '../../commands/commands';
import { isEditableTarget } from '../../components/keyboard';
import { neighbour, type Direction } from './graphQueries';
import { useGraphUi } from './graphUi';
import { nodeKind } from './useFlowState';
import { type EvidenceFlowEdge, type FlowNode } from './flowTypes';

const ARROWS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
const inDialog = (t: EventTarget) => !!(t as HTMLElement).closest?.('dialog');

type KeyDeps = {
  /** The command list's environment: every key that runs a command runs it through the list. */
  env: CommandEnv;
  visible: ReadonlySet<string> | null;
  nodeBox: (id: string) => { x: number; y: number } | null;
  goTo: (id: string, focus: boolean) => void;
  setStatus: (message: string, sticky?: boolean) => void;
  finishKeyboardLink: (to: string, el: HTMLElement | null) => void;
};

/** The commands the graph's keys run (undo and redo are the page's: MapScreen). */
const GRAPH_COMMANDS = COMMANDS.filter((c) => c.id !== 'undo' && c.id !== 'redo');

export function useGraphKeys(deps: KeyDeps) {
  const rf = useReactFlow<FlowNode, EvidenceFlowEdge>();

  /** True (and said in the graph status) when `e` would run a command that edits a read-only map. */
  const refuseEdit = (e: ReactKeyboardEvent<HTMLDivElement>): boolean => {
    const c = commandForKey(e, GRAPH_COMMANDS);
    if (!c || !mapStore.getState().readOnly || c.readOnlyOk) return false;
    e.preventDefault();
    e.stopPropagation();
    runCommand(deps.env, c.id);
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
      const to = neighbour(current, nodeId, dir, (id) => deps.nodeBox(id) ?? undefined, deps.visible);
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
    // Delete runs here, before React Flow's own handling of the key on a node.
    if (commandForKey(e, GRAPH_COMMANDS)?.id === 'delete') {
      if (target.closest('.graph-chooser')) return;
      e.preventDefault();
      e.stopPropagation();
      runCommand(deps.env, 'delete', { node: nodeId, edge: nodeId ? null : (edgeEl?.dataset['id'] ?? null) });
    }
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (isEditableTarget(e.target) || e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented || inDialog(e.target)) return;
    const target = e.target as HTMLElement;
    const focusedNode = target.classList?.contains('react-flow__node') ? (target.dataset['id'] ?? null) : null;
    const focusedEdge = (target.closest?.('.react-flow__edge') as HTMLElement | null)?.dataset['id'] ?? null;
    const c = commandForKey(e, GRAPH_COMMANDS);
    if (!c || c.id === 'delete') return;
    // Escape also closes what is around the graph: it is left to them.
    if (c.id !== 'cancelLink') e.preventDefault();
    runCommand(deps.env, c.id, { node: focusedNode, edge: focusedEdge });
  };

  return { onKeyDownCapture, onKeyDown };
}
