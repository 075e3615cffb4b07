/**
 * Moving the view: centring on a node, focusing a node's element (drawing it
 * first when culling has left it out), `Fit all` and `Zoom to thesis`.
 */
import { useCallback, type RefObject } from 'react';
import { useReactFlow, type InternalNode } from '@xyflow/react';
import { mapStore } from '../../store/useMapStore';
import { isLiveLink } from '../../domain/analysis/graph';
import { useGraphUi } from './graphUi';
import { nodeKind } from './useFlowState';
import {
  CLAIM_HEIGHT,
  LABEL_ZOOM,
  LEGIBLE_FIT_CLAIMS,
  NODE_WIDTH,
  OVERVIEW_ZOOM,
  QUOTE_HEIGHT,
  READABLE_ZOOM,
  type EvidenceFlowEdge,
  type FlowNode,
} from './flowTypes';
import { collapsedQuotes } from './toFlow';

type Box = { x: number; y: number; w: number; h: number };
const PAD = 32;
const DURATION = 250;

/** The node the map is about: the first thesis shown, else the claim with the most links into it. */
export function thesisOf(visible: ReadonlySet<string> | null): string | null {
  const doc = mapStore.getState().doc;
  if (!doc) return null;
  const shown = (id: string) => !visible || visible.has(id);
  const thesis = Object.values(doc.claims).find((c) => c.kind === 'thesis' && shown(c.id));
  if (thesis) return thesis.id;
  const into = new Map<string, number>();
  for (const l of Object.values(doc.links)) if (shown(l.to) && l.to in doc.claims) into.set(l.to, (into.get(l.to) ?? 0) + 1);
  let best: string | null = null;
  for (const [id, n] of into) if (!best || n > into.get(best)!) best = id;
  return best ?? Object.keys(doc.claims).find(shown) ?? null;
}

export function useViewport(wrapperRef: RefObject<HTMLDivElement | null>, visible: ReadonlySet<string> | null) {
  const rf = useReactFlow<FlowNode, EvidenceFlowEdge>();

  const nodeBox = useCallback(
    (id: string): Box | null => {
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
      void rf.setCenter(box.x + box.w / 2, box.y + box.h / 2, { zoom, duration: DURATION });
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
    [centreOn, wrapperRef],
  );

  const goTo = useCallback(
    (id: string, focus: boolean) => {
      // A junction is drawn, not stored: going there selects nothing (Enter on it selects its argument's link).
      if (rf.getNode(id)?.type !== 'junction') mapStore.getState().select({ kind: nodeKind(id), id });
      centreOn(id);
      if (focus) focusNode(id);
    },
    [centreOn, focusNode, rf],
  );

  const boundsOf = useCallback(
    (ids: Iterable<string>): Box | null => {
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (const id of ids) {
        const b = nodeBox(id);
        if (!b) continue;
        minX = Math.min(minX, b.x);
        minY = Math.min(minY, b.y);
        maxX = Math.max(maxX, b.x + b.w);
        maxY = Math.max(maxY, b.y + b.h);
      }
      return Number.isFinite(minX) ? { x: minX, y: minY, w: maxX - minX, h: maxY - minY } : null;
    },
    [nodeBox],
  );

  /** The pane below the toolbar, which floats over the graph's top edge, and above the status bar under it. */
  const paneSize = useCallback(() => {
    const r = wrapperRef.current?.getBoundingClientRect();
    const bar = wrapperRef.current?.querySelector<HTMLElement>('.graph-toolbar')?.offsetHeight ?? 0;
    const statusBar = wrapperRef.current?.querySelector<HTMLElement>('.graph-statusbar')?.offsetHeight ?? 0;
    const top = Math.min(bar, (r?.height ?? 600) / 3);
    return { width: r?.width || 800, height: (r?.height || 600) - statusBar - top, top };
  }, [wrapperRef]);

  /**
   * The whole map (what focus mode shows), at the zoom that fits it. When that
   * zoom is the overview's, the quotes fold into their claims' badges, so what
   * is fitted is what the overview draws (claims, junctions, quotes of an open
   * badge), its labels inside their boxes. A map of fewer than
   * LEGIBLE_FIT_CLAIMS claims is never fitted below LABEL_ZOOM, where no label
   * reads: one that does not fit there is shown from its thesis at that zoom
   * instead (the answer is then `partial`).
   */
  const fitAll = useCallback(
    (duration = DURATION): 'whole' | 'partial' | 'empty' => {
      const nodes = rf.getNodes().filter((n) => !visible || visible.has(n.id));
      const { width, height, top } = paneSize();
      const fitOf = (ids: string[]) => {
        const b = boundsOf(ids);
        return b && { b, zoom: Math.min(1, (width - 2 * PAD) / b.w, (height - 2 * PAD) / b.h) };
      };
      let fit = fitOf(nodes.map((n) => n.id));
      if (!fit) return 'empty';
      const doc = mapStore.getState().doc;
      if (fit.zoom < OVERVIEW_ZOOM && doc) {
        const folded = collapsedQuotes(doc, useGraphUi.getState().expanded);
        const drawn = fitOf(nodes.filter((n) => !folded.has(n.id)).map((n) => n.id));
        // Not back over OVERVIEW_ZOOM, where the folded quotes would come back and no longer fit.
        if (drawn) fit = { b: drawn.b, zoom: Math.min(drawn.zoom, OVERVIEW_ZOOM * 0.98) };
      }
      const claims = nodes.reduce((n, node) => n + (node.type === 'claim' ? 1 : 0), 0);
      if (claims < LEGIBLE_FIT_CLAIMS && fit.zoom < LABEL_ZOOM) {
        const thesis = thesisOf(visible);
        const t = (thesis && nodeBox(thesis)) || fit.b;
        const zoom = LABEL_ZOOM;
        // The thesis in the middle, moved in so the map's own edges are not left empty beyond.
        const clampTo = (centre: number, lo: number, hi: number, room: number) =>
          Math.min(Math.max(centre, lo + room / 2), hi - room / 2);
        const roomW = (width - 2 * PAD) / zoom;
        const roomH = (height - 2 * PAD) / zoom;
        const cx = clampTo(t.x + t.w / 2, fit.b.x, fit.b.x + fit.b.w, roomW);
        const cy = clampTo(t.y + t.h / 2, fit.b.y, fit.b.y + fit.b.h, roomH);
        void rf.setViewport({ x: width / 2 - cx * zoom, y: top + height / 2 - cy * zoom, zoom }, { duration });
        return 'partial';
      }
      const { b, zoom } = fit;
      void rf.setViewport(
        { x: width / 2 - (b.x + b.w / 2) * zoom, y: top + height / 2 - (b.y + b.h / 2) * zoom, zoom },
        { duration },
      );
      return 'whole';
    },
    [boundsOf, nodeBox, paneSize, rf, visible],
  );

  /**
   * The thesis and the nodes linked straight to it, at a zoom where their text
   * reads (at least READABLE_ZOOM). When they do not all fit at that zoom, the
   * thesis stays in view at the start of the layout's direction.
   */
  const zoomToThesis = useCallback(
    (duration = DURATION) => {
      const doc = mapStore.getState().doc;
      const thesis = thesisOf(visible);
      const t = thesis ? nodeBox(thesis) : null;
      if (!doc || !thesis || !t) {
        fitAll(duration);
        return;
      }
      const group = [thesis];
      for (const l of Object.values(doc.links)) {
        if (l.to === thesis && isLiveLink(doc, l) && (!visible || visible.has(l.from))) group.push(l.from);
      }
      const b = boundsOf(group)!;
      const { width, height, top } = paneSize();
      const fit = Math.min(1, (width - 2 * PAD) / b.w, (height - 2 * PAD) / b.h);
      const zoom = Math.max(fit, READABLE_ZOOM);
      let x = width / 2 - (b.x + b.w / 2) * zoom;
      let y = top + height / 2 - (b.y + b.h / 2) * zoom;
      if (fit < READABLE_ZOOM) {
        // Too many to show readably: the thesis near the pane's start, its reasons running on.
        if (useGraphUi.getState().direction === 'LR' || b.w * zoom > width - 2 * PAD) x = PAD - t.x * zoom;
        if (b.h * zoom > height - 2 * PAD) y = top + height / 2 - (t.y + t.h / 2) * zoom;
      }
      void rf.setViewport({ x, y, zoom }, { duration });
    },
    [boundsOf, fitAll, nodeBox, paneSize, rf, visible],
  );

  return { nodeBox, centreOn, focusNode, goTo, fitAll, zoomToThesis };
}
