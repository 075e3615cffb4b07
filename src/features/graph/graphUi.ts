/**
 * Local UI state of the graph that node components need (which claim is being
 * edited in place, which node a keyboard link starts from). A small store of
 * its own so a node subscribes to a boolean about itself and only the nodes
 * concerned re-render.
 */
import { create } from 'zustand';

type GraphUi = {
  /** The claim whose text is open in the in-place editor. */
  editingId: string | null;
  /** A link being made with the keyboard starts here. */
  linkFrom: string | null;
  /** While an image of the whole graph is drawn: every node rendered, no simplified drawing. */
  capturing: boolean;
  edit(id: string | null): void;
  startLink(id: string | null): void;
  setCapturing(capturing: boolean): void;
};

export const useGraphUi = create<GraphUi>()((set) => ({
  editingId: null,
  linkFrom: null,
  edit: (editingId) => set({ editingId }),
  startLink: (linkFrom) => set({ linkFrom }),
  capturing: false,
  setCapturing: (capturing) => set({ capturing }),
}));
