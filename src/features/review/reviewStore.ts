/**
 * What the review UI of this tab shows: whether the Review region is open,
 * which threads it lists, and the name this browser comments under when the
 * map is not shared (a shared map comments under the name collaborators see).
 */
import { create } from 'zustand';
import type { ThreadFilter } from '../../domain/comments';
import { MAX_AUTHOR } from '../../domain/schema';

const NAME_KEY = 'warrant-review-name';

function storedName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

type ReviewUi = {
  open: boolean;
  filter: ThreadFilter;
  name: string;
  toggle(): void;
  setFilter(filter: ThreadFilter): void;
  setName(name: string): void;
};

export const useReviewUi = create<ReviewUi>((set) => ({
  open: false,
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
