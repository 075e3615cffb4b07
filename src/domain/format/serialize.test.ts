import { describe, expect, it } from 'vitest';
import { emptyDoc, type MapDoc } from '../change';
import { generateMap } from '../../test/testMaps';
import { sampleMap } from '../../test/interchangeMaps';
import { docToFile, serializeMap } from './serialize';

/** What the format's text is, written the plain way. */
const plain = (doc: MapDoc, at: string) => JSON.stringify(docToFile(doc, at), null, 2) + '\n';

const AT = '2026-12-01T00:00:00.000Z';

describe('serializeMap', () => {
  it('writes exactly the pretty JSON of the file', () => {
    for (const doc of [sampleMap(), generateMap({ claims: 300, quotes: 900, links: 1500, seed: 7 })]) {
      expect(serializeMap(doc, AT)).toBe(plain(doc, AT));
    }
  });

  it('writes an empty map (empty arrays and layout) the same way too', () => {
    const doc = emptyDoc({ id: 'map_empty', title: 'Empty', createdAt: AT, updatedAt: AT });
    expect(serializeMap(doc, AT)).toBe(plain(doc, AT));
  });

  it('reports progress up to the number of records', () => {
    const doc = generateMap({ claims: 400, quotes: 800, links: 1200, seed: 3 });
    const calls: Array<[number, number]> = [];
    serializeMap(doc, AT, (done, total) => calls.push([done, total]));
    const total = Object.keys(doc.sources).length + 400 + 800 + Object.keys(doc.links).length + Object.keys(doc.layout).length;
    expect(calls.length).toBeGreaterThan(3);
    expect(calls.at(-1)).toEqual([total, total]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThanOrEqual(calls[i - 1]![0]);
  });
});
