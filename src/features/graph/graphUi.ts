/**
 * Local UI state of the graph that node components need (which claim is being
 * edited in place, which node a keyboard link starts from). A small store of
 * its own so a node subscribes to a boolean about itself and only the nodes
 * concerned re-render.
 */
import { create } from 'zustand';
import type { LayoutDirection } from './layout';
import { mapStore } from '../../store/useMapStore';

type GraphUi = {
  /** The claim whose text is open in the in-place editor. */
  editingId: string | null;
  /** The claim being edited was just made: Escape with nothing typed takes it away again. */
  editingFresh: boolean;
  /** A link being made with the keyboard starts here. */
  linkFrom: string | null;
  /** While an image of the whole graph is drawn: every node rendered, no simplified drawing. */
  capturing: boolean;
  /** The direction Auto layout lays out in; lines between nodes follow it. */
  direction: LayoutDirection;
  /** Claims whose evidence badge is open in the overview (semantic zoom). */
  expanded: ReadonlySet<string>;
  edit(id: string | null, options?: { fresh?: boolean }): void;
  setDirection(direction: LayoutDirection): void;
  toggleExpanded(id: string): void;
  startLink(id: string | null): void;
  setCapturing(capturing: boolean): void;
};

export const useGraphUi = create<GraphUi>()((set) => ({
  editingId: null,
  linkFrom: null,
  editingFresh: false,
  // The store would refuse the text anyway: a read-only map (review link) never opens the editor.
  edit: (editingId, options) =>
    editingId && mapStore.getState().readOnly ? undefined : set({ editingId, editingFresh: !!editingId && !!options?.fresh }),
  direction: 'LR',
  setDirection: (direction) => set({ direction }),
  expanded: new Set(),
  toggleExpanded: (id) =>
    set((s) => {
      const expanded = new Set(s.expanded);
      if (!expanded.delete(id)) expanded.add(id);
      return { expanded };
    }),
  startLink: (linkFrom) => set({ linkFrom }),
  capturing: false,
  setCapturing: (capturing) => set({ capturing }),
}));

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * What the graph draws now, in short: its nodes and the course of every line.
 * Lines to a node drawn for the first time (quotes folded in the overview, or
 * culled) are first drawn to its given size and move once it is measured.
 */
function drawingNow(): string {
  const region = document.querySelector('[aria-label="Argument graph"]');
  if (!region) return '';
  const parts = [String(region.querySelectorAll('.react-flow__node').length)];
  for (const p of region.querySelectorAll('.react-flow__edge-path')) parts.push(p.getAttribute('d') ?? '');
  return parts.join('|');
}

/** Frames the drawing must stay the same before it is taken as settled, and the most to wait. */
const STILL_FRAMES = 3;
const MAX_FRAMES = 120;

/**
 * Runs `draw` while the graph renders every node, with no simplified
 * drawing (large maps cull what is out of view, the overview folds quotes):
 * for an image of the whole graph in full detail, the same whatever the
 * zoom. It waits until React has rendered, the browser measured the nodes
 * just drawn and the lines met them (the drawing stays the same for a few
 * frames): two frames were not always enough, and a line then ended at a
 * quote's given size instead of its measured one.
 */
export async function withWholeGraph<T>(draw: () => Promise<T>): Promise<T> {
  const ui = useGraphUi.getState();
  ui.setCapturing(true);
  try {
    await nextFrame();
    await nextFrame();
    let last = drawingNow();
    let still = 0;
    for (let i = 0; i < MAX_FRAMES && still < STILL_FRAMES; i++) {
      await nextFrame();
      const now = drawingNow();
      still = now === last ? still + 1 : 0;
      last = now;
    }
    return await draw();
  } finally {
    ui.setCapturing(false);
  }
}
