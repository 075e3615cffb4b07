import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WorkerLike } from '../components/runWorker';
import { testDatabases } from '../test/testDocs';
import { compactShareState } from './shareCompact';
import { compactShareStateSoon, type CompactRequest } from './shareCompactInWorker';
import { appendShareUpdate, loadShareState, putShare } from './shares';

const newDB = testDatabases();
const MAP = 'map_shared';

/** A Y.Doc whose every update is collected, as the share store collects them. */
function editor() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return { doc, updates, set: (k: string, v: string) => doc.getMap('m').set(k, v) };
}

const read = (saved: { state: Uint8Array | undefined; updates: Uint8Array[] }) => {
  const doc = new Y.Doc();
  if (saved.state) Y.applyUpdate(doc, saved.state);
  for (const u of saved.updates) Y.applyUpdate(doc, u);
  return doc.getMap('m').toJSON();
};

async function sharedWithUpdates(db: ReturnType<typeof newDB>, n: number) {
  await putShare({ mapId: MAP, server: 'ws://127.0.0.1:1', doc: 'share_compacttest00000', role: 'owner', token: 't'.repeat(27), localClients: [] }, db);
  const e = editor();
  for (let i = 0; i < n; i++) {
    e.set(`k${i}`, `v${i}`);
    await appendShareUpdate(MAP, e.updates.at(-1)!, null, db);
  }
  return e;
}

describe('compacting a shared map’s saved Y.Doc', () => {
  it('merges the state and the updates into one state that reads the same', async () => {
    const db = newDB();
    await sharedWithUpdates(db, 5);
    const before = await loadShareState(MAP, db);
    expect(before.state).toBeUndefined();
    expect(before.updates).toHaveLength(5);
    expect(await compactShareState(MAP, db)).toMatchObject({ merged: 5 });
    const after = await loadShareState(MAP, db);
    expect(after.updates).toEqual([]);
    expect(read(after)).toEqual(read(before));
    // Again, with a state already there: the new updates join it.
    const e = editor();
    Y.applyUpdate(e.doc, after.state!);
    e.set('later', 'yes');
    await appendShareUpdate(MAP, e.updates.at(-1)!, null, db);
    await compactShareState(MAP, db);
    expect(read(await loadShareState(MAP, db))).toEqual({ ...read(before), later: 'yes' });
  });

  it('keeps an update appended while the compaction runs', async () => {
    const db = newDB();
    const e = await sharedWithUpdates(db, 3);
    e.set('meanwhile', 'kept');
    const [result] = await Promise.all([compactShareState(MAP, db), appendShareUpdate(MAP, e.updates.at(-1)!, null, db)]);
    expect(result.merged === 3 || result.merged === 4).toBe(true);
    expect(read(await loadShareState(MAP, db))).toMatchObject({ k0: 'v0', k2: 'v2', meanwhile: 'kept' });
  });

  it('runs in a worker when given one, which answers in messages', async () => {
    const db = newDB();
    await sharedWithUpdates(db, 2);
    const seen: CompactRequest[] = [];
    const listeners: ((e: Event) => void)[] = [];
    const worker: WorkerLike<CompactRequest> = {
      postMessage(request) {
        seen.push(request);
        void compactShareState(request.mapId, db).then((result) => listeners.forEach((l) => l(new MessageEvent('message', { data: { type: 'done', result } }))));
      },
      terminate() {},
      addEventListener(_type, listener) {
        listeners.push(listener);
      },
    };
    expect(await compactShareStateSoon(MAP, { db, makeWorker: () => worker })).toMatchObject({ merged: 2 });
    expect(seen).toEqual([{ mapId: MAP }]);
    expect((await loadShareState(MAP, db)).updates).toEqual([]);
  });
});
