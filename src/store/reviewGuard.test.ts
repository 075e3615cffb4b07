/**
 * The read-only guard of a map opened by a review link: the reviewer's
 * comments go through (new ones, replies, resolve, reopen), every other
 * change is refused with the read-only notice, and nothing refused is stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addCommentChange, replyChange, resolveChange } from '../domain/comments';
import * as edits from '../domain/edits';
import { emptyChange } from '../domain/change';
import { openWarrantDB, type WarrantDB } from '../storage/db';
import { loadMap } from '../storage/reads';
import { createMap } from '../storage/writes';
import { smallDoc, T0 } from '../test/factories';
import { createMapStore, type MapStore } from './mapStore';

const READ_ONLY = 'This map is open for review (read-only): it cannot be changed here.';
const dbs: WarrantDB[] = [];
const stores: MapStore[] = [];
let counter = 0;

afterEach(async () => {
  for (const s of stores.splice(0)) s.getState().dispose();
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

async function reviewing(): Promise<{ db: WarrantDB; store: MapStore }> {
  const db = openWarrantDB(`review-guard-${++counter}-${Date.now()}`);
  dbs.push(db);
  await createMap({ ...smallDoc(), comments: { cm_a: { id: 'cm_a', on: 'c_thesis', author: 'Alice', text: 'Check this', createdAt: T0 } } }, db);
  const store = createMapStore({ db, channel: false });
  stores.push(store);
  await store.getState().openMap('map_test');
  store.getState().setReadOnly(true);
  return { db, store };
}

const lastNotice = (store: MapStore) => store.getState().notices.at(-1)?.text;

describe('a map open for review', () => {
  it('takes the reviewer’s comment with a verdict, reply, resolve and reopen, and stores them', async () => {
    const { db, store } = await reviewing();
    const s = store.getState();
    expect(await s.edit((doc) => addCommentChange(doc, { id: 'cm_r', on: 'c_sub', author: 'Rita', text: 'Source?', now: T0, verdict: 'needsEvidence' }), { label: 'Comment' })).toBe(true);
    expect(await s.edit((doc) => replyChange(doc, { id: 'cm_rr', to: 'cm_a', author: 'Rita', text: 'Agreed', now: T0 }), { label: 'Reply' })).toBe(true);
    expect(await s.edit((doc) => resolveChange(doc, 'cm_a', true, T0), { label: 'Resolve thread' })).toBe(true);
    expect(store.getState().doc!.comments['cm_a']!.resolvedAt).toBe(T0);
    expect(await s.edit((doc) => resolveChange(doc, 'cm_a', false, T0), { label: 'Reopen thread' })).toBe(true);
    // Undoing a resolve is a reopen: allowed too.
    expect(await s.edit((doc) => resolveChange(doc, 'cm_a', true, T0), { label: 'Resolve thread' })).toBe(true);
    expect(await store.getState().undo()).toBe(true);
    await store.getState().whenSettled();
    const stored = (await loadMap('map_test', db))!.doc;
    expect(Object.keys(stored.comments).sort()).toEqual(['cm_a', 'cm_r', 'cm_rr']);
    expect(stored.comments['cm_r']!.verdict).toBe('needsEvidence');
    expect(stored.comments['cm_a']!.resolvedAt).toBeUndefined();
    expect(store.getState().notices.filter((n) => n.text === READ_ONLY)).toEqual([]);
  });

  it('refuses every other edit with the read-only notice, and stores none of them', async () => {
    const { db, store } = await reviewing();
    const s = store.getState();
    const attempts: Array<[string, Parameters<typeof s.edit>[0]]> = [
      ['a claim reworded', (doc) => edits.updateClaim(doc, 'c_thesis', { text: 'Reviewer' })],
      ['a claim deleted', (doc) => ({ ...emptyChange(doc.map.id), delete: { claims: ['c_sub'] } })],
      ['a comment together with a claim', (doc) => {
        const c = addCommentChange(doc, { on: 'c_sub', author: 'Rita', text: 'Hm', now: T0 });
        return { ...c, put: { ...c.put, claims: [{ ...doc.claims['c_sub']!, text: 'Changed' }] } };
      }],
      ['someone’s comment reworded', (doc) => ({ ...emptyChange(doc.map.id), put: { comments: [{ ...doc.comments['cm_a']!, text: 'Not Alice’s words' }] } })],
      ['a comment deleted', (doc) => ({ ...emptyChange(doc.map.id), delete: { comments: ['cm_a'] } })],
      ['a node moved', (doc) => ({ ...emptyChange(doc.map.id), put: { layout: { c_thesis: { x: 9, y: 9 } } } })],
    ];
    for (const [what, build] of attempts) {
      expect(await s.edit(build, { label: what }), what).toBe(false);
      expect(lastNotice(store), what).toBe(READ_ONLY);
    }
    // Undoing one's own comment deletes it: refused too.
    expect(await s.edit((doc) => addCommentChange(doc, { id: 'cm_mine', on: 'c_sub', author: 'Rita', text: 'Oops', now: T0 }), { label: 'Comment' })).toBe(true);
    expect(await store.getState().undo()).toBe(false);
    expect(lastNotice(store)).toBe(READ_ONLY);
    await store.getState().whenSettled();
    const stored = (await loadMap('map_test', db))!.doc;
    expect(stored.claims['c_thesis']!.text).toBe('The thesis');
    expect(stored.claims['c_sub']!.text).toBe('A sub-claim');
    expect(stored.comments['cm_a']!.text).toBe('Check this');
    expect(Object.keys(stored.comments).sort()).toEqual(['cm_a', 'cm_mine']);
  });

  it('still takes a collaborator’s edits of anything', async () => {
    const { store } = await reviewing();
    expect(await store.getState().applyShared(edits.updateClaim(store.getState().doc!, 'c_thesis', { text: 'By Alice' }), 'Edit by a collaborator')).toBe(true);
    expect(store.getState().doc!.claims['c_thesis']!.text).toBe('By Alice');
  });
});
