/**
 * The live share of the open map: its Y.Doc, ShareSync and ShareConnection
 * (src/share/), wired to the map store. The data flow stays one-way:
 *
 * - this device's Changes (the map store's change stream, every source but
 *   `remote`) go into the Y.Doc after the map store applied them;
 * - collaborators' updates come out of ShareSync as validated Changes and go
 *   through `applyShared` (committed to IndexedDB like any edit, never into
 *   undo); refused records become a notice, and this device's version of
 *   records deleted by someone else goes to the Trash;
 * - the Y.Doc state is saved (debounced) with the share's keys, so a reload
 *   while offline keeps what the server has not received yet;
 * - when this device cannot store a collaborator's edit (disk full, the
 *   database closed by a newer version of the app in another tab), the
 *   taking back of that edit in memory is NOT an edit for everyone: the
 *   share is suspended (connection stopped, Y.Doc kept), the user is told,
 *   and once storage works again the map catches up from the Y.Doc.
 *
 * A map without a share row is not touched: sharing is opt-in.
 */
import * as Y from 'yjs';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { applyChange, emptyDoc, invertChange, isEmptyChange, type MapDoc } from '../domain/change';
import type { Problem } from '../domain/integrity';
import { ShareConnection, SHARE_STATUS_TEXT, type Peer, type ShareStatus } from '../share/connection';
import { ShareSync } from '../share/shareSync';
import { creatorAuth, memberAuth, newShareKeys, type ShareLink } from '../share/tokens';
import { diffYDocToChange, mapMetaOfYDoc, type RemoteResult } from '../share/yMap';
import { classifyStorageError } from '../storage/errors';
import { deleteShare, findShareByDoc, getShare, putShare, saveShareState, trashEditedBeforeRemoteDelete, type ShareRow } from '../storage/shares';
import { createMap } from '../storage/writes';
import { loadMap } from '../storage/reads';
import type { WarrantDB } from '../storage/db';
import type { MapStore } from './mapStore';

export type ShareState = {
  /** The open map's share, or null when it is not shared. */
  share: ShareRow | null;
  status: ShareStatus | null;
  peers: Peer[];
  /** Opening a share link: where it stands, and why it failed. */
  joining: { phase: 'idle' } | { phase: 'connecting' } | { phase: 'failed'; message: string };
};

export type ShareActions = {
  /** Shares the open map on `server` (ws:// or wss://): new keys, the whole map sent. */
  startSharing(server: string): Promise<boolean>;
  /** Disconnects and forgets the share on this device; the map stays. */
  stopSharing(): Promise<void>;
  /** The name collaborators see. */
  setName(name: string): Promise<void>;
  /**
   * Opens a share link: the local copy if this device has one, otherwise a
   * new local map filled from the server. Resolves to the local map id, or
   * null (then `joining` says why).
   */
  join(link: ShareLink): Promise<string | null>;
  /** Goes offline or back online (the status follows). */
  setOnline(online: boolean): void;
  /** Resolves when the open map's edits are all on the server (tests). */
  whenSynced(): Promise<void>;
  dispose(): void;
};

export type ShareStore = StoreApi<ShareState & ShareActions>;

/** How long after the last edit the Y.Doc state is saved. */
const SAVE_DELAY_MS = 250;
const REMOTE_LABEL = 'Edit by a collaborator';
/** How often a suspended share tries storage again. */
const RETRY_STORAGE_MS = 5_000;
const SUSPENDED_NOTICE =
  "A collaborator's edit could not be saved on this device, so sharing is paused here (nothing is lost: their edits stay on the server). It resumes by itself once this device can save again; if another tab updated Warrant, reload this page.";
/** How long opening a link waits for the server before giving up. */
const JOIN_TIMEOUT_MS = 15_000;

const REFUSED_LINK = 'The server refused this link: its token is wrong, or the map is no longer shared.';

function problemsText(problems: Problem[]): string {
  const shown = problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`);
  return shown.join('; ') + (problems.length > 3 ? ` (and ${problems.length - 3} more)` : '');
}

const defaultName = () => `Guest ${Math.floor(1000 + Math.random() * 9000)}`;

/** One open shared map: its document, the sync and the connection. */
class Live {
  readonly ydoc = new Y.Doc();
  readonly sync: ShareSync;
  conn: ShareConnection | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly stops: Array<() => void> = [];
  private closed = false;
  /** Storage failed a collaborator's edit: no connection, no mirroring of reverts, until it works. */
  private suspended = false;
  private retryTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    readonly row: ShareRow,
    private readonly mapStore: MapStore,
    private readonly db: WarrantDB | undefined,
    private readonly onRemote: (result: RemoteResult) => void,
    private readonly onSuspended: () => void,
  ) {
    if (row.state) Y.applyUpdate(this.ydoc, row.state);
    const empty = !row.state || row.state.length <= 2;
    this.sync = new ShareSync(this.ydoc, {
      getDoc: () => this.doc(),
      onRemote: (result) => this.onRemote(result),
      localClients: row.localClients,
    });
    // IndexedDB holds everything this device did (its edits and what it
    // applied from others); the saved Y.Doc may lag by the last debounce.
    // So the local map wins here: what differs goes into the Y.Doc as this
    // device's edit, before the connection merges it with the server.
    if (empty) this.sync.seed();
    else {
      const toY = diffYDocToChange(this.ydoc, this.doc());
      if (!isEmptyChange(toY.change)) this.sync.localChange(invertChange(this.doc(), toY.change));
    }
    this.stops.push(
      mapStore.getState().onChange((event) => {
        // A collaborator's change is in the Y.Doc already.
        if (event.change.mapId !== row.mapId || event.source === 'remote') return;
        // Taking back in memory a collaborator's change our disk refused:
        // sending it would delete their edit for everyone.
        if (event.revertOf?.includes('remote')) return this.suspend();
        this.sync.localChange(event.change);
      }),
    );
    const onUpdate = () => this.scheduleSave();
    this.ydoc.on('update', onUpdate);
    this.stops.push(() => this.ydoc.off('update', onUpdate));
    this.scheduleSave();
  }

  doc(): MapDoc {
    const doc = this.mapStore.getState().doc;
    if (!doc || doc.map.id !== this.row.mapId) throw new Error('the shared map is no longer open');
    return doc;
  }

  connect(auth: string, onStatus: (s: ShareStatus) => void, onPeers: (p: Peer[]) => void): void {
    if (this.closed) return;
    this.conn = new ShareConnection({ server: this.row.server, doc: this.row.doc, auth, ydoc: this.ydoc, name: this.row.name ?? defaultName(), onStatus, onPeers });
    const select = () => {
      const sel = this.mapStore.getState().selection;
      this.conn?.setSelection(sel ? [sel.id] : []);
    };
    this.stops.push(this.mapStore.subscribe((s, prev) => s.selection !== prev.selection && select()));
    select();
    // A socket can outlive the network (a laptop's Wi-Fi off, loopback in
    // tests): follow the browser's own online/offline, so the status is true
    // and the provider resends what is pending as soon as it is back.
    if (typeof window !== 'undefined') {
      const offline = () => this.conn?.disconnect();
      const online = () => {
        if (!this.suspended) void this.conn?.connect();
      };
      window.addEventListener('offline', offline);
      window.addEventListener('online', online);
      this.stops.push(() => {
        window.removeEventListener('offline', offline);
        window.removeEventListener('online', online);
      });
      if (!navigator.onLine) this.conn.disconnect();
    }
  }

  get isSuspended(): boolean {
    return this.suspended;
  }

  /**
   * This device could not store a collaborator's edit. Stop taking updates
   * (each would fail the same way) and keep the Y.Doc, which holds them;
   * saving its state waits too, so a reload catches up from the server.
   */
  private suspend(): void {
    if (this.suspended || this.closed) return;
    this.suspended = true;
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.conn?.disconnect();
    this.onSuspended();
    this.retryTimer = setInterval(() => void this.tryResume(), RETRY_STORAGE_MS);
  }

  /** Storage works again when the Y.Doc state can be saved: then catch up and reconnect. */
  private async tryResume(): Promise<void> {
    if (!this.suspended || this.closed) return;
    try {
      await saveShareState(this.row.mapId, Y.encodeStateAsUpdate(this.ydoc), [...this.sync.localClients], this.db);
    } catch {
      return; // still failing: try again later
    }
    if (!this.suspended || this.closed) return;
    this.suspended = false;
    if (this.retryTimer !== null) clearInterval(this.retryTimer);
    this.retryTimer = null;
    // The Y.Doc wins where the map differs: what differs is what failed to store.
    this.sync.catchUp();
    if (typeof navigator === 'undefined' || navigator.onLine) void this.conn?.connect();
  }

  private scheduleSave(): void {
    if (this.saveTimer !== null || this.closed || this.suspended) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.save();
    }, SAVE_DELAY_MS);
  }

  save(): Promise<void> {
    return saveShareState(this.row.mapId, Y.encodeStateAsUpdate(this.ydoc), [...this.sync.localClients], this.db).catch((e: unknown) =>
      console.warn('Warrant: could not save the shared map state', e),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.retryTimer !== null) clearInterval(this.retryTimer);
    this.retryTimer = null;
    for (const stop of this.stops.splice(0)) stop();
    this.sync.destroy();
    this.conn?.destroy();
    // A suspended share's state may hold edits this device's map lacks: not saved as if stored.
    if (!this.suspended) await this.save();
    this.ydoc.destroy();
  }
}

export function createShareStore(mapStore: MapStore, deps: { db?: WarrantDB } = {}): ShareStore {
  const { db } = deps;
  let live: Live | null = null;
  /** Bumped on each attach/detach, so a late attach of a map closed meanwhile stops. */
  let generation = 0;

  const store = createStore<ShareState & ShareActions>()((set, get) => {
    const notify = (kind: 'error' | 'info', text: string) => mapStore.getState().notify(kind, text);

    function onRemote(result: RemoteResult): void {
      const state = mapStore.getState();
      if (result.deletedWhileEdited.length && state.doc) {
        const n = result.deletedWhileEdited.length;
        const what = n === 1 ? 'a collaborator deleted a record you edited' : `a collaborator deleted ${n} records you edited`;
        void trashEditedBeforeRemoteDelete(state.doc, what, db).then(
          () => notify('info', `A collaborator deleted ${n === 1 ? 'a record' : `${n} records`} you had edited. Your version is in the Trash, in a copy of the map as it was.`),
          (e: unknown) => notify('error', classifyStorageError(e, 'The copy of your edited version').message),
        );
      }
      // Synchronous: ShareSync diffs the next update against the doc as it is after this.
      void state.applyShared(result.change, REMOTE_LABEL);
      if (result.rejected.length) {
        notify('error', `A change from a collaborator was not applied: it breaks the map's rules (${problemsText(result.rejected)}). Your map is unchanged.`);
      }
    }

    function onStatus(status: ShareStatus): void {
      set({ status });
      if (status === 'read-only') mapStore.getState().setReadOnly(true);
      if (status === 'refused') notify('error', `${SHARE_STATUS_TEXT.refused}.`);
    }

    function begin(row: ShareRow, auth: string): void {
      live = new Live(row, mapStore, db, onRemote, () => notify('error', SUSPENDED_NOTICE));
      mapStore.getState().setReadOnly(row.role === 'review');
      set({ share: row, status: 'offline', peers: [] });
      live.connect(auth, onStatus, (peers) => set({ peers }));
    }

    const authOf = async (row: ShareRow) =>
      row.role === 'owner' && row.editToken && row.reviewToken
        ? creatorAuth({ doc: row.doc, editToken: row.editToken, reviewToken: row.reviewToken })
        : memberAuth(row.token);

    let releaseLock: (() => void) | null = null;
    const dropLock = () => {
      releaseLock?.();
      releaseLock = null;
    };

    /**
     * One tab per browser connects a shared map (Web Locks): the others follow
     * it through IndexedDB and the tab channel, and their edits reach the
     * Y.Doc through it (`onLocalChange` includes other tabs' Changes). Two
     * connected tabs would both commit each remote update. Resolves true once
     * held, false if another map was opened meanwhile.
     */
    function takeLock(mapId: string, mine: number): Promise<boolean> {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      if (!locks) return Promise.resolve(true);
      dropLock();
      return new Promise((resolve) => {
        void locks.request(`warrant-share:${mapId}`, () => {
          if (mine !== generation) {
            resolve(false);
            return undefined;
          }
          return new Promise<void>((release) => {
            releaseLock = release;
            resolve(true);
          });
        });
      });
    }

    async function attach(mapId: string): Promise<void> {
      const mine = ++generation;
      await detachLive();
      const row = await getShare(mapId, db);
      if (mine !== generation) return;
      if (!row) {
        set({ share: null, status: null, peers: [] });
        return;
      }
      // The links show while another tab holds the connection.
      set({ share: row, status: null, peers: [] });
      mapStore.getState().setReadOnly(row.role === 'review');
      const held = await takeLock(mapId, mine);
      if (!held) return;
      const auth = await authOf(row);
      if (mine !== generation || mapStore.getState().doc?.map.id !== mapId) return dropLock();
      begin(row, auth);
    }

    async function detachLive(): Promise<void> {
      const old = live;
      live = null;
      if (old) await old.close();
      dropLock();
    }

    function detach(): void {
      generation++;
      set({ share: null, status: null, peers: [] });
      void detachLive();
    }

    // Follow the open map: attach once it is loaded, detach when it closes.
    let attachedTo: string | null = null;
    const unsubscribe = mapStore.subscribe((s) => {
      const ready = s.status === 'ready' && s.doc ? s.doc.map.id : null;
      if (ready === attachedTo) return;
      attachedTo = ready;
      if (ready) void attach(ready);
      else detach();
    });

    async function joinOnce(link: ShareLink): Promise<string | null> {
      set({ joining: { phase: 'connecting' } });
      const fail = (message: string) => {
        set({ joining: { phase: 'failed', message } });
        return null;
      };
      const known = await findShareByDoc(link.doc, db);
      if (known) {
        if (known.token !== link.token && known.role !== 'owner') {
          await putShare({ ...known, token: link.token, role: 'edit', server: link.server }, db);
        }
        set({ joining: { phase: 'idle' } });
        return known.mapId;
      }
      // Fetch the map once, into a Y.Doc of its own, and make it a local map.
      const ydoc = new Y.Doc();
      let status: ShareStatus = 'offline';
      const conn = new ShareConnection({
        server: link.server,
        doc: link.doc,
        auth: memberAuth(link.token),
        ydoc,
        name: defaultName(),
        onStatus: (s) => {
          status = s;
        },
      });
      try {
        const outcome = await Promise.race([
          conn.whenSynced().then(() => 'synced' as const),
          new Promise<'refused'>((resolve) => {
            const timer = setInterval(() => {
              if (status === 'refused') {
                clearInterval(timer);
                resolve('refused');
              }
            }, 50);
            conn.provider.on('authenticationFailed', () => {
              clearInterval(timer);
              resolve('refused');
            });
          }),
          new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), JOIN_TIMEOUT_MS)),
        ]);
        if (outcome === 'refused') return fail(REFUSED_LINK);
        if (outcome === 'timeout') return fail(`No answer from the sharing server at ${link.server}. Check the address and your connection, then try again.`);
        const readOnly = conn.readOnly;
        const meta = mapMetaOfYDoc(ydoc);
        if (!meta) return fail('The shared map could not be read: the server holds no valid map under this link.');
        const existing = await loadMap(meta.id, db);
        let mapId = meta.id;
        if (!existing) {
          const filled = diffYDocToChange(ydoc, emptyDoc(meta));
          const doc = applyChange(emptyDoc(meta), filled.change);
          mapId = (await createMap(doc, db)).mapId;
        }
        await putShare(
          {
            mapId,
            server: link.server,
            doc: link.doc,
            role: readOnly ? 'review' : 'edit',
            token: link.token,
            state: new Uint8Array(Y.encodeStateAsUpdate(ydoc)),
            localClients: [],
            name: defaultName(),
          },
          db,
        );
        set({ joining: { phase: 'idle' } });
        return mapId;
      } catch (e) {
        return fail(classifyStorageError(e, 'The shared map').message);
      } finally {
        conn.destroy();
        ydoc.destroy();
      }
    }

    const joins = new Map<string, Promise<string | null>>();

    return {
      share: null,
      status: null,
      peers: [],
      joining: { phase: 'idle' },

      async startSharing(server) {
        const doc = mapStore.getState().doc;
        if (!doc || live) return false;
        const keys = newShareKeys();
        const row: ShareRow = {
          mapId: doc.map.id,
          server,
          doc: keys.doc,
          role: 'owner',
          token: keys.editToken,
          editToken: keys.editToken,
          reviewToken: keys.reviewToken,
          localClients: [],
          name: get().share?.name ?? defaultName(),
        };
        try {
          await putShare(row, db);
        } catch (e) {
          notify('error', classifyStorageError(e, 'Sharing').message);
          return false;
        }
        const auth = await creatorAuth(keys);
        const mine = ++generation;
        if (!(await takeLock(row.mapId, mine))) return false;
        if (mine !== generation || mapStore.getState().doc?.map.id !== row.mapId) {
          dropLock();
          return false;
        }
        begin(row, auth);
        return true;
      },

      async stopSharing() {
        const share = get().share;
        if (!share) return;
        generation++;
        await detachLive();
        await deleteShare(share.mapId, db);
        mapStore.getState().setReadOnly(false);
        set({ share: null, status: null, peers: [] });
      },

      async setName(name) {
        const share = get().share;
        const clean = name.trim().slice(0, 100);
        if (!share || !clean) return;
        const row = { ...share, name: clean };
        set({ share: row });
        await putShare(row, db).catch(() => undefined);
        live?.conn?.setName(clean);
      },

      join(link) {
        // One fetch per link at a time (React runs a mounting effect twice in development).
        const key = `${link.server} ${link.doc} ${link.token}`;
        const running = joins.get(key);
        if (running) return running;
        const done = joinOnce(link).finally(() => joins.delete(key));
        joins.set(key, done);
        return done;
      },

      setOnline(online) {
        if (!live?.conn || live.isSuspended) return;
        if (online) void live.conn.connect();
        else live.conn.disconnect();
      },

      whenSynced: () => live?.conn?.whenSynced() ?? Promise.resolve(),

      dispose() {
        unsubscribe();
        detach();
      },
    };
  });
  return store;
}
