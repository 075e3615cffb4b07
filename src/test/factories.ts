/**
 * Shared factories for tests: small maps built by hand, readable in a test.
 * Timestamps are fixed so that results compare deep-equal.
 */
import { docFromRecords, type MapDoc } from '../domain/change';
import type { Claim, Link, MapMeta, Quote, Source } from '../domain/schema';

export const T0 = '2026-11-23T10:00:00.000Z';

export function makeMap(over: Partial<MapMeta> = {}): MapMeta {
  return { id: 'map_test', title: 'Test map', createdAt: T0, updatedAt: T0, ...over };
}

export function makeSource(id: string, text: string, over: Partial<Source> = {}): Source {
  return { id, title: `Source ${id}`, text, addedAt: T0, ...over };
}

/** A quote of `source` at the first occurrence of `exact`, with 32 characters of context. */
export function makeQuote(id: string, source: Source, exact: string, over: Partial<Quote> = {}): Quote {
  const start = source.text.indexOf(exact);
  if (start < 0) throw new Error(`"${exact}" is not in ${source.id}`);
  const end = start + exact.length;
  return {
    id,
    sourceId: source.id,
    exact,
    prefix: source.text.slice(Math.max(0, start - 32), start),
    suffix: source.text.slice(end, end + 32),
    start,
    end,
    createdAt: T0,
    ...over,
  };
}

export function makeClaim(id: string, text: string, over: Partial<Claim> = {}): Claim {
  return { id, text, kind: 'claim', createdAt: T0, updatedAt: T0, ...over };
}

export function makeLink(id: string, from: string, to: string, relation: Link['relation'] = 'supports', over: Partial<Link> = {}): Link {
  return { id, from, to, relation, createdAt: T0, ...over };
}

/**
 * A small map: a thesis with one supporting and one contradicting quote, and
 * a claim that supports it, itself backed by a quote.
 */
export function smallDoc(): MapDoc {
  const text = 'Alpha beta gamma. The sky is blue today. Delta epsilon — “zeta” eta. Theta iota kappa.';
  const s = makeSource('src_a', text, { reliability: 'B', publisher: 'Pub', url: 'https://example.org/a' });
  const q1 = makeQuote('q_1', s, 'The sky is blue today.', { credibility: 2 });
  const q2 = makeQuote('q_2', s, 'Delta epsilon — “zeta” eta.');
  const q3 = makeQuote('q_3', s, 'Theta iota kappa.');
  return docFromRecords({
    map: makeMap(),
    sources: [s],
    quotes: [q1, q2, q3],
    claims: [
      makeClaim('c_thesis', 'The thesis', { kind: 'thesis', tags: ['main'] }),
      makeClaim('c_sub', 'A sub-claim', { note: 'why' }),
    ],
    links: [
      makeLink('l_1', 'q_1', 'c_thesis', 'supports', { weight: 3 }),
      makeLink('l_2', 'q_2', 'c_thesis', 'contradicts'),
      makeLink('l_3', 'c_sub', 'c_thesis', 'supports'),
      makeLink('l_4', 'q_3', 'c_sub', 'supports', { weight: 1 }),
    ],
    layout: { c_thesis: { x: 0, y: 0 }, q_1: { x: -200, y: 200 } },
  });
}
