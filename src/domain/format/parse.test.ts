import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMapFile, formatPath, MAX_ENTITIES } from './parse';
import { docToFile, mapFileName, serializeMap } from './serialize';
import { checkDoc } from '../integrity';
import { mapDocArb } from '../../test/arbitraries';
import { smallDoc } from '../../test/factories';

const fileOf = () => JSON.parse(serializeMap(smallDoc(), '2026-11-24T00:00:00.000Z')) as Record<string, unknown> & {
  quotes: Array<Record<string, unknown>>;
  links: Array<Record<string, unknown>>;
  claims: Array<Record<string, unknown>>;
  sources: Array<Record<string, unknown>>;
};

describe('parseMapFile', () => {
  it('reads back what serializeMap wrote', () => {
    const doc = smallDoc();
    const result = parseMapFile(serializeMap(doc));
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.doc).toEqual(doc);
    expect(result.notices).toEqual([]);
  });

  it('says when the text is not JSON', () => {
    const result = parseMapFile('{"format": "warrant.map", "version": 1, ');
    expect(result.kind).toBe('not-a-map-file');
    if (result.kind === 'not-a-map-file') expect(result.message).toMatch(/not valid JSON/);
  });

  it('says when the JSON is not a map file', () => {
    expect(parseMapFile('[1,2,3]').kind).toBe('not-a-map-file');
    expect(parseMapFile('{"nodes": []}').kind).toBe('not-a-map-file');
    expect(parseMapFile('null').kind).toBe('not-a-map-file');
  });

  it('refuses a newer version with "made by a newer version"', () => {
    const file = fileOf();
    file['version'] = 4;
    const result = parseMapFile(JSON.stringify(file));
    expect(result.kind).toBe('too-new');
    if (result.kind === 'too-new') {
      expect(result.version).toBe(4);
      expect(result.message).toMatch(/made by a newer version of Warrant/);
    }
  });

  it('lists every schema problem with its JSON path', () => {
    const file = fileOf();
    file.claims[0]!['kind'] = 'hypothesis';
    file.links[1]!['relation'] = 'undercuts';
    file.sources[0]!['url'] = 'javascript:alert(1)';
    const result = parseMapFile(JSON.stringify(file));
    expect(result.kind).toBe('invalid');
    if (result.kind !== 'invalid') return;
    const paths = result.problems.map((p) => p.path);
    expect(paths).toContain('claims[0].kind');
    expect(paths).toContain('links[1].relation');
    expect(paths).toContain('sources[0].url');
  });

  it('refuses dangling references, self links, duplicate links and duplicate ids', () => {
    const file = fileOf();
    file.links.push({ id: 'l_9', from: 'q_404', to: 'c_thesis', relation: 'supports', createdAt: '2026-11-23T10:00:00.000Z' });
    file.links.push({ id: 'l_10', from: 'c_sub', to: 'c_sub', relation: 'supports', createdAt: '2026-11-23T10:00:00.000Z' });
    file.links.push({ id: 'l_11', from: 'q_1', to: 'c_thesis', relation: 'contradicts', createdAt: '2026-11-23T10:00:00.000Z' });
    file.claims.push({ ...file.claims[1]!, text: 'same id' });
    file.quotes[0]!['sourceId'] = 'src_missing';
    const result = parseMapFile(JSON.stringify(file));
    expect(result.kind).toBe('invalid');
    if (result.kind !== 'invalid') return;
    const byPath = Object.fromEntries(result.problems.map((p) => [p.path, p.message]));
    expect(byPath['links[4].from']).toMatch(/names no claim or quote/);
    expect(byPath['links[5].to']).toMatch(/itself/);
    expect(byPath['links[6]']).toMatch(/same nodes as links\[0\]/);
    expect(byPath['claims[2].id']).toMatch(/duplicates the id/);
    expect(byPath['quotes[0].sourceId']).toMatch(/names no source/);
  });

  it('refuses a link to a quote', () => {
    const file = fileOf();
    file.links.push({ id: 'l_12', from: 'c_sub', to: 'q_1', relation: 'supports', createdAt: '2026-11-23T10:00:00.000Z' });
    const result = parseMapFile(JSON.stringify(file));
    expect(result.kind === 'invalid' && result.problems.map((p) => p.path)).toEqual(['links[4].to']);
  });

  it('re-anchors a quote whose position moved and says so', () => {
    const file = fileOf();
    const q = file.quotes[0]!;
    q['start'] = (q['start'] as number) + 3;
    q['end'] = (q['end'] as number) + 3;
    const result = parseMapFile(JSON.stringify(file));
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.notices[0]).toMatch(/quotes\[0\] was re-anchored/);
    expect(result.anchors).toMatchObject({ relocated: 1, fuzzy: 0, ambiguous: 0, orphaned: 0 });
    const quote = result.doc.quotes['q_1']!;
    const text = result.doc.sources['src_a']!.text;
    expect(text.slice(quote.start, quote.end)).toBe(quote.exact);
  });

  it('keeps and flags a quote that is not in its source, never refusing the file (rule 3)', () => {
    const file = fileOf();
    const before = { ...file.quotes[0]! };
    file.quotes[0]!['exact'] = 'Quite unrelated words, 12345.';
    const result = parseMapFile(JSON.stringify(file));
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.anchors.orphaned).toBe(1);
    expect(result.doc.quotes['q_1']).toMatchObject({ exact: 'Quite unrelated words, 12345.', start: before['start'], end: before['end'] });
    expect(result.notices.join(' ')).toMatch(/1 not found in their source/);
  });

  it('moves a range past the end of its source text inside it, and says so', () => {
    const file = fileOf();
    const text = (file.sources[0]!['text'] as string);
    file.quotes[0]!['exact'] = 'gone words';
    file.quotes[0]!['start'] = text.length + 10;
    file.quotes[0]!['end'] = text.length + 20;
    const result = parseMapFile(JSON.stringify(file));
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    const q = result.doc.quotes['q_1']!;
    expect(q.end).toBeLessThanOrEqual(text.length);
    expect(q.start).toBeLessThan(q.end);
    expect(result.notices.join(' ')).toMatch(/lay outside its source text/);
  });

  it('drops unknown fields', () => {
    const file = fileOf();
    file['extra'] = { a: 1 };
    file.claims[0]!['colour'] = 'red';
    const result = parseMapFile(JSON.stringify(file));
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.doc.claims['c_thesis']).not.toHaveProperty('colour');
  });

  it('lets __proto__, constructor and prototype keys pollute nothing', () => {
    const file = fileOf();
    const text = JSON.stringify(file).replace(
      '"layout":{',
      '"layout":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"x":1,"y":2},',
    ).replace('"map":{', '"map":{"__proto__":{"polluted":true},');
    expect(text).toContain('__proto__');
    const result = parseMapFile(text);
    expect(result.kind).toBe('ok');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    if (result.kind !== 'ok') return;
    expect(Object.getPrototypeOf(result.doc.layout)).toBe(Object.prototype);
    expect(Object.keys(result.doc.layout).sort()).toEqual(['c_thesis', 'q_1']);
  });

  it('refuses too many entities before validating them', () => {
    const file = fileOf();
    file.claims = Array.from({ length: MAX_ENTITIES + 1 }, () => ({}));
    const result = parseMapFile(JSON.stringify(file));
    expect(result.kind).toBe('invalid');
    if (result.kind === 'invalid') expect(result.problems[0]!.message).toMatch(/limit is 200000/);
  });

  it('survives deeply nested JSON', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const result = parseMapFile(`{"format":"warrant.map","version":1,"claims":${deep}}`);
    expect(result.kind === 'invalid' || result.kind === 'not-a-map-file').toBe(true);
  });

  it('formats paths as the format doc writes them', () => {
    expect(formatPath(['quotes', 3, 'exact'])).toBe('quotes[3].exact');
    expect(formatPath([])).toBe('(file)');
  });
});

describe('serializeMap', () => {
  it('writes the keys in the order of the format doc', () => {
    const file = docToFile(smallDoc(), '2026-11-24T00:00:00.000Z');
    expect(Object.keys(file)).toEqual(['format', 'version', 'exportedAt', 'map', 'sources', 'quotes', 'claims', 'links', 'layout', 'comments']);
  });
  it('makes a safe file name of a title', () => {
    expect(mapFileName('Is Xi\'s diplomacy turning defensive?')).toBe('Is Xi\'s diplomacy turning defensive.warrant.json');
    expect(mapFileName('a/b:c')).toBe('a b c.warrant.json');
    expect(mapFileName('   ')).toBe('Untitled map.warrant.json');
  });
});

describe('map file properties', () => {
  it('serialize then parse is the identity on random valid maps', () => {
    fc.assert(
      fc.property(mapDocArb, (doc) => {
        expect(checkDoc(doc)).toEqual([]);
        const result = parseMapFile(serializeMap(doc));
        if (result.kind !== 'ok') throw new Error(JSON.stringify(result));
        expect(result.doc).toEqual(doc);
      }),
      { numRuns: 150 },
    );
  });

  it('random corruptions of a valid file never throw: refused with a problem, or a valid map', () => {
    const corruption = fc.record({
      mode: fc.constantFrom('delete', 'retype', 'truncate', 'char', 'number', 'swap-id'),
      at: fc.nat(),
      value: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.constant([]), fc.constant({})),
    });
    fc.assert(
      fc.property(mapDocArb, fc.array(corruption, { minLength: 1, maxLength: 4 }), (doc, corruptions) => {
        let text = serializeMap(doc);
        for (const c of corruptions) text = corrupt(text, c);
        const result = parseMapFile(text);
        if (result.kind === 'ok') expect(checkDoc(result.doc)).toEqual([]);
        else if (result.kind === 'invalid') expect(result.problems.length).toBeGreaterThan(0);
        else expect(result.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

type Corruption = { mode: string; at: number; value: unknown };

/** Applies one corruption: to the parsed JSON where it still parses, else to the text. */
function corrupt(text: string, c: Corruption): string {
  if (c.mode === 'truncate') return text.slice(0, c.at % Math.max(1, text.length));
  if (c.mode === 'char') {
    const i = c.at % Math.max(1, text.length);
    return text.slice(0, i) + String.fromCharCode(32 + (c.at % 90)) + text.slice(i + 1);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  const slots: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => { slots.push({ parent: v, key: i }); walk(x); });
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) { slots.push({ parent: v as Record<string, unknown>, key: k }); walk(x); }
    }
  };
  walk(value);
  const slot = slots[c.at % Math.max(1, slots.length)];
  if (!slot) return text;
  const parent = slot.parent as Record<string | number, unknown>;
  if (c.mode === 'delete') {
    if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
    else delete parent[slot.key];
  } else if (c.mode === 'retype') parent[slot.key] = c.value;
  else if (c.mode === 'number') parent[slot.key] = typeof parent[slot.key] === 'number' ? (parent[slot.key] as number) + 1 : -1;
  else if (c.mode === 'swap-id') parent[slot.key] = 'q_1';
  return JSON.stringify(value);
}
