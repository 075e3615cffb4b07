import { describe, expect, it } from 'vitest';
import { countCrossings, passThroughs, segmentHitsBox, segmentsCross } from './crossings';

const p = (x: number, y: number) => ({ x, y });

describe('segmentsCross', () => {
  it('sees an X, not a T touching at an end, nor parallel runs', () => {
    expect(segmentsCross(p(0, 0), p(10, 10), p(0, 10), p(10, 0))).toBe(true);
    expect(segmentsCross(p(0, 0), p(10, 0), p(5, 0), p(5, 10))).toBe(false);
    expect(segmentsCross(p(0, 0), p(10, 0), p(0, 1), p(10, 1))).toBe(false);
    expect(segmentsCross(p(0, 0), p(4, 4), p(0, 10), p(10, 0))).toBe(false);
  });
});

describe('countCrossings', () => {
  it('counts each pair of crossing edges once, and not edges that share a node', () => {
    const edges = [
      { id: 'a', from: 'A', to: 'B', points: [p(0, 0), p(10, 10), p(20, 0), p(30, 10)] },
      { id: 'b', from: 'C', to: 'D', points: [p(0, 5), p(30, 5)] },
      { id: 'c', from: 'A', to: 'E', points: [p(0, 10), p(10, 0)] },
      { id: 'd', from: 'F', to: 'G', points: [p(100, 100), p(110, 110)] },
    ];
    // a crosses b three times (one pair), b crosses c (one pair); a and c share A.
    expect(countCrossings(edges)).toBe(2);
  });
});

describe('passThroughs', () => {
  it('finds a line running through a node it does not end at, not one grazing it or ending there', () => {
    const boxes = [
      { id: 'T', x: 0, y: 0, w: 100, h: 50 },
      { id: 'M', x: 0, y: 100, w: 100, h: 50 },
      { id: 'S', x: 0, y: 200, w: 100, h: 50 },
    ];
    const straight = { id: 'e1', from: 'S', to: 'T', points: [p(50, 200), p(50, 50)] };
    const around = { id: 'e2', from: 'S', to: 'T', points: [p(100, 225), p(130, 125), p(100, 25)] };
    const graze = { id: 'e3', from: 'S', to: 'T', points: [p(102, 200), p(102, 50)] };
    expect(passThroughs([straight, around, graze], boxes)).toEqual([{ edge: 'e1', node: 'M' }]);
    expect(segmentHitsBox(p(-10, 125), p(200, 125), boxes[1]!)).toBe(true);
    expect(segmentHitsBox(p(-10, 99), p(200, 99), boxes[1]!)).toBe(false);
  });
});
