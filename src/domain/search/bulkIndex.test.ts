import MiniSearch, { type Options } from 'minisearch';
import { describe, expect, test } from 'vitest';
import { BulkMiniSearch } from './bulkIndex';
import { EvidenceFinder } from './finder';
import { SearchIndex } from './searchIndex';
import { STOP_WORDS, words } from './text';

type Doc = { id: string; text: string; tag?: string };
const processTerm = (t: string) => (STOP_WORDS.has(t) ? null : t);
const options: Options<Doc> = { fields: ['text'], storeFields: ['tag'], tokenize: words, processTerm };
const docs: Doc[] = [
  { id: 'a', text: 'The régime’s envoy met the envoy of Putin.', tag: 'x' },
  { id: 'b', text: 'Unity among allies, and unity of purpose.' },
  { id: 'c', text: 'An envoy for peace; a broker of peace talks.', tag: 'y' },
];

describe('BulkMiniSearch.addBulk', () => {
  test('builds the index addAll builds: the same serialized form', () => {
    const added = new MiniSearch<Doc>(options);
    added.addAll(docs);
    const built = new BulkMiniSearch(options).addBulk(
      processTerm,
      docs.map((d) => ({ id: d.id, words: words(d.text), stored: d.tag === undefined ? {} : { tag: d.tag } })),
    );
    expect(JSON.parse(JSON.stringify(built))).toEqual(JSON.parse(JSON.stringify(added)));
    expect(built.search('envoy', { prefix: true }).map((r) => [r.id, r.score, r['tag']])).toEqual(
      added.search('envoy', { prefix: true }).map((r) => [r.id, r.score, r['tag']]),
    );
  });

  test('the index it builds takes later edits', () => {
    const built = new BulkMiniSearch(options).addBulk(
      processTerm,
      docs.map((d) => ({ id: d.id, words: words(d.text) })),
    );
    built.discard('a');
    built.add({ id: 'd', text: 'A new envoy arrives.' });
    expect(built.search('envoy').map((r) => r.id).sort()).toEqual(['c', 'd']);
  });
});

describe('SearchIndex.load', () => {
  test('gives the results of putting each record', () => {
    const sources = [
      { id: 'src_a', title: 'Talks', text: 'First paragraph about unity.\n\nThe Régime’s envoy met Putin.' },
      { id: 'src_b', title: 'Summit', author: 'A. Writer', text: 'Unity among allies.' },
    ];
    const quotes = [{ id: 'q_1', exact: 'Unity among allies', note: 'a quote note' }];
    const claims = [{ id: 'c_1', text: 'Xi stages unity', tags: ['summitry'] }];
    const one = new SearchIndex();
    for (const s of sources) one.putSource(s);
    for (const q of quotes) one.putQuote(q);
    for (const c of claims) one.putClaim(c);
    const all = new SearchIndex();
    all.load(sources, quotes, claims);
    for (const q of ['unity', 'regime envo', 'summitry', 'writer', 'note']) expect(all.search(q)).toEqual(one.search(q));
    all.putSource({ id: 'src_a', title: 'Talks', text: 'Nothing in common.' });
    expect(all.search('regime').sources).toEqual([]);
  });
});

describe('EvidenceFinder.putSources', () => {
  test('ranks as putting each source does', () => {
    const sources = [
      { id: 'src_a', text: 'Xi met Putin in Moscow. The talks were about trade and energy. Unity was on show.' },
      { id: 'src_b', text: 'Energy trade with Russia grew. Beijing kept Moscow afloat with purchases of oil.' },
    ];
    const one = new EvidenceFinder();
    for (const s of sources) one.putSource(s);
    const all = new EvidenceFinder();
    all.putSources(sources);
    const query = { text: 'China props up the Russian economy through energy trade' };
    expect(all.find(query)).toEqual(one.find(query));
    expect(all.find(query).length).toBeGreaterThan(0);
  });
});
