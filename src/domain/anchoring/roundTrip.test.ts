/**
 * Rule 8 for quotes: whatever a source edit leaves behind — quotes found,
 * fuzzy, ambiguous or orphaned — exports and imports back as the same map,
 * and import counts the same statuses the app shows.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChange, docFromRecords, type MapDoc } from '../change';
import { quoteAnchorStatus, updateSource } from '../edits';
import { parseMapFile } from '../format/parse';
import { serializeMap } from '../format/serialize';
import type { Quote, Source } from '../schema';
import { mapDocArb } from '../../test/arbitraries';
import { describeQuote } from './anchor';

const here = dirname(fileURLToPath(import.meta.url));
const REAL = ['000_324fb6d2896b0adb.txt', '003_c60cab4447628d57.txt', '004_98a7b90aa36508e0.txt'].map((f) =>
  readFileSync(resolve(here, '../../../examples/sources', f), 'utf8'),
);
const T = '2026-01-01T00:00:00.000Z';

type Edit = { kind: 'splice' | 'copy' | 'delete' | 'typo' | 'space'; at: number; del: number; ins: string; q: number };

const editArb: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('splice', 'copy', 'delete', 'typo', 'space'),
  at: fc.nat(),
  del: fc.nat({ max: 40 }),
  ins: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(' ', '\n', ' the ', 'international order ', '“')),
  q: fc.nat(),
});

/** One user edit of a source's text, aimed at one of its quotes for most kinds. */
function applyEdit(text: string, quotes: readonly Quote[], e: Edit): string {
  const q = quotes.length ? quotes[e.q % quotes.length]! : undefined;
  const at = e.at % (text.length + 1);
  const splice = (pos: number, del: number, ins: string) => text.slice(0, pos) + ins + text.slice(Math.min(text.length, pos + del));
  if (!q || e.kind === 'splice') return splice(at, e.del, e.ins);
  const s = Math.min(q.start, text.length);
  const end = Math.min(q.end, text.length);
  switch (e.kind) {
    case 'copy':
      return splice(at, 0, text.slice(Math.max(0, s - 10), Math.min(text.length, end + 10)));
    case 'delete':
      return splice(s, end - s, '');
    case 'typo':
      return end - s > 2 ? splice(s + 1 + (e.at % (end - s - 2)), 1, e.ins.slice(0, 1) || 'x') : splice(at, e.del, e.ins);
    case 'space':
      return splice(s + (e.at % Math.max(1, end - s)), 0, '\n ');
  }
}

/** Every source edited in turn, as the app does: updateSource's change applied to the map. */
function editSources(doc: MapDoc, edits: readonly Edit[]): MapDoc {
  let d = doc;
  const ids = Object.keys(d.sources);
  if (ids.length === 0) return d;
  edits.forEach((e, i) => {
    const id = ids[i % ids.length]!;
    const source = d.sources[id]!;
    const quotes = Object.values(d.quotes).filter((q) => q.sourceId === id);
    const text = applyEdit(source.text, quotes, e);
    if (!text.trim()) return; // the app does not keep a source without text
    d = applyChange(d, updateSource(d, id, { ...source, text }).change);
  });
  return d;
}

/** A map over real prose, with word-bounded quotes, which is where anchoring has choices to make. */
const realDocArb: fc.Arbitrary<MapDoc> = fc
  .tuple(
    fc.array(fc.record({ text: fc.nat({ max: REAL.length - 1 }), from: fc.nat(), length: fc.integer({ min: 200, max: 2500 }) }), {
      minLength: 1,
      maxLength: 2,
    }),
    fc.array(fc.record({ source: fc.nat(), at: fc.nat(), length: fc.integer({ min: 8, max: 160 }) }), { minLength: 1, maxLength: 8 }),
  )
  .map(([sourceRows, quoteRows]) => {
    const sources: Source[] = sourceRows.map((r, i) => {
      const full = REAL[r.text]!;
      const from = r.from % Math.max(1, full.length - r.length);
      return { id: `src_${i}`, title: `Source ${i}`, text: full.slice(from, from + r.length), addedAt: T };
    });
    const quotes: Quote[] = [];
    quoteRows.forEach((r, i) => {
      const s = sources[r.source % sources.length]!;
      let start = r.at % Math.max(1, s.text.length - 2);
      while (start > 0 && /\S/.test(s.text[start - 1]!)) start--;
      const end = Math.min(s.text.length, start + r.length);
      if (end <= start || !s.text.slice(start, end).trim()) return;
      quotes.push({ id: `q_${i}`, sourceId: s.id, ...describeQuote(s.text, start, end), createdAt: T });
    });
    const map = { id: 'map_real', title: 'Real prose', createdAt: T, updatedAt: T };
    return { ...docFromRecords({ map, sources, quotes, claims: [], links: [] }), layout: {} };
  });

function exportImport(doc: MapDoc): void {
  const result = parseMapFile(serializeMap(doc));
  if (result.kind !== 'ok') throw new Error(`refused: ${JSON.stringify(result)}`);
  expect(result.doc).toEqual(doc);
  const shown: Record<string, number> = { exact: 0, relocated: 0, fuzzy: 0, ambiguous: 0, orphaned: 0 };
  for (const q of Object.values(doc.quotes)) shown[quoteAnchorStatus(doc, q)]!++;
  expect(result.anchors).toEqual(shown);
}

describe('export then import of maps whose sources were edited after quoting', () => {
  it('gives back the same map, with the statuses the app shows (random maps)', () => {
    fc.assert(
      fc.property(mapDocArb, fc.array(editArb, { minLength: 1, maxLength: 4 }), (doc, edits) => exportImport(editSources(doc, edits))),
      { numRuns: 150 },
    );
  }, 120_000);

  it('gives back the same map, with the statuses the app shows (real prose)', () => {
    fc.assert(
      fc.property(realDocArb, fc.array(editArb, { minLength: 1, maxLength: 5 }), (doc, edits) => exportImport(editSources(doc, edits))),
      { numRuns: 120 },
    );
  }, 120_000);

  it('imports the issue-12 repro: a quote left needing review after a source edit', () => {
    const text = 'Alpha sentence here. Bravo sentence here. Charlie sentence here.';
    const start = text.indexOf('Bravo');
    const doc: MapDoc = {
      ...docFromRecords({
        map: { id: 'map_r', title: 'r', createdAt: T, updatedAt: T },
        sources: [{ id: 'src_r', title: 'r', text, addedAt: T }],
        quotes: [{ id: 'q_r', sourceId: 'src_r', ...describeQuote(text, start, start + 'Bravo sentence here.'.length), createdAt: T }],
        claims: [],
        links: [],
      }),
      layout: {},
    };
    const edited = text.replace('Bravo sentence here.', 'Bravo sentences are here.');
    const { change, reanchored } = updateSource(doc, 'src_r', { title: 'r', text: edited });
    expect(reanchored).toEqual([{ quoteId: 'q_r', status: 'fuzzy' }]);
    const after = applyChange(doc, change);
    exportImport(after);
    const gone = applyChange(after, updateSource(after, 'src_r', { title: 'r', text: 'Alpha sentence here.' }).change);
    expect(quoteAnchorStatus(gone, gone.quotes['q_r']!)).toBe('orphaned');
    exportImport(gone);
  });
});
