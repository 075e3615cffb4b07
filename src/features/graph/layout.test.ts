import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateMap } from '../../test/testMaps';
import { layoutGraph, type LayoutInput } from './layout';

const W = 220;
const h = (id: string) => (id.startsWith('q_') ? 104 : 92);

function inputOf(m: { claims: { id: string }[]; quotes: { id: string }[]; links: { from: string; to: string }[] }): LayoutInput {
  return {
    nodes: [...m.claims, ...m.quotes].map((n) => ({ id: n.id, width: W, height: h(n.id) })),
    edges: m.links.map((l) => ({ from: l.from, to: l.to })),
  };
}

function bounds(pos: Record<string, { x: number; y: number }>) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [id, p] of Object.entries(pos)) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + W);
    maxY = Math.max(maxY, p.y + h(id));
  }
  return { w: maxX - minX, h: maxY - minY };
}

function overlaps(pos: Record<string, { x: number; y: number }>): string[] {
  const ids = Object.keys(pos);
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const a = pos[ids[i]!]!, b = pos[ids[j]!]!;
      if (a.x < b.x + W && b.x < a.x + W && a.y < b.y + h(ids[j]!) && b.y < a.y + h(ids[i]!)) out.push(`${ids[i]} ${ids[j]}`);
    }
  return out;
}

const example = JSON.parse(readFileSync('examples/xi-diplomacy.warrant.json', 'utf8')) as Parameters<typeof inputOf>[0];

describe('compact layout', () => {
  for (const direction of ['TB', 'LR'] as const) {
    it(`lays the example map out in a box between 1:3 and 3:1, nothing overlapping (${direction})`, () => {
      const pos = layoutGraph({ ...inputOf(example), direction });
      expect(Object.keys(pos)).toHaveLength(79);
      const b = bounds(pos);
      expect(b.w / b.h).toBeGreaterThan(1 / 3);
      expect(b.w / b.h).toBeLessThan(3);
      expect(overlaps(pos)).toEqual([]);
    });
  }

  it('stacks a claim’s quotes in columns, not one row', () => {
    const claims = [{ id: 'c_1' }];
    const quotes = Array.from({ length: 30 }, (_, i) => ({ id: `q_${i}` }));
    const pos = layoutGraph({ ...inputOf({ claims, quotes, links: quotes.map((q) => ({ from: q.id, to: 'c_1' })) }), direction: 'TB' });
    const rows = new Set(quotes.map((q) => pos[q.id]!.y));
    const cols = new Set(quotes.map((q) => pos[q.id]!.x));
    expect(rows.size).toBeGreaterThan(3);
    expect(cols.size).toBeGreaterThan(1);
    // Top-down: the quotes sit beside the claim, to its right.
    for (const q of quotes) expect(pos[q.id]!.x).toBeGreaterThan(pos['c_1']!.x + W);
    // Left to right: under it.
    const lr = layoutGraph({ ...inputOf({ claims, quotes, links: quotes.map((q) => ({ from: q.id, to: 'c_1' })) }), direction: 'LR' });
    for (const q of quotes) expect(lr[q.id]!.y).toBeGreaterThan(lr['c_1']!.y + 92);
  });

  it('packs a map of many small unlinked arguments into a rectangle, not a row', () => {
    const claims = Array.from({ length: 60 }, (_, i) => ({ id: `c_${i}` }));
    const quotes = Array.from({ length: 120 }, (_, i) => ({ id: `q_${i}` }));
    const links = [
      ...claims.filter((_, i) => i % 3).map((c, i) => ({ from: c.id, to: `c_${Math.floor(i / 2) * 3}` })),
      ...quotes.slice(0, 100).map((q, i) => ({ from: q.id, to: `c_${i % 60}` })),
    ];
    const pos = layoutGraph(inputOf({ claims, quotes, links }));
    expect(Object.keys(pos)).toHaveLength(180);
    const b = bounds(pos);
    expect(b.w / b.h).toBeGreaterThan(1 / 3);
    expect(b.w / b.h).toBeLessThan(3);
    expect(overlaps(pos)).toEqual([]);
  });

  it('stacks the leaf claims of a large tree in blocks, so its ranks stay short', () => {
    const claims = Array.from({ length: 165 }, (_, i) => ({ id: `c_${i}` }));
    const links = claims.slice(1).map((c, i) => ({ from: c.id, to: `c_${Math.floor(i / 4)}` }));
    const pos = layoutGraph(inputOf({ claims, quotes: [], links }));
    const b = bounds(pos);
    expect(b.w / b.h).toBeGreaterThan(1 / 3);
    expect(b.w / b.h).toBeLessThan(3);
    expect(overlaps(pos)).toEqual([]);
  });

  it('gives a generated 550-node map places that overlap nothing', () => {
    const m = generateMap({ claims: 165, quotes: 385, links: 600, seed: 5 });
    const pos = layoutGraph(inputOf({ claims: Object.values(m.claims), quotes: Object.values(m.quotes), links: Object.values(m.links) }));
    expect(Object.keys(pos)).toHaveLength(550);
    expect(overlaps(pos)).toEqual([]);
  });
});
