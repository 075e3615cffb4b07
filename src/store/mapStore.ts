/**
 * The open map in memory: its records and its history, with the session
 * (selection, reader, notices: session.ts) alongside.
 *
 * Every Change to the open map goes through one stream (stream.ts): `apply`
 * (or `edit`, which builds the Change against the doc as it is now) with the
 * change's source. Each is checked against the format's rules (rule 8, one
 * validator: `checkBySource`, the rule book's seam), applied here at once (the UI never waits
 * on IndexedDB), recorded for undo when the user made it (history.ts), and
 * told to the adapters: persistence (sync.ts: the Dexie write queue and the
 * tab channel) and, for a shared map, the Y.Doc mirror (shareStore.ts).
 * Another tab's changes (sync.ts) enter the same stream as source `tab`.
 * A refused write reverts the edit in memory and raises a notice.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { ENTITY_TABLES, applyChange, deletionChange, invertChange, isEmptyChange, type Change, type MapDoc, type DeletionTargets } from '../domain/change';
import { refusalMessage } from '../domain/changeCheck';
import { changeBetween } from '../domain/compose';
import { reviewScopeProblems } from '../domain/reviewScope';
import { changedIds } from '../domain/derive/tables';
import type { WarrantDB } from '../storage/db';
import { dropTouching, emptyStacks, record, without, type HistoryEntry, type Stacks } from './history';
import { createSession, initialView, validSelection, type SessionActions, type SessionState } from './session';
import { createSync, type AdoptReason, type ChannelPort } from './sync';
import type { LoadedMap } from '../storage/reads';
import { checkBySource, createStream, type ChangeEvent, type ChangeSource, type StreamAdapter } from './stream';

export { HISTORY_LIMIT, type HistoryEntry } from './history';
export type { Notice, Selection, SelectionKind } from './session';
export type { ChangeEvent, ChangeSource } from './stream';

export type MapState = SessionState &
  Stacks & {
    status: 'idle' | 'loading' | 'ready' | 'missing';
    mapId: string | null;
    doc: MapDoc | null;
    /** The revision of the map in IndexedDB that `doc` is based on (after pending writes). */
    revision: number;
    /** Edits not yet on disk (queued or in flight). */
    pendingWrites: number;
    /** Opened by a review link: every edit but comments is refused (the server refuses them too). */
    readOnly: boolean;
    /** While `loading`: the map's records read so far (the opening screen shows it; a large map takes seconds). */
    rowsRead: number;
  };

export type ApplyOptions = {
  label: string;
  /**
   * Who made the change (stream.ts); `user` when left out. Only `user`
   * changes enter the history; `remote` ones drop the undo steps they touch.
   */
  source?: Exclude<ChangeSource, 'tab'>;
  /** Edits of the same thing within a short time merge into one undo step. */
  coalesceKey?: string;
  /** Undo/redo pass false: they move entries between the stacks themselves. Only for `user`. */
  record?: boolean;
  /**
   * The open doc with `change` applied, when the caller made it already from
   * the doc as it is now (the sharing bridge merges a peer's update into it):
   * taken instead of copying every table the change touches again, once its
   * tables are seen to come from the open doc's (derive/tables.ts lineage).
   */
  after?: MapDoc;
};

export type MapActions = SessionActions & {
  openMap(mapId: string): Promise<void>;
  closeMap(): void;
  /**
   * THE door for edits: builds a Change against the doc as it is now (not as
   * a component last rendered it) and applies it. Nothing happens when
   * `build` returns null (the record it needs is gone). Resolves true once
   * written, false when refused.
   */
  edit(build: (doc: MapDoc) => Change | null, options: ApplyOptions): Promise<boolean>;
  /** Applies a ready Change now and commits it; resolves when it is written (or refused). */
  apply(change: Change, options: ApplyOptions): Promise<boolean>;
  remove(targets: DeletionTargets, label?: string): Promise<boolean>;
  undo(): Promise<boolean>;
  redo(): Promise<boolean>;
  /** Resolves once every queued write has settled. */
  flush(): Promise<void>;
  /** The same as `flush`: the signal tests and the page's close wait on. */
  whenSettled(): Promise<void>;
  /** Stops listening to other tabs (tests; the app's store lives as long as the page). */
  dispose(): void;
  /**
   * A Change from a collaborator (a shared map, src/share): `apply` with
   * source `remote`. Applied now and committed like any edit, never recorded
   * for undo; the undo steps that touch the same records are dropped, as for
   * another tab's edit.
   */
  applyShared(change: Change, label: string, after?: MapDoc): Promise<boolean>;
  /**
   * Subscribes an adapter to the change stream: it is called once with every
   * Change to the open map, in order, with its source (stream.ts).
   */
  onChange(adapter: StreamAdapter<HistoryEntry>): () => void;
  /**
   * Calls `listener` with every Change this device makes to the open map:
   * every stream event but a collaborator's (`remote`) and the revert of a
   * collaborator's change this device failed to store.
   */
  onLocalChange(listener: (change: Change) => void): () => void;
  setReadOnly(readOnly: boolean): void;
};

export type MapStore = StoreApi<MapState & MapActions>;

const DOC_TABLES = [...ENTITY_TABLES, 'layout'] as const;

/**
 * Was `after` made from `doc` by applying Changes to it: each table the same
 * or one `applyChange` made from it? Guards `ApplyOptions.after`: a doc made
 * from an older doc would drop whatever happened since.
 */
function madeFrom(doc: MapDoc, after: MapDoc): boolean {
  return DOC_TABLES.every((t) => after[t] === doc[t] || changedIds(doc[t], after[t]) !== null);
}

const initialDoc = () => ({ status: 'idle' as const, mapId: null, doc: null, revision: 0, pendingWrites: 0, readOnly: false, rowsRead: 0, ...emptyStacks() });

const REPLACED_NOTICE = 'This map was replaced in another tab (an import or a restore): you now see the stored version.';
const GONE_NOTICE = 'This map was deleted in another tab. It may be in the Trash.';
const READ_ONLY_NOTICE = 'This map is open for review (read-only): it cannot be changed here.';

/** `channel`: false for none, a port for a fake bus in tests; the broadcast channel by default. */
export function createMapStore(deps: { db?: WarrantDB; channel?: boolean | ChannelPort } = {}): MapStore {
  const stream = createStream<HistoryEntry>();
  /** Tells the adapters about a change made outside `apply` (another tab's, a revert): no verdict awaited. */
  const tell = (event: ChangeEvent<HistoryEntry>) => {
    if (!isEmptyChange(event.change)) void stream.emit(event);
  };
  const store = createStore<MapState & MapActions>()((set, get) => {
    const session = createSession(set, get);

    /** The one way a stored map becomes the open doc. */
    function adopt(loaded: LoadedMap | null, reason: AdoptReason) {
      if (!loaded) {
        set({ ...initialDoc(), ...initialView(), status: 'missing', mapId: get().mapId });
        if (reason !== 'open') session.notify('error', GONE_NOTICE);
        return;
      }
      const { doc: next, revision } = loaded;
      const firstSource = Object.values(next.sources)[0]?.id ?? null;
      if (reason === 'open') {
        set({ status: 'ready', doc: next, revision, rowsRead: 0, ...initialView(), openSourceId: firstSource, ...emptyStacks() });
        return;
      }
      const before = get().doc;
      set((s) => {
        // Only this tab's steps on records that did not move stay undoable.
        const stacks = reason === 'replaced' || !s.doc ? emptyStacks() : dropTouching(s, changeBetween(s.doc, next));
        const openSourceId = s.openSourceId && s.openSourceId in next.sources ? s.openSourceId : firstSource;
        return { status: 'ready', doc: next, revision, selection: validSelection(next, s.selection), openSourceId, ...stacks };
      });
      if (before && before.map.id === next.map.id) {
        tell({ change: changeBetween(before, next), inverse: changeBetween(next, before), source: 'tab', label: 'Reload', entry: null });
      }
      if (reason === 'replaced') session.notify('info', REPLACED_NOTICE);
    }

    const sync = createSync<HistoryEntry>(deps, {
      adopt,
      applyRemote(change, revision) {
        const before = get().doc;
        if (!before) return;
        const doc = applyChange(before, change);
        set((s) => ({ doc, revision, selection: validSelection(doc, s.selection), ...dropTouching(s, change) }));
        tell({ change, inverse: invertChange(before, change), source: 'tab', label: 'Edit in another tab', entry: null });
      },
      written(revision, updatedAt) {
        set((s) => ({ revision, doc: s.doc ? { ...s.doc, map: { ...s.doc.map, updatedAt } } : s.doc }));
      },
      failed(tokens, inverse, message, sources) {
        const before = get().doc;
        set((s) => {
          const stacks = without(s, new Set(tokens));
          if (!s.doc || !inverse) return stacks;
          const doc = applyChange(s.doc, inverse);
          return { doc, selection: validSelection(doc, s.selection), ...stacks };
        });
        if (before && inverse) {
          tell({ change: inverse, inverse: invertChange(before, inverse), source: 'system', label: 'Take back a refused write', entry: null, revertOf: sources });
        }
        session.notify('error', message);
      },
      pending(count) {
        if (get().pendingWrites !== count) set({ pendingWrites: count });
      },
      reading(rows) {
        if (get().status === 'loading') set({ rowsRead: rows });
      },
    });

    // Persistence: the first adapter, so a change is on its way to disk
    // before anything else hears of it. Another tab's change is stored
    // already; a revert takes back in memory what was never stored.
    stream.subscribe((e) => (e.source === 'tab' || e.revertOf ? undefined : sync.write(e.change, e.inverse, e.entry, e.label, e.source)));

    function apply(change: Change, options: ApplyOptions): Promise<boolean> {
      const source = options.source ?? 'user';
      const { doc } = get();
      if (!doc || isEmptyChange(change) || change.mapId !== doc.map.id) return Promise.resolve(false);
      // A review link's map still takes the collaborators' edits, and the
      // reviewer's own comments (reviewScope.ts; the server allows the same).
      const guarded = get().readOnly && source !== 'remote';
      if (guarded && reviewScopeProblems(doc, change).length) {
        session.notify('error', READ_ONLY_NOTICE);
        return Promise.resolve(false);
      }
      const after = options.after && madeFrom(doc, options.after) ? { ...options.after, map: change.map ?? doc.map } : undefined;
      const checked = checkBySource(doc, change, source, after);
      const { problems } = checked;
      if (problems.length) {
        session.notify('error', refusalMessage(options.label, problems));
        return Promise.resolve(false);
      }
      change = checked.change;
      // The rule book's repair may have added to it: still only comments?
      if (guarded && reviewScopeProblems(doc, change).length) {
        session.notify('error', READ_ONLY_NOTICE);
        return Promise.resolve(false);
      }
      // One copy of each touched table per Change: the check made it already.
      const next = checked.doc ?? applyChange(doc, change);
      const inverse = invertChange(doc, change);
      let entry: HistoryEntry | null = null;
      set((s) => {
        const patch = { doc: next, selection: validSelection(next, s.selection) };
        // Undo steps computed against records a collaborator just changed would undo their work too.
        if (source === 'remote') return { ...patch, ...dropTouching(s, change) };
        if (source !== 'user' || options.record === false) return patch;
        const r = record(s, { label: options.label, change, inverse, coalesceKey: options.coalesceKey }, Date.now());
        // A coalesced step keeps its entry if this write fails: its earlier writes stand.
        if (!r.coalesced) entry = r.entry;
        return { ...patch, undoStack: r.undoStack, redoStack: r.redoStack };
      });
      return stream.emit({ change, inverse, source, label: options.label, entry });
    }

    /** Moves the top entry of one stack to the other and applies its `side`. */
    async function step(from: 'undoStack' | 'redoStack', side: 'inverse' | 'change', verb: string): Promise<boolean> {
      const to = from === 'undoStack' ? 'redoStack' : 'undoStack';
      const entry = get()[from][get()[from].length - 1];
      if (!entry) return false;
      set((s) => ({ [from]: s[from].slice(0, -1), [to]: [...s[to], entry] }) as Partial<Stacks>);
      const ok = await apply(entry[side], { label: `${verb} ${entry.label}`, record: false });
      if (!ok) set((s) => ({ [to]: s[to].filter((x) => x !== entry) }) as Partial<Stacks>);
      return ok;
    }

    return {
      ...initialDoc(),
      ...session,

      async openMap(mapId) {
        // Notices stay: one raised on the map list is about this map.
        set({ ...initialDoc(), ...initialView(), status: 'loading', mapId });
        await sync.open(mapId);
      },

      closeMap() {
        sync.close();
        set({ ...initialDoc(), ...initialView() });
      },

      edit(build, options) {
        const { doc } = get();
        const change = doc ? build(doc) : null;
        return change ? apply(change, options) : Promise.resolve(false);
      },

      apply,

      remove(targets, label = 'Delete') {
        const { doc } = get();
        if (!doc) return Promise.resolve(false);
        return apply(deletionChange(doc, targets), { label });
      },

      undo: () => step('undoStack', 'inverse', 'Undo'),
      redo: () => step('redoStack', 'change', 'Redo'),

      applyShared(change, label, after) {
        // A peer's Change is merged, not made here: the rule book repairs
        // what the merge broke (the same way on every peer) and refuses
        // only what no honest peer sends.
        return apply(change, { label, source: 'remote', after });
      },

      onChange: (adapter) => stream.subscribe(adapter),

      onLocalChange(listener) {
        return stream.subscribe((e) => {
          if (e.source === 'remote' || e.revertOf?.includes('remote')) return;
          listener(e.change);
        });
      },

      setReadOnly(readOnly) {
        if (get().readOnly !== readOnly) set({ readOnly });
      },

      flush: () => sync.settled(),
      whenSettled: () => sync.settled(),
      dispose: () => sync.dispose(),
    };
  });
  return store;
}
