/**
 * Binds one open map to its Y.Doc: local Changes go in, remote updates come
 * out as validated Changes. Knows nothing of the network (see connection.ts)
 * or of the store: the caller hands over the current map and applies what
 * comes back, which keeps this testable with two Y.Docs in plain Node.
 */
import type * as Y from 'yjs';
import { isEmptyChange, type Change, type MapDoc } from '../domain/change';
import {
  LOCAL_ORIGIN,
  REPAIR_ORIGIN,
  addTouched,
  applyChangeToYDoc,
  changeFromTouched,
  changeFromTransaction,
  defineRoots,
  deletedWrittenHere,
  diffYDocToChange,
  seedChange,
  touchedByTransaction,
  type RemoteResult,
  type Touched,
} from './yMap';

export type ShareSyncOptions = {
  /** The local map as the store holds it now. */
  getDoc: () => MapDoc;
  /**
   * A remote update, validated. Apply `result.change` through the store's
   * remote path (commit to Dexie, never into undo) before returning: the next
   * update is diffed against `getDoc()`. Hand `result.doc` along with it
   * (`applyShared`'s `after`): the tables the update touched are then copied
   * once, not again by the store. Show `rejected`; put `deletedWhileEdited`
   * in the Trash.
   */
  onRemote: (result: RemoteResult) => void;
  /**
   * Yjs client ids this device wrote with in earlier sessions of this map
   * (persist `ShareSync.localClients` with the Y.Doc state), so a remote
   * deletion of a record edited before a reload still finds its way to the Trash.
   */
  localClients?: Iterable<number>;
  /**
   * Whether this client writes the rule book's repairs back into the Y.Doc
   * (true when left out). A review link's client must not: the server takes
   * nothing but comments from it, and one refused update holds back every
   * later one of the same Yjs client. Every editor derives and writes the
   * same repair, so the document converges all the same; the local map is
   * repaired either way (the repair is part of `result.change`).
   */
  writesRepairs?: () => boolean;
  /**
   * Remote updates that arrive together are delivered as one result: the
   * first schedules `flush` (a macrotask, after the updates already queued),
   * the others add the records they touched. One diff and one copy of each
   * touched table for the lot, so a client that falls behind a stream of
   * updates catches up in fewer, not more, steps. Left out: each update is
   * delivered as it is applied (tests that apply and read at once).
   */
  coalesce?: (flush: () => void) => void;
};

export class ShareSync {
  readonly localClients: Set<number>;

  constructor(
    readonly ydoc: Y.Doc,
    private readonly options: ShareSyncOptions,
  ) {
    this.localClients = new Set([...(options.localClients ?? []), ydoc.clientID]);
    defineRoots(ydoc);
    ydoc.on('afterTransaction', this.onTransaction);
  }

  /** What remote updates not delivered yet touched (with `coalesce`), and which deleted records this device wrote. */
  private pending: Touched | null = null;
  private pendingWrittenHere = new Set<string>();

  private readonly onTransaction = (transaction: Y.Transaction): void => {
    // Our own writes (local Changes, repairs) are transact() calls: `local`.
    // Updates from the provider or a persisted state are applyUpdate(): not local.
    if (transaction.local) return;
    if (!this.options.coalesce) {
      this.deliver(changeFromTransaction(this.ydoc, transaction, this.options.getDoc(), { localClients: this.localClients }));
      return;
    }
    const touched = touchedByTransaction(this.ydoc, transaction);
    for (const key of deletedWrittenHere(this.ydoc, touched, this.localClients)) this.pendingWrittenHere.add(key);
    if (this.pending) addTouched(this.pending, touched);
    else {
      this.pending = touched;
      this.options.coalesce(this.flush);
    }
  };

  /** Delivers the remote updates that arrived since the last flush, as one result. */
  readonly flush = (): void => {
    const touched = this.pending;
    const writtenHere = this.pendingWrittenHere;
    this.pending = null;
    this.pendingWrittenHere = new Set();
    if (touched) this.deliver(changeFromTouched(this.ydoc, touched, this.options.getDoc(), { localClients: this.localClients, writtenHere }));
  };

  private deliver(result: RemoteResult): RemoteResult {
    if (!isEmptyChange(result.change) || result.rejected.length || result.repaired.length || result.deletedWhileEdited.length) {
      this.options.onRemote(result);
    }
    if (!isEmptyChange(result.repair) && (this.options.writesRepairs?.() ?? true)) applyChangeToYDoc(this.ydoc, result.repair, REPAIR_ORIGIN);
    return result;
  }

  /**
   * Mirrors a local Change (once committed) into the Y.Doc, as one
   * transaction. A remote update still waiting for its flush stays there: a
   * record both touched takes the local version, as two concurrent edits of
   * one record would, and the flush then finds it equal.
   */
  localChange(change: Change): void {
    applyChangeToYDoc(this.ydoc, change, LOCAL_ORIGIN);
  }

  /** Puts the whole local map into the (empty) Y.Doc: the first share of a map. */
  seed(): void {
    applyChangeToYDoc(this.ydoc, seedChange(this.options.getDoc()), LOCAL_ORIGIN);
  }

  /**
   * Brings the local map up to the whole Y.Doc (after the first sync of a map
   * opened by link, or to recover after a missed update) and reports like a remote update.
   */
  catchUp(): RemoteResult {
    // The whole document is diffed: what waited for a flush is in it.
    const writtenHere = this.pendingWrittenHere;
    this.pending = null;
    this.pendingWrittenHere = new Set();
    return this.deliver(diffYDocToChange(this.ydoc, this.options.getDoc(), { localClients: this.localClients, writtenHere }));
  }

  /** Whether remote updates wait for their flush (see `coalesce`). */
  get hasPending(): boolean {
    return this.pending !== null;
  }

  /**
   * Stops following the Y.Doc. Remote updates not delivered yet stay in it
   * undelivered: call `flush()` first while the map is still open.
   */
  destroy(): void {
    this.ydoc.off('afterTransaction', this.onTransaction);
    this.pending = null;
    this.pendingWrittenHere = new Set();
  }
}
