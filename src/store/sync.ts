/**
 * The open map's link to IndexedDB and to other tabs: the write queue, the
 * revision and incarnation (epoch) this tab's doc is based on, the one path
 * by which a loaded map replaces the doc in memory, and the broadcast channel.
 *
 * Writes. The first edit after a quiet spell is written at once, in the same
 * task (an edit the UI has shown is on its way to disk if the tab closes right
 * after it). Edits made while that write is in flight are composed into ONE
 * queued Change, written when it lands: a burst of 62 keystrokes is two
 * transactions, not 62, and a failure never leaves writes behind it based on a
 * revision that will not exist (so a full disk reads "full", never "changed in
 * another tab"). A failed write reverts in memory what it and the queue held.
 *
 * Other tabs. A Change that directly follows our revision is applied as is;
 * anything else (a missed step, a map replaced, restored or deleted elsewhere,
 * announced by `maps-changed`) reloads the map from IndexedDB at once, after
 * our own writes settle, through the same adopt path as opening it.
 */
import type { Change } from '../domain/change';
import type { ChangeSource } from './stream';
import { composeChanges } from '../domain/compose';
import {
  broadcastChange,
  subscribeChanges,
  subscribeMapsChanged,
  TAB_ID,
  type ChangeMessage,
  type MapsChangedMessage,
} from '../storage/channel';
import type { WarrantDB } from '../storage/db';
import { classifyStorageError } from '../storage/errors';
import { requestPersistence } from '../storage/persistence';
import { LoadCancelled, loadMap, type LoadedMap } from '../storage/reads';
import { commitChange } from '../storage/writes';

/**
 * Why a loaded map is adopted: `open`, the user opened it; `remote`, another
 * tab wrote steps we missed; `stale`, our write was refused as stale;
 * `replaced`, the map is another incarnation (replaced, or deleted and
 * imported or restored again).
 */
export type AdoptReason = 'open' | 'remote' | 'stale' | 'replaced';

export type SyncHost<T> = {
  /** The one way a stored map becomes the doc in memory; null: the map is gone. */
  adopt(loaded: LoadedMap | null, reason: AdoptReason): void;
  /** Another tab's Change that directly follows our revision. */
  applyRemote(change: Change, revision: number): void;
  /** A write landed: the map is at `revision`, updated at `updatedAt`. */
  written(revision: number, updatedAt: string): void;
  /**
   * Writes were refused. `inverse` reverts in memory what they held (null when
   * the map is about to be reloaded anyway); `tokens` are what the edits
   * recorded (their undo steps), to be dropped; `sources`, whose changes
   * they were (a `remote` one among them is a collaborator's edit this
   * device could not store, never an edit to take back for everyone).
   */
  failed(tokens: T[], inverse: Change | null, message: string, sources: ChangeSource[]): void;
  /** How many edits are waiting for the disk. */
  pending(count: number): void;
  /** While a map opens: how many of its records have been read so far (a large map takes seconds). */
  reading?(rows: number): void;
};

type Batch<T> = {
  change: Change;
  inverse: Change;
  label: string;
  tokens: T[];
  sources: ChangeSource[];
  resolve: Array<(ok: boolean) => void>;
};

/** How a store talks to other tabs: the broadcast channel in the app, a fake bus in tests. */
export type ChannelPort = {
  tabId: string;
  broadcastChange(message: ChangeMessage): void;
  subscribeChanges(handler: (message: ChangeMessage) => void): () => void;
  subscribeMapsChanged(handler: (message: MapsChangedMessage) => void): () => void;
};

const union = (a: readonly ChangeSource[], b: readonly ChangeSource[]): ChangeSource[] => [...new Set([...a, ...b])];

export const broadcastChannelPort: ChannelPort = { tabId: TAB_ID, broadcastChange, subscribeChanges, subscribeMapsChanged };

export type Sync<T> = {
  /** Loads `mapId` (once this tab's writes to the previous map have settled) and adopts it. */
  open(mapId: string): Promise<void>;
  close(): void;
  /** Writes a Change already applied in memory; resolves true once written, false if refused. */
  write(change: Change, inverse: Change, token: T | null, label: string, source: ChangeSource): Promise<boolean>;
  /** Resolves when no write is queued or in flight. */
  settled(): Promise<void>;
  /** Stops listening to other tabs. */
  dispose(): void;
};

export function createSync<T>(
  deps: { db?: WarrantDB | undefined; channel?: boolean | ChannelPort | undefined },
  host: SyncHost<T>,
): Sync<T> {
  const { db } = deps;
  const port = deps.channel === false ? null : deps.channel === true || deps.channel === undefined ? broadcastChannelPort : deps.channel;
  let mapId: string | null = null;
  let revision = 0;
  let epoch = '';
  /** False until the open map has been loaded: nothing to sync before. */
  let ready = false;
  /** The open map was looked for and is not stored (deleted): an import or restore may bring it back. */
  let missing = false;
  /** Bumped on every open/close so late results of an old map are ignored. */
  let session = 0;
  let inFlight: Batch<T> | null = null;
  let queued: Batch<T> | null = null;
  let waiters: Array<() => void> = [];
  let persistenceAsked = false;
  let missedWhileLoading = false;

  /** Edits not yet on disk: each write call has one resolver until its batch lands. */
  const report = () => host.pending((inFlight?.resolve.length ?? 0) + (queued?.resolve.length ?? 0));

  function idle(): void {
    report();
    if (inFlight || queued) return;
    const done = waiters;
    waiters = [];
    for (const w of done) w();
  }

  function settled(): Promise<void> {
    if (!inFlight && !queued) return Promise.resolve();
    return new Promise((resolve) => waiters.push(resolve));
  }

  function start(batch: Batch<T>): void {
    const mySession = session;
    inFlight = batch;
    report();
    commitChange(batch.change, revision, db, epoch).then(
      (result) => {
        // Even after the map was closed: `open` waits for these writes before
        // it reads the next map, and a queued write of this map follows.
        revision = result.revision;
        port?.broadcastChange({ mapId: batch.change.mapId, change: batch.change, revision: result.revision, epoch, tabId: port.tabId });
        if (mySession === session) host.written(result.revision, result.updatedAt);
        if (!persistenceAsked) {
          persistenceAsked = true;
          void requestPersistence();
        }
        finish(batch, true);
      },
      async (e: unknown) => {
        if (mySession !== session) {
          for (const r of takeQueue().resolve) r(false);
          return finish(batch, false);
        }
        const err = classifyStorageError(e, batch.label);
        if (err.kind === 'stale') {
          // Keep the batch in flight while reloading, so edits made meanwhile
          // queue up instead of being written over a revision we have not seen.
          const loaded = await loadMap(batch.change.mapId, db).catch((again: unknown) => {
            console.warn('Warrant: could not reload the map', again);
            return undefined;
          });
          if (mySession !== session) return finish(batch, false);
          if (loaded === undefined) return revert(batch, err.message);
          const dropped = takeQueue();
          adopt(loaded, loaded && loaded.epoch !== epoch ? 'replaced' : 'stale');
          host.failed([...batch.tokens, ...dropped.tokens], null, err.message, union(batch.sources, dropped.sources));
          for (const r of dropped.resolve) r(false);
          return finish(batch, false);
        }
        revert(batch, err.message);
      },
    );
  }

  /** Takes back in memory a refused batch and the queue behind it, as one failure. */
  function revert(batch: Batch<T>, message: string): void {
    // Revert what the queue holds first: it was applied after the batch.
    const dropped = takeQueue();
    const inverse = dropped.resolve.length ? composeChanges(dropped.inverse, batch.inverse) : batch.inverse;
    host.failed([...batch.tokens, ...dropped.tokens], inverse, message, union(batch.sources, dropped.sources));
    for (const r of dropped.resolve) r(false);
    finish(batch, false);
  }

  /** Empties the queue, returning what it held. */
  function takeQueue(): Omit<Batch<T>, 'change' | 'label'> {
    const q = queued;
    queued = null;
    return q ?? { inverse: { mapId: '', put: {}, delete: {} }, tokens: [], sources: [], resolve: [] };
  }

  function finish(batch: Batch<T>, ok: boolean): void {
    if (inFlight === batch) inFlight = null;
    for (const r of batch.resolve) r(ok);
    if (!inFlight && queued) {
      const next = queued;
      queued = null;
      start(next);
    }
    idle();
  }

  function write(change: Change, inverse: Change, token: T | null, label: string, source: ChangeSource): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const tokens = token === null ? [] : [token];
      if (!inFlight) {
        start({ change, inverse, label, tokens, sources: [source], resolve: [resolve] });
        return;
      }
      if (!queued) queued = { change, inverse, label, tokens, sources: [source], resolve: [resolve] };
      else {
        queued.change = composeChanges(queued.change, change);
        // Undo the later edit first, then the earlier ones.
        queued.inverse = composeChanges(inverse, queued.inverse);
        queued.label = label;
        queued.tokens.push(...tokens);
        if (!queued.sources.includes(source)) queued.sources.push(source);
        queued.resolve.push(resolve);
      }
      report();
    });
  }

  function adopt(loaded: LoadedMap | null, reason: AdoptReason): void {
    if (loaded) {
      revision = loaded.revision;
      epoch = loaded.epoch;
    }
    ready = loaded !== null;
    missing = loaded === null;
    host.adopt(loaded, reason);
  }

  /** Reads the map again once our writes settle, and adopts it if it moved on. */
  function reload(): void {
    const mySession = session;
    void settled()
      .then(async () => {
        if (mySession !== session || !mapId) return;
        const loaded = await loadMap(mapId, db);
        if (mySession !== session) return;
        if (missing) {
          // Still gone: nothing to say again. Back (imported or restored): open it afresh.
          if (loaded) adopt(loaded, 'open');
          return;
        }
        if (loaded && loaded.epoch === epoch && loaded.revision === revision) return;
        adopt(loaded, loaded && loaded.epoch === epoch ? 'remote' : 'replaced');
      })
      .catch((e: unknown) => console.warn('Warrant: could not reload the map', e));
  }

  function onRemoteChange(msg: ChangeMessage): void {
    if (msg.tabId === port?.tabId || msg.mapId !== mapId) return;
    if (!ready) {
      // Heard while the map loads: the read may predate it; check once loaded.
      missedWhileLoading = true;
      return;
    }
    const sameEpoch = msg.epoch === undefined || msg.epoch === epoch;
    if (sameEpoch && msg.revision === revision + 1 && !inFlight && !queued) {
      revision = msg.revision;
      host.applyRemote(msg.change, msg.revision);
    } else if (!sameEpoch || msg.revision > revision) {
      // A missed step, or writes of ours in flight that will be refused:
      // the database is the truth.
      reload();
    }
  }

  const unsubscribe = port
    ? [
        port.subscribeChanges(onRemoteChange),
        port.subscribeMapsChanged((msg) => {
          if (!mapId || (msg.mapIds && !msg.mapIds.includes(mapId))) return;
          if (ready || missing) reload();
          else missedWhileLoading = true;
        }),
      ]
    : [];

  return {
    async open(id) {
      session++;
      const mySession = session;
      mapId = id;
      ready = false;
      missing = false;
      missedWhileLoading = false;
      await settled();
      let loaded;
      try {
        loaded = await loadMap(id, db, {
          requests: 0,
          rows: 0,
          onPage: (rows) => {
            if (mySession === session) host.reading?.(rows);
          },
          // Another map opened, or none (the user went back): stop reading this one.
          cancelled: () => mySession !== session,
        });
      } catch (e) {
        if (e instanceof LoadCancelled) return;
        throw e;
      }
      if (mySession !== session) return;
      adopt(loaded, 'open');
      if (missedWhileLoading) reload();
    },
    close() {
      session++;
      mapId = null;
      ready = false;
      missing = false;
    },
    write,
    settled,
    dispose() {
      session++;
      ready = false;
      for (const u of unsubscribe) u();
    },
  };
}
