import { useStore } from 'zustand';
import { createShareStore, type ShareActions, type ShareState } from './shareStore';
import { mapStore } from '../store/useMapStore';

/** The app's share session, following the one open map. */
export const shareStore = createShareStore(mapStore);

export function useShareStore<T>(selector: (state: ShareState & ShareActions) => T): T {
  return useStore(shareStore, selector);
}
