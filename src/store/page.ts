/**
 * What the page shows of the store's writes. `data-pending-writes` on
 * <html> is the "writes settled" signal browser tests wait on (never a
 * fixed sleep), and closing or reloading the tab while edits are still on
 * their way to disk asks the user first (issue 17, item 5).
 */
import type { MapStore } from './mapStore';

export function watchPage(store: MapStore, win: Window): () => void {
  const root = win.document.documentElement;
  const show = (pending: number) => {
    root.dataset['pendingWrites'] = String(pending);
  };
  show(store.getState().pendingWrites);
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.pendingWrites !== prev.pendingWrites) show(s.pendingWrites);
  });
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    // preventDefault asks the browser to confirm leaving; the text is the browser's own.
    if (store.getState().pendingWrites > 0) event.preventDefault();
  };
  win.addEventListener('beforeunload', onBeforeUnload);
  return () => {
    unsubscribe();
    win.removeEventListener('beforeunload', onBeforeUnload);
  };
}
