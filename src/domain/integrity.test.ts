import { describe, expect, it } from 'vitest';
import { checkDoc, linkRefusal } from './integrity';
import { applyChange } from './change';
import { makeLink, smallDoc } from '../test/factories';

describe('checkDoc', () => {
  it('finds nothing wrong with a sound map', () => {
    expect(checkDoc(smallDoc())).toEqual([]);
  });
  it('names records by id', () => {
    const doc = smallDoc();
    const broken = applyChange(doc, {
      mapId: doc.map.id,
      put: { links: [makeLink('l_bad', 'c_gone', 'c_thesis')], quotes: [{ ...doc.quotes['q_1']!, exact: 'nope' }] },
      delete: {},
    });
    const problems = checkDoc(broken);
    expect(problems).toContainEqual({ path: 'links[l_bad].from', message: expect.stringContaining('c_gone') as unknown as string });
    // Rule 3: a quote whose words changed is flagged, not an integrity problem.
    expect(problems.some((p) => p.path === 'quotes[q_1].exact')).toBe(false);
  });
  it('reports a quote range outside its text', () => {
    const doc = smallDoc();
    const broken = applyChange(doc, {
      mapId: doc.map.id,
      put: { quotes: [{ ...doc.quotes['q_1']!, start: 5, end: 5000 }] },
      delete: {},
    });
    expect(checkDoc(broken)[0]?.message).toMatch(/outside the source text/);
  });
});

describe('linkRefusal', () => {
  const doc = smallDoc();
  it('allows a new link from a quote or claim to a claim', () => {
    expect(linkRefusal(doc, 'q_3', 'c_thesis')).toBeNull();
    expect(linkRefusal(doc, 'c_thesis', 'c_sub')).toBeNull();
  });
  it('refuses with a reason', () => {
    expect(linkRefusal(doc, 'c_sub', 'c_sub')).toMatch(/itself/);
    expect(linkRefusal(doc, 'c_sub', 'q_1')).toMatch(/end at a claim/);
    expect(linkRefusal(doc, 'q_1', 'c_thesis')).toMatch(/already linked/);
    expect(linkRefusal(doc, 'c_gone', 'c_thesis')).toMatch(/no longer exists/);
    expect(linkRefusal(doc, 'q_1', 'c_gone')).toMatch(/no longer exists/);
  });
});
