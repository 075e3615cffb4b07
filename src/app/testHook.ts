/**
 * FOR BROWSER TESTS ONLY: with `?e2e` in the page's address, the stores and
 * the domain's edit builders are reachable as `window.__warrantE2E`, so a
 * test can drive hundreds of edits through the store's one door (`edit`),
 * exactly as the UI does, without clicking each, and seed a map straight into
 * IndexedDB through the storage layer's import (`storage.importMapFile`: one
 * transaction, all or nothing). Nothing is exposed otherwise.
 * Used by tests/e2e/share.spec.ts (the sharing fuzz test) and by
 * tests/e2e/fixtures.ts (`seedMap`, `openExample`), and share-rules.spec.ts.
 */
import { deletionChange } from '../domain/change';
import { addLink, addSource, groupLinks, linkQuote, moveNodes, newClaim, updateClaim, updateLink, updateSource } from '../domain/edits';
import { mapStore } from '../store/useMapStore';
import { shareStore } from '../share/useShareStore';
import { importMapFile } from '../storage/transfer';

export function installTestHook(): void {
  if (!new URLSearchParams(window.location.search).has('e2e')) return;
  Object.assign(window, { __warrantE2E: { mapStore, shareStore, edits: { newClaim, updateClaim, addLink, moveNodes, deletionChange, groupLinks, updateLink, addSource, updateSource, linkQuote }, storage: { importMapFile } } });
}
