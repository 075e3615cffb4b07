/**
 * What an open comparison does to the records of the current map, for the
 * graph to mark them: the Changes region (features/review) sets it, the
 * graph's nodes read it. Features do not import each other, so it lives here.
 */
import { create } from 'zustand';

/** `changed` covers reworded and edited records too. */
export type CompareMark = 'changed' | 'removed';

type CompareMarks = {
  marks: ReadonlyMap<string, CompareMark>;
  setMarks(marks: ReadonlyMap<string, CompareMark>): void;
};

export const useCompareMarks = create<CompareMarks>((set) => ({
  marks: new Map(),
  setMarks: (marks) => set({ marks }),
}));

export const COMPARE_MARK_TEXT: Readonly<Record<CompareMark, string>> = {
  changed: 'Changed in the comparison',
  removed: 'Removed in the comparison',
};
