/**
 * ShareSync with `coalesce`: remote updates that arrive together are
 * delivered as one result, which must say everything the updates one by one
 * would have said.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deletionChange, emptyChange, type Change } from '../domain/change';
import { makeClaim, makeMap, smallDoc } from '../test/factories';
import { TestClient, syncAll } from '../test/testClients';

const put = (over: Partial<Change['put']>): Change => ({ ...emptyChange('map_test'), put: over });

/** Alice shares the small map; Bob, whose remote updates wait for `flushes`, joins it. */
function pair() {
  const flushes: Array<() => void> = [];
  const alice = new TestClient('alice', smallDoc());
  alice.sync.seed();
  const bob = new TestClient('bob', makeMap(), new Y.Doc(), { coalesce: (flush) => flushes.push(flush) });
  Y.applyUpdate(bob.ydoc, Y.encodeStateAsUpdate(alice.ydoc), 'net');
  flushes.splice(0).forEach((f) => f());
  expect(bob.doc).toEqual(alice.doc);
  return { alice, bob, flushes };
}

/** Alice's edits since `vector`, as the updates she made, applied to Bob one by one. */
function send(alice: TestClient, bob: TestClient, edits: Change[]): void {
  const updates: Uint8Array[] = [];
  const take = (u: Uint8Array) => updates.push(u);
  alice.ydoc.on('update', take);
  for (const e of edits) alice.edit(e);
  alice.ydoc.off('update', take);
  for (const u of updates) Y.applyUpdate(bob.ydoc, u, 'net');
}

describe('remote updates that arrive together', () => {
  it('reach the map in one result, after the flush, with every record', () => {
    const { alice, bob, flushes } = pair();
    send(alice, bob, [1, 2, 3, 4].map((i) => put({ claims: [makeClaim(`c_new_${i}`, `New ${i}`)] })));
    expect(bob.doc.claims['c_new_1']).toBeUndefined();
    expect(flushes).toHaveLength(1);
    flushes[0]!();
    expect(bob.remote.at(-1)!.change.put.claims?.map((c) => c.id).sort()).toEqual(['c_new_1', 'c_new_2', 'c_new_3', 'c_new_4']);
    expect(bob.doc).toEqual(alice.doc);
  });

  it('still hand over for the Trash a record this device edited that a peer deleted', () => {
    const { alice, bob, flushes } = pair();
    const edited = { ...bob.doc.claims['c_sub']!, text: 'Bob edited this' };
    bob.edit(put({ claims: [edited] }));
    // Alice deletes it without having seen Bob's edit; then adds a claim, in a second update.
    send(alice, bob, [deletionChange(alice.doc, { claims: ['c_sub'] }), put({ claims: [makeClaim('c_after', 'After')] })]);
    // By the flush, the deleted fields are garbage-collected: who wrote them was noted before.
    flushes.splice(0).forEach((f) => f());
    expect(bob.doc.claims['c_sub']).toBeUndefined();
    expect(bob.doc.claims['c_after']?.text).toBe('After');
    expect(bob.remote.flatMap((r) => r.deletedWhileEdited)).toEqual([{ table: 'claims', record: edited }]);
    syncAll([alice, bob]);
    flushes.splice(0).forEach((f) => f());
    expect(bob.doc).toEqual(alice.doc);
  });
});
