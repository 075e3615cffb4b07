import { describe, expect, it } from 'vitest';
import { defaultHypotheses, evidenceMatrix, sortRows, type MatrixRow } from './matrix';
import { generateMap, handMap, linkId } from '../../test/testMaps';
import { evidenceFor } from './evidence';

/*
 * A matrix worked by hand: 4 pieces of evidence × 3 hypotheses.
 *
 *          H1     H2     H3     values (sign × weight, empty = 0)   diagnosticity (max − min)
 *   E1     +3     −2     ·      +3  −2   0                          3 − (−2) = 5
 *   E2     +2     +2     +2     +2  +2  +2                          2 − 2    = 0  (consistent with all)
 *   E3     ·      +2     −1     0   +2  −1                          2 − (−1) = 3  (through claim K:
 *                                                                   E3 +3 K, K +2 H2 → min 2; K −1 H3 → min 1)
 *   E4     −1     ·      −3     −1   0  −3                          0 − (−3) = 3
 *
 *   inconsistency (summed weight of − cells):  H1 = 1 (E4)   H2 = 2 (E1)   H3 = 1 (E3) + 3 (E4) = 4
 *
 * E4 is in source "Alpha", E3 in "Beta": the 3–3 tie sorts E4 first.
 */
const ach = handMap({
  theses: ['H1'],
  claims: ['H2', 'H3', 'K'],
  sources: { Gamma: {}, Alpha: {}, Beta: {} },
  quotes: { qE1: 'Gamma', qE2: 'Gamma', qE3: 'Beta', qE4: 'Alpha', qX: 'Alpha' },
  links: [
    'qE1 +3 H1', 'qE1 -2 H2',
    'qE2 +2 H1', 'qE2 +2 H2', 'qE2 +2 H3',
    'qE3 +3 K', 'K +2 H2', 'K -1 H3',
    'qE4 -1 H1', 'qE4 -3 H3',
  ],
});
const H = ['c_H1', 'c_H2', 'c_H3'];

describe('evidenceMatrix', () => {
  const { rows, inconsistency } = evidenceMatrix(ach, H);
  const row = (q: string) => rows.find((r) => r.quoteId === q)!;

  it('fills the cells of the hand-worked matrix', () => {
    expect(row('q_E1').cells).toEqual({
      c_H1: { sign: 1, weight: 3, linkId: linkId('qE1', 'H1') },
      c_H2: { sign: -1, weight: 2, linkId: linkId('qE1', 'H2') },
      c_H3: null,
    });
    expect(row('q_E3').cells).toEqual({ c_H1: null, c_H2: { sign: 1, weight: 2 }, c_H3: { sign: -1, weight: 1 } });
    expect(row('q_E4').cells['c_H2']).toBeNull();
  });

  it('gives the diagnosticity and inconsistency computed by hand', () => {
    expect(Object.fromEntries(rows.map((r) => [r.quoteId, r.diagnosticity]))).toEqual({
      q_E1: 5,
      q_E2: 0,
      q_E3: 3,
      q_E4: 3,
    });
    expect(inconsistency).toEqual({ c_H1: 1, c_H2: 2, c_H3: 4 });
  });

  it('leaves out quotes bearing on no hypothesis and lists rows in reading order', () => {
    expect(rows.map((r) => r.quoteId)).toEqual(['q_E4', 'q_E3', 'q_E1', 'q_E2']);
  });

  it('agrees with evidenceFor when there is only one sign', () => {
    for (const h of H) {
      for (const item of evidenceFor(ach, h).items) {
        expect(row(item.quoteId).cells[h]).toMatchObject({ sign: item.sign, weight: item.weight });
      }
    }
  });

  it('honours disabled sources, unknown and repeated hypotheses', () => {
    const m = evidenceMatrix(ach, ['c_H1', 'c_nope', 'c_H1'], { disabledSources: new Set(['src_Alpha']) });
    expect(m.rows.map((r) => r.quoteId)).toEqual(['q_E1', 'q_E2']);
    expect(m.rows[0]!.cells).toEqual({ c_H1: { sign: 1, weight: 3, linkId: linkId('qE1', 'H1') }, c_nope: null });
    expect(m.inconsistency).toEqual({ c_H1: 0, c_nope: 0 });
    expect(evidenceMatrix(ach, []).rows).toEqual([]);
  });

  it('lets a direct link win over chains, and a tie between chains count against', () => {
    const doc = handMap({
      theses: ['H'],
      claims: ['A', 'B', 'C', 'D'],
      quotes: { q1: 'S', q2: 'S' },
      // q1: direct weak support, strong chain against. q2: chains +2 and −2, no direct link.
      links: ['q1 +1 H', 'q1 +3 A', 'A -3 H', 'q2 + B', 'B + H', 'q2 + C', 'C - H'],
    });
    const { rows } = evidenceMatrix(doc, ['c_H']);
    expect(rows.map((r) => r.cells['c_H'])).toEqual([
      { sign: 1, weight: 1, linkId: linkId('q1', 'H') },
      { sign: -1, weight: 2 },
    ]);
    // Chains of both signs and different strength: the stronger sign wins, whichever is found first.
    for (const [links, cell] of [
      [['q2 +1 B', 'B +3 H', 'q2 +3 C', 'C -3 H'], { sign: -1, weight: 3 }],
      [['q2 +3 B', 'B +3 H', 'q2 +1 C', 'C -3 H'], { sign: 1, weight: 3 }],
    ] as const) {
      const mixed = handMap({ theses: ['H'], claims: ['B', 'C'], quotes: { q2: 'S' }, links });
      expect(evidenceMatrix(mixed, ['c_H']).rows[0]!.cells['c_H']).toEqual(cell);
    }
  });
});

describe('defaultHypotheses', () => {
  it('takes the theses and the claims that directly contradict one, once each', () => {
    const doc = handMap({
      theses: ['T', 'U'],
      claims: ['R1', 'R2', 'S', 'X'],
      quotes: { q1: 'S' },
      links: ['R1 - T', 'R2 - T', 'R2 - U', 'S + T', 'X - R1', 'q1 - T', 'U - T'],
    });
    expect(defaultHypotheses(doc)).toEqual(['c_T', 'c_U', 'c_R1', 'c_R2']);
  });
});

describe('sortRows', () => {
  const rows = evidenceMatrix(ach, H).rows;

  it('by diagnosticity: most diagnostic first, ties by source title, then quote order', () => {
    expect(sortRows(rows, 'diagnosticity', ach.sources).map((r) => r.quoteId)).toEqual([
      'q_E1',
      'q_E4',
      'q_E3',
      'q_E2',
    ]);
  });

  it('by source title, keeping quote order within a source, without changing the input', () => {
    const shuffled: MatrixRow[] = [...rows].reverse();
    expect(sortRows(shuffled, 'source', ach.sources).map((r) => r.quoteId)).toEqual([
      'q_E4',
      'q_E3',
      'q_E2',
      'q_E1',
    ]);
    expect(shuffled.map((r) => r.quoteId)).toEqual(['q_E2', 'q_E1', 'q_E3', 'q_E4']);
    // Sources missing from the table sort as an empty title, by id.
    expect(sortRows(rows, 'source', {}).map((r) => r.sourceId)).toEqual([
      'src_Alpha',
      'src_Beta',
      'src_Gamma',
      'src_Gamma',
    ]);
  });
});

describe('evidenceMatrix on a generated map', () => {
  it('has a row for every quote reaching a default hypothesis', () => {
    const doc = generateMap({ claims: 600, quotes: 1200, links: 2000, seed: 5 });
    const hypotheses = defaultHypotheses(doc);
    expect(hypotheses.length).toBeGreaterThan(1);
    const { rows } = evidenceMatrix(doc, hypotheses);
    const reaching = new Set(hypotheses.flatMap((h) => evidenceFor(doc, h).items.map((i) => i.quoteId)));
    expect(new Set(rows.map((r) => r.quoteId))).toEqual(reaching);
    for (const r of rows) expect(r.diagnosticity).toBeGreaterThanOrEqual(0);
  });
});
