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

  test('an edit re-indexes the changed paragraphs; the others keep their documents and follow their moved text', () => {
    const index = new SearchIndex();
    const before = 'Alpha unity.\n\nBeta summit.\n\nGamma talks.\n\nBeta summit.';
    index.putSource(source('src_a', before));
    const count = index.documentCount;
    const after = `Opening words.\n\n${before.replace('Gamma talks', 'Gamma envoy')}`;
    index.putSource(source('src_a', after));
    // One paragraph added, one changed: one document more, whichever way it is counted.
    expect(index.documentCount).toBe(count + 1);
    const at = (q: string) => index.search(q).sources.map((h) => after.slice(h.start, h.end)).sort();
    expect(at('opening')).toEqual(['Opening words.']);
    expect(at('envoy')).toEqual(['Gamma envoy.']);
    expect(at('talks')).toEqual([]);
    expect(at('summit')).toEqual(['Beta summit.', 'Beta summit.']);
    const starts = index.search('summit').sources.map((h) => h.start).sort((a, b) => a! - b!);
    expect(starts).toEqual([after.indexOf('Beta summit.'), after.lastIndexOf('Beta summit.')]);
    expect(index.search('unity').sources[0]!.matchStart).toBe(after.indexOf('unity'));
  });
});
