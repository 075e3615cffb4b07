import { describe, expect, it } from 'vitest';
import { applyChange, deletionChange, type MapDoc } from './change';
import { addCommentChange, replyChange, resolveChange } from './comments';
import { compareMaps, takeChanges } from './compare';
import { checkDoc } from './integrity';
import { rekeyDoc } from './rekey';
import { makeClaim, makeLink, smallDoc } from '../test/factories';

const T1 = '2026-12-01T10:00:00.000Z';
const T2 = '2026-12-02T10:00:00.000Z';

const apply = (doc: MapDoc, ...changes: Array<ReturnType<typeof addCommentChange>>) => changes.reduce((d, c) => applyChange(d, c), doc);

/** The analyst's map, with one thread on the thesis. */
function current(): MapDoc {
  const doc = smallDoc();
  return apply(doc, addCommentChange(doc, { id: 'cm_own', on: 'c_thesis', author: 'Ana', text: 'Check this', now: T1 }));
}

/** The reviewer's copy: answers the thread, resolves it, and starts threads on the map and on a claim they added. */
function reviewed(doc: MapDoc): MapDoc {
  let d = applyChange(doc, { mapId: doc.map.id, put: { claims: [makeClaim('c_rev', 'A reviewer claim')], links: [makeLink('l_rev', 'c_rev', 'c_thesis', 'contradicts')] }, delete: {} });
  d = apply(d, replyChange(d, { id: 'cm_reply', to: 'cm_own', author: 'Rev', text: 'Checked.', now: T2 }));
  d = apply(d, resolveChange(d, 'cm_own', true, T2));
  d = apply(d, addCommentChange(d, { id: 'cm_map', on: d.map.id, author: 'Rev', text: 'Overall weak', verdict: 'needsEvidence', now: T2 }));
  d = apply(d, addCommentChange(d, { id: 'cm_rev', on: 'c_rev', author: 'Rev', text: 'My addition', now: T2 }));
  return d;
}

const kinds = (doc: MapDoc, other: MapDoc) =>
  compareMaps(doc, other)
    .items.filter((i) => i.table === 'comments')
    .map((i) => `${i.kind}:${(i.after ?? i.before)!.id}${i.fields.length ? `:${i.fields.join(',')}` : ''}`)
    .sort();

describe('compareMaps: comments', () => {
  it('lists added comments and a resolved thread, by id and in a copy with other ids', () => {
    const doc = current();
    const other = reviewed(doc);
    expect(kinds(doc, other)).toEqual(['added:cm_map', 'added:cm_reply', 'added:cm_rev', 'changed:cm_own:resolvedAt']);
    const copy = rekeyDoc(other);
    const inCopy = compareMaps(doc, copy).items.filter((i) => i.table === 'comments');
    expect(inCopy.map((i) => i.kind).sort()).toEqual(['added', 'added', 'added', 'changed']);
    // In the current map's ids: the map comment is on this map, the reply answers this thread.
    const afters = inCopy.map((i) => i.after!) as Array<{ on: string; replyTo?: string; text: string }>;
    expect(afters.find((a) => a.text === 'Overall weak')!.on).toBe(doc.map.id);
    expect(afters.find((a) => a.text === 'Checked.')!.replyTo).toBe('cm_own');
  });

  it('does not list a comment the other map lacks as a removal; a removed record takes its threads along', () => {
    const doc = current();
    const other = applyChange(doc, deletionChange(doc, { comments: ['cm_own'] }));
    expect(compareMaps(doc, other).items).toEqual([]);
    const without = applyChange(doc, deletionChange(doc, { claims: ['c_sub'] }));
    const withThread = apply(doc, addCommentChange(doc, { id: 'cm_sub', on: 'c_sub', author: 'A', text: 'x', now: T1 }));
    const cmp = compareMaps(withThread, without);
    const removal = cmp.items.find((i) => i.table === 'claims' && i.kind === 'removed')!;
    expect(removal.change.delete.comments).toEqual(['cm_sub']);
    const taken = takeChanges(withThread, cmp, cmp.items.map((i) => i.id));
    expect(taken.refused).toEqual([]);
    expect(checkDoc(applyChange(withThread, taken.change))).toEqual([]);
  });

  it('a comment on an added record needs that record; taking everything gives the other map its comments', () => {
    const doc = current();
    const other = reviewed(doc);
    const cmp = compareMaps(doc, other);
    const onNew = cmp.items.find((i) => i.otherId === 'cm_rev')!;
    const claim = cmp.items.find((i) => i.otherId === 'c_rev')!;
    expect(onNew.requires.map((r) => r.item)).toContain(claim.id);
    expect(takeChanges(doc, cmp, [onNew.id]).refused[0]!.reason).toBe('what it is on is added by a change that was not taken');
    const all = takeChanges(doc, cmp, cmp.items.map((i) => i.id));
    expect(all.refused).toEqual([]);
    expect(applyChange(doc, all.change).comments).toEqual(other.comments);
  });
});
