/**
 * The open map's one change stream (docs/adr/0001-change-stream.md).
 *
 * Every Change to the open map, whoever made it, is one event here, told
 * with its source. What must follow a change (writing it to IndexedDB and
 * telling other tabs; mirroring it into a shared map's Y.Doc) is an adapter
 * subscribed to the stream: no caller has to remember to broadcast, and each
 * adapter decides by the source what it has to do.
 *
 * Sources:
 * - `user`: this tab's user (edits, undo, redo). Only these enter the history.
 * - `tab`: another tab of this browser, already in IndexedDB (a Change it
 *   broadcast, or a reload after a step we missed).
 * - `remote`: a collaborator's edit out of the shared map's Y.Doc.
 * - `import`: records brought in from outside into the open map (restored
 *   from the Trash, pasted files).
 * - `system`: the app's own bookkeeping (layout of placed nodes, a refused
 *   write taken back in memory).
 */
import type { Change, MapDoc } from '../domain/change';
import type { Problem } from '../domain/integrity';
import { checkAndRepair } from '../domain/rules';

export const CHANGE_SOURCES = ['user', 'tab', 'remote', 'import', 'system'] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

/** One change as the adapters see it. */
export type ChangeEvent<Entry = unknown> = {
  change: Change;
  /** Reverts `change` against the doc it was applied to. */
  inverse: Change;
  source: ChangeSource;
  label: string;
  /** The history entry it made (only `user` changes make one; null when coalesced into an older one). */
  entry: Entry | null;
  /**
   * Set when this event takes back in memory changes whose write failed: the
   * sources of what is taken back. Such an event is never written; a sharing
   * adapter must not send the revert of a `remote` change to collaborators
   * (their edit did not fail, only our copy of it).
   */
  revertOf?: readonly ChangeSource[];
};

/**
 * An adapter: called once with every event, in order. A returned promise
 * is the adapter's verdict (true: done, false: refused); `apply` resolves
 * with every verdict true.
 */
export type StreamAdapter<Entry = unknown> = (event: ChangeEvent<Entry>) => Promise<boolean> | void;

export type Stream<Entry = unknown> = {
  subscribe(adapter: StreamAdapter<Entry>): () => void;
  /** Calls every adapter with `event`; resolves true when none refused. */
  emit(event: ChangeEvent<Entry>): Promise<boolean>;
};

export function createStream<Entry = unknown>(): Stream<Entry> {
  const adapters = new Set<StreamAdapter<Entry>>();
  return {
    subscribe(adapter) {
      adapters.add(adapter);
      return () => {
        adapters.delete(adapter);
      };
    },
    emit(event) {
      const verdicts: Promise<boolean>[] = [];
      for (const adapter of [...adapters]) {
        try {
          const v = adapter(event);
          if (v) verdicts.push(v);
        } catch (e) {
          // One broken adapter must not keep the others (the disk) from the change.
          console.error(e);
        }
      }
      if (!verdicts.length) return Promise.resolve(true);
      return Promise.all(verdicts).then((all) => all.every(Boolean));
    },
  };
}

/**
 * THE validator every Change passes before it is applied (rule 8): the rule
 * book's seam (domain/rules.ts), shared with the sharing bridge and the
 * server. A change made here is checked whole and refused with its problems;
 * a peer's merged change comes back with the deterministic repair folded in
 * (the same on every peer), refused only for what no honest peer sends.
 *
 * A `tab` change is already in IndexedDB (another tab wrote it after its own
 * check): refusing it here would only make this tab's doc differ from the
 * database, so it is not checked again.
 *
 * `doc`, when given, is `before` with `change` applied: the store's next doc,
 * copied once for the check and the store alike; `after` is that doc when the
 * caller made it already (rules.ts `checkAndRepair`).
 */
export function checkBySource(
  before: MapDoc,
  change: Change,
  source: ChangeSource,
  after?: MapDoc,
): { change: Change; problems: Problem[]; repaired: Problem[]; doc?: MapDoc } {
  if (source === 'tab') return { change, problems: [], repaired: [] };
  return checkAndRepair(before, change, source, after);
}
