import { describe, expect, it } from 'vitest';
import type { MapDoc } from '../change';
import { linkGraph } from './graph';
import { anchorStatusOf } from '../derive/derive';
import { analyzeWarnings, supportCycles, type Warning, type WarningKind } from './warnings';
import { generateMap, handMap } from '../../test/testMaps';

const ofKind = (warnings: Warning[], kind: WarningKind) => warnings.filter((w) => w.kind === kind);
const idsOf = (warnings: Warning[], kind: WarningKind) => ofKind(warnings, kind).map((w) => w.ids);

describe('unsupported-claim', () => {
  const doc = handMap({
    theses: ['T'],
    claims: ['A', 'B', 'C', 'D'],
    quotes: { q1: 'S', q2: 'S' },
    // B is only contradicted; C supports nothing on the way to T; D is on its own.
    links: ['A + T', 'q1 + A', 'B - T', 'q2 - B', 'C + D'],
  });

  it('flags every claim with no incoming supports, contradicted-only ones included', () => {
    const warnings = analyzeWarnings(doc);
    expect(idsOf(warnings, 'unsupported-claim')).toEqual([['c_B'], ['c_C']]);
    expect(ofKind(warnings, 'unsupported-claim')[0]!.message).toBe('Nothing supports “Claim B”.');
  });

  it('with a thesis, flags only the claims on the way to it', () => {
    expect(idsOf(analyzeWarnings(doc, { thesisId: 'c_T' }), 'unsupported-claim')).toEqual([['c_B']]);
    expect(idsOf(analyzeWarnings(doc, { thesisId: 'c_D' }), 'unsupported-claim')).toEqual([['c_C']]);
  });

  it('treats support from a disabled quote or source as absent', () => {
    expect(idsOf(analyzeWarnings(doc, { disabledQuotes: new Set(['q_1']) }), 'unsupported-claim')).toEqual([
      ['c_A'],
      ['c_B'],
      ['c_C'],
    ]);
    expect(idsOf(analyzeWarnings(doc, { disabledSources: new Set(['src_S']) }), 'unsupported-claim')).toContainEqual([
      'c_A',
    ]);
  });

  it('names a claim briefly: one line, shortened, or "(untitled)"', () => {
    const base = handMap({ claims: ['A', 'B'] });
    const long = `A very long claim\n  about ${'the border '.repeat(10)}`;
    const doc = {
      ...base,
      claims: { c_A: { ...base.claims['c_A']!, text: long }, c_B: { ...base.claims['c_B']!, text: '  ' } },
    };
    expect(ofKind(analyzeWarnings(doc), 'unsupported-claim').map((w) => w.message)).toEqual([
      'Nothing supports “A very long claim about the border the border the border th…”.',
      'Nothing supports “(untitled)”.',
    ]);
  });

  it('finds nothing on the way to an unknown thesis', () => {
    expect(analyzeWarnings(doc, { thesisId: 'c_nope' })).toEqual([]);
  });
});

describe('single-source', () => {
  it('flags a claim whose positive evidence, transitively, comes from one source', () => {
    const doc = handMap({
      theses: ['T'],
      claims: ['A', 'B'],
      sources: { One: { title: 'The One Report' }, Two: {} },
      quotes: { q1: 'One', q2: 'One', q3: 'Two' },
      // T: q1 via A, q2 direct — both from One; q3 only contradicts T.
      links: ['q1 + A', 'A + T', 'q2 + T', 'q3 - T', 'B + T'],
    });
    const warnings = ofKind(analyzeWarnings(doc), 'single-source');
    expect(warnings.map((w) => w.ids)).toEqual([
      ['c_T', 'src_One'],
      ['c_A', 'src_One'],
    ]);
    expect(warnings[0]!.message).toBe('All the evidence supporting “Claim T” comes from one source, “The One Report”.');
  });

  it('does not flag two sources, and counts contradicts × contradicts as support', () => {
    const doc = handMap({
      theses: ['T'],
      claims: ['A', 'R'],
      sources: { One: {}, Two: {} },
      quotes: { q1: 'One', q2: 'Two', q3: 'Two' },
      // q2 contradicts the rival R, which contradicts T: support for T from Two.
      links: ['q1 + A', 'A + T', 'R - T', 'q2 - R', 'q3 + R'],
    });
    const single = idsOf(analyzeWarnings(doc), 'single-source');
    expect(single).not.toContainEqual(['c_T', expect.any(String)]);
    expect(single).toEqual([
      ['c_A', 'src_One'],
      ['c_R', 'src_Two'],
    ]);
    // Without source Two, T rests on One alone.
    expect(idsOf(analyzeWarnings(doc, { disabledSources: new Set(['src_Two']) }), 'single-source')).toContainEqual([
      'c_T',
      'src_One',
    ]);
  });

  it('names a missing source by id only', () => {
    const base = handMap({ theses: ['T'], quotes: { q1: 'S' }, links: ['q1 + T'] });
    const doc: MapDoc = { ...base, sources: {} };
    expect(ofKind(analyzeWarnings(doc), 'single-source')[0]).toMatchObject({
      message: 'All the evidence supporting “Claim T” comes from one source.',
      ids: ['c_T', 'src_S'],
    });
  });
});

describe('circular-support', () => {
  it('reports each circle of supports once, and not a circle broken by a contradicts', () => {
    const doc = handMap({
      theses: ['T'],
      claims: ['A', 'B', 'C', 'D', 'E'],
      quotes: { q1: 'S' },
      // A → B → C → A and B → A: one component. D → E → D through a contradicts: not circular support.
      links: ['A + B', 'B + C', 'C + A', 'B + A', 'A + T', 'D + E', 'E - D', 'q1 + A'],
    });
    const cycles = ofKind(analyzeWarnings(doc), 'circular-support');
    expect(cycles).toEqual([
      {
        kind: 'circular-support',
        message: '“Claim A”, “Claim B” and “Claim C” support each other in a circle: circular reasoning.',
        ids: ['c_A', 'c_B', 'c_C'],
      },
    ]);
    expect(ofKind(analyzeWarnings(doc, { thesisId: 'c_T' }), 'circular-support')).toHaveLength(1);
    expect(ofKind(analyzeWarnings(doc, { thesisId: 'c_E' }), 'circular-support')).toHaveLength(0);
  });

  it('reports a claim that supports itself, and names long circles briefly', () => {
    const base = handMap({ claims: ['A', 'B', 'C', 'D', 'E'], links: ['A + B', 'B + C', 'C + D', 'D + E', 'E + A'] });
    const self = { id: 'l_self', from: 'c_A', to: 'c_A', relation: 'supports' as const, createdAt: base.map.createdAt };
    const ring = { ...base, claims: { ...base.claims, c_Z: { ...base.claims['c_A']!, id: 'c_Z', text: 'Z' } } };
    const withSelf = { ...ring, links: { ...ring.links, l_self: { ...self, from: 'c_Z', to: 'c_Z' } } };
    const messages = ofKind(analyzeWarnings(withSelf), 'circular-support').map((w) => w.message);
    expect(messages).toEqual([
      '“Claim A”, “Claim B”, “Claim C” and 2 more claims support each other in a circle: circular reasoning.',
      '“Z” supports itself: circular reasoning.',
    ]);
  });

  it('walks a 20,000-claim chain without overflowing the stack', () => {
    const n = 20_000;
    const names = Array.from({ length: n }, (_, i) => `K${i}`);
    const links = names.slice(1).map((name, i) => `${names[i]} + ${name}`);
    const doc = handMap({ claims: names, links: [...links, `K${n - 1} + K0`, 'K5 + K3'] });
    const cycles = supportCycles(linkGraph(doc));
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(n);
  });
});

describe('quote-not-anchored', () => {
  const base = handMap({
    theses: ['T'],
    claims: ['A'],
    sources: { S: { title: 'Paper' } },
    quotes: { q1: 'S', q2: 'S', q3: 'S', q4: 'S', q5: 'S' },
    links: ['q1 + T', 'q2 + T', 'q3 + T', 'q4 + T', 'q5 + A'],
  });
  const q = base.quotes;
  const source = base.sources['src_S']!;
  const doc: MapDoc = {
    ...base,
    // Text edited: q2's passage moved, q3's passage now appears twice, q4's is gone.
    sources: { src_S: { ...source, text: 'Inserted. ' + source.text.replace('Quote q4.', 'Gone.') + 'Quote q3.' } },
    quotes: { ...q, q_1: { ...q['q_1']!, start: q['q_1']!.start + 10, end: q['q_1']!.end + 10 } },
  };

  it('by default reads the anchor status the graph shows (re-anchoring, domain/derive)', () => {
    const status = anchorStatusOf(doc);
    // q3's passage now occurs twice, but its context picks the right one; q4's is lightly edited: fuzzy, not gone.
    expect(['q_1', 'q_2', 'q_3', 'q_4'].map(status)).toEqual(['exact', 'relocated', 'relocated', 'fuzzy']);
    expect(status('q_nope')).toBe('orphaned');
    const warnings = ofKind(analyzeWarnings(doc), 'quote-not-anchored');
    expect(warnings.map((w) => w.ids)).toEqual([['q_4', 'src_S']]);
    expect(warnings.map((w) => w.message)).toEqual(['The quote “Quote q4.” only approximately matches the source “Paper”.']);
  });

  it('calls a quote whose source is missing orphaned', () => {
    const warnings = ofKind(analyzeWarnings({ ...base, sources: {} }), 'quote-not-anchored');
    expect(warnings).toHaveLength(5);
    expect(warnings[0]!.message).toBe('The quote “Quote q1.” can no longer be found in its source, which is missing.');
  });

  it('uses the anchoring module’s verdict when given, within the thesis’s scope', () => {
    const warnings = analyzeWarnings(base, {
      thesisId: 'c_T',
      anchorStatus: (id) => (id === 'q_1' ? 'fuzzy' : id === 'q_5' ? 'orphaned' : 'exact'),
    });
    expect(ofKind(warnings, 'quote-not-anchored').map((w) => w.message)).toEqual([
      'The quote “Quote q1.” only approximately matches the source “Paper”.',
    ]);
    expect(
      ofKind(analyzeWarnings(doc, { disabledQuotes: new Set(['q_3']), disabledSources: new Set() }), 'quote-not-anchored'),
    ).toHaveLength(1);
  });
});

describe('low-reliability-only', () => {
  const doc = handMap({
    theses: ['T'],
    claims: ['A', 'B'],
    sources: { Rumour: { reliability: 'E' }, Unknown: { reliability: 'F' }, Wire: { reliability: 'A' } },
    quotes: { q1: 'Rumour', q2: 'Unknown', q3: { source: 'Wire', credibility: 5 }, q4: 'Wire' },
    // T's support: q1 (E) via A, q2 (F) direct, q3 (credibility 5) via B. q4 (good) only contradicts T.
    links: ['q1 + A', 'A + T', 'q2 + T', 'q3 + B', 'B + T', 'q4 - T'],
  });

  it('flags the thesis when all its supporting evidence is low-reliability', () => {
    const warnings = ofKind(analyzeWarnings(doc, { thesisId: 'c_T' }), 'low-reliability-only');
    expect(warnings).toEqual([
      {
        kind: 'low-reliability-only',
        message:
          'The evidence supporting “Claim T” comes only from unreliable sources (graded E or F) or improbable quotes (credibility 5).',
        ids: ['c_T'],
      },
    ]);
  });

  it('without a thesis, checks every claim', () => {
    expect(idsOf(analyzeWarnings(doc), 'low-reliability-only')).toEqual([['c_T'], ['c_A'], ['c_B']]);
  });

  it('is silent once one good quote supports the claim, or when nothing does', () => {
    const better = handMap({
      theses: ['T'],
      sources: { Rumour: { reliability: 'E' }, Wire: { reliability: 'B' } },
      quotes: { q1: 'Rumour', q4: { source: 'Wire', credibility: 2 } },
      links: ['q1 + T', 'q4 + T'],
    });
    expect(ofKind(analyzeWarnings(better, { thesisId: 'c_T' }), 'low-reliability-only')).toEqual([]);
    const bare = handMap({ theses: ['T'] });
    expect(ofKind(analyzeWarnings(bare, { thesisId: 'c_T' }), 'low-reliability-only')).toEqual([]);
  });
});

describe('analyzeWarnings on a generated map', () => {
  it('finds every kind and agrees with a scope that is a subset', () => {
    const doc = generateMap({ claims: 400, quotes: 1500, links: 2200, seed: 11 });
    const text = doc.sources['src_000000']!.text;
    const broken = { ...doc, sources: { ...doc.sources, src_000000: { ...doc.sources['src_000000']!, text: text.slice(0, 40) } } };
    const all = analyzeWarnings(broken);
    const kinds = new Set(all.map((w) => w.kind));
    expect([...kinds].sort()).toEqual([
      'circular-support',
      'low-reliability-only',
      'quote-not-anchored',
      'single-source',
      'unsupported-claim',
    ]);
    const key = (w: Warning) => `${w.kind} ${w.ids.join(' ')}`;
    const everything = new Set(all.map(key));
    for (const w of analyzeWarnings(broken, { thesisId: 'c_000000' })) {
      if (w.kind !== 'low-reliability-only') expect(everything).toContain(key(w));
    }
  });
});
