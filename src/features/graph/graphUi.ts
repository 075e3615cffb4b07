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
 * Runs `draw` while the graph renders every node, with no simplified
 * drawing (large maps cull what is out of view): for an image of the whole
 * graph. Two frames let React render and the browser lay it out first.
 */
export async function withWholeGraph<T>(draw: () => Promise<T>): Promise<T> {
  const ui = useGraphUi.getState();
  ui.setCapturing(true);
  try {
    await nextFrame();
    await nextFrame();
    return await draw();
  } finally {
    ui.setCapturing(false);
  }
}
