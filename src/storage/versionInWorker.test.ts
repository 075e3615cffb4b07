import { describe, expect, it } from 'vitest';
import type { WorkerLike } from '../components/runWorker';
import { testDatabases, sampleDoc } from '../test/testDocs';
import { saveStoredVersion, type VersionRequest } from './versionInWorker';
import { listVersions, saveVersion } from './versions';
import { createMap } from './writes';

const newDB = testDatabases();

/** A worker that runs the worker's job on a test database, in messages as the real one does. */
function fakeWorker(db: ReturnType<typeof newDB>, seen: VersionRequest[]): WorkerLike<VersionRequest> {
  const listeners: ((e: Event) => void)[] = [];
  return {
    postMessage(request) {
      seen.push(request);
      void saveVersion(request.mapId, request.name, request.kind, db).then(
        (result) => listeners.forEach((l) => l(new MessageEvent('message', { data: { type: 'done', result } }))),
        (e: unknown) => listeners.forEach((l) => l(new MessageEvent('message', { data: { type: 'error', message: String(e) } }))),
      );
    },
    terminate() {},
    addEventListener(type, listener) {
      if (type === 'message') listeners.push(listener);
    },
  };
}

describe('saveStoredVersion', () => {
  it('asks the worker for the stored map by id and answers its listing', async () => {
    const db = newDB();
    await createMap(sampleDoc(), db);
    const seen: VersionRequest[] = [];
    const listing = await saveStoredVersion('map_one', 'While editing', 'auto', { makeWorker: () => fakeWorker(db, seen) });
    expect(seen).toEqual([{ mapId: 'map_one', name: 'While editing', kind: 'auto' }]);
    expect(listing).toMatchObject({ mapId: 'map_one', name: 'While editing', kind: 'auto', counts: { claims: 2 } });
    expect((await listVersions('map_one', db)).map((v) => v.id)).toEqual([listing.id]);
  });

  it("rejects with the worker's reason when the map is gone", async () => {
    const db = newDB();
    await expect(saveStoredVersion('map_gone', 'v', 'named', { makeWorker: () => fakeWorker(db, []) })).rejects.toThrow(/map_gone/);
  });

  it('saves on this thread where there are no workers', async () => {
    const db = newDB();
    await createMap(sampleDoc(), db);
    const listing = await saveStoredVersion('map_one', 'Named', 'named', { db });
    expect((await listVersions('map_one', db))[0]).toEqual(listing);
  });
});
