/**
 * Storage tests' helpers: databases of their own, and the sample map. The
 * records come from the one factory module, src/test/factories.ts (one T0).
 */
import { afterEach, expect, vi } from 'vitest';
import { Dexie } from 'dexie';
import { docFromRecords, type MapDoc } from '../domain/change';
import type { MapMeta } from '../domain/schema';
import { makeClaim as claim, makeLink as link, makeMap, makeQuote as quote, makeSource as source } from './factories';
import { openWarrantDB, type WarrantDB } from '../storage/db';

export { T0, makeSource as source, makeQuote as quote, makeClaim as claim, makeLink as link } from './factories';

let dbCounter = 0;
/** A database of its own for one test: no test sees another's data. */
export function freshDB(): WarrantDB {
  dbCounter += 1;
  return openWarrantDB(`warrant-test-${dbCounter}-${Math.random().toString(36).slice(2)}`);
}

/**
 * For a test file: returns a maker of fresh databases (or a tracker of one
 * the test opened itself), each closed and deleted, and every mock restored,
 * after each test.
 */
export function testDatabases(): (db?: WarrantDB) => WarrantDB {
  const dbs: WarrantDB[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const db of dbs.splice(0)) {
      db.close();
      await Dexie.delete(db.name);
    }
  });
  return (db = freshDB()) => {
    dbs.push(db);
    return db;
  };
}

export function meta(id = 'map_one', over: Partial<MapMeta> = {}): MapMeta {
  return makeMap({ id, title: `Map ${id}`, ...over });
}

/**
 * Two sources; a thesis backed by a quote of each and by a sub-claim that a
 * third quote supports; positions for two nodes.
 *
 *   q_a1 (src_a) ──supports──▶ c_thesis ◀──contradicts── q_b1 (src_b)
 *   q_a2 (src_a) ──supports──▶ c_sub ──supports──▶ c_thesis
 */
export function sampleDoc(mapId = 'map_one'): MapDoc {
  const a = source('src_a', 'Alpha beta gamma. The sky is blue today. Delta epsilon.', {
    reliability: 'B',
    url: 'https://example.org/a',
  });
  const b = source('src_b', 'Zeta eta theta. Nothing is blue. Iota kappa.');
  return docFromRecords({
    map: meta(mapId, { description: 'A test map' }),
    sources: [a, b],
    quotes: [
      quote('q_a1', a, 'The sky is blue today.', { credibility: 2 }),
      quote('q_a2', a, 'Delta epsilon.'),
      quote('q_b1', b, 'Nothing is blue.', { note: 'doubtful' }),
    ],
    claims: [
      claim('c_thesis', 'The sky is blue', { kind: 'thesis', tags: ['sky'] }),
      claim('c_sub', 'Greek letters agree'),
    ],
    links: [
      link('l_1', 'q_a1', 'c_thesis', 'supports', { weight: 3 }),
      link('l_2', 'q_b1', 'c_thesis', 'contradicts'),
      link('l_3', 'c_sub', 'c_thesis'),
      link('l_4', 'q_a2', 'c_sub', 'supports', { weight: 1 }),
    ],
    layout: { c_thesis: { x: 0, y: 0 }, q_a1: { x: -200, y: 150 } },
  });
}

/**
 * `b` is `a` with every id replaced, consistently: no id is reused, and
 * mapping `a`'s ids to `b`'s (record by record) turns `a` into `b`.
 */
export function expectSameModuloIds(a: MapDoc, b: MapDoc): void {
  const ids = new Map<string, string>();
  const oldIds = new Set<string>();
  for (const t of ['sources', 'quotes', 'claims', 'links'] as const) {
    const olds = Object.values(a[t]);
    const news = Object.values(b[t]);
    expect(news).toHaveLength(olds.length);
    // Pair records by content other than ids: sort both by a stable id-free key.
    const key = (r: object) => JSON.stringify({ ...r, id: 0, sourceId: 0, from: 0, to: 0 });
    const so = [...olds].sort((x, y) => key(x).localeCompare(key(y)));
    const sn = [...news].sort((x, y) => key(x).localeCompare(key(y)));
    so.forEach((r, i) => {
      oldIds.add(r.id);
      ids.set(r.id, sn[i]!.id);
    });
  }
  for (const id of ids.values()) expect(oldIds.has(id)).toBe(false);
  const m = (id: string) => ids.get(id) ?? `missing:${id}`;
  for (const q of Object.values(a.quotes)) {
    expect(b.quotes[m(q.id)]).toEqual({ ...q, id: m(q.id), sourceId: m(q.sourceId) });
  }
  for (const l of Object.values(a.links)) {
    expect(b.links[m(l.id)]).toEqual({ ...l, id: m(l.id), from: m(l.from), to: m(l.to) });
  }
  for (const s of Object.values(a.sources)) expect(b.sources[m(s.id)]).toEqual({ ...s, id: m(s.id) });
  for (const c of Object.values(a.claims)) expect(b.claims[m(c.id)]).toEqual({ ...c, id: m(c.id) });
  const layout: Record<string, unknown> = {};
  for (const [id, p] of Object.entries(a.layout)) layout[m(id)] = p;
  expect(b.layout).toEqual(layout);
}
