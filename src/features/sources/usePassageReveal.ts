import { useEffect, type RefObject } from 'react';
import { domPointAt, selectOffsets } from './textOffsets';
import { revealOffset } from './ReaderText';
import { useReaderTarget } from '../../store/readerTarget';

/** The last target shown, module-wide: showing may open another source and mount a new reader. */
let handledSeq = 0;

function blockAt(root: HTMLElement, offset: number): HTMLElement | null {
  const { node } = domPointAt(root, offset);
  const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const block = el?.closest<HTMLElement>('.reader-block');
  return block && root.contains(block) ? block : null;
}

/**
 * Shows the reader target (see store/readerTarget.ts) in the reader's text
 * element: scrolled to the middle, flashed, and selected when asked, so
 * `Quote selection` (or Q) quotes it at once.
 */
export function usePassageReveal(textRef: RefObject<HTMLElement | null>, sourceId: string, text: string, drawn: number): void {
  const target = useReaderTarget();
  useEffect(() => {
    const el = textRef.current;
    if (!target || target.seq === handledSeq || target.sourceId !== sourceId || !el) return;
    // A long text is drawn by visible range: draw the passage's part first, and come back when it is (`drawn`).
    if (!revealOffset(el, target.start)) return;
    handledSeq = target.seq;
    // Just inside the first character: at a block boundary, offset `start` is also the end of the block before.
    const first = blockAt(el, Math.min(target.start + 1, target.end));
    const last = blockAt(el, Math.max(target.start, target.end - 1));
    if (!first) return;
    const blocks: HTMLElement[] = [first];
    for (let b = first; b !== last && b.nextElementSibling?.classList.contains('reader-block'); ) {
      b = b.nextElementSibling as HTMLElement;
      blocks.push(b);
    }
    // Scroll the text itself, not every ancestor as scrollIntoView would (it shifts the workspace).
    const box = el.getBoundingClientRect();
    const at = first.getBoundingClientRect();
    const top = el.scrollTop + at.top - box.top - Math.max(0, (box.height - at.height) / 2);
    // At once: a smooth scroll is cut short when the marks of a newly opened source render.
    el.scrollTop = Math.max(0, top);
    if (target.select) {
      const sel = document.getSelection();
      if (sel) selectOffsets(el, sel, target.start, target.end);
    }
    for (const b of blocks) {
      b.classList.remove('is-passage-flashing');
      void b.offsetWidth; // restart the animation
      b.classList.add('is-passage-flashing');
    }
    const timer = window.setTimeout(() => blocks.forEach((b) => b.classList.remove('is-passage-flashing')), 1600);
    return () => window.clearTimeout(timer);
  }, [target, sourceId, text, textRef, drawn]);
}
