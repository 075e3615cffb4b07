/**
 * Follow the work: a claim made here by the last step (New claim, a new
 * linked claim, Link quote's new claim, an undo that brings one back) is
 * brought into view and focused, so the next key acts on it. Placement puts
 * a new claim beside what it bears on, which may lie off screen or under the
 * mini map. A claim another tab made, or a batch (an import), moves nothing.
 */
import { useEffect, useRef, type RefObject } from 'react';
import type { MapDoc } from '../../domain/change';
import { keysOf, type KeysToken } from '../../domain/derive/tables';
import { mapStore } from '../../store/useMapStore';
import { useGraphUi } from './graphUi';

/** Room kept between a followed node and the pane's edge (the toolbar floats over the top, the mini map the bottom right). */
const MARGIN = 24;
const MINIMAP = 160;

export function useFollowWork(
  claims: MapDoc['claims'],
  wrapperRef: RefObject<HTMLDivElement | null>,
  centreOn: (id: string) => void,
  focusNode: (id: string) => void,
) {
  // The claim ids last seen, and their key-set token: a keystroke keeps the
  // token, so it costs one lookup, not a walk over every claim of the map.
  const known = useRef<{ ids: ReadonlySet<string>; keys: KeysToken } | null>(null);
  useEffect(() => {
    const keys = keysOf(claims);
    const last = known.current;
    if (last?.keys === keys) return;
    const ids = Object.keys(claims);
    known.current = { ids: new Set(ids), keys };
    // The first run sees the claims the canvas opened with: none was made here.
    if (!last) return;
    const added = ids.filter((id) => !last.ids.has(id));
    if (added.length !== 1) return;
    const id = added[0]!;
    const store = mapStore.getState();
    // Made by the last step taken here, or brought back by the last undo.
    const done = store.undoStack[store.undoStack.length - 1];
    const undone = store.redoStack[store.redoStack.length - 1];
    const madeHere = !!done?.change.put.claims?.some((c) => c.id === id) || !!undone?.inverse.put.claims?.some((c) => c.id === id);
    if (!madeHere) return;
    // Two frames: the node is drawn and measured, and a dialog that made it has closed and given focus back.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        const wrapper = wrapperRef.current;
        const el = wrapper?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
        const pane = wrapper?.getBoundingClientRect();
        const bar = wrapper?.querySelector<HTMLElement>('.graph-toolbar')?.getBoundingClientRect();
        const box = el?.getBoundingClientRect();
        const inView =
          !!box &&
          !!pane &&
          box.left >= pane.left + MARGIN &&
          box.right <= pane.right - MARGIN &&
          box.top >= Math.max(pane.top, bar?.bottom ?? pane.top) + MARGIN / 2 &&
          box.bottom <= pane.bottom - MARGIN &&
          !(box.right > pane.right - MINIMAP && box.bottom > pane.bottom - MINIMAP);
        if (!inView) centreOn(id);
        // The in-place editor keeps the focus it took for the new claim's text.
        if (useGraphUi.getState().editingId !== id) focusNode(id);
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [claims, wrapperRef, centreOn, focusNode]);
}
