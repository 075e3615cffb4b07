import { afterEach, describe, expect, it, vi } from 'vitest';
import { FORMATS, IMPORT_ACCEPT, READABLE, format, formatByName, readAny, sniffFormat, type ReadResult } from './formats';
import { probe } from '../domain/interchange/detect';
import { sampleMap } from '../test/interchangeMaps';
import type { MapDoc } from '../domain/change';

afterEach(() => vi.restoreAllMocks());

const claimTexts = (doc: MapDoc) => Object.values(doc.claims).map((c) => c.text).sort();
const docOf = (r: ReadResult): MapDoc => {
  if (r.kind === 'map-file' && r.parsed.kind === 'ok') return r.parsed.doc;
  if (r.kind === 'converted' && r.result.ok) return r.result.doc;
  throw new Error(`Not read: ${JSON.stringify(r).slice(0, 300)}`);
};

describe('the format list', () => {
  it('names each format once, with the Export menu items of docs/ui-names.md in order', () => {
    expect(new Set(FORMATS.map((f) => f.id)).size).toBe(FORMATS.length);
    expect(FORMATS.filter((f) => f.write).map((f) => f.label)).toEqual([
      'JSON',
      'Markdown report',
      'PNG image',
      'SVG image',
      'Argdown',
      'AIF',
      'JSON Canvas',
    ]);
    expect(READABLE.map((f) => f.id)).toEqual(['warrant', 'argdown', 'aif', 'canvas']);
  });

  it("gives the file input an accept listing every extension of every readable format (.canvas too)", () => {
    const accepted = IMPORT_ACCEPT.split(',');
    for (const f of READABLE) for (const ext of f.extensions) expect(accepted).toContain(ext);
    expect(accepted).toContain('.canvas');
    expect(new Set(accepted).size).toBe(accepted.length);
  });

  it.each(READABLE.map((f) => [f.id]))('%s: what it writes, sniffing recognises as it, and reads back', async (id) => {
    const f = format(id);
    const doc = sampleMap();
    const text = await (await f.write!(doc, {})).text();
    expect((await sniffFormat(probe(text)))?.id).toBe(id);
    const back = docOf(await readAny(text, `sample${f.extensions[0]}`));
    // JSON Canvas holds Markdown: its texts come back with the escapes the export wrote.
    const plain = (t: string) => (id === 'canvas' ? t.replace(/\\(.)/g, '$1') : t);
    expect(claimTexts(back).map(plain)).toEqual(expect.arrayContaining(claimTexts(doc)));
    expect(Object.keys(back.links).length).toBeGreaterThan(0);
    if (id === 'warrant') expect(back).toEqual(doc);
  });

  it('parses a JSON file once: the sniffing parse is the reading parse', async () => {
    for (const id of ['aif', 'canvas'] as const) {
      const text = await (await format(id).write!(sampleMap(), {})).text();
      const parse = vi.spyOn(JSON, 'parse');
      const read = await readAny(text, 'x.json');
      expect(read).toMatchObject({ kind: 'converted', format: id, result: { ok: true } });
      expect(parse).toHaveBeenCalledTimes(1);
      parse.mockRestore();
    }
  });

  it('parses Argdown once: the reader takes the sniffing parse', async () => {
    const text = await (await format('argdown').write!(sampleMap(), {})).text();
    const p = probe(text);
    expect((await sniffFormat(p))?.id).toBe('argdown');
    const parsed = p.argdown;
    expect(parsed && 'response' in parsed).toBe(true);
    const read = await format('argdown').read!(p, 'x.argdown');
    expect(read).toMatchObject({ kind: 'converted', result: { ok: true } });
    // Still the same parse object: nothing replaced it.
    expect(p.argdown).toBe(parsed);
  });

  it("reads a file no format recognises as its name's format, so the problem is that format's", async () => {
    expect(formatByName('Broken.CANVAS')?.id).toBe('canvas');
    expect(formatByName('x.warrant.json')?.id).toBe('warrant');
    expect(formatByName('x.aif.json')?.id).toBe('aif');
    expect(formatByName('x.json')).toBeNull();
    expect(await readAny('{"nodes": 3}', 'board.canvas')).toMatchObject({
      kind: 'converted',
      format: 'canvas',
      result: { ok: false, message: expect.stringMatching(/^Not a JSON Canvas file/) },
    });
    expect(await readAny('{"format": "warrant.map", ', 'x.warrant.json')).toMatchObject({ kind: 'map-file', parsed: { kind: 'not-a-map-file' } });
    expect(await readAny('', 'empty.warrant.json')).toMatchObject({ kind: 'map-file', parsed: { message: expect.stringMatching(/not valid JSON/) } });
    expect(await readAny('  ', 'empty.canvas')).toEqual({ kind: 'unknown' });
    expect(await readAny('{"nodes": 3}', 'x.json')).toEqual({ kind: 'unknown' });
    // Prose named .argdown reads as Argdown without an error, yet is no map.
    expect(await readAny('Just a paragraph of prose.', 'notes.argdown')).toEqual({ kind: 'unknown' });
  });

  it('says what a foreign export leaves out; images need the graph to draw', async () => {
    for (const id of ['aif', 'argdown', 'canvas'] as const) {
      const lines = await format(id).losses!(sampleMap());
      expect(lines.length).toBeGreaterThan(0);
    }
    expect(format('warrant').losses).toBeUndefined();
    await expect(format('png').write!(sampleMap(), {})).rejects.toThrow(/no graph on screen/);
    const drawn = new Blob(['<svg/>'], { type: 'image/svg+xml' });
    await expect(format('svg').write!(sampleMap(), { image: async () => drawn })).resolves.toBe(drawn);
  });

  it('writes the Markdown report of the chosen thesis', async () => {
    const doc = sampleMap();
    const thesis = Object.values(doc.claims).find((c) => c.kind === 'thesis')!;
    const text = await (await format('markdown').write!(doc, { thesisId: thesis.id })).text();
    expect(text).toContain(thesis.text);
  });
});
