import { describe, expect, it } from 'vitest';
import { applyChange, deletionChange, invertChange, type Change, type MapDoc } from './change';
import { addCommentChange, openThreadCounts, replyChange, resolveChange, targetLabel, threadsOf } from './comments';
import { parseMapFile } from './format/parse';
import { serializeMap } from './format/serialize';
import { checkDoc } from './integrity';
import { checkAndRepair, checkChange, repairDoc } from './rules';
import { smallDoc } from '../test/factories';

const T1 = '2026-12-01T10:00:00.000Z';
const T2 = '2026-12-01T11:00:00.000Z';
const T3 = '2026-12-01T12:00:00.000Z';

/** Applies a Change made here, as the store does: checked first, refused with its problems. */
function edit(doc: MapDoc, change: Change): MapDoc {
  const after = applyChange(doc, change);
  const problems = checkChange(after, change);
  if (problems.length) throw new Error(JSON.stringify(problems));
  return after;
}

/** smallDoc with a disputed thread on the thesis (answered), a resolved one on a link and one on the map. */
function reviewed(): MapDoc {
  let doc = smallDoc();
  doc = edit(doc, addCommentChange(doc, { id: 'cm_a', on: 'c_thesis', author: '  Ada  ', text: ' Why? ', verdict: 'disputed', now: T1 }));
  doc = edit(doc, replyChange(doc, { id: 'cm_b', to: 'cm_a', author: 'Ben', text: 'Because.', now: T2 }));
  doc = edit(doc, addCommentChange(doc, { id: 'cm_c', on: 'l_4', author: 'Ada', text: 'Weak link', now: T1 }));
  doc = edit(doc, resolveChange(doc, 'cm_c', true, T3));
  doc = edit(doc, addCommentChange(doc, { id: 'cm_d', on: doc.map.id, author: undefined, text: 'Overall fine', verdict: 'sound', now: T3 }));
  return doc;
}

describe('comments: edits', () => {
  it('start, answer, resolve and reopen threads as records of the map', () => {
    const doc = reviewed();
    expect(checkDoc(doc)).toEqual([]);
    expect(doc.comments['cm_a']).toMatchObject({ author: 'Ada', text: 'Why?', verdict: 'disputed', on: 'c_thesis' });
    expect(doc.comments['cm_b']).toMatchObject({ replyTo: 'cm_a', on: 'c_thesis' });
    expect(doc.comments['cm_c']!.resolvedAt).toBe(T3);
    expect(doc.comments['cm_d']).toMatchObject({ author: '', on: doc.map.id });
    const reopened = edit(doc, resolveChange(doc, 'cm_c', false, T3));
    expect(reopened.comments['cm_c']).not.toHaveProperty('resolvedAt');
    // Resolving what is resolved changes nothing.
    expect(resolveChange(doc, 'cm_c', true, T3).put).toEqual({});
  });

  it('a reply to a reply answers its thread: replies stay one level deep', () => {
    const doc = reviewed();
    const change = replyChange(doc, { id: 'cm_e', to: 'cm_b', author: 'Cy', text: 'And?', now: T3 });
    expect(change.put.comments![0]).toMatchObject({ replyTo: 'cm_a', on: 'c_thesis' });
  });

  it('reads threads oldest first, filtered open or resolved, and counts open ones per target', () => {
    const doc = reviewed();
    expect(threadsOf(doc).map((t) => t.root.id)).toEqual(['cm_a', 'cm_c', 'cm_d']);
    expect(threadsOf(doc, { filter: 'open' }).map((t) => t.root.id)).toEqual(['cm_a', 'cm_d']);
    expect(threadsOf(doc, { filter: 'resolved' }).map((t) => t.root.id)).toEqual(['cm_c']);
    expect(threadsOf(doc, { on: 'c_thesis' })[0]!.replies.map((r) => r.id)).toEqual(['cm_b']);
    expect([...openThreadCounts(doc)]).toEqual([
      ['c_thesis', 1],
      [doc.map.id, 1],
    ]);
    expect(targetLabel(doc, 'c_thesis')).toBe('claim “The thesis”');
    expect(targetLabel(doc, 'l_4')).toBe('link “Theta iota kappa. supports A sub-claim”');
    expect(targetLabel(doc, doc.map.id)).toBe('the map');
  });
});

describe('comments: the rules of a Change made here', () => {
  it('refuses a comment on nothing, a reply to a reply and a reply on something else', () => {
    const doc = reviewed();
    const on = addCommentChange(doc, { id: 'cm_x', on: 'c_gone', author: 'A', text: 'x', now: T1 });
    expect(checkChange(applyChange(doc, on), on)).toEqual([{ path: 'comments[cm_x].on', message: 'names nothing of this map ("c_gone")' }]);
    const deep: Change = { ...on, put: { comments: [{ ...doc.comments['cm_b']!, id: 'cm_y', replyTo: 'cm_b' }] } };
    expect(checkChange(applyChange(doc, deep), deep).map((p) => p.message)).toEqual(['answers a reply: replies are one level deep']);
    const elsewhere: Change = { ...on, put: { comments: [{ ...doc.comments['cm_b']!, id: 'cm_z', on: 'c_sub' }] } };
    expect(checkChange(applyChange(doc, elsewhere), elsewhere).map((p) => p.message)).toEqual(['answers a comment on something else']);
    // Turning a thread's first comment into a reply would push its replies two deep.
    const demote: Change = { ...on, put: { comments: [{ ...doc.comments['cm_a']!, replyTo: 'cm_d', on: doc.map.id }] } };
    expect(checkChange(applyChange(doc, demote), demote).length).toBeGreaterThan(0);
  });

  it('refuses a deletion that would leave comments behind, and passes deletionChange, which takes them along', () => {
    const doc = reviewed();
    const bare: Change = { ...addCommentChange(doc, { on: 'c_sub', author: '', text: 'x', now: T1 }), put: {}, delete: { claims: ['c_thesis'], links: ['l_1', 'l_2', 'l_3'] } };
    expect(checkChange(applyChange(doc, bare), bare).map((p) => p.path).sort()).toEqual(['comments[cm_a].on', 'comments[cm_b].on']);
    const whole = deletionChange(doc, { claims: ['c_thesis'] });
    expect(whole.delete.comments?.sort()).toEqual(['cm_a', 'cm_b']);
    expect(checkChange(applyChange(doc, whole), whole)).toEqual([]);
  });

  it('undo of a deletion brings the threads back with what they are on', () => {
    const doc = reviewed();
    const del = deletionChange(doc, { quotes: ['q_3'] });
    const after = edit(doc, del);
    expect(after.comments['cm_c']).toBeUndefined();
    const undone = edit(after, invertChange(doc, del));
    expect(undone.comments).toEqual(doc.comments);
    expect(undone.links['l_4']).toEqual(doc.links['l_4']);
  });

  it('survive export and import', () => {
    const doc = reviewed();
    const result = parseMapFile(serializeMap(doc, T3));
    expect(result.kind).toBe('ok');
    if (result.kind === 'ok') expect(result.doc.comments).toEqual(doc.comments);
  });
});

describe('comments: repair of a merged map', () => {
  it('removes a comment whose target a peer deleted meanwhile, and its replies', () => {
    const doc = reviewed();
    // A peer deleted the thesis without seeing the thread (its own cascade had none).
    const merged = applyChange(doc, { mapId: doc.map.id, put: {}, delete: { claims: ['c_thesis'], links: ['l_1', 'l_2', 'l_3'] } });
    const { change, repaired } = repairDoc(merged);
    expect(change.delete.comments?.sort()).toEqual(['cm_a', 'cm_b']);
    expect(repaired.map((p) => p.path).sort()).toEqual(['comments[cm_a]', 'comments[cm_b]']);
    expect(checkDoc(applyChange(merged, change))).toEqual([]);
  });

  it('passes a peer comment on a record that exists, and folds in the repair of one that does not', () => {
    const doc = reviewed();
    const fine = addCommentChange(doc, { id: 'cm_p', on: 'q_1', author: 'Peer', text: 'ok', now: T1 });
    expect(checkAndRepair(doc, fine, 'remote')).toMatchObject({ problems: [], repaired: [] });
    const stray = addCommentChange(doc, { id: 'cm_q', on: 'q_gone', author: 'Peer', text: 'ok', now: T1 });
    const r = checkAndRepair(doc, stray, 'remote');
    expect(r.repaired.map((p) => p.path)).toEqual(['comments[cm_q]']);
    expect(applyChange(doc, r.change).comments['cm_q']).toBeUndefined();
  });
});
