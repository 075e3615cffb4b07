import { describe, expect, test } from 'vitest';
import { SearchIndex } from './searchIndex';

const source = (id: string, text: string, title = 'A source') => ({ id, title, text });
const hitText = (parts: { text: string; hit: boolean }[]) => parts.filter((p) => p.hit).map((p) => p.text);

describe('SearchIndex', () => {
  test('finds a paragraph by prefix, ignoring case, diacritics and curly quotes, and marks the words', () => {
    const index = new SearchIndex();
    index.putSource(source('src_a', 'First paragraph.\nThe Régime’s envoy met Putin.\nLast one.'));
    const r = index.search("regime's envo");
    expect(r.sources).toHaveLength(1);
    const hit = r.sources[0]!;
    expect(hit.start).toBe(17);
    expect([hit.matchStart, hit.matchEnd]).toEqual([21, 27]);
    expect(hitText(hit.parts)).toEqual(['Régime', 'envoy']);
    expect(hit.parts.map((p) => p.text).join('')).toBe('The Régime’s envoy met Putin.');
  });

  test('forgives a typing error', () => {
    const index = new SearchIndex();
    index.putClaim({ id: 'c_1', text: 'Beijing presents itself as a broker of peace' });
    expect(index.search('breoker').claims.map((h) => h.recordId)).toEqual(['c_1']);
  });

  test('groups hits by kind and follows edits and removals', () => {
    const index = new SearchIndex();
    index.putSource(source('src_a', 'Unity among allies.'));
    index.putQuote({ id: 'q_1', exact: 'Unity among allies' });
    index.putClaim({ id: 'c_1', text: 'Xi stages unity', tags: ['summitry'] });
    const r = index.search('unity');
    expect([r.sources.length, r.quotes.length, r.claims.length]).toEqual([1, 1, 1]);
    index.putSource(source('src_a', 'Nothing in common.'));
    index.remove('q_1');
    const r2 = index.search('unity');
    expect([r2.sources.length, r2.quotes.length, r2.claims.length]).toEqual([0, 0, 1]);
    expect(index.search('summitry').claims).toHaveLength(1);
  });

  test('a script payload stays text', () => {
    const index = new SearchIndex();
    index.putSource(source('src_x', 'Harmless <img src=x onerror="alert(1)"> words'));
    const parts = index.search('harmless').sources[0]!.parts;
    expect(parts.map((p) => p.text).join('')).toContain('<img src=x onerror="alert(1)">');
  });
});
