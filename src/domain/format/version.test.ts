import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseMapFile } from './parse';
import { serializeMap } from './serialize';
import { migrateV1toV2 } from './migrate';
import { checkDoc } from '../integrity';
import { deletionChange } from '../change';
import { rekeyDoc } from '../rekey';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function ok(text: string) {
  const r = parseMapFile(text);
  if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
  return r;
}

describe('format versions', () => {
  it('reads a version-1 file as version 3, dropping the fields version 1 did not have', () => {
    const { doc } = ok(fixture('v1.warrant.json'));
    expect(Object.keys(doc.links)).toEqual(['l_1', 'l_2']);
    expect(doc.links['l_1']).not.toHaveProperty('group');
    expect(doc.links['l_1']!.weight).toBe(3);
    expect(JSON.parse(serializeMap(doc)).version).toBe(3);
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

describe('format version 3: comments', () => {
  const v3 = () => JSON.parse(fixture('v3.warrant.json')) as Record<string, unknown> & { comments: Array<Record<string, unknown>>; claims: Array<Record<string, unknown>> };
  const problemsOf = (file: unknown) => {
    const r = parseMapFile(JSON.stringify(file));
    return r.kind === 'invalid' ? r.problems : [];
  };

  it('reads a version-3 file with threads on a claim, a link, a source and the map', () => {
    const { doc, notices } = ok(fixture('v3.warrant.json'));
    expect(notices).toEqual([]);
    expect(Object.keys(doc.comments)).toEqual(['cm_1', 'cm_2', 'cm_3', 'cm_4', 'cm_5']);
    expect(doc.comments['cm_1']).toMatchObject({ on: 'c_t', verdict: 'disputed', author: 'Ada Reviewer' });
    expect(doc.comments['cm_2']).toMatchObject({ replyTo: 'cm_1' });
    expect(doc.comments['cm_4']!.on).toBe('map_v3');
    expect(checkDoc(doc)).toEqual([]);
    // Export then import gives back the same map, comments and all.
    const text = serializeMap(doc);
    expect(JSON.parse(text).version).toBe(3);
    expect(ok(text).doc).toEqual(doc);
  });

  it('reads a version-2 file as version 3 without comments, dropping a comments field version 2 did not have', () => {
    const raw = JSON.parse(fixture('v2.warrant.json')) as Record<string, unknown>;
    raw['comments'] = [{ id: 'cm_x', on: 'c_t', author: 'a', text: 'b', createdAt: '2026-11-28T09:00:00.000Z' }];
    const { doc } = ok(JSON.stringify(raw));
    expect(doc.comments).toEqual({});
    expect(JSON.parse(serializeMap(doc))).toMatchObject({ version: 3, comments: [] });
  });

  it('keeps a comment on something the file does not hold as a comment on the map, with a notice', () => {
    const file = v3();
    file.comments[0]!['on'] = 'c_gone';
    file.comments[1]!['on'] = 'c_gone';
    const { doc, notices } = ok(JSON.stringify(file));
    expect(doc.comments['cm_1']!.on).toBe('map_v3');
    expect(doc.comments['cm_2']).toMatchObject({ on: 'map_v3', replyTo: 'cm_1' });
    expect(notices.join(' ')).toMatch(/2 comments were on something this file does not hold/);
    expect(checkDoc(doc)).toEqual([]);
  });

  it('refuses a reply to a reply, a reply on something else, a missing thread and an unknown verdict', () => {
    const deep = v3();
    deep.comments.push({ id: 'cm_6', on: 'c_t', author: 'x', text: 'deeper', createdAt: '2026-11-28T11:00:00.000Z', replyTo: 'cm_2' });
    expect(problemsOf(deep)).toContainEqual({ path: 'comments[5].replyTo', message: 'answers a reply: replies are one level deep' });
    const elsewhere = v3();
    elsewhere.comments[1]!['on'] = 'c_low';
    expect(problemsOf(elsewhere)).toContainEqual({ path: 'comments[1].replyTo', message: 'answers a comment on something else' });
    const missing = v3();
    missing.comments[1]!['replyTo'] = 'cm_gone';
    expect(problemsOf(missing)).toContainEqual({ path: 'comments[1].replyTo', message: 'names no comment of this map ("cm_gone")' });
    const verdict = v3();
    verdict.comments[0]!['verdict'] = 'wrong';
    expect(problemsOf(verdict).map((p) => p.path)).toContain('comments[0].verdict');
  });

  it('refuses an over-long author or text, an empty text and a duplicate comment id', () => {
    const file = v3();
    file.comments[0]!['author'] = 'a'.repeat(81);
    file.comments[2]!['text'] = 't'.repeat(10_001);
    file.comments[3]!['text'] = '';
    file.comments[4]!['id'] = 'cm_1';
    const problems = problemsOf(file);
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['comments[0].author', 'comments[2].text', 'comments[3].text']));
    const dup = v3();
    dup.comments[4]!['id'] = 'cm_1';
    dup.comments[1]!['replyTo'] = 'cm_1';
    expect(problemsOf(dup).some((p) => p.path === 'comments[4].id' && /duplicates/.test(p.message))).toBe(true);
  });

  it('deleting a record deletes the threads on it, replies and all; a copy keeps them on its own records', () => {
    const { doc } = ok(fixture('v3.warrant.json'));
    // The claim takes its links, the undercut aimed at one of them, and the threads on all three.
    expect(deletionChange(doc, { claims: ['c_t'] }).delete.comments?.sort()).toEqual(['cm_1', 'cm_2', 'cm_3']);
    expect(deletionChange(doc, { quotes: ['q_b'] }).delete.comments).toEqual(['cm_3']);
    expect(deletionChange(doc, { sources: ['src_a'] }).delete.comments?.sort()).toEqual(['cm_3', 'cm_5']);
    expect(deletionChange(doc, { comments: ['cm_1'] }).delete.comments).toEqual(['cm_1', 'cm_2']);
    const copy = rekeyDoc(doc);
    expect(checkDoc(copy)).toEqual([]);
    const thread = Object.values(copy.comments).find((c) => c.text.startsWith('Flooded'))!;
    expect(thread.on in copy.claims).toBe(true);
    expect(Object.values(copy.comments).find((c) => c.replyTo === thread.id)).toBeDefined();
    expect(Object.values(copy.comments).find((c) => c.text.startsWith('Needs'))!.on).toBe(copy.map.id);
  });
});
