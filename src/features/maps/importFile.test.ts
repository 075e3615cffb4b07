import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../storage/db';
import { listMaps } from '../../storage/queries';
import { loadMap } from '../../storage/reads';
import { serializeMap } from '../../domain/format/serialize';
import { sampleMap } from '../../test/interchangeMaps';
import { importFile, resolveConflict } from './importFile';

afterEach(async () => {
  await db.transaction('rw', db.tables, async () => {
    for (const t of db.tables) await t.clear();
  });
});

async function saved(mapId: string) {
  const loaded = await loadMap(mapId);
  expect(loaded).not.toBeNull();
  return loaded!.doc;
}

const texts = (doc: { claims: Record<string, { text: string; kind: string }> }) =>
  Object.values(doc.claims)
    .map((c) => `${c.kind}: ${c.text}`)
    .sort();

/** Written by hand the way AIFdb writes it: string ids, an L-node, a YA node and an undercut. */
const AIF = JSON.stringify({
  nodes: [
    { nodeID: '1', text: 'The port deal is defensive', type: 'I' },
    { nodeID: '2', text: 'The port has no naval berths', type: 'I' },
    { nodeID: '3', text: 'The port was dredged for carriers', type: 'I' },
    { nodeID: '4', text: 'Default Inference', type: 'RA' },
    { nodeID: '5', text: 'Default Conflict', type: 'CA' },
    { nodeID: '6', text: 'Analyst: The port has no naval berths', type: 'L' },
    { nodeID: '7', text: 'Asserting', type: 'YA' },
  ],
  edges: [
    { edgeID: 'a', fromID: '2', toID: '4' },
    { edgeID: 'b', fromID: '4', toID: '1' },
    { edgeID: 'c', fromID: '3', toID: '5' },
    { edgeID: 'd', fromID: '5', toID: '1' },
    { edgeID: 'e', fromID: '6', toID: '7' },
    { edgeID: 'f', fromID: '7', toID: '2' },
  ],
  locutions: [],
});

const ARGDOWN = `===
title: Port strategy
===

[Defensive]: The port deal is defensive. #thesis
  + [No berths]: The port has no naval berths.
  - [Dredged]: The port was dredged for carriers.
    _ <Old survey>: The survey is from 2010.
`;

describe('importFile', () => {
  it('converts hand-written AIF into a saved map, with a summary of what came in and what did not', async () => {
    const out = await importFile(AIF, 'debate.json');
    expect(out.kind).toBe('converted');
    if (out.kind !== 'converted') return;
    expect(out.format).toBe('aif');
    expect(out.summary.imported).toEqual({ claims: 3, links: 2, quotes: 0, sources: 0 });
    expect(out.summary.leftOut.join('\n')).toMatch(/YA node/);
    expect(out.summary.notes.join('\n')).toMatch(/Locution/);

    const doc = await saved(out.mapId);
    expect(texts(doc)).toEqual(['claim: The port deal is defensive', 'claim: The port has no naval berths', 'claim: The port was dredged for carriers']);
    const byText = Object.fromEntries(Object.values(doc.claims).map((c) => [c.text, c.id]));
    const links = Object.values(doc.links).map((l) => [l.from, l.relation, l.to]);
    expect(links).toContainEqual([byText['The port has no naval berths'], 'supports', byText['The port deal is defensive']]);
    expect(links).toContainEqual([byText['The port was dredged for carriers'], 'contradicts', byText['The port deal is defensive']]);
    expect((await listMaps()).map((m) => m.id)).toEqual([out.mapId]);
  });

  it('converts hand-written Argdown: statements, the thesis, relations, the title; the undercut kept as a note', async () => {
    const out = await importFile(ARGDOWN, 'port.argdown');
    expect(out.kind).toBe('converted');
    if (out.kind !== 'converted') return;
    expect(out.format).toBe('argdown');
    expect(out.title).toBe('Port strategy');
    const doc = await saved(out.mapId);
    expect(doc.map.title).toBe('Port strategy');
    expect(texts(doc)).toContain('thesis: The port deal is defensive.');
    expect(texts(doc)).toContain('claim: The port has no naval berths.');
    const relations = Object.values(doc.links)
      .map((l) => `${doc.claims[l.from]?.text} ${l.relation} ${doc.claims[l.to]?.text}`)
      .sort();
    expect(relations).toContain('The port has no naval berths. supports The port deal is defensive.');
    expect(relations).toContain('The port was dredged for carriers. contradicts The port deal is defensive.');
    expect(out.summary.imported.links).toBe(relations.length);
    expect(out.summary.notes.join('\n')).toMatch(/undercut/i);
  });

  it('says when quotes came back as claims (a Warrant map exported to Argdown)', async () => {
    const { toArgdown } = await import('../../domain/interchange/argdown');
    const out = await importFile(toArgdown(sampleMap()), 'sample.argdown');
    expect(out.kind).toBe('converted');
    if (out.kind !== 'converted') return;
    expect(out.summary.notes.some((n) => /came back as claims/.test(n))).toBe(true);
    expect(out.summary.imported.quotes).toBe(0);
  });

  it('defers Warrant map files to the map file import (same ids kept)', async () => {
    const doc = sampleMap();
    const out = await importFile(serializeMap(doc), 'x.warrant.json');
    expect(out).toMatchObject({ kind: 'imported', mapId: doc.map.id });
    const again = await importFile(serializeMap(doc), 'x.warrant.json');
    expect(again.kind).toBe('conflict');
  });

  it('answers "Map already exists" with the map as read: the file is not parsed again', async () => {
    const doc = sampleMap();
    const text = serializeMap(doc);
    await importFile(text, 'x.warrant.json');
    const conflict = await importFile(text, 'x.warrant.json');
    if (conflict.kind !== 'conflict') throw new Error(conflict.kind);
    expect(conflict).toMatchObject({ mapId: doc.map.id, title: doc.map.title, size: text.length, parsed: { kind: 'ok' } });
    const parse = vi.spyOn(JSON, 'parse');
    const copy = await resolveConflict(conflict, 'copy');
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
    expect(copy.kind).toBe('imported');
    expect(await listMaps()).toHaveLength(2);
    const replaced = await resolveConflict(conflict, 'replace');
    expect(replaced).toMatchObject({ kind: 'imported', mapId: doc.map.id });
    expect(await listMaps()).toHaveLength(2);
  });

  it('refuses a file that is no map, with a clear message, and writes nothing', async () => {
    for (const [text, name] of [
      ['Dear diary, today nothing happened.', 'notes.txt'],
      ['{"name": "package", "version": "1.0.0"}', 'package.json'],
      ['', 'empty.argdown'],
    ] as const) {
      const out = await importFile(text, name);
      expect(out.kind).toBe('failed');
      if (out.kind !== 'failed') continue;
      expect(out.fileName).toBe(name);
      expect(out.message).toMatch(/not in a format Warrant reads/);
    }
    expect(await listMaps()).toEqual([]);
  });

  it('explains a broken .warrant.json with the map file parser, and a broken AIF file with the AIF reader', async () => {
    const broken = await importFile('{"format": "warrant.map", "version": 1', 'broken.warrant.json');
    expect(broken.kind).toBe('failed');
    const badAif = await importFile(JSON.stringify({ nodes: [{ nodeID: '1', type: 'I', text: 'a' }, { nodeID: '1', type: 'I', text: 'b' }], edges: [] }), 'x.json');
    expect(badAif).toMatchObject({ kind: 'failed' });
    if (badAif.kind === 'failed') expect(badAif.message).toMatch(/AIF/);
    expect(await listMaps()).toEqual([]);
  });
});

describe('hostile foreign files', () => {
  it('an Argdown file with a YAML alias bomb is refused at once, naming the aliases', async () => {
    const bomb = ['===', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g'], ['i', 'h']]) {
      bomb.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    bomb.push('===', '', '[A]: x', '  + [B]: y');
    const out = await importFile(bomb.join('\n'), 'bomb.argdown');
    expect(out.kind).toBe('failed');
    if (out.kind === 'failed') expect(out.message).toMatch(/aliases/);
    const inData = await importFile('[A]: x {a: &a [1, 2], b: [*a, *a]}\n  + [B]: y', 'data.argdown');
    expect(inData.kind === 'failed' && inData.message).toMatch(/aliases/);
    expect(await listMaps()).toEqual([]);
  });

  it('an Argdown syntax error is reported with its own message and line', async () => {
    const out = await importFile('===\ntitle: [unclosed\n===\n[A]: x\n  + [B]: y', 'broken.argdown');
    expect(out.kind === 'failed' && out.message).toMatch(/Argdown (syntax error at line \d+|could not be read)/);
    const yaml = await importFile('[A]: x {a: [unclosed}\n  + [B]: y', 'yaml.argdown');
    expect(yaml.kind === 'failed' && yaml.message).not.toMatch(/not in a format Warrant reads/);
  });
});

describe('importFile, JSON Canvas', () => {
  it("recognises Obsidian's sample canvas by its content and saves its text nodes and edges as claims and links", async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../domain/interchange/fixtures/obsidian-sample.canvas', import.meta.url), 'utf8');
    const outcome = await importFile(text, 'whatever.json');
    if (outcome.kind !== 'converted') throw new Error(JSON.stringify(outcome));
    expect(outcome.format).toBe('canvas');
    const doc = await saved(outcome.mapId);
    expect(Object.keys(doc.claims).length).toBe(outcome.summary.imported.claims);
    expect(outcome.summary.leftOut.join('\n')).toMatch(/file nodes?: Warrant reads text nodes only/);
  });

  it('a Warrant map with links aimed at links and groups goes in whole', async () => {
    const { argumentModelMap } = await import('../../test/interchangeMaps');
    const doc = argumentModelMap();
    const outcome = await importFile(serializeMap(doc), 'model.warrant.json');
    expect(outcome.kind).toBe('imported');
    const stored = await saved(doc.map.id);
    expect(stored.links['l_6']?.to).toBe('l_1');
    expect(stored.links['l_2']?.group).toBe('Expert');
  });
});
