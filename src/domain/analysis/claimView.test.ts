import { describe, expect, it } from 'vitest';
import { docFromRecords } from '../change';
import { makeClaim, makeLink, makeMap, makeQuote, makeSource, smallDoc } from '../../test/factories';
import { chainDown, chainFromThesis, chainSteps, claimColumns } from './claimView';

/** thesis ← (supports) reason ← (contradicts) objection ← (contradicts) rebuttal: a double negative. */
function chainDoc() {
  const s = makeSource('src_a', 'One two three. Four five six.', { reliability: 'C' });
  return docFromRecords({
    map: makeMap(),
    sources: [s],
    quotes: [makeQuote('q_1', s, 'One two three.', { credibility: 2 }), makeQuote('q_2', s, 'Four five six.')],
    claims: [
      makeClaim('c_t', 'Thesis', { kind: 'thesis' }),
      makeClaim('c_r', 'Reason'),
      makeClaim('c_o', 'Objection'),
      makeClaim('c_b', 'Rebuttal'),
      makeClaim('c_lone', 'Alone'),
    ],
    links: [
      makeLink('l_1', 'c_r', 'c_t', 'supports'),
      makeLink('l_2', 'c_o', 'c_r', 'contradicts', { weight: 3 }),
      makeLink('l_3', 'c_b', 'c_o', 'contradicts'),
      makeLink('l_4', 'q_1', 'c_r', 'supports', { weight: 1 }),
      makeLink('l_5', 'q_2', 'c_r', 'contradicts'),
    ],
  });
}

describe('claimColumns', () => {
  it('splits reasons and evidence by relation, reasons first, strongest first', () => {
    const cols = claimColumns(chainDoc(), 'c_r');
    expect(cols.for.map((c) => c.linkId)).toEqual(['l_4']);
    expect(cols.against.map((c) => c.linkId)).toEqual(['l_2', 'l_5']);
    const objection = cols.against[0]!;
    expect(objection).toMatchObject({ kind: 'claim', claimId: 'c_o', text: 'Objection', weight: 3, forCount: 0, againstCount: 1 });
    expect(cols.for[0]).toMatchObject({ kind: 'quote', quoteId: 'q_1', sourceTitle: 'Source src_a', grade: 'C2', weight: 1 });
    expect(cols.against[1]).toMatchObject({ kind: 'quote', grade: 'C–', weight: 2 });
  });
  it('has nothing for an unknown claim', () => {
    expect(claimColumns(chainDoc(), 'c_nope')).toEqual({ for: [], against: [] });
  });
  it('lists the small map thesis: a strong quote, a reason and a contradicting quote', () => {
    const cols = claimColumns(smallDoc(), 'c_thesis');
    expect(cols.for.map((c) => c.kind)).toEqual(['claim', 'quote']);
    expect(cols.against.map((c) => c.kind)).toEqual(['quote']);
  });
});

describe('chainFromThesis', () => {
  it('leads from the thesis down to the claim with each step’s sign and the net sign', () => {
    const steps = chainFromThesis(chainDoc(), 'c_b');
    expect(steps.map((s) => s.claimId)).toEqual(['c_t', 'c_r', 'c_o', 'c_b']);
    expect(steps.map((s) => s.sign)).toEqual([0, 1, -1, -1]);
    // Contradicting an objection to a reason counts for the thesis.
    expect(steps.map((s) => s.net)).toEqual([1, 1, -1, 1]);
  });
  it('leaves a claim that reaches no thesis alone, and a thesis alone', () => {
    expect(chainFromThesis(chainDoc(), 'c_lone').map((s) => s.claimId)).toEqual(['c_lone']);
    expect(chainFromThesis(chainDoc(), 'c_t').map((s) => s.claimId)).toEqual(['c_t']);
  });
  it('ends on a cycle', () => {
    const doc = docFromRecords({
      map: makeMap(),
      claims: [makeClaim('c_a', 'A'), makeClaim('c_b', 'B')],
      sources: [],
      quotes: [],
      links: [makeLink('l_1', 'c_a', 'c_b'), makeLink('l_2', 'c_b', 'c_a')],
    });
    expect(chainFromThesis(doc, 'c_a').map((s) => s.claimId)).toEqual(['c_a']);
  });
});

describe('chainDown and chainSteps', () => {
  it('goes down one step to a direct reason, else starts the claim’s own chain', () => {
    const doc = chainDoc();
    expect(chainDown(doc, ['c_t', 'c_r'], 'c_o')).toEqual(['c_t', 'c_r', 'c_o']);
    expect(chainDown(doc, ['c_t'], 'c_b')).toEqual(['c_t', 'c_r', 'c_o', 'c_b']);
    expect(chainDown(doc, [], 'c_r')).toEqual(['c_t', 'c_r']);
  });
  it('rebuilds a chain the map no longer holds', () => {
    const doc = chainDoc();
    expect(chainSteps(doc, ['c_t', 'c_o']).map((s) => s.claimId)).toEqual(['c_t', 'c_r', 'c_o']);
    expect(chainSteps(doc, ['c_t', 'c_r', 'c_o']).map((s) => s.net)).toEqual([1, 1, -1]);
    expect(chainSteps(doc, [])).toEqual([]);
  });
});
