import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChange, emptyChange, type MapDoc } from './change';
import { changeBetween, composeChanges, touchedKeys } from './compose';
import { mapDocArb } from '../test/arbitraries';
import { smallDoc } from '../test/factories';
import * as edits from './edits';

/** Docs compared as their JSON, which is what storage keeps. */
const json = (doc: MapDoc) => JSON.parse(JSON.stringify(doc)) as unknown;
const sameMap = (doc: MapDoc, id: string): MapDoc => ({ ...doc, map: { ...doc.map, id } });

describe('changes combined and compared', () => {
  it('changeBetween turns one doc into the other', () => {
    fc.assert(
      fc.property(mapDocArb, mapDocArb, (a, b0) => {
        const b = sameMap(b0, a.map.id);
        expect(json(applyChange(a, changeBetween(a, b)))).toEqual(json(b));
      }),
      // Few runs: the machine is shared, and each run compares two whole maps.
      { numRuns: 30 },
    );
  }, 30_000);

  it('composeChanges(a, b) does what a then b does', () => {
    fc.assert(
      fc.property(mapDocArb, mapDocArb, mapDocArb, (d0, d1r, d2r) => {
        const d1 = sameMap(d1r, d0.map.id);
        const d2 = sameMap(d2r, d0.map.id);
        const a = changeBetween(d0, d1);
        const b = changeBetween(d1, d2);
        expect(json(applyChange(d0, composeChanges(a, b)))).toEqual(json(d2));
      }),
      { numRuns: 30 },
    );
  }, 30_000);

  it('a burst of typing composes into one put of the last text', () => {
    let doc = smallDoc();
    let burst = emptyChange(doc.map.id);
    for (const text of ['T', 'Th', 'The']) {
      const c = edits.updateClaim(doc, 'c_sub', { text });
      doc = applyChange(doc, c);
      burst = composeChanges(burst, c);
    }
    expect(burst.put.claims?.map((c) => c.text)).toEqual(['The']);
  });

  it('touchedKeys names what a change writes and what its links point at', () => {
    const doc = smallDoc();
    const r = edits.addLink(doc, { from: 'q_3', to: 'c_thesis', relation: 'supports' });
    if (!r.ok) throw new Error(r.reason);
    const keys = touchedKeys(r.change);
    expect(keys.has('quotes:q_3')).toBe(true);
    expect(keys.has('claims:c_thesis')).toBe(true);
    expect(keys.has('claims:c_sub')).toBe(false);
  });
});
