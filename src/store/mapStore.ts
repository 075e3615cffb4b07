/**
 * The open map in memory: its records, the selection and the history.
 *
 * Every edit goes one way: an action builds a Change (src/domain/edits.ts),
 * applies it here at once (the UI never waits on IndexedDB), and hands it to
 * storage, which writes it in one transaction. A failed write reverts the
 * in-memory change and raises a message. Other tabs' committed Changes arrive
 * over the broadcast channel and are applied when they follow our revision;
 * otherwise the map is reloaded from IndexedDB, so a tab never writes over a
 * revision it has not seen.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { applyChange, deletionChange, invertChange, isEmptyChange, type Change, type MapDoc, type DeletionTargets } from '../domain/change';
import { commitChange } from '../storage/writes';
import { loadMap } from '../storage/reads';
import { broadcastChange, subscribeChanges, TAB_ID } from '../storage/channel';
import { classifyStorageError } from '../storage/errors';
import { requestPersistence } from '../storage/persistence';
import type { WarrantDB } from '../storage/db';

/** At least 200 steps per map, as promised; older steps fall off the bottom. */
export const HISTORY_LIMIT = 500;
/** Consecutive edits of one field within this window are one undo step (typing). */
const COALESCE_MS = 1500;

export type SelectionKind = 'claim' | 'quote' | 'source' | 'link';
export type Selection = { kind: SelectionKind; id: string } | null;

export type HistoryEntry = {
  label: string;
  change: Change;
  inverse: Change;
  coalesceKey?: string;
  at: number;
};

export type Notice = { id: number; kind: 'error' | 'info'; text: string };

export type MapState = {
  status: 'idle' | 'loading' | 'ready' | 'missing';
  mapId: string | null;
  doc: MapDoc | null;
  /** The revision of the map in IndexedDB that `doc` is based on (after pending writes). */
  revision: number;
  selection: Selection;
  /** The source shown in the reader. */
  openSourceId: string | null;
  /** A quote to scroll to and flash in the reader; the number changes on each request. */
  flash: { quoteId: string; seq: number } | null;
  /** A node the graph should centre and select; the number changes on each request. */
  reveal: { nodeId: string; seq: number } | null;
  undoStack: HistoryEntry[];
  redoStack: HistoryEntry[];
  notices: Notice[];
  /** Writes queued or in flight. */
  pendingWrites: number;
};

export type ApplyOptions = {
  label: string;
  /** Edits of the same thing within a short time merge into one undo step. */
  coalesceKey?: string;
  /** Undo/redo pass false: they move entries between the stacks themselves. */
  record?: boolean;
};

export type MapActions = {
  openMap(mapId: string): Promise<void>;
  closeMap(): void;
  /** Applies a Change now and commits it; resolves when it is written (or refused). */
  apply(change: Change, options: ApplyOptions): Promise<boolean>;
  remove(targets: DeletionTargets, label?: string): Promise<boolean>;
  undo(): Promise<boolean>;
  redo(): Promise<boolean>;
  select(selection: Selection): void;
  openSource(sourceId: string | null): void;
  showInSource(quoteId: string): void;
  /** Selects a claim or quote and asks the graph to centre it. */
  showInGraph(nodeId: string): void;
  notify(kind: Notice['kind'], text: string): void;
  dismissNotice(id: number): void;
  /** Resolves once every queued write has settled. */
  flush(): Promise<void>;
};

export type MapStore = StoreApi<MapState & MapActions>;

const initialState: MapState = {
  status: 'idle',
  mapId: null,
  doc: null,
  revision: 0,
  selection: null,
  openSourceId: null,
  flash: null,
  reveal: null,
  undoStack: [],
  redoStack: [],
  notices: [],
  pendingWrites: 0,
};

/** The selection still names something in the doc, or null. */
function validSelection(doc: MapDoc, selection: Selection): Selection {
  if (!selection) return null;
  const table = { claim: doc.claims, quote: doc.quotes, source: doc.sources, link: doc.links }[selection.kind];
  return selection.id in table ? selection : null;
}

export function createMapStore(deps: { db?: WarrantDB; channel?: boolean } = {}): MapStore {
  const db = deps.db;
  let noticeSeq = 0;
  let flashSeq = 0;
  /** Writes opened and not yet settled. */
  const inFlight = new Set<Promise<void>>();
  const settled = (): Promise<void> => Promise.all([...inFlight]).then(() => undefined);
  /** The map's revision in IndexedDB as far as this tab knows. */
  let baseRevision = 0;
  /** The revision the next write is based on: baseRevision plus the writes in flight. */
  let nextBase = 0;
  /** Bumped on every open/close so late results of an old map are ignored. */
  let session = 0;
  let persistenceAsked = false;

  const store = createStore<MapState & MapActions>()((set, get) => {
    const notify = (kind: Notice['kind'], text: string) => {
      const notice = { id: ++noticeSeq, kind, text };
      set((s) => ({ notices: [...s.notices.slice(-4), notice] }));
    };

    async function reload(reason?: string) {
      const { mapId } = get();
      if (!mapId) return;
      const mySession = session;
      const loaded = await loadMap(mapId, db);
      if (mySession !== session) return;
      if (!loaded) {
        set({ ...initialState, status: 'missing', mapId, notices: get().notices });
        return;
      }
      baseRevision = nextBase = loaded.revision;
      set((s) => ({
        doc: loaded.doc,
        revision: loaded.revision,
        selection: validSelection(loaded.doc, s.selection),
        // History entries were computed against a doc that no longer is.
        undoStack: [],
        redoStack: [],
      }));
      if (reason) notify('info', reason);
    }

    /**
     * Writes a change already applied in memory. The IndexedDB transaction
     * is opened at once, in the same task as the edit, so an edit the UI has
     * shown is already on its way to disk if the tab closes right after it;
     * IndexedDB runs overlapping read-write transactions in the order they
     * were opened, so each write is based on the revision the one before it
     * will produce. On failure the change is reverted in memory with
     * `inverse`, and `entry` (the undo step it created, if any) leaves the
     * history; writes opened after a failed one are refused as stale, which
     * reloads the map from the database.
     */
    function enqueueWrite(change: Change, inverse: Change, entry: HistoryEntry | null, label: string): Promise<boolean> {
      const mySession = session;
      set((s) => ({ pendingWrites: s.pendingWrites + 1 }));
      const base = nextBase++;
      let ok = false;
      const write = commitChange(change, base, db)
        .then((result) => {
          ok = true;
          if (mySession !== session) return;
          baseRevision = Math.max(baseRevision, result.revision);
          set((s) => ({
            revision: result.revision,
            doc: s.doc ? { ...s.doc, map: { ...s.doc.map, updatedAt: result.updatedAt } } : s.doc,
          }));
          if (deps.channel !== false) broadcastChange({ mapId: change.mapId, change, revision: result.revision, tabId: TAB_ID });
          if (!persistenceAsked) {
            persistenceAsked = true;
            void requestPersistence();
          }
        })
        .catch(async (e: unknown) => {
          if (mySession !== session) return;
          const err = classifyStorageError(e, label);
          if (err.kind === 'stale') {
            await reload();
            notify('error', err.message);
            return;
          }
          // The revision this write would have made will never exist.
          if (nextBase === base + 1) nextBase = base;
          // Revert this change in memory: its inverse against the current doc.
          set((s) => {
            if (!s.doc) return {};
            const doc = applyChange(s.doc, inverse);
            return {
              doc,
              selection: validSelection(doc, s.selection),
              undoStack: entry ? s.undoStack.filter((x) => x !== entry) : s.undoStack,
            };
          });
          notify('error', err.message);
        })
        .finally(() => {
          inFlight.delete(write);
          if (mySession === session) set((s) => ({ pendingWrites: Math.max(0, s.pendingWrites - 1) }));
        });
      inFlight.add(write);
      return write.then(() => ok);
    }

    function applyNow(change: Change, options: ApplyOptions): Promise<boolean> {
      const { doc } = get();
      if (!doc || isEmptyChange(change)) return Promise.resolve(false);
      if (change.mapId !== doc.map.id) return Promise.resolve(false);
      const inverse = invertChange(doc, change);
      const next = applyChange(doc, change);
      let entry: HistoryEntry | null = null;
      const record = options.record !== false;
      set((s) => {
        let undoStack = s.undoStack;
        if (record) {
          const last = undoStack[undoStack.length - 1];
          const now = Date.now();
          if (last && options.coalesceKey && last.coalesceKey === options.coalesceKey && now - last.at < COALESCE_MS) {
            // Typing: keep the first inverse, take the latest change for redo.
            entry = { ...last, change, at: now };
            undoStack = [...undoStack.slice(0, -1), entry];
          } else {
            entry = { label: options.label, change, inverse, coalesceKey: options.coalesceKey, at: now };
            undoStack = [...undoStack, entry].slice(-HISTORY_LIMIT);
          }
        }
        return {
          doc: next,
          undoStack,
          redoStack: record ? [] : s.redoStack,
          selection: validSelection(next, s.selection),
        };
      });
      // A coalesced step keeps its entry: the entry's own earlier writes stand.
      return enqueueWrite(change, inverse, entry && (entry as HistoryEntry).inverse === inverse ? entry : null, options.label);
    }

    return {
      ...initialState,

      async openMap(mapId) {
        session++;
        const mySession = session;
        // Notices survive: what an import just said about this map is shown on it.
        set({ ...initialState, status: 'loading', mapId, notices: get().notices });
        await settled();
        const loaded = await loadMap(mapId, db);
        if (mySession !== session) return;
        if (!loaded) {
          set({ status: 'missing' });
          return;
        }
        baseRevision = nextBase = loaded.revision;
        const firstSource = Object.values(loaded.doc.sources)[0];
        set({
          status: 'ready',
          doc: loaded.doc,
          revision: loaded.revision,
          openSourceId: firstSource?.id ?? null,
        });
      },

      closeMap() {
        session++;
        set({ ...initialState });
      },

      apply: applyNow,

      remove(targets, label = 'Delete') {
        const { doc } = get();
        if (!doc) return Promise.resolve(false);
        return applyNow(deletionChange(doc, targets), { label });
      },

      async undo() {
        const entry = get().undoStack[get().undoStack.length - 1];
        if (!entry) return false;
        set((s) => ({ undoStack: s.undoStack.slice(0, -1), redoStack: [...s.redoStack, entry] }));
        const ok = await applyNow(entry.inverse, { label: `Undo ${entry.label}`, record: false });
        if (!ok) set((s) => ({ redoStack: s.redoStack.filter((x) => x !== entry) }));
        return ok;
      },

      async redo() {
        const entry = get().redoStack[get().redoStack.length - 1];
        if (!entry) return false;
        set((s) => ({ redoStack: s.redoStack.slice(0, -1), undoStack: [...s.undoStack, entry] }));
        const ok = await applyNow(entry.change, { label: `Redo ${entry.label}`, record: false });
        if (!ok) set((s) => ({ undoStack: s.undoStack.filter((x) => x !== entry) }));
        return ok;
      },

      select(selection) {
        const s = get();
        const patch: Partial<MapState> = { selection };
        if (selection?.kind === 'source') patch.openSourceId = selection.id;
        if (selection?.kind === 'quote' && s.doc) {
          const q = s.doc.quotes[selection.id];
          if (q) patch.openSourceId = q.sourceId;
        }
        set(patch);
      },

      openSource(sourceId) {
        set({ openSourceId: sourceId });
      },

      showInSource(quoteId) {
        const q = get().doc?.quotes[quoteId];
        if (!q) return;
        set({ openSourceId: q.sourceId, flash: { quoteId, seq: ++flashSeq } });
      },

      showInGraph(nodeId) {
        const doc = get().doc;
        if (!doc) return;
        const kind = nodeId in doc.claims ? 'claim' : nodeId in doc.quotes ? 'quote' : null;
        if (!kind) return;
        set({ selection: { kind, id: nodeId }, reveal: { nodeId, seq: ++flashSeq } });
      },

      notify,

      dismissNotice(id) {
        set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
      },

      flush() {
        return settled();
      },
    };
  });

  if (deps.channel !== false) {
    subscribeChanges((msg) => {
      const s = store.getState();
      if (msg.tabId === TAB_ID || msg.mapId !== s.mapId || !s.doc) return;
      if (msg.revision === baseRevision + 1 && s.pendingWrites === 0 && inFlight.size === 0) {
        baseRevision = nextBase = msg.revision;
        const doc = applyChange(s.doc, msg.change);
        store.setState({ doc, revision: msg.revision, selection: validSelection(doc, s.selection), undoStack: [], redoStack: [] });
      } else if (msg.revision > baseRevision) {
        // We missed a step, or we have writes in flight that will be refused:
        // the database is the truth, read it again once our queue settles.
        void settled().then(async () => {
          const mapId = store.getState().mapId;
          if (mapId !== msg.mapId) return;
          const loaded = await loadMap(mapId, db);
          if (!loaded || store.getState().mapId !== mapId) return;
          baseRevision = nextBase = loaded.revision;
          store.setState((st) => ({
            doc: loaded.doc,
            revision: loaded.revision,
            selection: st.doc ? validSelection(loaded.doc, st.selection) : null,
            undoStack: [],
            redoStack: [],
          }));
        });
      }
    });
  }

  return store;
}
