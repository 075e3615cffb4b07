import { describe, expect, it } from 'vitest';
import { applyChange, type MapDoc } from '../../domain/change';
import { addCommentChange } from '../../domain/comments';
import { compareMaps } from '../../domain/compare';
import { makeClaim, makeLink, makeSource, smallDoc } from '../../test/factories';
import { addedMarks } from './addedMarks';

const T = '2026-12-01T10:00:00.000Z';

/** smallDoc with a new reason against the thesis, a comment on the sub-claim, a new source and a claim joined to nothing. */
function other(doc: MapDoc): MapDoc {
  const d = applyChange(doc, {
    mapId: doc.map.id,
    put: {
      claims: [makeClaim('c_new', 'A new reason'), makeClaim('c_alone', 'Joined to nothing')],
      links: [makeLink('l_new', 'c_new', 'c_thesis', 'contradicts'), makeLink('l_back', 'q_3', 'l_3', 'supports')],
      sources: [makeSource('src_new', 'Another text')],
    },
    delete: {},
  });
  return applyChange(d, addCommentChange(d, { id: 'cm_1', on: 'c_sub', author: 'Rev', text: 'Why this?', now: T }));
}

describe('where what a comparison adds is marked in the current graph', () => {
  it('marks an added link and the claim it brings where they meet the map, a comment on what it is on, and a link aimed at a link on that link', () => {
    const doc = smallDoc();
    const o = other(doc);
    const marks = addedMarks(compareMaps(doc, o).items, doc, o);
    expect(marks.get('c_thesis')?.slice().sort()).toEqual(['Added claim: “A new reason”', 'Added link: “A new reason” contradicts “The thesis”']);
    expect(marks.get('c_sub')).toEqual(['Added comment: “Why this?” (Rev)']);
    expect(marks.get('l_3')).toEqual(['Added link: “Theta iota kappa.” supports “a link”']);
    // Nowhere to attach: a source, and a claim no added link joins to the map.
    expect([...marks.values()].flat().some((t) => t.includes('Joined to nothing') || t.includes('source'))).toBe(false);
    expect([...marks.keys()].sort()).toEqual(['c_sub', 'c_thesis', 'l_3']);
  });

  it('marks nothing when the comparison adds nothing', () => {
    const doc = smallDoc();
    expect(addedMarks(compareMaps(doc, doc).items, doc, doc).size).toBe(0);
  });
});
