import { expect, it } from 'vitest';
import { rekeyDoc } from '../domain/rekey';
import { expectSameModuloIds, sampleDoc } from '../test/testDocs';

it('re-keys every id and every reference consistently, without touching its input', () => {
  const doc = sampleDoc();
  const snapshot = structuredClone(doc);
  const copy = rekeyDoc(doc);
  expect(doc).toEqual(snapshot);
  expect(copy.map.id).toMatch(/^map_/);
  expect(copy.map.id).not.toBe(doc.map.id);
  expect({ ...copy.map, id: doc.map.id }).toEqual(doc.map);
  expectSameModuloIds(doc, copy);
  expect(Object.keys(copy.sources).every((id) => id.startsWith('src_'))).toBe(true);
  expect(Object.keys(copy.links).every((id) => id.startsWith('l_'))).toBe(true);
  // Two copies never share ids.
  const again = rekeyDoc(doc);
  expect(Object.keys(again.claims).some((id) => id in copy.claims)).toBe(false);
});

it('drops positions of nodes the map does not have', () => {
  const doc = { ...sampleDoc(), layout: { c_thesis: { x: 1, y: 2 }, c_ghost: { x: 3, y: 4 } } };
  expect(Object.values(rekeyDoc(doc).layout)).toEqual([{ x: 1, y: 2 }]);
});
