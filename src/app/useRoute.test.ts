import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeIdPart, encodeIdPart, mapHref, parseHash } from './useRoute';

/** Any UTF-16 string, lone surrogates and `%` included (fc's binary strings are slow to generate). */
const codeUnits = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.constantFrom(0x25, 0x75)), { maxLength: 24 })
  .map((units) => String.fromCharCode(...units));

describe('the route', () => {
  it('never throws on a hash typed by hand', () => {
    for (const hash of ['#/map/%', '#/map/%E0%A4', '#/map/%%%', '#/map/%uZZZZ', '#/map/%ud800', '#/map/a%2']) {
      expect(() => parseHash(hash)).not.toThrow();
      expect(parseHash(hash).screen).toBe('map');
    }
    expect(parseHash('#/map/%')).toEqual({ screen: 'map', mapId: '%' });
  });

  it('links to a map whose id holds a lone surrogate, and reads the same id back', () => {
    const id = 'map_lone\ud800x\udc00';
    expect(() => mapHref(id)).not.toThrow();
    expect(parseHash(mapHref(id))).toEqual({ screen: 'map', mapId: id });
  });

  it('round-trips any string', () => {
    fc.assert(
      fc.property(codeUnits, (s) => {
        expect(decodeIdPart(encodeIdPart(s))).toBe(s);
      }),
    );
  });

  it('writes ordinary ids as encodeURIComponent does', () => {
    expect(mapHref('map_a b/c😀')).toBe(`#/map/${encodeURIComponent('map_a b/c😀')}`);
  });
});
