/**
 * A small hand-built map for the interchange tests: a thesis, two claims, a
 * source with two quotes, and links of both relations from claims and quotes.
 * Texts carry Argdown markup characters on purpose.
 */
import { docFromRecords, type MapDoc } from '../change';
import { T0 } from '../../test/factories';

export { T0 } from '../../test/factories';

export const SOURCE_TEXT =
  'Officials said the new posture is defensive. Critics replied that the fleet doubled in size since 2015, ' +
  'and that #budgets keep rising: see https://example.org/report [p. 4].';

export function sampleMap(): MapDoc {
  const at = (n: number) => new Date(Date.parse(T0) + n * 1000).toISOString();
  const q1 = 'the new posture is defensive';
  const q2 = 'the fleet doubled in size since 2015';
  return docFromRecords({
    map: { id: 'map_sample', title: 'Is the posture defensive?', description: 'A test map.', createdAt: T0, updatedAt: T0 },
    sources: [
      {
        id: 'src_report',
        title: 'Annual report: naval posture',
        author: 'A. Analyst',
        url: 'https://example.org/report',
        reliability: 'B',
        text: SOURCE_TEXT,
        addedAt: T0,
      },
    ],
    quotes: [
      { id: 'q_one', sourceId: 'src_report', exact: q1, prefix: 'Officials said ', suffix: '. Critics', start: SOURCE_TEXT.indexOf(q1), end: SOURCE_TEXT.indexOf(q1) + q1.length, createdAt: at(1) },
      { id: 'q_two', sourceId: 'src_report', exact: q2, prefix: '', suffix: '', start: SOURCE_TEXT.indexOf(q2), end: SOURCE_TEXT.indexOf(q2) + q2.length, note: 'Numbers from {table 2}.', createdAt: at(2) },
    ],
    claims: [
      { id: 'c_thesis', text: "Xi's diplomacy is shifting from offense to defense", kind: 'thesis', createdAt: at(0), updatedAt: at(0) },
      { id: 'c_words', text: 'Official statements stress #restraint and [stability] <now>', kind: 'claim', tags: ['rhetoric', 'two words'], createdAt: at(1), updatedAt: at(1) },
      { id: 'c_fleet', text: 'Military spending keeps growing: 7% a year (see https://example.org) .A. holds', kind: 'claim', note: 'Check the 2024 figures.', createdAt: at(2), updatedAt: at(2) },
      { id: 'c_dup', text: "Xi's diplomacy is shifting from offense to defense, again", kind: 'claim', createdAt: at(3), updatedAt: at(3) },
    ],
    links: [
      { id: 'l_1', from: 'c_words', to: 'c_thesis', relation: 'supports', createdAt: at(1) },
      { id: 'l_2', from: 'c_fleet', to: 'c_thesis', relation: 'contradicts', weight: 3, createdAt: at(2) },
      { id: 'l_3', from: 'q_one', to: 'c_words', relation: 'supports', createdAt: at(3) },
      { id: 'l_4', from: 'q_two', to: 'c_fleet', relation: 'supports', createdAt: at(4) },
      { id: 'l_5', from: 'c_dup', to: 'c_words', relation: 'contradicts', createdAt: at(5) },
    ],
    layout: { c_thesis: { x: 0, y: 0 }, c_words: { x: -200, y: 160 }, q_one: { x: -200, y: 320 } },
  });
}

/** Every link of a doc as "from text → relation → to text", for comparing maps across formats. */
export function linkTriples(doc: MapDoc): string[] {
  const textOf = (id: string) => doc.claims[id]?.text ?? doc.quotes[id]?.exact ?? `?${id}`;
  return Object.values(doc.links)
    .map((l) => `${textOf(l.from)} → ${l.relation} → ${textOf(l.to)}`)
    .sort();
}

/** Every node text of a doc (claims and quotes), sorted. */
export function nodeTexts(doc: MapDoc): string[] {
  return [...Object.values(doc.claims).map((c) => c.text), ...Object.values(doc.quotes).map((q) => q.exact)].sort();
}
