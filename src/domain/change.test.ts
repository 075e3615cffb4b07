import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyChange,
  deletionChange,
  emptyChange,
  emptyDoc,
  hasNode,
  invertChange,
  isEmptyChange,
  type Change,
} from './change';
import { makeClaim, makeLink, makeMap, smallDoc } from '../test/factories';
import { mapDocArb } from '../test/arbitraries';

describe('applyChange', () => {
  it('puts and deletes records, sharing untouched tables', () => {
    const doc = smallDoc();
    const change: Change = {
      mapId: doc.map.id,
      put: { claims: [makeClaim('c_new', 'New')], layout: { c_new: { x: 1, y: 2 } } },
      delete: { links: ['l_1'] },
    };
    const next = applyChange(doc, change);
    expect(next.claims['c_new']?.text).toBe('New');
    expect(next.layout['c_new']).toEqual({ x: 1, y: 2 });
    expect(next.links['l_1']).toBeUndefined();
    expect(next.quotes).toBe(doc.quotes);
    expect(next.sources).toBe(doc.sources);
    expect(doc.links['l_1']).toBeDefined(); // the old doc is untouched
  });

  it('applies deletes before puts', () => {
    const doc = smallDoc();
    const claim = makeClaim('c_sub', 'Replaced');
    const next = applyChange(doc, { mapId: doc.map.id, put: { claims: [claim] }, delete: { claims: ['c_sub'] } });
    expect(next.claims['c_sub']?.text).toBe('Replaced');
  });

  it('replaces the map record', () => {
    const doc = smallDoc();
    const next = applyChange(doc, { ...emptyChange(doc.map.id), map: { ...doc.map, title: 'Renamed' } });
    expect(next.map.title).toBe('Renamed');
  });
});

describe('invertChange', () => {
  it('undoes puts of new and existing records, deletes and layout moves', () => {
    const doc = smallDoc();
    const change: Change = {
      mapId: doc.map.id,
      map: { ...doc.map, title: 'T2' },
      put: {
        claims: [makeClaim('c_new', 'New'), { ...doc.claims['c_sub']!, text: 'edited' }],
        links: [makeLink('l_new', 'c_new', 'c_thesis')],
        layout: { c_thesis: { x: 9, y: 9 }, c_new: { x: 1, y: 1 } },
      },
      delete: { quotes: ['q_2'], links: ['l_2'], layout: ['q_1'] },
    };
    const after = applyChange(doc, change);
    const restored = applyChange(after, invertChange(doc, change));
    expect(restored).toEqual(doc);
  });

  it('is an exact undo on random maps and random deletions', () => {
    fc.assert(
      fc.property(mapDocArb, fc.nat(), fc.nat(), (doc, a, b) => {
        const claims = Object.keys(doc.claims).filter((_, i) => (a >> i) & 1);
        const sources = Object.keys(doc.sources).filter((_, i) => (b >> i) & 1);
        const change = deletionChange(doc, { claims, sources });
        const after = applyChange(doc, change);
        expect(applyChange(after, invertChange(doc, change))).toEqual(doc);
        // nothing left dangling
        for (const l of Object.values(after.links)) {
          expect(hasNode(after, l.from)).toBe(true);
          expect(l.to in after.claims || l.to in after.links).toBe(true);
        }
        for (const q of Object.values(after.quotes)) expect(q.sourceId in after.sources).toBe(true);
      }),
      { numRuns: 150 },
    );
  }, 30_000);
});

describe('deletionChange', () => {
  it('takes a source\'s quotes, their links and layout with it', () => {
    const doc = smallDoc();
    const change = deletionChange(doc, { sources: ['src_a'] });
    expect(change.delete.sources).toEqual(['src_a']);
    expect(change.delete.quotes?.sort()).toEqual(['q_1', 'q_2', 'q_3']);
    expect(change.delete.links?.sort()).toEqual(['l_1', 'l_2', 'l_4']);
    expect(change.delete.layout).toEqual(['q_1']);
  });
  it('takes a claim\'s links in both directions', () => {
    const doc = smallDoc();
    const change = deletionChange(doc, { claims: ['c_sub'] });
    expect(change.delete.links?.sort()).toEqual(['l_3', 'l_4']);
  });
  it('ignores ids that are not in the map', () => {
    const doc = smallDoc();
    expect(isEmptyChange(deletionChange(doc, { claims: ['c_gone'], links: ['l_gone'] }))).toBe(true);
  });
});

describe('isEmptyChange', () => {
  it('tells an empty change from one that does something', () => {
    expect(isEmptyChange(emptyChange('map_x'))).toBe(true);
    expect(isEmptyChange({ mapId: 'map_x', put: { layout: {} }, delete: { links: [] } })).toBe(true);
    expect(isEmptyChange({ mapId: 'map_x', put: {}, delete: { links: ['l_1'] } })).toBe(false);
    expect(isEmptyChange({ mapId: 'map_x', put: { layout: { c_1: { x: 0, y: 0 } } }, delete: {} })).toBe(false);
    expect(isEmptyChange({ ...emptyChange('map_x'), map: makeMap() })).toBe(false);
  });
  it('an empty doc has no nodes', () => {
    expect(hasNode(emptyDoc(makeMap()), 'c_1')).toBe(false);
  });
});
