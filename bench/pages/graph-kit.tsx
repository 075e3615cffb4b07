/**
 * Shared by the graph benchmark pages: a generated map of n nodes loaded
 * through the real path (createMap + openMap), the app's GraphCanvas, and a
 * bare React Flow baseline with default nodes, the same positions and edges,
 * the same container and viewport.
 */
import { createRoot, type Root } from 'react-dom/client';
import { ReactFlow, ReactFlowProvider, type Edge, type Node, type ReactFlowInstance } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import '../../src/app/app.css';
import { generateMap } from '../../src/test/testMaps';
import type { MapDoc } from '../../src/domain/change';
import { createMap } from '../../src/storage/writes';
import { mapStore } from '../../src/store/useMapStore';
import { GraphCanvas } from '../../src/features/graph/GraphCanvas';
import { fallbackPositions } from '../../src/features/graph/toFlow';
import { nextPaint } from './benchKit';

export const WIDTH = 1000;
export const HEIGHT = 700;

/** n nodes: 30% claims, 70% quotes, 1.1 links a node; positions are the map's layout. */
export function benchMap(n: number, seed = 7): MapDoc {
  const claims = Math.round(n * 0.3);
  const doc = generateMap({ claims, quotes: n - claims, links: Math.round(n * 1.1), seed });
  const layout = Object.fromEntries(fallbackPositions(doc));
  return { ...doc, layout };
}

export async function loadIntoStore(doc: MapDoc): Promise<string> {
  const { mapId } = await createMap(doc);
  await reopen(mapId);
  return mapId;
}

/**
 * Opens the map again from IndexedDB: new record objects, so nothing worked
 * out for the last mount (balances, anchors, places, all cached by record
 * identity) is reused, as when a user opens a map.
 */
export async function reopen(mapId: string): Promise<void> {
  await mapStore.getState().openMap(mapId);
  if (mapStore.getState().status !== 'ready') throw new Error('map did not open');
}

function container(): HTMLDivElement {
  const el = document.createElement('div');
  el.style.cssText = `width:${WIDTH}px;height:${HEIGHT}px;position:relative;`;
  document.body.appendChild(el);
  return el;
}

export type Mounted = { root: Root; el: HTMLDivElement; rf: ReactFlowInstance<Node, Edge> };

/**
 * Mounts a flow and resolves when the first frame with every visible node
 * rendered (measured, not hidden) has been painted and the viewport settled.
 */
async function mountAndWait(render: (root: Root, onInit: (rf: ReactFlowInstance<Node, Edge>) => void) => void): Promise<Mounted & { ms: number }> {
  const el = container();
  const root = createRoot(el);
  let instance: ReactFlowInstance<Node, Edge> | null = null;
  const t0 = performance.now();
  render(root, (rf) => (instance = rf));
  let lastTransform = '';
  let stable = 0;
  for (let frame = 0; frame < 3000; frame++) {
    await new Promise((r) => requestAnimationFrame(r));
    const nodes = el.querySelectorAll<HTMLElement>('.react-flow__node');
    const viewport = el.querySelector<HTMLElement>('.react-flow__viewport');
    const ready = instance && nodes.length > 0 && [...nodes].every((n) => n.style.visibility !== 'hidden');
    const transform = viewport?.style.transform ?? '';
    if (ready && transform === lastTransform) stable++;
    else stable = 0;
    lastTransform = transform;
    if (stable >= 1) break;
  }
  await nextPaint();
  // The settle check costs one frame of waiting; both flows pay it alike.
  const ms = performance.now() - t0;
  if (!instance) throw new Error('flow never initialised');
  return { root, el, rf: instance, ms };
}

export function mountOurs(): Promise<Mounted & { ms: number }> {
  return mountAndWait((root, onInit) =>
    root.render(<GraphCanvas onInit={onInit as unknown as Parameters<typeof GraphCanvas>[0]['onInit']} />),
  );
}

export function baselineElements(doc: MapDoc): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = [];
  for (const c of Object.values(doc.claims)) nodes.push({ id: c.id, position: doc.layout[c.id]!, data: { label: c.text } });
  for (const q of Object.values(doc.quotes)) nodes.push({ id: q.id, position: doc.layout[q.id]!, data: { label: q.exact } });
  const edges: Edge[] = Object.values(doc.links).map((l) => ({ id: l.id, source: l.from, target: l.to }));
  return { nodes, edges };
}

export function mountBaseline(doc: MapDoc): Promise<Mounted & { ms: number }> {
  const { nodes, edges } = baselineElements(doc);
  return mountAndWait((root, onInit) =>
    root.render(
      <ReactFlowProvider>
        <ReactFlow defaultNodes={nodes} defaultEdges={edges} fitView fitViewOptions={{ maxZoom: 1, padding: 0.1 }} minZoom={0.001} maxZoom={2} onInit={onInit} />
      </ReactFlowProvider>,
    ),
  );
}

export async function unmount(m: Mounted): Promise<void> {
  m.root.unmount();
  m.el.remove();
  await nextPaint();
}

/** Pans over `frames` animation frames with setViewport; frames per second. */
export async function panFps(rf: ReactFlowInstance<Node, Edge>, frames = 120, zoom = 1): Promise<number> {
  await rf.setViewport({ x: 0, y: 0, zoom });
  await nextPaint();
  const t0 = performance.now();
  for (let i = 1; i <= frames; i++) {
    await rf.setViewport({ x: -i * 12, y: -i * 4, zoom });
    await new Promise((r) => requestAnimationFrame(r));
  }
  return frames / ((performance.now() - t0) / 1000);
}

/** The viewport that fits every node of `doc` (laid out) in the bench container. */
export function fittedViewport(doc: MapDoc): { x: number; y: number; zoom: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of Object.values(doc.layout)) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + 220);
    maxY = Math.max(maxY, p.y + 110);
  }
  const zoom = 0.95 * Math.min(WIDTH / (maxX - minX), HEIGHT / (maxY - minY));
  return { x: WIDTH / 2 - ((minX + maxX) / 2) * zoom, y: HEIGHT / 2 - ((minY + maxY) / 2) * zoom, zoom };
}

/** Pans the whole map, fitted in view, by a few pixels a frame; frames per second. */
export async function panFittedFps(rf: ReactFlowInstance<Node, Edge>, doc: MapDoc, frames = 60): Promise<number> {
  const v = fittedViewport(doc);
  await rf.setViewport(v);
  // Settle: the switch to the overview (ours) happens on this first change.
  for (let i = 0; i < 5; i++) await nextPaint();
  const t0 = performance.now();
  for (let i = 1; i <= frames; i++) {
    await rf.setViewport({ x: v.x + Math.sin(i / 10) * 40, y: v.y + Math.cos(i / 10) * 20, zoom: v.zoom });
    await new Promise((r) => requestAnimationFrame(r));
  }
  return frames / ((performance.now() - t0) / 1000);
}
