/**
 * Undo and redo stacks of the open map, as plain values: the document store
 * keeps them in its state and moves entries with these functions.
 *
 * Only this tab's own edits are recorded (excalidraw does the same): an edit
 * from another tab is never undone here. It drops just the entries that touch
 * the records it touched, since their inverses were computed against values
 * that no longer are; every other entry stays undoable.
 */
import type { Change } from '../domain/change';
import { touchedKeys } from '../domain/compose';

/** At least 200 steps per map, as promised; older steps fall off the bottom. */
export const HISTORY_LIMIT = 500;
/** Consecutive edits of one field within this window are one undo step (typing). */
export const COALESCE_MS = 1500;

export type HistoryEntry = {
  label: string;
  change: Change;
  inverse: Change;
  coalesceKey?: string;
  at: number;
};

export type Stacks = { undoStack: HistoryEntry[]; redoStack: HistoryEntry[] };

export const emptyStacks = (): Stacks => ({ undoStack: [], redoStack: [] });

/**
 * Records a new edit: a fresh entry, or, while typing into one field
 * (same coalesceKey within COALESCE_MS), the last entry with the latest
 * change (its first inverse stays, so one undo restores the text before the
 * burst). A new edit empties the redo stack.
 */
export function record(
  stacks: Stacks,
  step: { label: string; change: Change; inverse: Change; coalesceKey?: string | undefined },
  now: number,
): Stacks & { entry: HistoryEntry; coalesced: boolean } {
  const last = stacks.undoStack[stacks.undoStack.length - 1];
  if (last && step.coalesceKey && last.coalesceKey === step.coalesceKey && now - last.at < COALESCE_MS) {
    const entry: HistoryEntry = { ...last, change: step.change, at: now };
    return { undoStack: [...stacks.undoStack.slice(0, -1), entry], redoStack: [], entry, coalesced: true };
  }
  const entry: HistoryEntry = { label: step.label, change: step.change, inverse: step.inverse, at: now };
  if (step.coalesceKey) entry.coalesceKey = step.coalesceKey;
  return { undoStack: [...stacks.undoStack, entry].slice(-HISTORY_LIMIT), redoStack: [], entry, coalesced: false };
}

// Each function returns just the two stacks (never its argument, which may be
// the whole store state), sharing an array that did not change.

/** Stacks without the given entries (an edit that failed to write takes its step with it). */
export function without(stacks: Stacks, gone: ReadonlySet<HistoryEntry>): Stacks {
  if (!gone.size) return { undoStack: stacks.undoStack, redoStack: stacks.redoStack };
  return {
    undoStack: stacks.undoStack.filter((e) => !gone.has(e)),
    redoStack: stacks.redoStack.filter((e) => !gone.has(e)),
  };
}

/**
 * Stacks without the entries that touch what `remote` touched. An entry
 * dropped takes with it the older entries that share its records: their
 * inverses would undo the dropped entry's work as well.
 */
export function dropTouching(stacks: Stacks, remote: Change): Stacks {
  const keys = touchedKeys(remote);
  const keep = (stack: HistoryEntry[]) => {
    const poisoned = new Set(keys);
    const kept: HistoryEntry[] = [];
    for (let i = stack.length - 1; i >= 0; i--) {
      const e = stack[i]!;
      const own = new Set([...touchedKeys(e.change), ...touchedKeys(e.inverse)]);
      if ([...own].some((k) => poisoned.has(k))) for (const k of own) poisoned.add(k);
      else kept.unshift(e);
    }
    return kept.length === stack.length ? stack : kept;
  };
  const undoStack = keep(stacks.undoStack);
  const redoStack = keep(stacks.redoStack);
  return { undoStack, redoStack };
}
