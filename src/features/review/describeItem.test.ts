import { describe, expect, it } from 'vitest';
import { applyChange, deletionChange, type MapDoc } from '../../domain/change';
import { addCommentChange } from '../../domain/comments';
import { compareMaps } from '../../domain/compare';
import { makeClaim, makeLink, smallDoc } from '../../test/factories';
import { compareInWorker } from './compareClient';
import { itemText, thesisText } from './describeItem';

const T = '2026-12-01T10:00:00.000Z';

function other(doc: MapDoc): MapDoc {
  let d = applyChange(doc, {
    mapId: doc.map.id,
    put: {
      claims: [{ ...doc.claims['c_sub']!, text: 'A sharper sub-claim' }, makeClaim('c_new', 'A new reason')],
      links: [makeLink('l_new', 'c_new', 'c_thesis', 'contradicts'), { ...doc.links['l_1']!, weight: 1 }],
      sources: [{ ...doc.sources['src_a']!, title: 'Renamed' }],
    },
    delete: {},
  });
  d = applyChange(d, deletionChange(d, { quotes: ['q_2'] }));
  return applyChange(d, addCommentChange(d, { id: 'cm_1', on: 'c_new', author: 'Rev', text: 'Why this?', now: T }));
}

describe('the words of the Changes list', () => {
  it('start each item with what happened to what, in the contract’s names', () => {
    const doc = smallDoc();
    const o = other(doc);
    const texts = compareMaps(doc, o).items.map((i) => itemText(i, doc, o));
    expect(texts).toEqual(
      expect.arrayContaining([
        'Added claim: “A new reason”',
        'Reworded claim: “A sub-claim” → “A sharper sub-claim”',
        'Added link: “A new reason” contradicts “The thesis”',
        'Changed link: “The sky is blue today.” supports “The thesis” (weight)',
        'Removed link: “Delta epsilon — “zeta” eta.” contradicts “The thesis”',
        'Removed quote: “Delta epsilon — “zeta” eta.”',
        'Edited source: “Renamed” (title)',
        'Added comment: “Why this?” (Rev)',
      ]),
    );
  });

  it('say what the changes do to the thesis', () => {
    const doc = smallDoc();
    const [delta] = compareMaps(doc, other(doc)).thesis;
    expect(thesisText(delta!)).toBe('Thesis “The thesis”: contested, For 5 / Against 2 → contested, For 3 / Against 2');
  });

  it('compare on the main thread where there is no Worker, with the same result', async () => {
    const doc = smallDoc();
    const o = other(doc);
    expect(typeof Worker).toBe('undefined');
    expect((await compareInWorker(doc, o)).items).toEqual(compareMaps(doc, o).items);
  });
});
