/**
 * Search in its worker, on about 5 MB of source text (17 sources of 300 KB):
 * building the index, a query, and re-indexing after an edit to one 300 KB
 * source; and the evidence finder's first request (which builds its passage
 * index) and later ones. Times are measured inside the worker; round trips
 * (with copying the records to the worker) are given beside them.
 */
import type { Source } from '../../src/domain/schema';
import type { EngineRequest, EngineResponse } from '../../src/domain/search/searchEngine';
import { WorkerChannel } from '../../src/components/runWorker';
import { median, param, report, round } from './benchKit';
import exampleMap from '../../examples/xi-diplomacy.warrant.json';

/** A seeded generator, so every run indexes the same text. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * English-like text: the example map's words plus 40,000 made-up ones,
 * drawn with a Zipf distribution (a few words very common, most rare), in
 * sentences and paragraphs, with some accents and curly quotes.
 */
function makeText(bytes: number, random: () => number, vocab: string[]): string {
  const out: string[] = [];
  let size = 0;
  let sentence = 0;
  while (size < bytes) {
    const n = 8 + Math.floor(random() * 22);
    const ws: string[] = [];
    for (let i = 0; i < n; i++) ws.push(vocab[Math.floor(vocab.length * Math.pow(random(), 3))]!);
    ws[0] = ws[0]![0]!.toUpperCase() + ws[0]!.slice(1);
    if (random() < 0.2) ws[Math.floor(random() * n)] = `“${ws[Math.floor(random() * n)]}”`;
    const s = ws.join(' ') + (random() < 0.9 ? '.' : '?') + (++sentence % 6 === 0 ? '\n\n' : ' ');
    out.push(s);
    size += s.length;
  }
  return out.join('');
}

function vocabulary(random: () => number): string[] {
  const seen = new Set<string>();
  for (const s of exampleMap.sources) for (const w of s.text.toLowerCase().match(/\p{L}+/gu) ?? []) seen.add(w);
  const syllables = ['ka', 'lo', 'mi', 'ran', 'tes', 'vi', 'qu', 'dor', 'el', 'sha', 'né', 'po', 'tri', 'zu', 'ber', 'ga', 'ion', 'al'];
  while (seen.size < 45_000) {
    const k = 2 + Math.floor(random() * 3);
    let w = '';
    for (let i = 0; i < k; i++) w += syllables[Math.floor(random() * syllables.length)];
    seen.add(w);
  }
  // Common words first: the example's own words, then made-up ones.
  return [...seen];
}

async function run() {
  const mb = param('mb', 5);
  const sourceKb = param('sourceKb', 300);
  const random = rng(42);
  const vocab = vocabulary(random);
  const count = Math.ceil((mb * 1024) / sourceKb);
  const at = new Date(2026, 0, 1).toISOString();
  const sources: Source[] = Array.from({ length: count }, (_, i) => ({
    id: `src_${i}`,
    title: `Source ${i}`,
    text: makeText(sourceKb * 1024, random, vocab),
    addedAt: at,
  }));
  const totalMb = sources.reduce((a, s) => a + s.text.length, 0) / 1024 / 1024;
  const claims = exampleMap.claims.map((c) => ({ ...c, kind: c.kind as 'thesis' | 'claim' }));

  const worker = new Worker(new URL('../../src/features/search/search.worker.ts', import.meta.url), { type: 'module' });
  const channel = new WorkerChannel<EngineRequest, EngineResponse | null>(worker, { cancelled: () => new Error('cancelled') });
  const ask = async <T extends EngineResponse['type']>(msg: EngineRequest, type: T): Promise<{ reply: Extract<EngineResponse, { type: T }>; wall: number }> => {
    const t0 = performance.now();
    const reply = await channel.request(msg);
    if (reply?.type !== type) throw new Error(`expected a ${type} reply, got ${reply?.type ?? 'none'}`);
    return { reply: reply as Extract<EngineResponse, { type: T }>, wall: performance.now() - t0 };
  };

  const load = await ask({ type: 'load', mapId: 'map_bench', records: { sources, quotes: [], claims, links: [] } }, 'indexed');

  const queries = ['diplomacy', 'global governance', 'kalo', 'security risk', 'xi jinping', 'vikaran', 'sumit', 'regime’s', 'peace broker', 'tesdor mi'];
  const queryMs: number[] = [];
  const queryWall: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of queries) {
      const r = await ask({ type: 'search', query: q }, 'search');
      if (round > 0) {
        queryMs.push(r.reply.ms);
        queryWall.push(r.wall);
      }
    }
  }

  // An edit to one 300 KB source: a sentence added in the middle.
  const editMs: number[] = [];
  const editWall: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = sources[i]!;
    const mid = Math.floor(s.text.length / 2);
    const edited = { ...s, text: `${s.text.slice(0, mid)} An added sentence about diplomacy ${i}. ${s.text.slice(mid)}` };
    const r = await ask({ type: 'change', mapId: 'map_bench', put: { sources: [edited] }, delete: {} }, 'indexed');
    editMs.push(r.reply.ms);
    editWall.push(r.wall);
  }

  const firstFind = await ask({ type: 'find', claimId: 'c_less_summitry' }, 'find');
  const findMs: number[] = [];
  for (const c of claims) findMs.push((await ask({ type: 'find', claimId: c.id }, 'find')).reply.ms);

  // The same edits once the evidence finder is built: its passages follow the edit too.
  const editFinderMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = sources[i + 5]!;
    const mid = Math.floor(s.text.length / 2);
    const edited = { ...s, text: `${s.text.slice(0, mid)} Another sentence about summits ${i}. ${s.text.slice(mid)}` };
    editFinderMs.push((await ask({ type: 'change', mapId: 'map_bench', put: { sources: [edited] }, delete: {} }, 'indexed')).reply.ms);
  }
  channel.close();

  return [
    { name: `build the search index in the worker, ${round(totalMb, 2)} MB in ${count} sources`, value: round(load.reply.ms), unit: 'ms', goal: '< 2000 ms', note: `${load.reply.documents} documents; round trip with copying ${round(load.wall)} ms` },
    { name: 'a query (median of 20; prefix + fuzzy)', value: round(median(queryMs), 2), unit: 'ms', goal: '< 50 ms', note: `max ${round(Math.max(...queryMs), 1)} ms; round trip median ${round(median(queryWall), 1)} ms` },
    { name: `re-index after an edit to one ${sourceKb} KB source (median of 5)`, value: round(median(editMs)), unit: 'ms', goal: '< 200 ms', note: `round trip median ${round(median(editWall))} ms` },
    { name: `re-index after an edit to one ${sourceKb} KB source, evidence finder built (median of 5)`, value: round(median(editFinderMs)), unit: 'ms', goal: '< 200 ms' },
    { name: 'evidence finder: first request (builds its passage index)', value: round(firstFind.reply.ms), unit: 'ms' },
    { name: `evidence finder: a request (median of ${findMs.length} claims)`, value: round(median(findMs), 1), unit: 'ms' },
  ];
}

void report(run);
