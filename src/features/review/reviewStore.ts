/**
 * What the review UI of this tab shows: whether the Review region is open,
 * which threads it lists, and the name this browser comments under when the
 * map is not shared (a shared map comments under the name collaborators see).
 */
import { create } from 'zustand';
import type { MapDoc } from '../../domain/change';
import type { ThreadFilter } from '../../domain/comments';
import type { Comparison } from '../../domain/compare';
import { MAX_AUTHOR } from '../../domain/schema';

const NAME_KEY = 'warrant-review-name';

function storedName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

/** An open comparison: the current map against `other` (a version or a file). */
export type OpenComparison = { title: string; other: MapDoc; result: Comparison; selected: ReadonlySet<string> };

type ReviewUi = {
  open: boolean;
  historyOpen: boolean;
  comparison: OpenComparison | null;
  toggleHistory(): void;
  setComparison(comparison: OpenComparison | null): void;
  toggleSelected(itemId: string): void;
  filter: ThreadFilter;
  name: string;
  toggle(): void;
  setFilter(filter: ThreadFilter): void;
  setName(name: string): void;
};

export const useReviewUi = create<ReviewUi>((set) => ({
  open: false,
  historyOpen: false,
  comparison: null,
  toggleHistory: () => set((s) => ({ historyOpen: !s.historyOpen })),
  setComparison: (comparison) => set({ comparison }),
  toggleSelected: (itemId) =>
    set((s) => {
      if (!s.comparison) return {};
      const selected = new Set(s.comparison.selected);
      if (selected.has(itemId)) selected.delete(itemId);
      else selected.add(itemId);
      return { comparison: { ...s.comparison, selected } };
    }),
  filter: 'open',
  name: storedName(),
  toggle: () => set((s) => ({ open: !s.open })),
  setFilter: (filter) => set({ filter }),
  setName: (name) => {
    const clean = name.slice(0, MAX_AUTHOR);
    try {
      localStorage.setItem(NAME_KEY, clean);
    } catch {
      // A browser that refuses storage keeps the name for this tab only.
    }
    set({ name: clean });
  },
}));
