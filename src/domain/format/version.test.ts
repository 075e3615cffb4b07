import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseMapFile } from './parse';
import { serializeMap } from './serialize';
import { migrateV1toV2 } from './migrate';
import { checkDoc } from '../integrity';
import { deletionChange } from '../change';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function ok(text: string) {
  const r = parseMapFile(text);
  if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
  return r;
}

describe('format versions', () => {
  it('reads a version-1 file as version 2, dropping the fields version 1 did not have', () => {
    const { doc } = ok(fixture('v1.warrant.json'));
    expect(Object.keys(doc.links)).toEqual(['l_1', 'l_2']);
    expect(doc.links['l_1']).not.toHaveProperty('group');
    expect(doc.links['l_1']!.weight).toBe(3);
    expect(JSON.parse(serializeMap(doc)).version).toBe(2);
  });

  it('reads a version-2 file with a linked argument, a scheme and an undercut', () => {
    const { doc, notices } = ok(fixture('v2.warrant.json'));
    expect(notices).toEqual([]);
    expect(doc.links['l_1']).toMatchObject({ group: 'flood', scheme: 'Cause To Effect' });
    expect(doc.links['l_3']).toMatchObject({ to: 'l_1', relation: 'contradicts' });
    expect(checkDoc(doc)).toEqual([]);
    // Export then import gives back the same map.
    expect(ok(serializeMap(doc)).doc).toEqual(doc);
  });

  it('migrates without touching its input', () => {
    const raw = JSON.parse(fixture('v1.warrant.json')) as Record<string, unknown>;
    const before = JSON.stringify(raw);
    const { file, problems } = migrateV1toV2(raw);
    expect(problems).toEqual([]);
    expect(file['version']).toBe(2);
    expect(JSON.stringify(raw)).toBe(before);
  });

  it('refuses a version-1 file whose link ends at a link', () => {
    const raw = JSON.parse(fixture('v1.warrant.json')) as { links: Array<Record<string, unknown>> };
    raw.links[1]!['to'] = 'l_1';
    const r = parseMapFile(JSON.stringify(raw));
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') expect(r.problems[0]!.path).toBe('links[1].to');
  });

  const v2 = () => JSON.parse(fixture('v2.warrant.json')) as { links: Array<Record<string, unknown>>; layout: Record<string, { x: number; y: number }> };
  const problemsOf = (file: unknown) => {
    const r = parseMapFile(JSON.stringify(file));
    return r.kind === 'invalid' ? r.problems : [];
  };

  it('refuses a group whose links disagree on target, relation or weight', () => {
    const file = v2();
    file.links[1]!['weight'] = 2;
    expect(problemsOf(file)).toContainEqual({ path: 'links[1].group', message: expect.stringMatching(/target, relation and weight/) as unknown as string });
  });

  it('refuses a link that reaches itself through its targets', () => {
    const file = v2();
    file.links[0]!['to'] = 'l_3'; // l_1 → l_3 → l_1
    expect(problemsOf(file).some((p) => /reaches itself/.test(p.message))).toBe(true);
    const self = v2();
    self.links[2]!['to'] = 'l_3';
    expect(problemsOf(self).some((p) => /reaches itself/.test(p.message))).toBe(true);
  });

  it('refuses a link to a missing link, and two links between the same pair', () => {
    const file = v2();
    file.links[2]!['to'] = 'l_gone';
    expect(problemsOf(file)).toContainEqual({ path: 'links[2].to', message: 'names no claim or link of this map ("l_gone")' });
    const dup = v2();
    dup.links.push({ ...dup.links[2]!, id: 'l_4' });
    expect(problemsOf(dup).some((p) => /same nodes/.test(p.message))).toBe(true);
  });

  it('refuses over-long group and scheme names', () => {
    const file = v2();
    file.links[2]!['group'] = 'g'.repeat(101);
    file.links[0]!['scheme'] = 's'.repeat(201);
    const paths = problemsOf(file).map((p) => p.path);
    expect(paths).toContain('links[2].group');
    expect(paths).toContain('links[0].scheme');
  });

  it('deleting a link deletes the links aimed at it', () => {
    const { doc } = ok(fixture('v2.warrant.json'));
    expect(deletionChange(doc, { links: ['l_1'] }).delete.links).toEqual(['l_1', 'l_3']);
    expect(deletionChange(doc, { quotes: ['q_a'] }).delete.links).toEqual(['l_1', 'l_3']);
  });
});

describe('rule 7', () => {
  it('imports a file with ids outside the id alphabet under fresh ids, and says so', () => {
    const raw = JSON.parse(fixture('v2.warrant.json')) as Record<string, unknown> & { map: { id: string }; claims: Array<{ id: string }>; links: Array<{ from: string; to: string }> };
    raw.map.id = 'map_lone\ud800';
    raw.claims[1]!.id = 'c_two words\n';
    raw.links[1]!.from = 'c_two words\n';
    const { doc, notices } = ok(JSON.stringify(raw));
    expect(notices.join(' ')).toMatch(/fresh ids/);
    expect(doc.map.id).toMatch(/^map_[a-z0-9]+$/);
    expect(checkDoc(doc)).toEqual([]);
    for (const id of [...Object.keys(doc.claims), ...Object.keys(doc.links)]) expect(id).toMatch(/^(c|l)_[A-Za-z0-9_-]+$/);
    expect(Object.values(doc.links).filter((l) => l.to in doc.links)).toHaveLength(1);
  });

  it('keeps well-formed ids as they are', () => {
    const { doc } = ok(fixture('v2.warrant.json'));
    expect(doc.map.id).toBe('map_v2');
  });

  it('refuses layout coordinates beyond ±10,000,000', () => {
    const file = JSON.parse(fixture('v2.warrant.json')) as { layout: Record<string, { x: number; y: number }> };
    file.layout['c_t'] = { x: 1e8, y: 0 };
    const r = parseMapFile(JSON.stringify(file));
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') expect(r.problems[0]!.path).toBe('layout.c_t.x');
  });

  it('refuses a quote whose start or end splits a surrogate pair', () => {
    const text = 'ab\u{1F600}cd';
    const file = JSON.parse(fixture('v2.warrant.json')) as { sources: Array<{ text: string }>; quotes: Array<Record<string, unknown>>; links: unknown[] };
    file.sources[0]!.text = text;
    file.quotes = [{ id: 'q_a', sourceId: 'src_a', exact: 'b\ud83d', prefix: 'a', suffix: '', start: 1, end: 3, createdAt: '2026-11-27T10:00:00.000Z' }];
    file.links = [];
    const r = parseMapFile(JSON.stringify(file));
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') expect(r.problems.map((p) => p.message).join()).toMatch(/splits a character/);
  });
});
