/**
 * The doc as the views that derive from it read it: the graph, the Thesis
 * check, the Evidence matrix and the Claim view.
 *
 * Deferred (React's `useDeferredValue`): a keystroke first renders and
 * paints what it types into (the Details field, the node's own editor, which
 * read the store directly), then these views catch up in a render of their
 * own, which React drops for a newer doc if the next key comes first. Their
 * derived data comes from domain/derive, so catching up costs what the
 * typed record changes, not the whole map.
 *
 * Code that acts on the doc (commands, edits) reads `mapStore.getState().doc`,
 * never this: it may be a frame behind.
 */
import { useDeferredValue } from 'react';
import type { MapDoc } from '../domain/change';
import { useMapStore } from './useMapStore';

export function useViewDoc(): MapDoc | null {
  return useDeferredValue(useMapStore((s) => s.doc));
}
