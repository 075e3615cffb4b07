/**
 * Mapping between DOM positions in the reader's text container and UTF-16
 * offsets into the source text. The container holds the source text only —
 * plain text nodes and <mark> elements around quoted runs (any decoration is
 * CSS-generated, never a text node) — so an offset is the summed length of
 * the text nodes before a point.
 */

function textNodes(root: Node): TreeWalker {
  return root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_TEXT);
}

/**
 * A long text is drawn by visible range (ReaderText's WindowedText): its
 * root, marked `data-windowed`, holds spacers and the drawn chunks, each a
 * block with the text offsets it starts and ends at (`data-start`,
 * `data-end`). Offsets there are the block's start plus the offset within
 * the block.
 */
const isWindowed = (root: Node): root is HTMLElement => root.nodeType === Node.ELEMENT_NODE && (root as Element).hasAttribute('data-windowed');

function drawnBlocks(root: HTMLElement): HTMLElement[] {
  return [...root.children].filter((c): c is HTMLElement => (c as HTMLElement).dataset?.['start'] !== undefined);
}

const startOf = (block: HTMLElement) => Number(block.dataset['start']);
const endOf = (block: HTMLElement) => Number(block.dataset['end']);

/**
 * The offset in the text of `root` of the DOM boundary point (node, offset),
 * or null when the point is outside `root`.
 */
export function textOffsetOf(root: Node, node: Node, offset: number): number | null {
  if (node !== root && !root.contains(node)) return null;
  if (isWindowed(root)) return windowedOffsetOf(root, node, offset);
  return offsetWithin(root, node, offset);
}

function windowedOffsetOf(root: HTMLElement, node: Node, offset: number): number | null {
  const blocks = drawnBlocks(root);
  if (!blocks.length) return null;
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const block = blocks.find((b) => b === el || b.contains(el));
  if (block) {
    const inner = offsetWithin(block, node, offset);
    return inner === null ? null : startOf(block) + inner;
  }
  // A point between the root's children, or in a spacer: the first drawn block after it starts there.
  const at = node === root ? (root.childNodes[offset] ?? null) : node;
  if (at) {
    for (const b of blocks) if (b === at || at.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) return startOf(b);
  }
  return endOf(blocks[blocks.length - 1]!);
}

function offsetWithin(root: Node, node: Node, offset: number): number | null {
  const walker = textNodes(root);
  let sum = 0;
  if (node.nodeType === Node.TEXT_NODE) {
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (t === node) return sum + Math.min(offset, (t as Text).length);
      sum += (t as Text).length;
    }
    return null;
  }
  // An element point sits before its child number `offset` (or at its end).
  const child = node.childNodes[offset] ?? null;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (child) {
      if (t === child || child.contains(t) || child.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING) break;
    } else if (!node.contains(t) && node.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING) {
      break;
    }
    sum += (t as Text).length;
  }
  return sum;
}

export type TextRange = { start: number; end: number };

/**
 * The offsets of the selection's first range when it lies wholly inside
 * `root` and is not empty; otherwise null.
 */
export function selectionOffsets(root: Node, selection: Selection | null): TextRange | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const start = textOffsetOf(root, range.startContainer, range.startOffset);
  const end = textOffsetOf(root, range.endContainer, range.endOffset);
  if (start === null || end === null || start >= end) return null;
  return { start, end };
}

/**
 * The text node and offset in it at text offset `offset` of `root` (clamped
 * to the text; for a text drawn by visible range, to the drawn part).
 */
export function domPointAt(root: Node, offset: number): { node: Node; offset: number } {
  if (isWindowed(root)) {
    const blocks = drawnBlocks(root);
    const block = blocks.find((b) => offset < endOf(b)) ?? blocks[blocks.length - 1];
    if (block) return pointWithin(block, Math.max(0, offset - startOf(block)));
  }
  return pointWithin(root, offset);
}

function pointWithin(root: Node, offset: number): { node: Node; offset: number } {
  const walker = textNodes(root);
  let sum = 0;
  let last: Text | null = null;
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    if (offset <= sum + t.length) return { node: t, offset: Math.max(0, offset - sum) };
    sum += t.length;
    last = t;
  }
  return last ? { node: last, offset: last.length } : { node: root, offset: 0 };
}

/** Selects text offsets [start, end) of `root` in `selection`. */
export function selectOffsets(root: Node, selection: Selection, start: number, end: number): void {
  const a = domPointAt(root, start);
  const b = domPointAt(root, end);
  selection.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
}
