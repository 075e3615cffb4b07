import { describe, expect, it } from 'vitest';
import { newClaimPosition, NEW_CLAIM_GAP } from './placement';
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
