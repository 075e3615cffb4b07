import { describe, expect, it } from 'vitest';
import { sizeOf } from '../flowTypes';

describe('sizeOf (where a line meets a node)', () => {
  it('uses the measured size once the node is drawn', () => {
    expect(sizeOf({ measured: { width: 250, height: 90 }, initialWidth: 240, initialHeight: 80 })).toEqual({ w: 250, h: 90 });
  });
  it('uses the size the node was given while it has never been drawn (culled out of view)', () => {
    expect(sizeOf({ measured: {}, initialWidth: 240, initialHeight: 80 })).toEqual({ w: 240, h: 80 });
  });
  it('is zero only for a node with neither', () => {
    expect(sizeOf({ measured: {} })).toEqual({ w: 0, h: 0 });
  });
});
