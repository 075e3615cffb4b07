import type { Change, MapDoc } from '../../domain/change';
import type { ApplyOptions } from '../../store/mapStore';
import { mapStore } from '../../store/useMapStore';

/**
 * Builds a Change against the store's doc as it is at the moment of the event
 * (not the one the component last rendered with) and applies it: one call,
 * one undo step (or one coalesced step while typing). Nothing happens when
 * the record the builder needs is gone (deleted in another tab meanwhile).
 */
export function applyEdit(build: (doc: MapDoc) => Change | null, options: ApplyOptions): void {
  const { doc, apply } = mapStore.getState();
  if (!doc) return;
  const change = build(doc);
  if (change) void apply(change, options);
}

export const select = (kind: 'claim' | 'quote' | 'source' | 'link', id: string): void =>
  mapStore.getState().select({ kind, id });

/** A claim or quote id → the selection that shows it. */
export const selectNode = (id: string): void => select(id.startsWith('q_') ? 'quote' : 'claim', id);
