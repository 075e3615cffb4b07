import { describe, expect, it } from 'vitest';
import type { MapDoc } from '../change';
import { linkWeight } from '../schema';
import { evidenceFor, type EvidenceOptions } from './evidence';
import { generateMap, handMap, linkId } from '../../test/testMaps';

const brief = (doc: MapDoc, thesis: string, options?: EvidenceOptions) =>
  evidenceFor(doc, thesis, options)
    .items.map((i) => `${i.quoteId} ${i.sign > 0 ? '+' : '-'}${i.weight}`)
    .sort();

describe('evidenceFor: signs', () => {
  it('counts a direct quote with the sign of its link', () => {
    const doc = handMap({ theses: ['T'], quotes: { q1: 'S', q2: 'S' }, links: ['q1 +3 T', 'q2 - T'] });
    expect(brief(doc, 'c_T')).toEqual(['q_1 +3', 'q_2 -2']);
  });

  it('multiplies signs through two levels (docs/file-format.md, "Meaning")', () => {
    const doc = handMap({
      theses: ['T'],
      claims: ['A', 'B', 'C'],
      quotes: { q1: 'S', q2: 'S', q3: 'S' },
      // q1 contradicts A, which supports T → against.
      // q2 supports B, which contradicts T → against.
      // q3 contradicts C, which contradicts T → for.
      links: ['A + T', 'q1 - A', 'B - T', 'q2 + B', 'C - T', 'q3 - C'],
    });
    const { items, totals } = evidenceFor(doc, 'c_T');
    const byQuote = Object.fromEntries(items.map((i) => [i.quoteId, i]));
    expect(byQuote['q_1']).toMatchObject({ sign: -1, path: [linkId('q1', 'A'), linkId('A', 'T')], via: ['c_A'] });
    expect(byQuote['q_2']).toMatchObject({ sign: -1, path: [linkId('q2', 'B'), linkId('B', 'T')], via: ['c_B'] });
    expect(byQuote['q_3']).toMatchObject({ sign: 1, via: ['c_C'] });
    expect(totals).toEqual({ forWeight: 2, againstWeight: 4, forCount: 1, againstCount: 2 });
  });

  it('follows chains several claims deep and reports the claims in between', () => {
    const doc = handMap({
      theses: ['T'],
      claims: ['A', 'B', 'C'],
      quotes: { q1: 'S' },
      links: ['q1 + C', 'C - B', 'B + A', 'A - T'],
    });
    const [item] = evidenceFor(doc, 'c_T').items;
    expect(item).toMatchObject({ quoteId: 'q_1', sourceId: 'src_S', sign: 1, via: ['c_C', 'c_B', 'c_A'] });
    expect(item!.path).toEqual([linkId('q1', 'C'), linkId('C', 'B'), linkId('B', 'A'), linkId('A', 'T')]);
  });

  it('reports a quote reaching the thesis both ways once per sign', () => {
    const doc = handMap({
      theses: ['T'],
      claims: ['A', 'B'],
      quotes: { q1: 'S' },
      links: ['q1 + A', 'q1 + B', 'A + T', 'B - T'],
    });
    const { items, totals } = evidenceFor(doc, 'c_T');
    expect(items.map((i) => [i.quoteId, i.sign, i.via])).toEqual([
      ['q_1', 1, ['c_A']],
      ['q_1', -1, ['c_B']],
    ]);
    expect(totals).toEqual({ forWeight: 2, againstWeight: 2, forCount: 1, againstCount: 1 });
  });
});

describe('evidenceFor: weight', () => {
  it('is the weakest link of the strongest chain, with that chain as witness', () => {
    const doc = handMap({
      theses: ['T'],
      claims: ['A', 'B'],
      quotes: { q1: 'S' },
      // Via A: min(3, 1) = 1. Via B: min(2, 3) = 2, so B's chain wins.
      links: ['q1 +3 A', 'A +1 T', 'q1 +2 B', 'B +3 T'],
    });
    const [item, ...rest] = evidenceFor(doc, 'c_T').items;
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ weight: 2, via: ['c_B'], path: [linkId('q1', 'B'), linkId('B', 'T')] });
  });

  it('prefers a stronger later chain found through a weaker claim state', () => {
    // A is settled before B (bottleneck 3 vs 2), but q1's own link to A is weak.
    const doc = handMap({
      theses: ['T'],
      claims: ['A', 'B'],
      quotes: { q1: 'S' },
      links: ['A +3 T', 'B +2 T', 'q1 +1 A', 'q1 +3 B'],
    });
    expect(evidenceFor(doc, 'c_T').items).toMatchObject([{ weight: 2, via: ['c_B'] }]);
  });

  it('is the link weight for a direct quote (absent = 2)', () => {
    const doc = handMap({ theses: ['T'], quotes: { q1: 'S', q2: 'S' }, links: ['q1 +1 T', 'q2 + T'] });
    expect(brief(doc, 'c_T')).toEqual(['q_1 +1', 'q_2 +2']);
  });
});

describe('evidenceFor: what if', () => {
  const doc = handMap({
    theses: ['T'],
    claims: ['A'],
    sources: { Alpha: {}, Beta: {} },
    quotes: { q1: 'Alpha', q2: 'Beta', q3: 'Beta', q4: 'Alpha' },
    links: ['q1 +3 T', 'q2 + A', 'A + T', 'q3 - T', 'q4 -1 A'],
  });

  it('sums evidence per source, ordered by title', () => {
    const { bySource, totals } = evidenceFor(doc, 'c_T');
    expect(bySource).toEqual([
      { sourceId: 'src_Alpha', forWeight: 3, againstWeight: 1, forCount: 1, againstCount: 1 },
      { sourceId: 'src_Beta', forWeight: 2, againstWeight: 2, forCount: 1, againstCount: 1 },
    ]);
    expect(totals).toEqual({ forWeight: 5, againstWeight: 3, forCount: 2, againstCount: 2 });
  });

  it('leaves out a disabled source, changing the totals', () => {
    const { items, bySource, totals } = evidenceFor(doc, 'c_T', { disabledSources: new Set(['src_Beta']) });
    expect(items.map((i) => i.quoteId).sort()).toEqual(['q_1', 'q_4']);
    expect(bySource.map((s) => s.sourceId)).toEqual(['src_Alpha']);
    expect(totals).toEqual({ forWeight: 3, againstWeight: 1, forCount: 1, againstCount: 1 });
  });

  it('leaves out disabled quotes; a claim reached only through them adds nothing', () => {
    const { totals } = evidenceFor(doc, 'c_T', { disabledQuotes: new Set(['q_2', 'q_4']) });
    expect(totals).toEqual({ forWeight: 3, againstWeight: 2, forCount: 1, againstCount: 1 });
  });
});

describe('evidenceFor: cycles and edge cases', () => {
  it('terminates on a cycle of supports and counts each quote once', () => {
    const doc = handMap({
      theses: ['T'],
      claims: ['A', 'B', 'C'],
      quotes: { q1: 'S' },
      links: ['A + B', 'B + C', 'C + A', 'A + T', 'q1 + B'],
    });
    expect(evidenceFor(doc, 'c_T').items).toMatchObject([
      { quoteId: 'q_1', sign: 1, via: ['c_B', 'c_C', 'c_A'] },
    ]);
  });

  it('never counts evidence through the thesis itself', () => {
    // T contradicts C and C supports T: q1 → T → C → T would make q1 count against T too.
    const doc = handMap({
      theses: ['T'],
      claims: ['C'],
      quotes: { q1: 'S' },
      links: ['q1 + T', 'T - C', 'C + T'],
    });
    expect(brief(doc, 'c_T')).toEqual(['q_1 +2']);
  });

  it('gives both signs around a cycle with an odd number of contradicts', () => {
    const doc = handMap({
      theses: ['T'],
      claims: ['A', 'B'],
      quotes: { q1: 'S' },
      links: ['A + T', 'B - A', 'A + B', 'q1 + A'],
    });
    const { items } = evidenceFor(doc, 'c_T');
    expect(items.map((i) => [i.sign, i.via])).toEqual([
      [1, ['c_A']],
      [-1, ['c_A', 'c_B', 'c_A']],
    ]);
  });

  it('has no evidence for an unknown thesis or an isolated one', () => {
    const doc = handMap({ theses: ['T'], quotes: { q1: 'S' } });
    expect(evidenceFor(doc, 'c_nope')).toEqual({
      items: [],
      bySource: [],
      totals: { forWeight: 0, againstWeight: 0, forCount: 0, againstCount: 0 },
    });
    expect(evidenceFor(doc, 'c_T').items).toEqual([]);
  });

  it('sees an edit to the links or the claims (the cached index is per table)', () => {
    const doc = handMap({ theses: ['T'], claims: ['A'], quotes: { q1: 'S' }, links: ['q1 + A', 'A + T'] });
    expect(brief(doc, 'c_T')).toEqual(['q_1 +2']);
    const link = doc.links[linkId('A', 'T')]!;
    const flipped = { ...doc, links: { ...doc.links, [link.id]: { ...link, relation: 'contradicts' as const } } };
    expect(brief(flipped, 'c_T')).toEqual(['q_1 -2']);
    const { c_A: _gone, ...claims } = doc.claims;
    expect(brief({ ...doc, claims }, 'c_T')).toEqual([]);
  });
});

/**
 * An independent oracle: the best bottleneck of every (quote, sign) by plain
 * fixed-point iteration over all links, never passing the thesis again.
 */
function oracle(doc: MapDoc, thesis: string): string[] {
  const best = new Map<string, number>([[`${thesis} 1`, 3]]);
  const links = Object.values(doc.links);
  for (let changed = true; changed; ) {
    changed = false;
    for (const l of links) {
      if (l.from === thesis) continue;
      for (const s of [1, -1]) {
        const at = best.get(`${l.to} ${s}`);
        if (at === undefined) continue;
        const key = `${l.from} ${s * (l.relation === 'supports' ? 1 : -1)}`;
        const w = Math.min(at, linkWeight(l));
        if (w > (best.get(key) ?? 0)) {
          best.set(key, w);
          changed = true;
        }
      }
    }
  }
  return [...best]
    .filter(([k]) => k.startsWith('q_'))
    .map(([k, w]) => `${k.split(' ')[0]} ${k.endsWith(' 1') ? '+' : '-'}${w}`)
    .sort();
}

describe('evidenceFor on generated maps', () => {
  it.each([1, 2, 3, 4, 5])('matches the fixed-point oracle, with valid witnesses (seed %i)', (seed) => {
    const doc = generateMap({ claims: 60, quotes: 120, links: 260, seed });
    const theses = Object.values(doc.claims).filter((c) => c.kind === 'thesis');
    let found = 0;
    for (const thesis of [...theses, doc.claims['c_000007']!]) {
      const { items } = evidenceFor(doc, thesis.id);
      found += items.length;
      expect(brief(doc, thesis.id)).toEqual(oracle(doc, thesis.id));
      for (const item of items) {
        const chain = item.path.map((id) => doc.links[id]!);
        expect(chain[0]!.from).toBe(item.quoteId);
        expect(chain.at(-1)!.to).toBe(thesis.id);
        expect(chain.slice(1).map((l) => l.from)).toEqual(item.via);
        chain.slice(1).forEach((l, k) => expect(l.from).toBe(chain[k]!.to));
        expect(chain.reduce((s, l) => s * (l.relation === 'supports' ? 1 : -1), 1)).toBe(item.sign);
        expect(Math.min(...chain.map(linkWeight))).toBe(item.weight);
      }
    }
    expect(found).toBeGreaterThan(10);
  });
});
