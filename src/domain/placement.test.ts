import { describe, expect, it } from 'vitest';
import { layeredPlacement, newClaimPosition, NEW_CLAIM_GAP, NODE_WIDTH } from './placement';
import { makeClaim } from '../test/factories';

describe('newClaimPosition', () => {
  it('puts the first claim at the origin', () => {
    expect(newClaimPosition({ claims: {}, quotes: {}, layout: {} })).toEqual({ x: 0, y: 0 });
  });
  it('goes below the lowest positioned claim, ignoring quotes and unplaced claims', () => {
    const claims = { c_a: makeClaim('c_a', 'a'), c_b: makeClaim('c_b', 'b'), c_c: makeClaim('c_c', 'c') };
    const layout = { c_a: { x: 10, y: 50 }, c_b: { x: 300, y: 200 }, q_x: { x: 0, y: 900 } };
    expect(newClaimPosition({ claims, quotes: {}, layout })).toEqual({ x: 300, y: 200 + NEW_CLAIM_GAP });
  });
  it('lands on a spot that overlaps no node', () => {
    const claims = { c_a: makeClaim('c_a', 'a') };
    const quotes = { q_x: {} as never };
    const layout = { c_a: { x: 0, y: 0 }, q_x: { x: 0, y: NEW_CLAIM_GAP } };
    const p = newClaimPosition({ claims, quotes, layout });
    expect(p.y >= NEW_CLAIM_GAP + 104 || p.x >= 220).toBe(true);
  });
  it('two claims made in a row do not land on the same spot', () => {
    const claims: Record<string, ReturnType<typeof makeClaim>> = { c_a: makeClaim('c_a', 'a') };
    const layout: Record<string, { x: number; y: number }> = { c_a: { x: 0, y: 0 } };
    const first = newClaimPosition({ claims, quotes: {}, layout });
    claims['c_b'] = makeClaim('c_b', 'b');
    layout['c_b'] = first;
    expect(newClaimPosition({ claims, quotes: {}, layout })).not.toEqual(first);
  });
});

describe('layeredPlacement', () => {
  const box = (id: string) => ({ id, width: NODE_WIDTH, height: 92 });

  it('stacks premises under their conclusion, layer by layer, overlapping nothing', () => {
    const nodes = ['t', 'a', 'b', 'c', 'd'].map(box);
    const edges = [
      { from: 'a', to: 't' },
      { from: 'b', to: 't' },
      { from: 'c', to: 'a' },
      { from: 'd', to: 'b' },
    ];
    const p = layeredPlacement(nodes, edges);
    expect(p.get('t')!.y).toBeLessThan(p.get('a')!.y);
    expect(p.get('a')!.y).toBe(p.get('b')!.y);
    expect(p.get('c')!.y).toBeGreaterThan(p.get('a')!.y);
    // Each premise of the third layer is in the column order of what it bears on.
    expect(p.get('c')!.x).toBeLessThan(p.get('d')!.x);
    const boxes = [...p.values()].map((q) => ({ ...q, w: NODE_WIDTH, h: 92 }));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [u, v] = [boxes[i]!, boxes[j]!];
        expect(u.x < v.x + v.w && v.x < u.x + u.w && u.y < v.y + v.h && v.y < u.y + u.h).toBe(false);
      }
  });

  it('places every node of a cycle with no way out, and wraps a wide layer into rows', () => {
    const cycle = layeredPlacement(['x', 'y', 'z'].map(box), [
      { from: 'x', to: 'y' },
      { from: 'y', to: 'z' },
      { from: 'z', to: 'x' },
    ]);
    expect(cycle.size).toBe(3);
    const wide = ['t', ...Array.from({ length: 150 }, (_, i) => `p${i}`)];
    const placed = layeredPlacement(
      wide.map(box),
      wide.slice(1).map((id) => ({ from: id, to: 't' })),
    );
    const rows = new Set(wide.slice(1).map((id) => placed.get(id)!.y));
    expect(rows.size).toBe(3);
    expect(Math.max(...wide.map((id) => placed.get(id)!.x))).toBeLessThan(60 * (NODE_WIDTH + 40));
  });

  it('lays out 100,000 nodes in a chain without a quadratic step', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `n${i}`);
    const placed = layeredPlacement(
      ids.map(box),
      ids.slice(1).map((id, i) => ({ from: id, to: ids[i]! })),
    );
    expect(placed.size).toBe(100_000);
    expect(placed.get('n99999')!.y).toBeGreaterThan(placed.get('n0')!.y);
  });
});
