// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { domPointAt, selectOffsets, selectionOffsets, textOffsetOf } from './textOffsets';

let root: HTMLElement;
const TEXT = 'abcdefghijkl';

beforeEach(() => {
  document.body.innerHTML = '<p id="before">outside</p><div id="root">abc<mark>def</mark>ghi<mark>j<mark>k</mark>l</mark></div>';
  root = document.getElementById('root')!;
});

const textAt = (i: number) => root.childNodes[i]!;

describe('textOffsetOf', () => {
  it('sums the lengths of the text nodes before a point inside a text node', () => {
    expect(root.textContent).toBe(TEXT);
    expect(textOffsetOf(root, textAt(0), 0)).toBe(0);
    expect(textOffsetOf(root, textAt(0), 2)).toBe(2);
    expect(textOffsetOf(root, textAt(1).firstChild!, 1)).toBe(4); // inside the first mark
    expect(textOffsetOf(root, textAt(2), 3)).toBe(9);
    const nested = textAt(3).childNodes[1]!.firstChild!;
    expect(nested.textContent).toBe('k');
    expect(textOffsetOf(root, nested, 1)).toBe(11);
  });

  it('handles element boundary points (before a child, and at the end)', () => {
    expect(textOffsetOf(root, root, 0)).toBe(0);
    expect(textOffsetOf(root, root, 1)).toBe(3); // before the first mark
    expect(textOffsetOf(root, root, 2)).toBe(6);
    expect(textOffsetOf(root, root, 4)).toBe(12); // after the last child
    expect(textOffsetOf(root, textAt(3), 1)).toBe(10); // inside the last mark, before the nested one
    expect(textOffsetOf(root, textAt(3), 3)).toBe(12);
  });

  it('is null for points outside the container', () => {
    expect(textOffsetOf(root, document.getElementById('before')!.firstChild!, 2)).toBeNull();
  });
});

describe('selectionOffsets', () => {
  it('maps a DOM selection across marks to offsets of the source text', () => {
    const sel = document.getSelection()!;
    sel.setBaseAndExtent(textAt(0), 1, textAt(3).lastChild!, 1);
    const r = selectionOffsets(root, sel);
    expect(r).toEqual({ start: 1, end: 12 });
    expect(TEXT.slice(r!.start, r!.end)).toBe(sel.toString());
  });

  it('normalises a backward selection', () => {
    const sel = document.getSelection()!;
    sel.setBaseAndExtent(textAt(2), 2, textAt(1).firstChild!, 1);
    expect(selectionOffsets(root, sel)).toEqual({ start: 4, end: 8 });
  });

  it('is null for a collapsed selection or one reaching outside', () => {
    const sel = document.getSelection()!;
    sel.collapse(textAt(0), 1);
    expect(selectionOffsets(root, sel)).toBeNull();
    sel.setBaseAndExtent(document.getElementById('before')!.firstChild!, 0, textAt(0), 2);
    expect(selectionOffsets(root, sel)).toBeNull();
    sel.removeAllRanges();
    expect(selectionOffsets(root, sel)).toBeNull();
  });
});

describe('domPointAt / selectOffsets', () => {
  it('finds the text node for an offset and round-trips through selectionOffsets', () => {
    const p = domPointAt(root, 7);
    expect(p.node.textContent).toBe('ghi');
    expect(p.offset).toBe(1);
    const sel = document.getSelection()!;
    for (const [a, b] of [[0, 12], [2, 5], [3, 6], [9, 11], [10, 11]] as const) {
      selectOffsets(root, sel, a, b);
      expect(selectionOffsets(root, sel)).toEqual({ start: a, end: b });
      expect(sel.toString()).toBe(TEXT.slice(a, b));
    }
  });
});
