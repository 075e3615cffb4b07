/**
 * In-memory clients of one shared map for tests and the benchmark: each has a
 * Y.Doc, a local MapDoc standing in for the store, and a ShareSync between them.
 */
import * as Y from 'yjs';
import { applyChange, emptyDoc, isEmptyChange, type Change, type MapDoc } from '../domain/change';
import type { MapMeta } from '../domain/schema';
import { ShareSync, type ShareSyncOptions } from '../share/shareSync';
import type { RemoteResult } from '../share/yMap';

export class TestClient {
  readonly ydoc: Y.Doc;
  doc: MapDoc;
  readonly remote: RemoteResult[] = [];
  readonly sync: ShareSync;

  /** Called after each remote result is in `doc`. */
  readonly delivered: Array<(result: RemoteResult) => void> = [];

  constructor(
    readonly name: string,
    start: MapDoc | MapMeta,
    ydoc: Y.Doc = new Y.Doc(),
    options: Pick<ShareSyncOptions, 'coalesce'> = {},
  ) {
    this.ydoc = ydoc;
    this.doc = 'claims' in start ? start : emptyDoc(start);
    this.sync = new ShareSync(this.ydoc, {
      getDoc: () => this.doc,
      onRemote: (result) => {
        this.remote.push(result);
        // The merged map as ShareSync worked it out: `applyChange(this.doc, result.change)`, made once.
        if (!isEmptyChange(result.change)) this.doc = result.doc;
        for (const listener of this.delivered) listener(result);
      },
      ...options,
    });
  }

  /** A local edit: applied to the map (the store's job) and mirrored into the Y.Doc. */
  edit(change: Change): void {
    this.doc = applyChange(this.doc, change);
    this.sync.localChange(change);
  }

  rejected() {
    return this.remote.flatMap((r) => r.rejected);
  }
}

/** Exchanges state between every pair until nothing new flows (repairs produce more updates). */
export function syncAll(clients: readonly TestClient[], origin: unknown = 'net'): void {
  for (let round = 0; round < 10; round++) {
    let moved = false;
    for (const a of clients) {
      for (const b of clients) {
        if (a === b) continue;
        const update = Y.encodeStateAsUpdate(a.ydoc, Y.encodeStateVector(b.ydoc));
        // A snapshot holds the delete set too: a deletion moves no state vector.
        const before = Y.snapshot(b.ydoc);
        Y.applyUpdate(b.ydoc, update, origin);
        if (!Y.equalSnapshots(before, Y.snapshot(b.ydoc))) moved = true;
      }
    }
    if (!moved) return;
  }
  throw new Error('clients did not settle in 10 rounds');
}
