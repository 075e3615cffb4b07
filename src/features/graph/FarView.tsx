/**
 * The far view of a large map: below FAR_ZOOM no text can be read, and a few
 * thousand node elements and SVG edges in React Flow's transformed viewport
 * cost every frame of a pan (each node is a paint chunk to layerize, each edge
 * a store subscriber). So there the map is drawn on one <canvas> — claims as
 * boxes in their status colour, links as lines — and React Flow keeps in the
 * DOM only the node that is selected or has focus, so the keyboard carries on
 * from it. It gets no edges (hidden edges still subscribe to the store) and no
 * mini map (one subscriber a node; the whole map is in view). The Find box,
 * the shortcuts and zooming in (which brings the nodes back) work as before.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useMapStore } from '../../store/useMapStore';
import type { MapDoc } from '../../domain/change';
import { keysOf } from '../../domain/derive/tables';
import type { ClaimStatus } from '../../domain/analysis/balance';
import { FAR_CANVAS_CLAIMS, isJunctionNodeId, sizeOf, type ClaimNodeData, type EvidenceFlowEdge, type FlowNode } from './flowTypes';

/**
 * The nodes React Flow still draws in the far view (null: not in the far
 * view, every node is drawn): the selected one and the one with focus.
 */
export function useFarDrawn(far: boolean, claims: MapDoc['claims']): ReadonlySet<string> | null {
  // The key-set token's size: counting 50,000 keys again on every keystroke cost a frame.
  const large = keysOf(claims).size > FAR_CANVAS_CLAIMS;
  const active = far && large;
  const selected = useMapStore((s) => (active && (s.selection?.kind === 'claim' || s.selection?.kind === 'quote') ? s.selection.id : null));
  return useMemo(() => {
    if (!active) return null;
    const keep = new Set<string>();
    if (selected) keep.add(selected);
    // The focused node is read when the far view starts or the selection changes.
    const focused = document.activeElement?.closest<HTMLElement>('.graph-canvas .react-flow__node')?.dataset['id'];
    if (focused) keep.add(focused);
    return keep;
  }, [active, selected]);
}

/** React Flow's edges in the far view: none (the canvas draws the lines). */
export const NO_EDGES: EvidenceFlowEdge[] = [];

type Colours = { fill: string; stroke: string };
const STATUS: Record<ClaimStatus, Colours> = {
  unsupported: { fill: '#eceff3', stroke: '#8796aa' },
  supported: { fill: '#d7f0df', stroke: '#1e7d46' },
  contested: { fill: '#fdf0cf', stroke: '#b7791f' },
  contradicted: { fill: '#fadbd8', stroke: '#b3261e' },
};
const QUOTE: Colours = { fill: '#fffdf5', stroke: '#b59a4a' };
const THESIS = '#1f3a5f';
const LINE = { supports: '#1e7d46', contradicts: '#b3261e' } as const;
/** The smallest a box is drawn on screen (px), so a 5,000-node map is not dust. */
const MIN_W = 3;
const MIN_H = 2;

/**
 * Draws every node and link that would be shown (focus mode, folded quotes)
 * under the viewport's transform; redrawn once a frame while the view moves.
 */
export function FarCanvas({
  edges,
  visible,
  collapsed,
}: {
  edges: readonly EvidenceFlowEdge[];
  visible: ReadonlySet<string> | null;
  collapsed: ReadonlySet<string> | null;
}) {
  // Junctions are drawn through: their lines follow the nodes they join.
  const shown = useCallback(
    (id: string) => isJunctionNodeId(id) || ((!visible || visible.has(id)) && !collapsed?.has(id)),
    [visible, collapsed],
  );
  const store = useStoreApi<FlowNode, EvidenceFlowEdge>();
  const ref = useRef<HTMLCanvasElement>(null);
  const shownRef = useRef(shown);
  const edgesRef = useRef(edges);
  const redraw = useRef<() => void>(() => {});

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let frame = 0;
    const draw = () => {
      frame = 0;
      const s: ReactFlowState<FlowNode, EvidenceFlowEdge> = store.getState();
      const dpr = window.devicePixelRatio || 1;
      const w = Math.round(s.width * dpr);
      const h = Math.round(s.height * dpr);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, w, h);
      const [tx, ty, zoom] = s.transform;
      const sx = (x: number) => (x * zoom + tx) * dpr;
      const sy = (y: number) => (y * zoom + ty) * dpr;
      const show = shownRef.current;
      const centre = (id: string): [number, number] | null => {
        const n = s.nodeLookup.get(id);
        if (!n || !show(id)) return null;
        const p = n.internals.positionAbsolute;
        const { w: nw, h: nh } = sizeOf(n);
        return [sx(p.x + nw / 2), sy(p.y + nh / 2)];
      };
      // Lines first, boxes over them; one path a relation (contradicts dashed, so colour is not the only cue).
      ctx.lineWidth = Math.max(1, dpr);
      ctx.globalAlpha = 0.7;
      for (const relation of ['supports', 'contradicts'] as const) {
        ctx.beginPath();
        for (const e of edgesRef.current) {
          if ((e.data?.relation ?? 'supports') !== relation) continue;
          const a = centre(e.source);
          const b = centre(e.target);
          if (!a || !b) continue;
          ctx.moveTo(a[0], a[1]);
          ctx.lineTo(b[0], b[1]);
        }
        ctx.strokeStyle = LINE[relation];
        ctx.setLineDash(relation === 'contradicts' ? [4 * dpr, 3 * dpr] : []);
        ctx.stroke();
      }
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
      for (const n of s.nodeLookup.values()) {
        if (n.type === 'junction' || !show(n.id)) continue;
        const p = n.internals.positionAbsolute;
        const x = sx(p.x);
        const y = sy(p.y);
        const size = sizeOf(n);
        const bw = Math.max(MIN_W * dpr, size.w * zoom * dpr);
        const bh = Math.max(MIN_H * dpr, size.h * zoom * dpr);
        if (x > w || y > h || x + bw < 0 || y + bh < 0) continue;
        const claim = n.type === 'claim' ? (n.data as ClaimNodeData) : null;
        const c = claim ? STATUS[claim.status] : QUOTE;
        ctx.fillStyle = c.fill;
        ctx.fillRect(x, y, bw, bh);
        ctx.strokeStyle = claim?.thesis ? THESIS : c.stroke;
        ctx.lineWidth = (claim?.thesis ? 3 : 1) * dpr;
        ctx.strokeRect(x, y, bw, bh);
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    redraw.current = schedule;
    draw();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.nodes !== prev.nodes || s.width !== prev.width || s.height !== prev.height) schedule();
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store]);

  useEffect(() => {
    // A new focus or fold: draw again.
    shownRef.current = shown;
    edgesRef.current = edges;
    redraw.current();
  }, [shown, edges]);

  return <canvas ref={ref} className="graph-far-canvas" aria-hidden="true" />;
}
