import { describe, expect, it } from 'vitest';
import { docFromRecords } from '../change';
import { makeClaim, makeLink, makeMap, makeQuote, makeSource } from '../../test/factories';
import { allBalances, directBalance } from './balance';
import { evidenceFor } from './evidence';
import { evidenceMatrix } from './matrix';
import { analyzeWarnings } from './warnings';
import { linkStatus, linkWeights } from './weights';
import { markdownReport } from '../interchange/report';

const text = 'The river rose. The dam held. Rain fell for days. The gauge was broken.';
const src = makeSource('src_a', text, { reliability: 'D' });
const q = (id: string, exact: string, credibility?: 1 | 2 | 3 | 4 | 5 | 6) =>
  makeQuote(id, src, exact, credibility ? { credibility } : {});

/** T ← (q_river + c_low, linked, weight 3) ; q_dam undercuts the link of q_river with weight w. */
function doc(undercut: 1 | 2 | 3 | null, extra: ReturnType<typeof makeLink>[] = []) {
  const links = [
    makeLink('l_1', 'q_river', 'c_t', 'supports', { group: 'g', weight: 3 }),
    makeLink('l_2', 'c_low', 'c_t', 'supports', { group: 'g', weight: 3 }),
    makeLink('l_3', 'q_rain', 'c_low', 'supports'),
    ...extra,
  ];
  if (undercut) links.push(makeLink('l_cut', 'q_dam', 'l_1', 'contradicts', { weight: undercut }));
  return docFromRecords({
    map: makeMap(),
    sources: [src],
    quotes: [q('q_river', 'The river rose.', 2), q('q_dam', 'The dam held.'), q('q_rain', 'Rain fell for days.')],
    claims: [makeClaim('c_t', 'The town flooded', { kind: 'thesis' }), makeClaim('c_low', 'The town is low')],
    links,
  });
}

describe('linked arguments', () => {
  it('count once in their conclusion’s balance, with the group’s weight', () => {
    expect(directBalance(doc(null), 'c_t')).toEqual({ forWeight: 3, forCount: 1, againstWeight: 0, againstCount: 0 });
    expect(allBalances(doc(null))['c_t']).toMatchObject({ forWeight: 3, forCount: 1, status: 'supported' });
  });

  it('are as strong as their weakest premise: evidence through the argument carries at most its weight', () => {
    const e = evidenceFor(doc(null), 'c_t');
    expect(e.items.map((i) => [i.quoteId, i.weight, i.argument])).toEqual([
      ['q_river', 3, 'g'],
      ['q_rain', 2, 'g'],
    ]);
    expect(e.totals).toEqual({ forWeight: 5, forCount: 2, againstWeight: 0, againstCount: 0 });
  });
});

describe('undercuts', () => {
  it('lower the weight of the link they attack, not below 0, and weaken the whole linked argument', () => {
    const w = linkWeights(doc(1));
    expect(w.get('l_1')).toMatchObject({ base: 3, weight: 2, status: 'weakened' });
    expect(w.get('l_2')).toMatchObject({ base: 3, weight: 2, status: 'weakened' });
    expect(directBalance(doc(1), 'c_t').forWeight).toBe(2);
  });

  it('a fully undercut link carries nothing and has status undercut', () => {
    const d = doc(3);
    expect(linkStatus(d, 'l_1')).toBe('undercut');
    expect(linkStatus(d, 'l_cut')).toBe('holds');
    expect(directBalance(d, 'c_t')).toEqual({ forWeight: 0, forCount: 0, againstWeight: 0, againstCount: 0 });
    expect(allBalances(d)['c_t']!.status).toBe('unsupported');
    expect(evidenceFor(d, 'c_t').items).toEqual([]);
    expect(evidenceMatrix(d, ['c_t']).rows).toEqual([]);
    const warnings = analyzeWarnings(d, { thesisId: 'c_t' });
    expect(warnings.filter((x) => x.kind === 'undercut-reason')).toEqual([
      { kind: 'undercut-reason', message: 'The reason “The river rose.” for “The town flooded” is fully undercut: it carries nothing.', ids: ['l_1', 'l_cut'] },
    ]);
    expect(warnings.some((x) => x.kind === 'unsupported-claim' && x.ids[0] === 'c_t')).toBe(true);
    const report = markdownReport(d, 'c_t', { now: '2026-11-27T00:00:00.000Z' });
    expect(report).toMatch(/\*\*Status:\*\* unsupported/);
    expect(report).toMatch(/fully undercut/);
  });

  it('an undercutter that is itself undercut takes less', () => {
    const d = doc(3, [makeLink('l_cut2', 'q_rain', 'l_cut', 'contradicts', { weight: 2 })]);
    expect(linkWeights(d).get('l_cut')!.weight).toBe(1);
    expect(linkWeights(d).get('l_1')!.weight).toBe(2);
  });

  it('a backing leaves the weight as it is', () => {
    const d = doc(null, [makeLink('l_back', 'q_dam', 'l_1', 'supports')]);
    expect(linkWeights(d).get('l_1')).toMatchObject({ weight: 3, status: 'holds' });
  });
});

describe('weighByGrades', () => {
  it('scales evidence from a quote by source reliability and quote credibility', () => {
    const d = doc(null);
    // q_river: source D (0.5) × credibility 2 (0.9) × weight 3 = 1.35; the group takes its weakest premise.
    expect(linkWeights(d, { weighByGrades: true }).get('l_1')).toMatchObject({ base: 1.35, weight: 1.35 });
    expect(directBalance(d, 'c_t', { weighByGrades: true }).forWeight).toBe(1.35);
    const e = evidenceFor(d, 'c_t', { weighByGrades: true });
    expect(e.items.map((i) => [i.quoteId, i.weight])).toEqual([
      ['q_river', 1.35],
      ['q_rain', 1],
    ]);
    expect(evidenceMatrix(d, ['c_t'], { weighByGrades: true }).rows.map((r) => r.cells['c_t']?.weight)).toEqual([1.35, 1]);
    // Without the option nothing changes.
    expect(evidenceFor(d, 'c_t').items.map((i) => i.weight)).toEqual([3, 2]);
  });
});
