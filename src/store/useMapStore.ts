import { useStore } from 'zustand';
import { createMapStore, type MapActions, type MapState } from './mapStore';
import { watchPage } from './page';

/** The app's one open-map store. Tests make their own with createMapStore. */
export const mapStore = createMapStore();

if (typeof window !== 'undefined') watchPage(mapStore, window);

/** Subscribes a component to a slice of the open map; re-renders only when the slice changes. */
export function useMapStore<T>(selector: (state: MapState & MapActions) => T): T {
  return useStore(mapStore, selector);
}

/** The tooltip of every editing control while the open map is read-only. */
export const READ_ONLY_TITLE = 'Read-only: opened by a review link';

/** True while the open map came by a review link: the store refuses every edit, so the UI offers none. */
export function useReadOnly(): boolean {
  return useStore(mapStore, (s) => s.readOnly);
}
