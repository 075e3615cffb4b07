/**
 * A passage the reader should scroll to, select and flash: where the Search
 * dialog, the evidence finder and the coverage stepper send the reader. Like
 * the store's `flash` for quotes, but for any span of a source. It lives in
 * store/ because search asks and the reader (features/sources) answers, and
 * features never import each other.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { mapStore } from './useMapStore';

/** A span of a source's text, with the text itself: what `Link quote` turns into a quote. */
export type Passage = { sourceId: string; start: number; end: number; exact: string };

export type ReaderTarget = Omit<Passage, 'exact'> & { seq: number; select: boolean };

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
