/**
 * PNG and SVG pictures of the whole argument graph, drawn by html-to-image
 * from React Flow's viewport element (React Flow's "download image" recipe):
 * the viewport is rendered at zoom 1, shifted so the nodes' bounding box
 * starts at the padding, on white. Loaded on demand with html-to-image.
 *
 * CSP: html-to-image draws the clone as an SVG `data:` image onto a canvas,
 * so a Content-Security-Policy must allow `img-src data:` (and `blob:` for the
 * download links). Fonts are the system's, so `skipFonts` keeps it from
 * reading stylesheets or fetching anything.
 */
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';

const PADDING = 40;
/** Browsers refuse canvases much above 16,384 px a side; stay under it. */
const MAX_CANVAS_SIDE = 16_000;
const PIXEL_RATIO = 2;

/**
 * SVG presentation properties set by stylesheets. html-to-image 1.11.13
 * clones an `<svg>` whole and copies computed styles only onto the `<svg>`
 * itself, so class-styled edges would lose their stroke (its issue #516 / #496);
 * we inline these on every SVG descendant for the duration of the capture.
 */
const SVG_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'visibility',
  'display',
  'font-family',
  'font-size',
  'font-weight',
  'marker-start',
  'marker-end',
] as const;

/**
 * The CSS properties copied onto each cloned element. html-to-image copies
 * every property (~360) by default, for every element and both its pseudo
 * elements: seconds on a map of a hundred nodes. These are the ones that
 * shape how nodes, edges and their text look.
 */
const STYLE_PROPS = [
  ...SVG_PROPS,
  'display', 'position', 'top', 'right', 'bottom', 'left', 'z-index', 'float', 'clear',
  'box-sizing', 'width', 'height', 'min-width', 'min-height', 'max-width', 'max-height',
  'margin-top', 'margin-right', 'margin-bottom', 'margin-left',
  'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width',
  'border-top-style', 'border-right-style', 'border-bottom-style', 'border-left-style',
  'border-top-color', 'border-right-color', 'border-bottom-color', 'border-left-color',
  'border-top-left-radius', 'border-top-right-radius', 'border-bottom-right-radius', 'border-bottom-left-radius',
  'outline-width', 'outline-style', 'outline-color', 'outline-offset', 'box-shadow',
  'background-color', 'background-image', 'background-size', 'background-position', 'background-repeat', 'background-clip',
  'color', 'font-style', 'font-variant', 'font-stretch', 'line-height', 'letter-spacing', 'word-spacing',
  'text-align', 'text-decoration-line', 'text-decoration-style', 'text-decoration-color', 'text-transform', 'text-indent',
  'text-overflow', 'white-space', 'word-break', 'overflow-wrap', 'hyphens', 'vertical-align', 'direction',
  '-webkit-line-clamp', '-webkit-box-orient', 'line-clamp',
  'overflow-x', 'overflow-y', 'flex-direction', 'flex-wrap', 'flex-grow', 'flex-shrink', 'flex-basis', 'order',
  'justify-content', 'align-items', 'align-self', 'align-content', 'row-gap', 'column-gap',
  'grid-template-columns', 'grid-template-rows', 'grid-column-start', 'grid-column-end', 'grid-row-start', 'grid-row-end',
  'grid-auto-flow', 'grid-auto-columns', 'grid-auto-rows',
  'transform', 'transform-origin', 'content', 'list-style-type', 'cursor', 'pointer-events',
];

/** Parts of the flow that are controls, not content. */
const EXCLUDED_CLASSES = [
  'react-flow__minimap',
  'react-flow__controls',
  'react-flow__panel',
  'react-flow__attribution',
  'react-flow__handle',
  'react-flow__resize-control',
  'react-flow__nodesselection',
  'react-flow__selection',
];

export type GraphBounds = { x: number; y: number; width: number; height: number };

export class NoGraphError extends Error {
  constructor(message = 'The argument graph is not on screen, or has no nodes to draw.') {
    super(message);
    this.name = 'NoGraphError';
  }
}

/** The viewport element of the graph in region `Argument graph`. */
export function findViewport(root: ParentNode = document): HTMLElement {
  const viewport = root.querySelector<HTMLElement>('[aria-label="Argument graph"] .react-flow__viewport');
  if (!viewport) throw new NoGraphError();
  return viewport;
}

/**
 * The box around every node in flow coordinates, by React Flow's own
 * `getNodesBounds`: each rendered node's position is its computed transform
 * (React Flow places nodes by `translate`, read here as a matrix, not parsed),
 * and its offset size is unscaled by the viewport's zoom.
 */
export function nodeBounds(viewport: HTMLElement): GraphBounds | null {
  const nodes: Node[] = [];
  for (const el of viewport.querySelectorAll<HTMLElement>('.react-flow__node')) {
    const m = new DOMMatrixReadOnly(getComputedStyle(el).transform);
    if (!Number.isFinite(m.m41) || !Number.isFinite(m.m42)) continue;
    nodes.push({
      id: el.dataset['id'] ?? String(nodes.length),
      position: { x: m.m41, y: m.m42 },
      measured: { width: el.offsetWidth, height: el.offsetHeight },
      data: {},
    });
  }
  if (!nodes.length) return null;
  return getNodesBounds(nodes);
}

/** Device pixels per CSS pixel: 2, less when that would pass the canvas limit. */
export function pixelRatioFor(width: number, height: number): number {
  const side = Math.max(width, height, 1);
  return Math.min(PIXEL_RATIO, MAX_CANVAS_SIDE / side);
}

/**
 * Inlines the computed SVG presentation properties of every element inside
 * the viewport's `<svg>`s; returns a function that puts back exactly what was
 * there (only the properties we set), so React's own inline styles survive.
 */
function inlineSvgStyles(viewport: HTMLElement): () => void {
  const undo: Array<() => void> = [];
  for (const el of viewport.querySelectorAll<SVGElement>('svg *')) {
    const computed = getComputedStyle(el);
    for (const prop of SVG_PROPS) {
      const value = computed.getPropertyValue(prop);
      if (!value) continue;
      const before = el.style.getPropertyValue(prop);
      const priority = el.style.getPropertyPriority(prop);
      if (before === value) continue;
      el.style.setProperty(prop, value);
      undo.push(() => {
        if (before) el.style.setProperty(prop, before, priority);
        else el.style.removeProperty(prop);
      });
    }
  }
  return () => {
    for (const u of undo) u();
  };
}

function captureOptions(viewport: HTMLElement) {
  const bounds = nodeBounds(viewport);
  if (!bounds) throw new NoGraphError();
  const width = Math.ceil(bounds.width + PADDING * 2);
  const height = Math.ceil(bounds.height + PADDING * 2);
  // Zoom 1, the box centred in an image PADDING larger on every side.
  const at = getViewportForBounds(bounds, width, height, 1, 1, `${PADDING}px`);
  return {
    backgroundColor: '#ffffff',
    width,
    height,
    pixelRatio: pixelRatioFor(width, height),
    skipFonts: true,
    includeStyleProperties: STYLE_PROPS,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${at.x}px, ${at.y}px) scale(${at.zoom})`,
      transformOrigin: '0 0',
    },
    filter: (node: HTMLElement) => !EXCLUDED_CLASSES.some((c) => node.classList?.contains(c)),
  };
}

/**
 * Edges point at `<marker>`s that the graph may define outside the viewport
 * (in the region's own `<svg><defs>`); a copy goes into the viewport for the
 * capture, so arrowheads survive. Returns the function that takes it out.
 */
function borrowMarkers(viewport: HTMLElement): () => void {
  const region = viewport.closest('[aria-label="Argument graph"]') ?? viewport.parentElement;
  const markers = [...(region?.querySelectorAll('marker') ?? [])].filter((m) => !viewport.contains(m));
  if (!markers.length) return () => {};
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('width', '0');
  svg.setAttribute('height', '0');
  svg.style.position = 'absolute';
  const defs = document.createElementNS(ns, 'defs');
  for (const m of markers) defs.append(m.cloneNode(true));
  svg.append(defs);
  viewport.append(svg);
  return () => svg.remove();
}

/**
 * Runs `draw` with the viewport prepared for html-to-image, and puts the
 * viewport back as it was afterwards, even when drawing fails.
 */
async function withInlinedSvg<T>(viewport: HTMLElement, draw: () => Promise<T>): Promise<T> {
  const unborrow = borrowMarkers(viewport);
  const restore = inlineSvgStyles(viewport);
  try {
    return await draw();
  } finally {
    restore();
    unborrow();
  }
}

/**
 * Runs `draw` while the graph renders every node: large maps draw only the
 * nodes in view (culling) and a simplified drawing when zoomed out, and an
 * image of the whole graph needs them all. The graph (features/graph) does
 * it; app/ hands it down, since features never import each other.
 */
export type WholeGraph = <T>(draw: () => Promise<T>) => Promise<T>;

const asItIs: WholeGraph = (draw) => draw();

/** A PNG of the whole graph at up to twice its size on screen at zoom 1. */
export async function graphPng(wholeGraph: WholeGraph = asItIs): Promise<Blob> {
  const { toBlob } = await import('html-to-image');
  const blob = await wholeGraph(() => {
    const viewport = findViewport();
    return withInlinedSvg(viewport, () => toBlob(viewport, captureOptions(viewport)));
  });
  if (!blob) throw new Error('The browser could not draw the graph.');
  return blob;
}

/** An SVG of the whole graph (the nodes as HTML in a foreignObject, as html-to-image draws them). */
export async function graphSvg(wholeGraph: WholeGraph = asItIs): Promise<Blob> {
  const { toSvg } = await import('html-to-image');
  const dataUrl = await wholeGraph(() => {
    const viewport = findViewport();
    return withInlinedSvg(viewport, () => toSvg(viewport, { ...captureOptions(viewport), pixelRatio: 1 }));
  });
  const comma = dataUrl.indexOf(',');
  const text = decodeURIComponent(dataUrl.slice(comma + 1));
  return new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${text}`], { type: 'image/svg+xml' });
}
