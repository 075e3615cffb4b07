/**
 * The review links' scope at the Yjs level (what the server enforces): an
 * update may add comments and resolve or reopen them, and nothing else,
 * however it is built.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyChange, deletionChange, emptyChange, isEmptyChange, type MapDoc } from '../domain/change';
import type { Comment } from '../domain/schema';
import { makeClaim, makeLink, smallDoc, T0 } from '../test/factories';
import { TestClient, syncAll } from '../test/testClients';
import { ShareSync } from './shareSync';
import { applyChangeToYDoc, problemsOfUpdate, reviewScopeOfUpdate, seedChange, UpdateValidator } from './yMap';

const comment = (id: string, over: Partial<Comment> = {}): Comment => ({ id, on: 'c_thesis', author: 'Rita', text: 'Where is the evidence?', createdAt: T0, ...over });

/** The server's copy of a shared map holding smallDoc and one open thread. */
function serverDoc(): Y.Doc {
  const ydoc = new Y.Doc({ gc: false });
  const doc = smallDoc();
  applyChangeToYDoc(ydoc, seedChange({ ...doc, comments: { cm_1: comment('cm_1') } }));
  return ydoc;
}

/** The update `write` makes on top of what the server holds, from a peer of its own. */
function updateOn(ydoc: Y.Doc, write: (d: Y.Doc) => void): Uint8Array {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(ydoc));
  const sv = Y.encodeStateVector(peer);
  write(peer);
  return Y.encodeStateAsUpdate(peer, sv);
}
const record = (fields: object) => new Y.Map<unknown>(Object.entries(fields));
const reviewerProblems = (ydoc: Y.Doc, update: Uint8Array) => problemsOfUpdate(ydoc, update, { reviewer: true });
const commentMap = (d: Y.Doc, id: string) => d.getMap('comments').get(id) as Y.Map<unknown>;
const claimMap = (d: Y.Doc, id: string) => d.getMap('claims').get(id) as Y.Map<unknown>;

describe('a review link’s update at the server', () => {
  it('may add a thread with a verdict, reply, resolve and reopen', () => {
    const ydoc = serverDoc();
    expect(reviewerProblems(ydoc, updateOn(ydoc, (d) => d.getMap('comments').set('cm_2', record(comment('cm_2', { verdict: 'disputed' })))))).toEqual([]);
    expect(reviewerProblems(ydoc, updateOn(ydoc, (d) => d.getMap('comments').set('cm_3', record(comment('cm_3', { replyTo: 'cm_1', text: 'Agreed' })))))).toEqual([]);
    expect(reviewerProblems(ydoc, updateOn(ydoc, (d) => commentMap(d, 'cm_1').set('resolvedAt', T0)))).toEqual([]);
    expect(reviewerProblems(ydoc, updateOn(ydoc, (d) => commentMap(d, 'cm_1').delete('resolvedAt')))).toEqual([]);
    expect(Object.keys(ydoc.getMap('comments').toJSON()).sort()).toEqual(['cm_1', 'cm_2', 'cm_3']);
  });

  it('may write a field of its new comment twice in one update (edited offline)', () => {
    const ydoc = serverDoc();
    const update = updateOn(ydoc, (d) => {
      d.getMap('comments').set('cm_2', record(comment('cm_2')));
      commentMap(d, 'cm_2').set('text', 'Second thoughts');
    });
    expect(reviewerProblems(ydoc, update)).toEqual([]);
  });

  const refusals: Array<[string, (d: Y.Doc) => void]> = [
    ['a claim reworded', (d) => claimMap(d, 'c_thesis').set('text', 'Reviewer was here')],
    ['a claim deleted', (d) => d.getMap('claims').delete('c_sub')],
    ['a claim added', (d) => d.getMap('claims').set('c_new', record(makeClaim('c_new', 'New')))],
    ['a claim’s field deleted', (d) => claimMap(d, 'c_sub').delete('note')],
    ['a node moved', (d) => d.getMap('layout').set('c_thesis', { x: 5, y: 5 })],
    ['the map renamed', (d) => d.getMap('map').set('title', 'Mine')],
    [
      'a comment and a claim together',
      (d) => {
        d.getMap('comments').set('cm_2', record(comment('cm_2')));
        claimMap(d, 'c_thesis').set('text', 'Hidden in a comment');
      },
    ],
    ['another top-level map', (d) => d.getMap('evil').set('x', 1)],
    ['another top-level array', (d) => d.getArray('evil').insert(0, [1, 2, 3])],
    ['another top-level text', (d) => d.getText('evil').insert(0, 'hello')],
    ['someone’s comment reworded', (d) => commentMap(d, 'cm_1').set('text', 'Something else')],
    ['someone’s comment’s author changed', (d) => commentMap(d, 'cm_1').set('author', 'Alice')],
    ['someone’s verdict added', (d) => commentMap(d, 'cm_1').set('verdict', 'sound')],
    ['a comment deleted', (d) => d.getMap('comments').delete('cm_1')],
    ['a comment replaced under its id', (d) => d.getMap('comments').set('cm_1', record(comment('cm_1', { text: 'Replaced' })))],
    ['a nested type under a comment', (d) => commentMap(d, 'cm_1').set('resolvedAt', record({ a: 1 }))],
    ['a field of a comment that is not its own', (d) => commentMap(d, 'cm_1').set('extra', 'x')],
  ];
  it.each(refusals)('refuses %s', (_what, write) => {
    const ydoc = serverDoc();
    expect(reviewerProblems(ydoc, updateOn(ydoc, write)).length).toBeGreaterThan(0);
  });

  it('refuses an insertion into a claim deleted meanwhile (nothing visible changes; the struct is still not a comment)', () => {
    const ydoc = serverDoc();
    const write = updateOn(ydoc, (d) => claimMap(d, 'c_sub').set('text', 'Into a deleted record'));
    Y.applyUpdate(ydoc, updateOn(ydoc, (d) => d.getMap('claims').delete('c_sub')));
    expect(reviewerProblems(ydoc, write).length).toBeGreaterThan(0);
  });

  it('refuses an update that waits for changes the server lacks (they would land later, unchecked)', () => {
    const ydoc = serverDoc();
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(ydoc));
    peer.getMap('comments').set('cm_2', record(comment('cm_2')));
    const sv1 = Y.encodeStateVector(peer);
    claimMap(peer, 'c_thesis').set('text', 'Later');
    // Only the second part: it follows the first (same client), which the server never got.
    expect(reviewerProblems(ydoc, Y.encodeStateAsUpdate(peer, sv1))).toContainEqual({ path: '(update)', message: 'depends on changes the server does not have' });
    const sv2 = Y.encodeStateVector(peer);
    peer.getMap('comments').set('cm_3', record(comment('cm_3')));
    // A comment, but it too waits for what the server lacks (which holds a claim edit).
    expect(reviewerProblems(serverDoc(), Y.encodeStateAsUpdate(peer, sv2))).toEqual([{ path: '(update)', message: 'depends on changes the server does not have' }]);
  });

  it('judges an edit link’s update by the rule book only', () => {
    const ydoc = serverDoc();
    expect(problemsOfUpdate(ydoc, updateOn(ydoc, (d) => claimMap(d, 'c_thesis').set('text', 'Edited')))).toEqual([]);
  });

  it.each(refusals)('refuses %s before applying anything', (_what, write) => {
    const ydoc = serverDoc();
    const before = Y.encodeStateAsUpdate(ydoc);
    expect(reviewScopeOfUpdate(ydoc, updateOn(ydoc, write)).length).toBeGreaterThan(0);
    expect(Y.encodeStateAsUpdate(ydoc)).toEqual(before);
  });

  it('passes what a reviewer may do before applying it, resends included', () => {
    const ydoc = serverDoc();
    const steps: Array<(d: Y.Doc) => void> = [
      (d) => d.getMap('comments').set('cm_2', record(comment('cm_2', { verdict: 'sound' }))),
      (d) => d.getMap('comments').set('cm_3', record(comment('cm_3', { replyTo: 'cm_1' }))),
      (d) => commentMap(d, 'cm_1').set('resolvedAt', T0),
      (d) => commentMap(d, 'cm_1').delete('resolvedAt'),
      (d) => commentMap(d, 'cm_1').set('resolvedAt', '2026-12-02T10:00:00.000Z'),
    ];
    for (const write of steps) {
      const update = updateOn(ydoc, write);
      expect(reviewScopeOfUpdate(ydoc, update)).toEqual([]);
      expect(problemsOfUpdate(ydoc, update, { reviewer: true })).toEqual([]);
      // The same update again (a resend) is no change, and passes.
      expect(reviewScopeOfUpdate(ydoc, update)).toEqual([]);
    }
    expect(ydoc.getMap('comments').toJSON()['cm_1']).toMatchObject({ resolvedAt: '2026-12-02T10:00:00.000Z' });
  });

  it('keeps the validator’s copy after a review update refused for its scope: no rebuild per refusal', () => {
    const ydoc = serverDoc();
    const validator = new UpdateValidator(ydoc);
    expect(validator.check(updateOn(ydoc, (d) => d.getMap('comments').set('cm_2', record(comment('cm_2')))), { reviewer: true })).toEqual([]);
    // Why: the copy is private; the test looks at whether it was thrown away.
    const copyOf = (v: UpdateValidator) => (v as unknown as { shadow: Y.Doc | null }).shadow;
    const copy = copyOf(validator);
    expect(copy).not.toBeNull();
    for (let i = 0; i < 5; i++) expect(validator.check(updateOn(ydoc, (d) => claimMap(d, 'c_thesis').set('text', `Edit ${i}`)), { reviewer: true }).length).toBeGreaterThan(0);
    expect(copyOf(validator)).toBe(copy);
  });

  it('keeps the validator’s copy usable after a refused review update', () => {
    const ydoc = serverDoc();
    const validator = new UpdateValidator(ydoc);
    expect(validator.check(updateOn(ydoc, (d) => d.getMap('claims').delete('c_sub')), { reviewer: true }).length).toBeGreaterThan(0);
    expect(validator.check(updateOn(ydoc, (d) => d.getMap('comments').set('cm_2', record(comment('cm_2')))), { reviewer: true })).toEqual([]);
  });
});

describe('a review link’s client', () => {
  /** A deletion and a link to what it deletes, made at once, merged by a third client: the link is left dangling. */
  function mergedByThird(writesRepairs: boolean): { ydoc: Y.Doc; doc: MapDoc; repaired: boolean; sent: number } {
    const alice = new TestClient('alice', smallDoc());
    alice.sync.seed();
    const bob = new TestClient('bob', smallDoc());
    syncAll([alice, bob]);
    alice.edit(deletionChange(alice.doc, { claims: ['c_sub'] }));
    bob.edit({ ...emptyChange('map_test'), put: { links: [makeLink('l_new', 'q_2', 'c_sub')] } });
    const ydoc = new Y.Doc();
    let doc: MapDoc = smallDoc();
    let repaired = false;
    // What a provider would send: every update made on this client (local transactions).
    let sent = 0;
    ydoc.on('update', (_u: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => (sent += tr.local ? 1 : 0));
    const sync = new ShareSync(ydoc, {
      getDoc: () => doc,
      onRemote: (r) => {
        repaired ||= !isEmptyChange(r.repair);
        doc = applyChange(doc, r.change);
      },
      writesRepairs: () => writesRepairs,
    });
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(alice.ydoc));
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(bob.ydoc));
    sync.destroy();
    return { ydoc, doc, repaired, sent };
  }

  it('repairs its own map after a merge but writes no repair into the shared document (the editors do)', () => {
    const reviewer = mergedByThird(false);
    expect(reviewer.repaired).toBe(true);
    expect(reviewer.doc.links['l_new']).toBeUndefined();
    expect(reviewer.doc.claims['c_sub']).toBeUndefined();
    // Nothing for a provider to send: no update for the server to refuse.
    expect(reviewer.sent).toBe(0);
    expect(reviewer.ydoc.getMap('links').has('l_new')).toBe(true);
    // An editor's client writes the same repair back.
    const editor = mergedByThird(true);
    expect(editor.doc).toEqual(reviewer.doc);
    expect(editor.sent).toBeGreaterThan(0);
    expect(editor.ydoc.getMap('links').has('l_new')).toBe(false);
  });
});
