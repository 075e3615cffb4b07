/**
 * A small hand-built map for the interchange tests: a thesis, two claims, a
 * source with two quotes, and links of both relations from claims and quotes.
 * Texts carry Argdown markup characters on purpose.
 */
import { docFromRecords, type MapDoc } from '../domain/change';
import { T0 } from './factories';

export { T0 } from './factories';

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

/** Every link of a doc as "from text → relation → to text", for comparing maps across formats; a link aimed at a link names that link in turn. */
export function linkTriples(doc: MapDoc): string[] {
  return Object.values(doc.links)
    .map((l) => linkText(doc, l.id))
    .sort();
}

/** A link as "from text → relation → to text" (the target link spelled out in turn). */
export function linkText(doc: MapDoc, id: string, depth = 0): string {
  const link = doc.links[id];
  if (link && depth < 20) return `${linkText(doc, link.from)} → ${link.relation} → ${linkText(doc, link.to, depth + 1)}`;
  return doc.claims[id]?.text ?? doc.quotes[id]?.exact ?? `?${id}`;
}

/**
 * The structure of linked arguments and links aimed at links, ids aside: each
 * group as its sorted premises → relation → target, and each link aimed at a link.
 */
export function argumentShape(doc: MapDoc): { groups: string[]; aimedAtLinks: string[] } {
  const textOf = (id: string) => doc.claims[id]?.text ?? doc.quotes[id]?.exact ?? `?${id}`;
  const byGroup = new Map<string, string[]>();
  for (const l of Object.values(doc.links)) {
    if (l.group === undefined) continue;
    const key = `${l.relation} → ${l.to in doc.links ? 'a link' : textOf(l.to)}${l.scheme ? ` (${l.scheme})` : ''}`;
    const list = byGroup.get(`${l.group}\u0000${key}`) ?? [];
    list.push(textOf(l.from));
    byGroup.set(`${l.group}\u0000${key}`, list);
  }
  const groups = [...byGroup].map(([k, premises]) => `${premises.sort().join(' + ')} ${k.split('\u0000')[1]}`).sort();
  const all = linkTriples(doc);
  const aimedAtLinks = all.filter((t) => t.split(' → ').length > 3);
  return { groups, aimedAtLinks };
}

/** What a round trip must give back, ids and timestamps aside. */
export function sameContent(doc: MapDoc) {
  const sourceTitle = (id: string) => doc.sources[id]?.title ?? '?';
  return {
    title: doc.map.title,
    description: doc.map.description,
    claims: Object.values(doc.claims).map((c) => [c.text, c.kind, c.tags ?? [], c.note ?? '']).sort(),
    quotes: Object.values(doc.quotes).map((q) => [q.exact, sourceTitle(q.sourceId), q.start, q.end, q.prefix, q.suffix, q.credibility ?? 0, q.note ?? '']).sort(),
    sources: Object.values(doc.sources).map(({ id: _id, addedAt: _at, ...rest }) => rest).sort((a, b) => a.title.localeCompare(b.title)),
    links: linkTriples(doc),
    weights: Object.values(doc.links).map((l) => `${linkText(doc, l.id)}: weight ${l.weight ?? 2}, note ${l.note ?? ''}, scheme ${l.scheme ?? ''}`).sort(),
    shape: argumentShape(doc),
  };
}

/**
 * The sample map with the argument model of format version 2: "c_words" and
 * "c_fleet" together support the thesis (a linked argument with a scheme),
 * and a quote undercuts that inference.
 */
export function argumentModelMap(): MapDoc {
  const doc = sampleMap();
  const links = { ...doc.links };
  links['l_1'] = { ...links['l_1']!, group: 'Expert', scheme: 'Argument From Expert Opinion', weight: 3 };
  links['l_2'] = { ...links['l_2']!, relation: 'supports', group: 'Expert', scheme: 'Argument From Expert Opinion', weight: 3 };
  links['l_6'] = { id: 'l_6', from: 'q_two', to: 'l_1', relation: 'contradicts', weight: 1, note: 'Growth is not restraint.', createdAt: '2026-01-01T00:00:07.000Z' };
  return { ...doc, links };
}

/** Every node text of a doc (claims and quotes), sorted. */
export function nodeTexts(doc: MapDoc): string[] {
  return [...Object.values(doc.claims).map((c) => c.text), ...Object.values(doc.quotes).map((q) => q.exact)].sort();
}
