import { describe, expect, it } from 'vitest';
import type { MapDoc } from '../domain/change';
import { ClaimSchema, LinkSchema, MapMetaSchema, QuoteSchema, SourceSchema } from '../domain/schema';
import { generateMap, handMap } from './testMaps';

/** The rules of docs/file-format.md that import enforces, checked on a doc. */
function expectValid(doc: MapDoc): void {
  MapMetaSchema.parse(doc.map);
  for (const [id, s] of Object.entries(doc.sources)) expect(SourceSchema.parse(s).id).toBe(id);
  for (const [id, q] of Object.entries(doc.quotes)) {
    expect(QuoteSchema.parse(q).id).toBe(id);
    const text = doc.sources[q.sourceId]!.text;
    expect(text.slice(q.start, q.end)).toBe(q.exact);
    expect(text.slice(0, q.start).endsWith(q.prefix)).toBe(true);
    expect(text.slice(q.end).startsWith(q.suffix)).toBe(true);
  }
  for (const [id, c] of Object.entries(doc.claims)) expect(ClaimSchema.parse(c).id).toBe(id);
  const pairs = new Set<string>();
  for (const [id, l] of Object.entries(doc.links)) {
    expect(LinkSchema.parse(l).id).toBe(id);
    expect(l.from in doc.claims || l.from in doc.quotes).toBe(true);
    expect(l.to in doc.claims).toBe(true);
    expect(l.from).not.toBe(l.to);
    expect(pairs.has(`${l.from} ${l.to}`)).toBe(false);
    pairs.add(`${l.from} ${l.to}`);
  }
  const ids = [doc.sources, doc.quotes, doc.claims, doc.links].flatMap((t) => Object.keys(t));
  expect(new Set(ids).size).toBe(ids.length);
}

describe('generateMap', () => {
  it('makes exactly the requested numbers of a valid map', () => {
    const doc = generateMap({ claims: 500, quotes: 2000, links: 2500, seed: 9 });
    expect(Object.keys(doc.claims)).toHaveLength(500);
    expect(Object.keys(doc.quotes)).toHaveLength(2000);
    expect(Object.keys(doc.links)).toHaveLength(2500);
    expectValid(doc);
  });

  it('is deterministic per seed', () => {
    const a = generateMap({ claims: 50, quotes: 100, links: 170, seed: 42 });
    expect(generateMap({ claims: 50, quotes: 100, links: 170, seed: 42 })).toEqual(a);
    expect(generateMap({ claims: 50, quotes: 100, links: 170, seed: 43 })).not.toEqual(a);
  });

  it('has theses, chains several levels deep, contradicts and circles of supports', () => {
    const doc = generateMap({ claims: 2000, quotes: 4000, links: 6500, seed: 1 });
    const claims = Object.values(doc.claims);
    const links = Object.values(doc.links);
    expect(claims.filter((c) => c.kind === 'thesis').length).toBeGreaterThan(1);
    expect(links.some((l) => l.relation === 'contradicts' && l.from.startsWith('c_'))).toBe(true);
    expect(links.some((l) => l.relation === 'contradicts' && l.from.startsWith('q_'))).toBe(true);
    // Depth of the support tree: follow each claim's first outgoing link.
    const up = new Map<string, string>();
    for (const l of links) if (l.from.startsWith('c_') && !up.has(l.from)) up.set(l.from, l.to);
    let deepest = 0;
    for (const c of claims) {
      let depth = 0;
      for (let at = up.get(c.id); at && depth < 100; at = up.get(at)) depth++;
      deepest = Math.max(deepest, depth);
    }
    expect(deepest).toBeGreaterThanOrEqual(5);
    const selfSupport = links.filter((l) => l.relation === 'supports' && l.from.startsWith('c_'));
    const next = new Map<string, string[]>();
    for (const l of selfSupport) next.set(l.from, [...(next.get(l.from) ?? []), l.to]);
    const onCycle = claims.some((c) => {
      const seen = new Set<string>();
      const stack = [...(next.get(c.id) ?? [])];
      while (stack.length) {
        const x = stack.pop()!;
        if (x === c.id) return true;
        if (seen.has(x)) continue;
        seen.add(x);
        stack.push(...(next.get(x) ?? []));
      }
      return false;
    });
    expect(onCycle).toBe(true);
  });

  it('copes with tiny and saturated sizes', () => {
    expectValid(generateMap({ claims: 0, quotes: 0, links: 10 }));
    const one = generateMap({ claims: 1, quotes: 3, links: 10 });
    expectValid(one);
    expect(Object.keys(one.links)).toHaveLength(3);
    const full = generateMap({ claims: 3, quotes: 0, links: 100, seed: 2 });
    expectValid(full);
    expect(Object.keys(full.links).length).toBeLessThanOrEqual(6);
  });
});

describe('handMap', () => {
  it('builds a valid map from its little language', () => {
    const doc = handMap({
      theses: ['T'],
      claims: ['A'],
      sources: { S: { reliability: 'C', title: 'A paper' } },
      quotes: { q1: 'S', q2: { source: 'S', credibility: 2 }, q3: 'Other' },
      links: ['q1 + A', 'A -3 T', 'q2 +1 T'],
    });
    expectValid(doc);
    expect(doc.links['l_A_T']).toMatchObject({ from: 'c_A', to: 'c_T', relation: 'contradicts', weight: 3 });
    expect(doc.links['l_q1_A']).not.toHaveProperty('weight');
    expect(doc.sources['src_S']).toMatchObject({ title: 'A paper', reliability: 'C' });
    expect(doc.quotes['q_3']!.sourceId).toBe('src_Other');
    expect(() => handMap({ links: ['A supports B'] })).toThrow(/cannot read link/);
  });
});
