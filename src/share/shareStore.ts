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
import { applyChange, emptyDoc, invertChange, isEmptyChange, type Change, type MapDoc } from '../domain/change';
import { newMapId } from '../domain/ids';
import { reviewPart } from '../domain/reviewScope';
import type { Problem } from '../domain/integrity';
import { MAX_SHARED_SOURCE_BYTES, ShareConnection, SHARE_STATUS_TEXT, type Peer, type ShareStatus } from './connection';
import { ShareSync } from './shareSync';
import { creatorAuth, memberAuth, newShareKeys, type ShareLink } from './tokens';
import { diffYDocToChange, mapMetaOfYDoc, type RemoteResult } from './yMap';
import { classifyStorageError } from '../storage/errors';
import {
  deleteShare,
  findShareByLink,
  getShare,
  isKnownServer,
  appendShareUpdate,
  loadShareState,
  putShare,
  saveShareState,
  trashEditedBeforeRemoteDelete,
  type ShareRow,
} from '../storage/shares';
import { compactShareStateSoon } from '../storage/shareCompactInWorker';
import { createMap } from '../storage/writes';
import type { WarrantDB } from '../storage/db';
import type { MapStore } from '../store/mapStore';

export type ShareState = {
  /** The open map's share, or null when it is not shared. */
  share: ShareRow | null;
  status: ShareStatus | null;
  peers: Peer[];
  /**
   * Opening a share link: where it stands, and why it failed. `confirm`: the
   * link names a server this browser has not used, and nothing connects
   * until the user says so (`join(link, { trustServer: true })`).
   */
  joining: { phase: 'idle' } | { phase: 'connecting' } | { phase: 'confirm'; server: string } | { phase: 'failed'; message: string };
};

export type ShareActions = {
  /**
   * Shares the open map on `server` (ws:// or wss://): new keys, the whole map
   * sent. Resolves to null once sharing, or to why it did not start.
   */
  startSharing(server: string): Promise<string | null>;
  /** Disconnects and forgets the share on this device; the map stays. */
  stopSharing(): Promise<void>;
  /** The name collaborators see. */
  setName(name: string): Promise<void>;
  /**
   * Opens a share link: the local copy if this device has one for the same
   * server and document, otherwise a new local map (an id of its own) filled
   * from the server. A server this browser has never shared with is not
   * contacted without `trustServer` (then `joining` asks). Resolves to the
   * local map id, or null (then `joining` says why).
   */
  join(link: ShareLink, options?: { trustServer?: boolean }): Promise<string | null>;
  /** Resolves when the open map's edits are all on the server (tests). */
  whenSynced(): Promise<void>;
  dispose(): void;
};

export type ShareStore = StoreApi<ShareState & ShareActions>;

/** How long after the last edit the Y.Doc's new updates are saved. */
const SAVE_DELAY_MS = 250;
/**
 * The saved updates are merged into the saved state (in a worker) after this
 * many saves or bytes: loading stays one state and a short list, and no save
 * encodes the whole document on the page.
 */
const COMPACT_AFTER_SAVES = 200;
const COMPACT_AFTER_BYTES = 2_000_000;
const REMOTE_LABEL = 'Edit by a collaborator';
/** How often a suspended share tries storage again. */
const RETRY_STORAGE_MS = 5_000;
const SUSPENDED_NOTICE =
  "A collaborator's edit could not be saved on this device, so sharing is paused here (nothing is lost: their edits stay on the server). It resumes by itself once this device can save again; if another tab updated Warrant, reload this page.";
/** How long opening a link waits for the server before giving up. */
const JOIN_TIMEOUT_MS = 15_000;
/** Connection attempts that close before opening, in a row, before a link's server is taken as not running. */
const UNREACHABLE_AFTER = 2;

const REFUSED_LINK = 'The server refused this link: its token is wrong, or the map is no longer shared.';

function problemsText(problems: Problem[]): string {
  const shown = problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`);
  return shown.join('; ') + (problems.length > 3 ? ` (and ${problems.length - 3} more)` : '');
}

/**
 * What the rule book did to a collaborator's change, in the user's words:
 * "removed 2 links, turned 1 link of an argument into a plain link".
 */
export function repairedText(problems: Problem[]): string {
  const counts = new Map<string, { n: number; one: string; many: string }>();
  for (const p of problems) {
    const kind = /^(\w+)\[/.exec(p.path)?.[1];
    const field = /\]\.(\w+)$/.exec(p.path)?.[1];
    const [one, many] =
      kind === 'links' && field === 'group'
        ? ['turned 1 link of an argument into a plain link', 'turned # links of an argument into plain links']
        : kind === 'links'
          ? ['removed 1 link', 'removed # links']
          : kind === 'quotes' && field === 'end'
            ? ['fitted 1 quote to its edited source (marked to review)', 'fitted # quotes to their edited sources (marked to review)']
            : kind === 'quotes'
              ? ['removed 1 quote', 'removed # quotes']
              : kind === 'comments'
                ? ['removed 1 comment', 'removed # comments']
                : ['changed 1 record', 'changed # records'];
    const entry = counts.get(one) ?? { n: 0, one, many };
    entry.n++;
    counts.set(one, entry);
  }
  return [...counts.values()].map((e) => (e.n === 1 ? e.one : e.many.replace('#', String(e.n)))).join(', ');
}

const defaultName = () => `Guest ${Math.floor(1000 + Math.random() * 9000)}`;

/** The map's id in the shared document: the local id, unless the map was opened by link. */
const sharedIdOf = (row: ShareRow): string => row.sharedMapId ?? row.mapId;

/** `doc` as the shared document names it. */
function docAs(doc: MapDoc, id: string): MapDoc {
  return doc.map.id === id ? doc : { ...doc, map: { ...doc.map, id } };
}

/** `change` with the map named `id`: between the local map and the shared document. */
function changeAs(change: Change, id: string): Change {
  if (change.mapId === id && (!change.map || change.map.id === id)) return change;
  return { ...change, mapId: id, ...(change.map ? { map: { ...change.map, id } } : {}) };
}

const MB = 1024 * 1024;
const megabytes = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

/**
 * The first source too large to ever reach the server (one value, one
 * message), or null. Cheap on ordinary maps: only a text whose length could
 * reach the limit is encoded.
 */
export function oversizedSource(sources: Iterable<{ title: string; text: string }>): { title: string; bytes: number } | null {
  const encoder = new TextEncoder();
  for (const source of sources) {
    if (source.text.length * 3 <= MAX_SHARED_SOURCE_BYTES) continue;
    const bytes = encoder.encode(source.text).length;
    if (bytes > MAX_SHARED_SOURCE_BYTES) return { title: source.title, bytes };
  }
  return null;
}

export function tooLargeText(source: { title: string; bytes: number }): string {
  return `The source “${source.title || 'Untitled source'}” is ${megabytes(source.bytes)}; a shared source can be at most ${megabytes(MAX_SHARED_SOURCE_BYTES)} (the server takes 16 MB in one message).`;
}

/**
 * The first share of a map, in parts the server takes one message each: the
 * map's own record, then each source alone (a source is one value, and
 * sources are what make a map large), then everything else, which refers to
 * the sources and so comes after them.
 */
export function seedParts(doc: MapDoc): Change[] {
  const mapId = doc.map.id;
  const parts: Change[] = [{ mapId, map: doc.map, put: {}, delete: {} }];
  for (const source of Object.values(doc.sources)) parts.push({ mapId, put: { sources: [source] }, delete: {} });
  parts.push({
    mapId,
    put: { quotes: Object.values(doc.quotes), claims: Object.values(doc.claims), links: Object.values(doc.links), layout: { ...doc.layout } },
    delete: {},
  });
  return parts;
}

/** One open shared map: its document, the sync and the connection. */
class Live {
  readonly ydoc = new Y.Doc();
  readonly sync: ShareSync;
  conn: ShareConnection | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** The Y.Doc's updates since the last save, in order: the next save appends them. */
  private unsaved: Uint8Array[] = [];
  /** The client ids as last saved: saved again only when they change. */
  private savedClients: string;
  /** Saves and bytes appended since the last compaction. */
  private appended = { saves: 0, bytes: 0 };
  /** One save at a time, in order. */
  private saving: Promise<void> = Promise.resolve();
  private compacting = false;
  private readonly stops: Array<() => void> = [];
  private closed = false;
  /** The map's id in the shared document (see ShareRow.sharedMapId). */
  private readonly sharedId: string;
  /** A first share: the map goes into the Y.Doc in parts, once the server answered. */
  private seedPending: boolean;
  /**
   * Why sending is paused: the local map holds a source the server can never
   * take. Nothing goes into the Y.Doc meanwhile; once the source is gone or
   * smaller, the difference goes in and the connection resumes.
   */
  paused: string | null = null;
  private report: (status: ShareStatus) => void = () => undefined;
  /** Storage failed a collaborator's edit: no connection, no mirroring of reverts, until it works. */
  private suspended = false;
  private retryTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    readonly row: ShareRow,
    private readonly mapStore: MapStore,
    private readonly db: WarrantDB | undefined,
    private readonly onRemote: (result: RemoteResult) => void,
    private readonly notify: (kind: 'error' | 'info', text: string) => void,
    saved: { state: Uint8Array | undefined; updates: Uint8Array[] } = { state: row.state, updates: [] },
  ) {
    this.sharedId = sharedIdOf(row);
    if (saved.state) Y.applyUpdate(this.ydoc, saved.state);
    for (const update of saved.updates) Y.applyUpdate(this.ydoc, update);
    const empty = (!saved.state || saved.state.length <= 2) && !saved.updates.length;
    this.savedClients = JSON.stringify([...row.localClients].sort());
    this.sync = new ShareSync(this.ydoc, {
      getDoc: () => this.doc(),
      onRemote: (result) => this.onRemote({ ...result, change: changeAs(result.change, row.mapId) }),
      localClients: row.localClients,
      // A review link sends only comments (see the stream adapter below).
      writesRepairs: () => row.role !== 'review' && !mapStore.getState().readOnly,
      // Updates that arrive together (a burst, a tab that fell behind) are committed as one.
      coalesce: (flush) => void setTimeout(flush, 0),
    });
    // A review link never seeds the document: the server would refuse the map from it.
    this.seedPending = empty && row.role !== 'review';
    const big = oversizedSource(Object.values(this.doc().sources));
    if (big) this.pause(big);
    else if (!empty) this.pushLocalDifference();
    this.stops.push(
      mapStore.getState().onChange((event) => {
        let { change } = event;
        // A collaborator's change is in the Y.Doc already.
        if (change.mapId !== row.mapId || event.source === 'remote') return;
        // A review link sends only what the server takes from it (comments):
        // one refused update would hold back every later one of this client.
        if (mapStore.getState().readOnly) {
          const current = mapStore.getState().doc;
          if (!current) return;
          change = reviewPart(applyChange(current, event.inverse), change);
          if (isEmptyChange(change)) return;
        }
        // Taking back in memory a collaborator's change our disk refused:
        // sending it would delete their edit for everyone.
        if (event.revertOf?.includes('remote')) return this.suspend();
        // A first share not sent yet takes the whole map as it is then.
        if (this.seedPending && this.paused === null) return;
        if (this.paused === null && !change.put.sources?.length) {
          this.sync.localChange(changeAs(change, this.sharedId));
          return;
        }
        const tooBig = oversizedSource(Object.values(this.doc().sources));
        if (tooBig) {
          if (this.paused === null) this.pause(tooBig);
        } else if (this.paused !== null) this.resume();
        else this.sync.localChange(changeAs(change, this.sharedId));
      }),
    );
    const onUpdate = (update: Uint8Array) => {
      this.unsaved.push(update);
      this.scheduleSave();
    };
    this.ydoc.on('update', onUpdate);
    this.stops.push(() => this.ydoc.off('update', onUpdate));
    this.scheduleSave();
  }

  /**
   * IndexedDB holds everything this device did (its edits and what it
   * applied from others); the saved Y.Doc may lag by the last debounce. So
   * the local map wins here: what differs goes into the Y.Doc as this
   * device's edit, before the connection merges it with the server.
   */
  private pushLocalDifference(): void {
    const local = this.doc();
    const toY = diffYDocToChange(this.ydoc, local);
    if (isEmptyChange(toY.change)) return;
    let change = invertChange(local, toY.change);
    // A review link sends only its comments (see the stream adapter above).
    if (this.row.role === 'review' || this.mapStore.getState().readOnly) change = reviewPart(applyChange(local, toY.change), change);
    if (!isEmptyChange(change)) this.sync.localChange(change);
  }

  private pause(source: { title: string; bytes: number }): void {
    this.paused = `${tooLargeText(source)} Sharing is paused: your edits stay on this device until you remove the source or make it smaller.`;
    this.notify('error', this.paused);
    this.conn?.disconnect();
    this.report('too-large');
  }

  private resume(): void {
    this.paused = null;
    if (this.seedPending) this.seedWhenSynced();
    else this.pushLocalDifference();
    this.notify('info', 'Sharing resumed: your edits are being sent.');
    if (this.conn) {
      this.report(this.conn.status);
      if (typeof navigator === 'undefined' || navigator.onLine) void this.conn.connect();
    }
  }

  /** The local map, named as in the shared document. */
  doc(): MapDoc {
    const doc = this.mapStore.getState().doc;
    if (!doc || doc.map.id !== this.row.mapId) throw new Error('the shared map is no longer open');
    return docAs(doc, this.sharedId);
  }

  /**
   * Seeds once the server has answered the first sync: before it, every part
   * would travel in the one message that answers the server's state vector.
   */
  private seedWhenSynced(): void {
    const conn = this.conn;
    if (!conn || this.paused !== null) return;
    void conn.whenSynced().then(() => {
      if (this.closed || this.paused !== null || !this.seedPending || this.conn !== conn) return;
      this.seedPending = false;
      for (const part of seedParts(this.doc())) this.sync.localChange(part);
    });
  }

  connect(auth: string, onStatus: (s: ShareStatus) => void, onPeers: (p: Peer[]) => void): void {
    if (this.closed) return;
    this.report = onStatus;
    this.conn = new ShareConnection({
      server: this.row.server,
      doc: this.row.doc,
      auth,
      ydoc: this.ydoc,
      name: this.row.name ?? defaultName(),
      onStatus: (status) => onStatus(this.paused !== null ? 'too-large' : status),
      onPeers,
    });
    const select = () => {
      const sel = this.mapStore.getState().selection;
      this.conn?.setSelection(sel ? [sel.id] : []);
    };
    this.stops.push(this.mapStore.subscribe((s, prev) => s.selection !== prev.selection && select()));
    select();
    if (this.paused !== null) {
      this.conn.disconnect();
      onStatus('too-large');
    } else if (this.seedPending) this.seedWhenSynced();
    // A socket can outlive the network (a laptop's Wi-Fi off, loopback in
    // tests): follow the browser's own online/offline, so the status is true
    // and the provider resends what is pending as soon as it is back.
    if (typeof window !== 'undefined') {
      const offline = () => this.conn?.disconnect();
      const online = () => {
        if (this.paused === null && !this.suspended && this.conn?.status !== 'too-large') void this.conn?.connect();
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
    this.notify('error', SUSPENDED_NOTICE);
    this.retryTimer = setInterval(() => void this.tryResume(), RETRY_STORAGE_MS);
  }

  /** Storage works again when the Y.Doc state can be saved: then catch up and reconnect. */
  private async tryResume(): Promise<void> {
    if (!this.suspended || this.closed) return;
    try {
      // The whole state: it holds every update not saved while suspended.
      const unsaved = this.unsaved;
      this.unsaved = [];
      try {
        await saveShareState(this.row.mapId, Y.encodeStateAsUpdate(this.ydoc), [...this.sync.localClients], this.db);
      } catch (e) {
        this.unsaved = [...unsaved, ...this.unsaved];
        throw e;
      }
      this.appended = { saves: 0, bytes: 0 };
    } catch {
      return; // still failing: try again later
    }
    if (!this.suspended || this.closed) return;
    this.suspended = false;
    if (this.retryTimer !== null) clearInterval(this.retryTimer);
    this.retryTimer = null;
    // The Y.Doc wins where the map differs: what differs is what failed to store.
    this.sync.catchUp();
    if (this.paused === null && (typeof navigator === 'undefined' || navigator.onLine)) void this.conn?.connect();
  }

  private scheduleSave(): void {
    if (this.saveTimer !== null || this.closed || this.suspended) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.save();
    }, SAVE_DELAY_MS);
  }

  /**
   * Appends the Y.Doc's updates since the last save (merged into one) to the
   * saved state: a save costs what changed. Now and then the saved updates
   * are merged into the state, in a worker.
   */
  save(): Promise<void> {
    const run = async () => {
      const unsaved = this.unsaved;
      this.unsaved = [];
      const clients = [...this.sync.localClients].sort();
      const clientsChanged = JSON.stringify(clients) !== this.savedClients;
      if (!unsaved.length && !clientsChanged) return;
      const update = unsaved.length === 0 ? null : unsaved.length === 1 ? unsaved[0]! : Y.mergeUpdates(unsaved);
      try {
        await appendShareUpdate(this.row.mapId, update, clientsChanged ? clients : null, this.db);
      } catch (e) {
        // Kept for the next save: the Y.Doc still holds them, and so does the server once sent.
        this.unsaved = [...unsaved, ...this.unsaved];
        console.warn('Warrant: could not save the shared map state', e);
        return;
      }
      if (clientsChanged) this.savedClients = JSON.stringify(clients);
      if (!update) return;
      this.appended = { saves: this.appended.saves + 1, bytes: this.appended.bytes + update.length };
      if (this.appended.saves >= COMPACT_AFTER_SAVES || this.appended.bytes >= COMPACT_AFTER_BYTES) this.compact();
    };
    this.saving = this.saving.then(run, run);
    return this.saving;
  }

  /** Merges the saved updates into the saved state, off the page (one at a time). */
  private compact(): void {
    if (this.compacting) return;
    this.compacting = true;
    this.appended = { saves: 0, bytes: 0 };
    void compactShareStateSoon(this.row.mapId, { db: this.db })
      .catch((e: unknown) => console.warn('Warrant: could not compact the shared map state', e))
      .finally(() => (this.compacting = false));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.retryTimer !== null) clearInterval(this.retryTimer);
    this.retryTimer = null;
    for (const stop of this.stops.splice(0)) stop();
    // Remote updates that arrived just now: into the map while it is still the open one.
    if (this.sync.hasPending && this.mapStore.getState().doc?.map.id === this.row.mapId) this.sync.flush();
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
      void state.applyShared(result.change, REMOTE_LABEL, result.doc);
      if (result.rejected.length) {
        notify('error', `A change from a collaborator was not applied: it breaks the map's rules (${problemsText(result.rejected)}). Your map is unchanged.`);
      } else if (result.repaired.length) {
        // Edits made at once can merge into a map no one made (a link to a deleted claim):
        // the rule book mends it the same way for everyone, and says what it changed.
        notify('info', `After a collaborator's change, Warrant ${repairedText(result.repaired)} to keep the map's rules.`);
      }
    }

    function onStatus(status: ShareStatus): void {
      const before = get().status;
      set({ status });
      if (status === 'read-only') {
        mapStore.getState().setReadOnly(true);
        // The server says review: the row must say so too, so role and token
        // agree (the Share dialog offers no edit link, nothing waits to be sent).
        const share = get().share;
        if (share && share.role !== 'review') {
          const row: ShareRow = { ...share, role: 'review' };
          set({ share: row });
          void putShare(row, db).catch(() => undefined);
        }
      }
      if (status === 'refused') notify('error', `${SHARE_STATUS_TEXT.refused}.`);
      if (status === 'too-large' && before !== 'too-large' && live && live.paused === null) {
        const reason = live.conn?.tooLargeReason;
        notify(
          'error',
          `The sharing server refused a change as too large${reason ? ` (“${reason}”)` : ''}. Sharing is paused and nothing more is sent; your map is kept on this device. Make the largest source smaller, then open the map again.`,
        );
      }
    }

    function begin(row: ShareRow, auth: string, saved?: { state: Uint8Array | undefined; updates: Uint8Array[] }): void {
      live = new Live(row, mapStore, db, onRemote, notify, saved);
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
      // Read once the lock is held: the tab that held it before saved (and
      // perhaps compacted) until it let go.
      const saved = await loadShareState(mapId, db);
      const auth = await authOf(row);
      if (mine !== generation || mapStore.getState().doc?.map.id !== mapId) return dropLock();
      begin(row, auth, saved);
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

    /**
     * Connects to `link` with an empty Y.Doc of its own (so nothing of this
     * device can be sent) and waits for the server's whole map, its refusal,
     * or the timeout. The caller destroys what it gets.
     */
    async function fetchShared(
      link: ShareLink,
    ): Promise<{ outcome: 'synced'; ydoc: Y.Doc; readOnly: boolean } | { outcome: 'refused' | 'unreachable' | 'timeout' }> {
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
      let timer: ReturnType<typeof setInterval> | undefined;
      let timeout: ReturnType<typeof setTimeout> | undefined;
      try {
        const outcome = await Promise.race([
          conn.whenSynced().then(() => 'synced' as const),
          new Promise<'refused'>((resolve) => {
            timer = setInterval(() => {
              if (status === 'refused') resolve('refused');
            }, 50);
            conn.provider.on('authenticationFailed', () => resolve('refused'));
          }),
          new Promise<'unreachable'>((resolve) => {
            // Nothing listens at the address: each attempt closes before it
            // opens. Two such closes in a row say so without waiting out the timeout.
            let opened = false;
            let failures = 0;
            conn.socket.on('open', () => {
              opened = true;
            });
            conn.socket.on('close', () => {
              if (!opened && ++failures >= UNREACHABLE_AFTER) resolve('unreachable');
            });
          }),
          new Promise<'timeout'>((resolve) => {
            timeout = setTimeout(() => resolve('timeout'), JOIN_TIMEOUT_MS);
          }),
        ]);
        if (outcome !== 'synced') {
          ydoc.destroy();
          return { outcome };
        }
        return { outcome, ydoc, readOnly: conn.readOnly };
      } finally {
        clearInterval(timer);
        clearTimeout(timeout);
        conn.destroy();
      }
    }

    async function joinOnce(link: ShareLink, trustServer: boolean): Promise<string | null> {
      set({ joining: { phase: 'connecting' } });
      const fail = (message: string) => {
        set({ joining: { phase: 'failed', message } });
        return null;
      };
      const noAnswer = `No answer from the sharing server at ${link.server}. Check the address and your connection, then try again.`;
      const unreachable = `Nothing answers at ${link.server}: the sharing server is not running there, or the address is wrong. Check the address with whoever sent the link, then try again.`;
      const why = (outcome: 'refused' | 'unreachable' | 'timeout') => (outcome === 'refused' ? REFUSED_LINK : outcome === 'unreachable' ? unreachable : noAnswer);
      try {
        // The same document on the same server: the map this device already has.
        // Its server never changes here, and its right only ever grows.
        const known = await findShareByLink(link.server, link.doc, db);
        if (known) {
          if (known.token !== link.token && known.role === 'review') {
            // Maybe the edit link of a map this device reviews: the server says
            // which right the token carries; only edit replaces the review token.
            const probe = await fetchShared(link);
            if (probe.outcome !== 'synced') return fail(why(probe.outcome));
            probe.ydoc.destroy();
            if (!probe.readOnly) await putShare({ ...known, token: link.token, role: 'edit' }, db);
          }
          // An edit (or owner) share opened by the review link keeps editing:
          // the stronger right stays, with its token.
          set({ joining: { phase: 'idle' } });
          return known.mapId;
        }
        if (!trustServer && !(await isKnownServer(link.server, db))) {
          set({ joining: { phase: 'confirm', server: link.server } });
          return null;
        }
        // Fetch the map once, into a Y.Doc of its own, and make it a new local
        // map with an id of its own: whatever id the shared document names, no
        // map of this device is ever attached to it or sent.
        const fetched = await fetchShared(link);
        if (fetched.outcome !== 'synced') return fail(why(fetched.outcome));
        const { ydoc, readOnly } = fetched;
        try {
          const meta = mapMetaOfYDoc(ydoc);
          if (!meta) return fail('The shared map could not be read: the server holds no valid map under this link.');
          const filled = diffYDocToChange(ydoc, emptyDoc(meta));
          const mapId = newMapId();
          const doc = applyChange(emptyDoc(meta), filled.change);
          await createMap({ ...doc, map: { ...doc.map, id: mapId } }, db);
          await putShare(
            {
              mapId,
              sharedMapId: meta.id,
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
        } finally {
          ydoc.destroy();
        }
      } catch (e) {
        return fail(classifyStorageError(e, 'The shared map').message);
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
        if (!doc) return 'Open a map to share it.';
        if (live || get().share) return 'This map is already shared.';
        const big = oversizedSource(Object.values(doc.sources));
        if (big) return `${tooLargeText(big)} Sharing did not start; your map is unchanged.`;
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
          return classifyStorageError(e, 'Sharing').message;
        }
        const auth = await creatorAuth(keys);
        const mine = ++generation;
        const closed = 'The map was closed before sharing started; open it to see its links.';
        if (!(await takeLock(row.mapId, mine))) return closed;
        if (mine !== generation || mapStore.getState().doc?.map.id !== row.mapId) {
          dropLock();
          return closed;
        }
        begin(row, auth);
        return null;
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

      join(link, options = {}) {
        const trustServer = options.trustServer === true;
        // One fetch per link at a time (React runs a mounting effect twice in development).
        const key = `${link.server} ${link.doc} ${link.token} ${trustServer}`;
        const running = joins.get(key);
        if (running) return running;
        const done = joinOnce(link, trustServer).finally(() => joins.delete(key));
        joins.set(key, done);
        return done;
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
