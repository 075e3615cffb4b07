/**
 * FOR BROWSER TESTS ONLY: with `?e2e` in the page's address, the stores and
 * the domain's edit builders are reachable as `window.__warrantE2E`, so a
 * test can drive hundreds of edits through the store's one door (`edit`),
 * exactly as the UI does, without clicking each. Nothing is exposed otherwise.
 * Used by tests/e2e/share.spec.ts (the sharing fuzz test).
 */
import { deletionChange } from '../domain/change';
import { addLink, moveNodes, newClaim, updateClaim } from '../domain/edits';
import { mapStore } from '../store/useMapStore';
import { shareStore } from '../share/useShareStore';

export function installTestHook(): void {
  if (!new URLSearchParams(window.location.search).has('e2e')) return;
  Object.assign(window, { __warrantE2E: { mapStore, shareStore, edits: { newClaim, updateClaim, addLink, moveNodes, deletionChange } } });
}
