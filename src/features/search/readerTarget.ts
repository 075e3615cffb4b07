/**
 * A passage the reader should scroll to, select and flash: where the Search
 * dialog and the coverage stepper send the reader. Like the store's `flash`
 * for quotes, but for any span of a source; kept here so search needs no
 * change to the store.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { mapStore } from '../../store/useMapStore';

export type ReaderTarget = { sourceId: string; start: number; end: number; seq: number; select: boolean };

export const readerTargetStore = createStore<{ target: ReaderTarget | null }>()(() => ({ target: null }));

let seq = 0;

/** Opens `sourceId` in the reader and shows `[start, end)` there; `select` makes it the text selection, ready to quote. */
export function showPassage(sourceId: string, start: number, end: number, select = true): void {
  mapStore.getState().openSource(sourceId);
  readerTargetStore.setState({ target: { sourceId, start, end, seq: ++seq, select } });
}

export function useReaderTarget(): ReaderTarget | null {
  return useStore(readerTargetStore, (s) => s.target);
}
