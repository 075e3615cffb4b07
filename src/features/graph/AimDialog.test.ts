import { describe, expect, it } from 'vitest';
import { docFromRecords } from '../../domain/change';
import { makeClaim, makeLink, makeMap } from '../../test/factories';
import { aimChoices } from './AimDialog';

describe('aimChoices', () => {
  const doc = docFromRecords({
    map: makeMap(),
    sources: [],
    quotes: [],
    claims: [makeClaim('c_t', 'Thesis'), makeClaim('c_a', 'Near'), makeClaim('c_b', 'Far'), makeClaim('c_u', 'Undercutter')],
    links: [
      makeLink('l_a', 'c_a', 'c_t'),
      makeLink('l_b', 'c_b', 'c_t', 'contradicts'),
      makeLink('l_own', 'c_u', 'c_t'),
      makeLink('l_cut', 'c_a', 'l_b', 'contradicts'),
    ],
    layout: {},
  });
  const boxes: Record<string, { x: number; y: number }> = { c_t: { x: 0, y: 0 }, c_a: { x: 0, y: 200 }, c_b: { x: 2000, y: 200 }, c_u: { x: 0, y: 400 } };
  const boxOf = (id: string) => (boxes[id] ? { ...boxes[id]!, w: 100, h: 50 } : null);

  it('lists the links between nodes a source may aim at, nearest first, not its own, not ones it already aims at', () => {
    expect(aimChoices(doc, 'c_u', boxOf)).toEqual([
      { id: 'l_a', name: 'supports: Near → Thesis' },
      { id: 'l_b', name: 'contradicts: Far → Thesis' },
    ]);
    // c_a already undercuts l_b, and l_a is its own: nothing left but l_own.
    expect(aimChoices(doc, 'c_a', boxOf).map((c) => c.id)).toEqual(['l_own']);
  });
});
