import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect';
import { toAIF } from './aif';
import { toArgdown } from './argdown';
import { sampleMap } from '../../test/interchangeMaps';

describe('detectFormat', () => {
  it('recognises a Warrant map file', () => {
    expect(detectFormat(JSON.stringify({ format: 'warrant.map', version: 1, map: {} }))).toBe('warrant');
  });

  it('recognises AIFdb JSON, OVA JSON and our own AIF export', () => {
    expect(detectFormat('{"nodes":[{"nodeID":"1","text":"x","type":"I"}],"edges":[]}')).toBe('aif');
    expect(detectFormat(JSON.stringify({ AIF: { nodes: [{ nodeID: 1 }], edges: [] }, OVA: {} }))).toBe('aif');
    expect(detectFormat(toAIF(sampleMap()))).toBe('aif');
  });

  it('recognises Argdown with a relation, an argument or a titled statement, and our own export', () => {
    expect(detectFormat('Cats are nice\n  + Cats are soft\n')).toBe('argdown');
    expect(detectFormat('<Arg>: An argument.\n')).toBe('argdown');
    expect(detectFormat('[Claim]: A titled statement.\n')).toBe('argdown');
    expect(detectFormat(toArgdown(sampleMap()))).toBe('argdown');
  });

  it('says unknown for other JSON, broken JSON, plain prose, empty text, Argdown with errors', () => {
    expect(detectFormat('{"nodes":[{"id":"1"}],"edges":[]}')).toBe('unknown');
    expect(detectFormat('[1, 2, 3]')).toBe('unknown');
    expect(detectFormat('{"format": "warrant.map", ')).toBe('unknown');
    expect(detectFormat('Just a paragraph of prose.')).toBe('unknown');
    expect(detectFormat('   \n')).toBe('unknown');
    expect(detectFormat('[A]: a\n  + [B]: b\n broken\n(1) x\n----\n')).toBe('unknown');
  });
});
