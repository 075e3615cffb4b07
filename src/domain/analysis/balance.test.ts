import { describe, expect, it } from 'vitest';
import { allBalances, claimStatus, directBalance } from './balance';
import { generateMap, handMap } from '../../test/testMaps';

const doc = handMap({
  theses: ['T'],
  claims: ['A', 'B', 'C', 'D'],
  quotes: { q1: 'S', q2: 'S', q3: 'S' },
  links: ['A +3 T', 'q1 + T', 'B -1 T', 'q2 + A', 'q3 - B', 'q1 - C'],
});

describe('directBalance', () => {
  it('sums incoming weights per relation, absent weight counting 2', () => {
    expect(directBalance(doc, 'c_T')).toEqual({ forWeight: 5, againstWeight: 1, forCount: 2, againstCount: 1 });
    expect(directBalance(doc, 'c_A')).toEqual({ forWeight: 2, againstWeight: 0, forCount: 1, againstCount: 0 });
  });
  it('gives an unknown claim an empty balance', () => {
    expect(directBalance(doc, 'c_nope')).toEqual({ forWeight: 0, againstWeight: 0, forCount: 0, againstCount: 0 });
  });
  it('counts only direct links, not evidence further down', () => {
    // q3 contradicts B, which contradicts T: evidence for T, but not a direct link.
    expect(directBalance(doc, 'c_T').forCount).toBe(2);
  });
});

describe('claimStatus', () => {
  it('names the four states of docs/file-format.md', () => {
    expect(claimStatus(doc, 'c_T')).toBe('contested');
    expect(claimStatus(doc, 'c_A')).toBe('supported');
    expect(claimStatus(doc, 'c_C')).toBe('contradicted');
    expect(claimStatus(doc, 'c_D')).toBe('unsupported');
  });
});

describe('allBalances', () => {
  it('agrees with directBalance and claimStatus for every claim', () => {
    for (const d of [doc, generateMap({ claims: 300, quotes: 900, links: 1500, seed: 3 })]) {
      const all = allBalances(d);
      expect(Object.keys(all)).toEqual(Object.keys(d.claims));
      for (const id of Object.keys(d.claims)) {
        const { status, ...balance } = all[id]!;
        expect(balance).toEqual(directBalance(d, id));
        expect(status).toBe(claimStatus(d, id));
      }
    }
  });
  it('ignores links whose ends are missing', () => {
    const broken = {
      ...doc,
      links: {
        ...doc.links,
        l_x: { ...doc.links['l_A_T']!, id: 'l_x', from: 'c_gone' },
        l_y: { ...doc.links['l_A_T']!, id: 'l_y', from: 'c_A', to: 'c_gone' },
        l_z: { ...doc.links['l_A_T']!, id: 'l_z', from: 'q_gone' },
      },
    };
    expect(allBalances(broken)['c_T']).toEqual(allBalances(doc)['c_T']);
    expect(directBalance(broken, 'c_T')).toEqual(directBalance(doc, 'c_T'));
    expect(allBalances(broken)).not.toHaveProperty('c_gone');
  });
});
