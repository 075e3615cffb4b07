/**
 * The canvas's React Flow node and edge arrays, kept in step with the store:
 * reconciled with each new doc by identity (toFlow), drags committed as one
 * change when they end, and the selection mirrored both ways.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import {
  applyEdgeChanges,
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import { mapStore, useMapStore } from '../../store/useMapStore';
import type { Selection } from '../../store/mapStore';
import { moveNodes } from '../../domain/edits';
import type { MapDoc } from '../../domain/change';
import { isQuoteId, type Position } from '../../domain/schema';
import { placeJunctions, syncEdges, syncNodes } from './toFlow';
import type { EvidenceFlowEdge, FlowNode } from './flowTypes';

const selectionKey = (s: Selection): string | null => (s ? `${s.kind}:${s.id}` : null);
export const nodeKind = (id: string): 'claim' | 'quote' => (isQuoteId(id) ? 'quote' : 'claim');

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

export function useFlowState(
  doc: MapDoc,
  visible: ReadonlySet<string> | null,
  collapsed: ReadonlySet<string> | null,
  /** The far view's nodes left in the DOM (FarView); null: all. */
  drawn: ReadonlySet<string> | null = null,
) {
  const selection = useMapStore((s) => s.selection);
  const dragging = useRef<Set<string>>(new Set());
  const [nodes, setNodes] = useState<FlowNode[]>(() => syncNodes([], doc, { visible, collapsed, drawn }));
  const [edges, setEdges] = useState<EvidenceFlowEdge[]>(() => syncEdges([], doc, visible, collapsed));
  useLayoutEffect(() => {
    // Before paint: the canvas never shows a frame of the old doc.
    setNodes((prev) => syncNodes(prev, doc, { visible, collapsed, drawn, dragging: dragging.current }));
    setEdges((prev) => syncEdges(prev, doc, visible, collapsed));
  }, [doc, visible, collapsed, drawn]);

  // The doc the nodes were last reconciled with, for measurements that arrive later.
  const docRef = useRef(doc);
  useEffect(() => {
    docRef.current = doc;
  }, [doc]);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    // Deleting goes through the store (one change); React Flow's own delete key is off.
    const kept = changes.filter((c) => c.type !== 'remove' && c.type !== 'add' && c.type !== 'replace');
    for (const c of kept) if (c.type === 'position' && c.dragging) dragging.current.add(c.id);
    if (!kept.length) return;
    const measured = new Set(kept.flatMap((c) => (c.type === 'dimensions' ? [c.id] : [])));
    setNodes((nds) => {
      const next = applyNodeChanges(kept, nds).map((n) => {
        // Drawn and measured: the handle bounds React Flow measured stand, not the guess made before (toFlow).
        if (!measured.has(n.id) || !n.handles) return n;
        const { handles: _guess, ...rest } = n;
        return rest as FlowNode;
      });
      // A junction sits between its ends' middles: measured ends may move it.
      return measured.size ? placeJunctions(next, docRef.current) : next;
    });
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange<EvidenceFlowEdge>[]) => {
    const kept = changes.filter((c) => c.type === 'select');
    if (kept.length) setEdges((eds) => applyEdgeChanges(kept, eds));
  }, []);

  /** A drag is recorded once, when it ends: one moveNodes change, one undo step, one write. */
  const commitMove = useCallback((moved: FlowNode[]) => {
    dragging.current.clear();
    if (moved.length === 0) return;
    const positions: Record<string, Position> = {};
    for (const n of moved) positions[n.id] = n.position;
    void mapStore.getState().edit((doc) => moveNodes(doc, positions), { label: 'Move' });
  }, []);
  const onNodeDragStop = useCallback(
    (_e: unknown, _node: FlowNode, moved: FlowNode[]) => commitMove(moved),
    [commitMove],
  );
  const onSelectionDragStop = useCallback((_e: unknown, moved: FlowNode[]) => commitMove(moved), [commitMove]);

  // The selection both ways: React Flow's into the store, the store's into React Flow.
  const pushed = useRef<string | null>(null);
  const onSelectionChange = useCallback(({ nodes: sn, edges: se }: OnSelectionChangeParams<FlowNode, EvidenceFlowEdge>) => {
    // A junction and its arrow stand for the linked argument: its first link.
    const items: NonNullable<Selection>[] = [
      ...sn.map((n) => (n.type === 'junction' ? { kind: 'link' as const, id: n.data.link } : { kind: nodeKind(n.id), id: n.id })),
      ...se.map((e) => ({ kind: 'link' as const, id: e.data?.link ?? e.id })),
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

  return { nodes, edges, onNodesChange, onEdgesChange, onNodeDragStop, onSelectionDragStop, onSelectionChange };
}
