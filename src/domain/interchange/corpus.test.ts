/**
 * Real files from public repositories (fixtures/README.md): every RA/CA
 * premise group and every undercut comes through as a group or a link aimed
 * at a link, and re-exports with the same structure. Set AIF_CORPUS or
 * ARGDOWN_CORPUS to a folder to run the same checks over a whole corpus;
 * the counts are printed.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MapDoc } from '../change';
import { checkDoc } from '../integrity';
import { fromAIF, toAIF } from './aif';
import { argdownExportNotice, fromArgdown, toArgdown } from './argdown';
import { fromJSONCanvas } from './canvas';
import { detectFormat } from './detect';
import { argumentShape } from '../../test/interchangeMaps';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const filesIn = (dir: string, ext: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => join(dir, f));

type Raw = { nodes: Array<{ nodeID: string | number; type: string }>; edges: Array<{ fromID: string | number; toID: string | number }> };

/** What an AIF file says, counted straight from its nodes and edges. */
export function aifStructure(text: string) {
  const data = JSON.parse(text) as Raw;
  const type = new Map(data.nodes.map((n) => [String(n.nodeID), n.type]));
  const premises = new Map<string, Set<string>>();
  const targets = new Map<string, string[]>();
  for (const e of data.edges) {
    const from = String(e.fromID);
    const to = String(e.toID);
    const ft = type.get(from);
    const tt = type.get(to);
    if (!ft || !tt) continue;
    if ((tt === 'RA' || tt === 'CA') && (ft === 'I' || ft === 'L')) (premises.get(to) ?? premises.set(to, new Set()).get(to)!).add(from);
    if (ft === 'RA' || ft === 'CA') (targets.get(from) ?? targets.set(from, []).get(from)!).push(to);
  }
  let groups = 0;
  let undercuts = 0;
  let sNodes = 0;
  for (const [id, t] of type) {
    if (t !== 'RA' && t !== 'CA') continue;
    const p = premises.get(id)?.size ?? 0;
    const ts = targets.get(id) ?? [];
    if (!p || !ts.length) continue;
    sNodes++;
    for (const target of ts) {
      const tt = type.get(target);
      if (p > 1 && (tt === 'I' || tt === 'RA' || tt === 'CA')) groups++;
      if (tt === 'RA' || tt === 'CA') undercuts++;
    }
  }
  return { sNodes, groups, undercuts };
}

function docStructure(doc: MapDoc) {
  const groupKeys = new Set<string>();
  for (const l of Object.values(doc.links)) if (l.group !== undefined) groupKeys.add(`${l.group}\u0000${l.to}`);
  return { groups: groupKeys.size, undercuts: Object.values(doc.links).filter((l) => l.to in doc.links).length };
}

const NOW = '2026-11-27T00:00:00.000Z';

function checkAif(file: string) {
  const text = readFileSync(file, 'utf8');
  const r = fromAIF(text, { now: NOW });
  if (!r.ok) throw new Error(`${file}: ${r.message}`);
  expect(checkDoc(r.doc), file).toEqual([]);
  const want = aifStructure(text);
  const got = docStructure(r.doc);
  // A premise–conclusion pair that another S-node already links is left out (rule 4), and said so.
  const refused = r.summary.leftOut.filter((l) => /already linked/.test(l)).length;
  expect(got.groups + got.undercuts, file).toBeLessThanOrEqual(want.groups + want.undercuts);
  if (!refused) expect(got, file).toEqual({ groups: want.groups, undercuts: want.undercuts });
  // Re-export: the same structure, and the same map again on re-import.
  const again = toAIF(r.doc);
  const back = aifStructure(again);
  expect({ groups: back.groups, undercuts: back.undercuts }, file).toEqual(got);
  const r2 = fromAIF(again, { now: NOW });
  if (!r2.ok) throw new Error(r2.message);
  expect(argumentShape(r2.doc), file).toEqual(argumentShape(r.doc));
  return { want, got, refused, links: Object.keys(r.doc.links).length };
}

function checkArgdown(file: string) {
  const text = readFileSync(file, 'utf8');
  const r = fromArgdown(text, { now: NOW });
  if (!r.ok) throw new Error(`${file}: ${r.message}`);
  expect(checkDoc(r.doc), file).toEqual([]);
  const back = fromArgdown(toArgdown(r.doc), { now: NOW });
  if (!back.ok) throw new Error(`${file} (re-exported): ${back.message}`);
  const before = argumentShape(r.doc);
  const after = argumentShape(back.doc);
  expect(after.groups, file).toEqual(before.groups);
  // Argdown cannot aim an undercut at an attack; the export notice counts each one it drops.
  const unsaid = Number(/(\d+) undercuts? of an attack/.exec(argdownExportNotice(r.doc).leftOut.join(' '))?.[1] ?? 0);
  for (const u of after.aimedAtLinks) expect(before.aimedAtLinks, file).toContain(u);
  expect(after.aimedAtLinks.length + unsaid, file).toBe(before.aimedAtLinks.length);
  const contradicts = Object.values(r.doc.links).filter((l) => l.relation === 'contradicts').length;
  return { ...docStructure(r.doc), contradicts, links: Object.keys(r.doc.links).length };
}

describe('corpus: AIF nodesets of AraucariaDB (via Carneades)', () => {
  it('every RA/CA premise group and undercut comes through and re-exports with the same structure', () => {
    const files = filesIn(FIXTURES, '.json');
    expect(files.length).toBeGreaterThan(0);
    const totals = { files: 0, sNodes: 0, groups: 0, undercuts: 0, importedGroups: 0, importedUndercuts: 0, refusedPairs: 0 };
    for (const f of [...files, ...(process.env['AIF_CORPUS'] ? filesIn(process.env['AIF_CORPUS'], '.json') : [])]) {
      const c = checkAif(f);
      totals.files++;
      totals.sNodes += c.want.sNodes;
      totals.groups += c.want.groups;
      totals.undercuts += c.want.undercuts;
      totals.importedGroups += c.got.groups;
      totals.importedUndercuts += c.got.undercuts;
      totals.refusedPairs += c.refused;
    }
    console.log('AIF corpus', totals);
    expect(totals.importedGroups).toBeGreaterThan(0);
    expect(totals.importedGroups + totals.refusedPairs).toBeGreaterThanOrEqual(totals.groups);
    // AraucariaDB has no RA/CA aimed at RA/CA; undercuts are covered by the Argdown files and aif.test.ts.
  }, 120_000);
});

describe('corpus: Argdown examples of the Argdown repository', () => {
  it('premise–conclusion structures come through as groups, undercuts as links aimed at links, and survive a round trip', () => {
    const totals: Record<string, unknown> = {};
    for (const f of [...filesIn(FIXTURES, '.argdown'), ...(process.env['ARGDOWN_CORPUS'] ? filesIn(process.env['ARGDOWN_CORPUS'], '.argdown') : [])]) {
      totals[f.split('/').pop()!] = checkArgdown(f);
    }
    console.log('Argdown corpus', totals);
    const semmelweis = totals['semmelweis_betz.argdown'] as { groups: number; contradicts: number };
    expect(semmelweis.groups).toBeGreaterThan(0);
    expect(semmelweis.contradicts).toBeGreaterThan(0);
    expect((totals['legalisation-softdrugs.argdown'] as { undercuts: number }).undercuts).toBe(2);
  }, 120_000);
});

describe('corpus: JSON Canvas', () => {
  it("reads Obsidian's own sample canvas, recognised by content", () => {
    const text = readFileSync(join(FIXTURES, 'obsidian-sample.canvas'), 'utf8');
    expect(detectFormat(text)).toBe('canvas');
    const r = fromJSONCanvas(text, { now: NOW });
    if (!r.ok) throw new Error(r.message);
    expect(r.summary.imported.claims).toBeGreaterThan(0);
    expect(r.summary.leftOut.join('\n')).toMatch(/file nodes?: Warrant reads text nodes only/);
    expect(checkDoc(r.doc)).toEqual([]);
  });
});
