import { describe, expect, it } from 'vitest';
import { docFromRecords } from '../../domain/change';
import { makeClaim, makeLink, makeMap } from '../../test/factories';
import { bearingOn, nearestInDirection, neighbour } from './graphQueries';

/** A thesis with a linked argument of A and B, U undercutting A's link, V backing U, and an unrelated claim. */
const doc = docFromRecords({
  map: makeMap(),
  sources: [],
  quotes: [],
  claims: ['c_T', 'c_A', 'c_B', 'c_U', 'c_V', 'c_X'].map((id) => makeClaim(id, id)),
  links: [
    makeLink('l_a', 'c_A', 'c_T', 'supports', { group: 'g' }),
    makeLink('l_b', 'c_B', 'c_T', 'supports', { group: 'g' }),
    makeLink('l_u', 'c_U', 'l_a', 'contradicts'),
    makeLink('l_v', 'c_V', 'c_U', 'supports'),
  ],
  layout: {},
});
const J = 'j:c_T:supports:g';
const at: Record<string, { x: number; y: number }> = {
  c_T: { x: 0, y: 0 },
  [J]: { x: 0, y: 100 },
  c_A: { x: -200, y: 200 },
  c_B: { x: 200, y: 200 },
  c_U: { x: -300, y: 120 },
  c_V: { x: -300, y: 320 },
  c_X: { x: 600, y: 0 },
};
const pos = (id: string) => at[id];

describe('arrow keys along the graph as drawn', () => {
  it('go through a linked argument’s junction, not past it', () => {
    expect(neighbour(doc, 'c_A', 'up', pos)).toBe(J);
    expect(neighbour(doc, J, 'up', pos)).toBe('c_T');
    expect(neighbour(doc, 'c_T', 'down', pos)).toBe(J);
    expect(neighbour(doc, J, 'down', pos)).toBe('c_A');
    expect(neighbour(doc, 'c_A', 'right', pos)).toBe('c_B');
    expect(neighbour(doc, 'c_B', 'left', pos)).toBe('c_A');
  });

  it('reach an undercutter from the line it meets, and the line from it', () => {
    expect(neighbour(doc, 'c_U', 'up', pos)).toBe('c_A');
    expect(neighbour(doc, 'c_A', 'down', pos)).toBe('c_U');
    expect(neighbour(doc, 'c_U', 'down', pos)).toBe('c_V');
  });

  it('count a junction as shown in focus mode when its conclusion is', () => {
    const visible = bearingOn(doc, 'c_T');
    expect(neighbour(doc, 'c_A', 'up', pos, visible)).toBe(J);
  });
});

describe('focus mode', () => {
  it('keeps what undercuts a shown link, and what bears on that', () => {
    expect([...bearingOn(doc, 'c_T')].sort()).toEqual(['c_A', 'c_B', 'c_T', 'c_U', 'c_V']);
    expect([...bearingOn(doc, 'c_U')].sort()).toEqual(['c_U', 'c_V']);
  });
});

describe('arrow keys while making a link: the drawing, not the links', () => {
  const at: Record<string, { x: number; y: number }> = {
    here: { x: 0, y: 0 },
    above: { x: 30, y: -200 },
    farAside: { x: 400, y: -60 },
    right: { x: 300, y: 10 },
    below: { x: -20, y: 150 },
  };
  const pos = (id: string) => at[id];
  const ids = Object.keys(at);
  it('goes to the nearest node ahead, straight ahead before one far to the side', () => {
    expect(nearestInDirection(ids, 'here', 'up', pos)).toBe('above');
    expect(nearestInDirection(ids, 'here', 'right', pos)).toBe('right');
    expect(nearestInDirection(ids, 'here', 'down', pos)).toBe('below');
    expect(nearestInDirection(ids, 'here', 'left', pos)).toBe('below');
  });
  it('finds nothing where no node lies ahead, or from a node with no position', () => {
    expect(nearestInDirection(['here', 'right'], 'here', 'left', pos)).toBeNull();
    expect(nearestInDirection(ids, 'nowhere', 'up', pos)).toBeNull();
  });
});
