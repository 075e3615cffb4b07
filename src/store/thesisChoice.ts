/**
 * The thesis chosen in the Thesis check panel, shared with the Export menu so
 * that the Markdown report speaks of the same thesis. Held outside the map:
 * choosing a thesis to look at is not an edit (no undo step, not saved).
 * The id may name a claim of a map no longer open; every reader goes through
 * `resolveThesis`, which falls back to the first thesis.
 */
import { create } from 'zustand';
import type { MapDoc } from '../domain/change';

type ThesisChoiceState = { thesisId: string | null; setThesisId: (id: string | null) => void };

const useThesisChoiceStore = create<ThesisChoiceState>()((set) => ({
  thesisId: null,
  setThesisId: (thesisId) => set({ thesisId }),
}));

/** The first claim of kind thesis, in map order, or null. */
export function firstThesis(doc: MapDoc): string | null {
  for (const claim of Object.values(doc.claims)) if (claim.kind === 'thesis') return claim.id;
  return null;
}

/** The chosen id when it names a claim of `doc`, otherwise the first thesis (or null: no thesis in the map). */
export function resolveThesis(doc: MapDoc, chosen: string | null): string | null {
  return chosen !== null && chosen in doc.claims ? chosen : firstThesis(doc);
}

/** The thesis the report should use for `doc` (outside React: the Export menu's click handler). */
export function getThesisChoice(doc: MapDoc): string | null {
  return resolveThesis(doc, useThesisChoiceStore.getState().thesisId);
}

/** The raw chosen id (may be stale: resolve it against the doc) and its setter. */
export function useThesisChoice(): [string | null, (id: string | null) => void] {
  const thesisId = useThesisChoiceStore((s) => s.thesisId);
  const setThesisId = useThesisChoiceStore((s) => s.setThesisId);
  return [thesisId, setThesisId];
}

/** Sets the choice outside React (tests, other features). */
export function setThesisChoice(id: string | null): void {
  useThesisChoiceStore.getState().setThesisId(id);
}
