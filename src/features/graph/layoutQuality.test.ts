/**
 * Crossings and lines through nodes before (the compact layout drawn the
 * plain way: no routes, undercutters packed on their own, junctions halfway)
 * and after (routes, undercutters beside their link, junctions in free
 * space), on the example map, an Argdown map and an AIF map: printed, and
 * the after never worse.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MapDoc } from '../../domain/change';
import { argumentsOf } from '../../domain/derive/derive';
import { parseMapFile } from '../../domain/format/parse';
import { fromAIF } from '../../domain/interchange/aif';
import { fromArgdown } from '../../domain/interchange/argdown';
import { handMap } from '../../test/testMaps';
import { JUNCTION_HEIGHT, JUNCTION_WIDTH, sizeOf, type FlowNode } from './flowTypes';
import { autoLayout, drawn, quality } from './layoutQuality';

const NOW = '2026-12-01T00:00:00.000Z';
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

function example(): MapDoc {
  const r = parseMapFile(read('../../../examples/xi-diplomacy.warrant.json'));
  if (r.kind !== 'ok') throw new Error('the example map did not load');
  return r.doc;
}
function imported(r: ReturnType<typeof fromAIF>): MapDoc {
  if (!r.ok) throw new Error(r.message);
  return r.doc;
}

/** Where junctions went before they kept clear of nodes: halfway from the premises' middle to the conclusion. */
const halfway = (doc: MapDoc) => (id: string, nodes: ReadonlyMap<string, FlowNode>) => {
  const a = argumentsOf(doc).get(id)!;
  const mid = (nid: string) => {
    const n = nodes.get(nid)!;
    const s = sizeOf({ measured: n.measured ?? {}, initialWidth: n.initialWidth, initialHeight: n.initialHeight });
    return { x: n.position.x + s.w / 2, y: n.position.y + s.h / 2 };
  };
  let x = 0;
  let y = 0;
  for (const l of a.links) {
    x += mid(l.from).x / a.links.length;
    y += mid(l.from).y / a.links.length;
  }
  const c = mid(a.to);
  return { x: (x + c.x) / 2 - JUNCTION_WIDTH / 2, y: (y + c.y) / 2 - JUNCTION_HEIGHT / 2 };
};

const maps: [string, () => MapDoc][] = [
  ['example (xi-diplomacy)', example],
  ['Argdown (semmelweis_betz)', () => imported(fromArgdown(read('../../domain/interchange/fixtures/semmelweis_betz.argdown'), { now: NOW }))],
  ['Argdown (legalisation-softdrugs)', () => imported(fromArgdown(read('../../domain/interchange/fixtures/legalisation-softdrugs.argdown'), { now: NOW }))],
  ['AIF (nodeset664)', () => imported(fromAIF(read('../../domain/interchange/fixtures/nodeset664.json'), { now: NOW }))],
];

describe('layout quality before and after routing', () => {
  const total = { before: { crossings: 0, throughNodes: 0 }, after: { crossings: 0, throughNodes: 0 } };
  for (const [name, load] of maps)
    for (const direction of ['TB', 'LR'] as const) {
      it(`${name}, ${direction}: no junction marker on a node, and the counts printed`, () => {
        const doc = load();
        const old = autoLayout(doc, direction, true);
        const before = quality(drawn(doc, old.positions, direction, {}, halfway(doc)));
        const now = autoLayout(doc, direction);
        const after = quality(drawn(doc, now.positions, direction, now.routes));
        console.log(
          `${name} ${direction}: crossings ${before.crossings} → ${after.crossings}; lines through nodes ${before.throughNodes} → ${after.throughNodes}; junctions on nodes ${before.junctionsOnNodes} → ${after.junctionsOnNodes}`,
        );
        for (const k of ['crossings', 'throughNodes'] as const) {
          total.before[k] += before[k];
          total.after[k] += after[k];
        }
        expect(after.junctionsOnNodes).toBe(0);
      });
    }
  it('crosses less and runs through fewer nodes over all these maps', () => {
    console.log(`all: crossings ${total.before.crossings} → ${total.after.crossings}; lines through nodes ${total.before.throughNodes} → ${total.after.throughNodes}`);
    expect(total.after.crossings).toBeLessThan(total.before.crossings);
    expect(total.after.throughNodes).toBeLessThan(total.before.throughNodes / 2);
  });
});

describe('undercutters and backers', () => {
  it('sit beside the middle of the link they aim at', () => {
    const doc = handMap({ theses: ['T'], claims: ['A', 'B', 'C', 'D', 'U'], quotes: {}, links: ['A + T', 'B + T', 'C + A', 'D - B'] });
    const target = Object.values(doc.links).find((l) => l.from === 'c_A' && l.to === 'c_T')!;
    const withUndercut: MapDoc = {
      ...doc,
      links: { ...doc.links, l_u: { ...target, id: 'l_u', from: 'c_U', to: target.id, relation: 'contradicts' } },
    };
    for (const direction of ['TB', 'LR'] as const) {
      const { positions } = autoLayout(withUndercut, direction);
      const far = autoLayout(withUndercut, direction, true).positions;
      const mid = { x: (positions['c_A']!.x + positions['c_T']!.x) / 2 + 110, y: (positions['c_A']!.y + positions['c_T']!.y) / 2 + 46 };
      const dist = (p: { x: number; y: number }) => Math.hypot(p.x + 110 - mid.x, p.y + 46 - mid.y);
      expect(dist(positions['c_U']!)).toBeLessThan(400);
      expect(dist(positions['c_U']!)).toBeLessThan(dist(far['c_U']!));
    }
  });
});
