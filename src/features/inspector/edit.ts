import type { Change, MapDoc } from '../../domain/change';
import type { ApplyOptions } from '../../store/mapStore';
import { mapStore } from '../../store/useMapStore';
import { isQuoteId } from '../../domain/schema';

/** The store's one door for edits (`edit`), for event handlers that need no result. */
export function applyEdit(build: (doc: MapDoc) => Change | null, options: ApplyOptions): void {
  void mapStore.getState().edit(build, options);
}

export const select = (kind: 'claim' | 'quote' | 'source' | 'link', id: string): void =>
  mapStore.getState().select({ kind, id });

/** A claim or quote id → the selection that shows it. */
export const selectNode = (id: string): void => select(isQuoteId(id) ? 'quote' : 'claim', id);
