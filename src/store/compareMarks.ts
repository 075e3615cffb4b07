/**
 * What an open comparison does to the records of the current map, for the
 * graph to mark them: the Changes region (features/review) sets it, the
 * graph's nodes and edges read it. Features do not import each other, so it
 * lives here.
 */
import { create } from 'zustand';

/** `changed` covers reworded and edited records too. */
export type CompareMark = 'changed' | 'removed';

type CompareMarks = {
  marks: ReadonlyMap<string, CompareMark>;
  /**
   * What the comparison adds is not in the current graph: each added record
   * is shown where it meets it (a node or link of the current map), by its
   * words in the Changes list. Id of that element → those words.
   */
  added: ReadonlyMap<string, readonly string[]>;
  setMarks(marks: ReadonlyMap<string, CompareMark>, added?: ReadonlyMap<string, readonly string[]>): void;
};

export const useCompareMarks = create<CompareMarks>((set) => ({
  marks: new Map(),
  added: new Map(),
  setMarks: (marks, added = new Map()) => set({ marks, added }),
}));

export const COMPARE_MARK_TEXT: Readonly<Record<CompareMark, string>> = {
  changed: 'Changed in the comparison',
  removed: 'Removed in the comparison',
};

/** The visible words of the mark of what a comparison adds at one element. */
export const compareAddedText = (n: number): string => `${n} added here in the comparison`;
