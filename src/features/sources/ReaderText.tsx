import { memo, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import { blocksOf, snapToCharacters, splitSegments, type MarkRange, type Segment } from './segments';
import { reflowText } from './ReaderReflow';
import { chunkAt, chunkCount, chunkText, estimateHeights, segmentsIn, topsOf, WINDOW_FROM, windowFor, type Window } from './readerWindow';

type Props = {
  text: string;
  /** Quotes to mark; compared by value, so a new array with the same ranges renders nothing. */
  ranges: readonly MarkRange[];
  label: string;
  /** Draw hard-wrapped lines joined into paragraphs (display only: same length, same offsets; ReaderReflow.ts). */
  reflow?: boolean;
  /** Called after a long text's drawn range changed (new marks may be in the document). */
  onWindow?: () => void;
  ref?: Ref<HTMLDivElement>;
};

function sameRanges(a: readonly MarkRange[], b: readonly MarkRange[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.start !== y.start || x.end !== y.end || x.relation !== y.relation || x.fuzzy !== y.fuzzy) return false;
  }
  return true;
}

/** A run of text, plain or as a quote's mark. */
function run(text: string, s: Segment) {
  const chunk = text.slice(s.start, s.end);
  if (!s.quoteIds.length) return chunk;
  return (
    <mark key={s.start} className={`q q-${s.relation}${s.fuzzy ? ' q-fuzzy' : ''}`} data-quote={s.quoteIds[0]} data-quotes={s.quoteIds.join(' ')}>
      {chunk}
    </mark>
  );
}

/**
 * The source text with its quotes as <mark> elements. It depends only on the
 * text and the quote ranges: selection, labels (claim texts) and flashing are
 * applied to the rendered marks by the Reader, so neither a selection change
 * nor typing a claim re-renders a 300 KB text. The container holds nothing
 * but the text (see textOffsets.ts): icons are CSS-generated. Each paragraph
 * is its own block so layout is per paragraph, not one 300 KB inline run.
 * A text longer than WINDOW_FROM is drawn by visible range (WindowedText).
 */
export const ReaderText = memo(
  function ReaderText({ text: stored, ranges, label, reflow = false, onWindow, ref }: Props) {
    // What is drawn: the stored text, or the same length with hard wraps drawn as spaces.
    const text = useMemo(() => (reflow ? reflowText(stored) : stored), [stored, reflow]);
    const segments = useMemo(() => splitSegments(text.length, snapToCharacters(text, ranges)), [text, ranges]);
    if (text.length > WINDOW_FROM) {
      return <WindowedText text={text} segments={segments} label={label} reflow={reflow} onWindow={onWindow} outerRef={ref} />;
    }
    const blocks = blocksOf(text, segments);
    return (
      <div ref={ref} className={`reader-text${reflow ? ' is-reflowed' : ''}`} role="document" tabIndex={0} aria-label={label}>
        {blocks.map((block) => (
          <div key={block.start} className="reader-block">
            {block.segments.map((s) => run(text, s))}
          </div>
        ))}
      </div>
    );
  },
  (prev, next) =>
    prev.text === next.text &&
    prev.reflow === next.reflow &&
    prev.label === next.label &&
    prev.ref === next.ref &&
    prev.onWindow === next.onWindow &&
    sameRanges(prev.ranges, next.ranges),
);

/** What a windowed text offers the Reader: bring an offset's chunk into the drawn range. */
type WindowControl = { reveal: (offset: number) => boolean };
const controls = new WeakMap<Element, WindowControl>();

/**
 * Makes sure text offset `offset` of the reader's text `root` is drawn. True
 * when it is (always, for a text drawn whole); false when the text was
 * scrolled to it and it will be drawn with the next render, announced by the
 * ReaderText's `onWindow`.
 */
export function revealOffset(root: Element, offset: number): boolean {
  return controls.get(root)?.reveal(offset) ?? true;
}

/** Pixels drawn beyond the view on each side, so a scroll of a screenful shows drawn text. */
const OVERSCAN = 900;

/**
 * A long text drawn by visible range (readerWindow.ts): a spacer, the chunks
 * in and near the view (each a block with `data-start`/`data-end`, which
 * textOffsets.ts maps offsets through), and a spacer. Spacer heights are
 * set on the elements, from the chunks' heights: estimated from their line
 * lengths and the column's width, replaced by the measured ones as chunks are
 * drawn. The browser's scroll anchoring keeps the text still when an
 * estimate above the view is corrected.
 */
function WindowedText({
  text,
  segments,
  label,
  reflow,
  onWindow,
  outerRef,
}: {
  text: string;
  segments: readonly Segment[];
  label: string;
  reflow: boolean;
  onWindow?: () => void;
  outerRef?: Ref<HTMLDivElement>;
}) {
  const chunks = useMemo(() => chunkText(text), [text]);
  const count = chunkCount(chunks);
  const box = useRef<HTMLDivElement | null>(null);
  const before = useRef<HTMLDivElement>(null);
  const after = useRef<HTMLDivElement>(null);
  // Heights: estimated for the column's width, measured ones (flagged) kept until the width changes.
  const geometry = useRef<{ width: number; heights: Float64Array; measured: Uint8Array; tops: Float64Array } | null>(null);
  const [win, setWin] = useState<Window>({ first: 0, last: Math.min(count - 1, 3) });
  const winRef = useRef(win);
  useLayoutEffect(() => {
    winRef.current = win;
  }, [win]);
  // The Reader's ref is the text's element, as for a text drawn whole.
  useImperativeHandle(outerRef, () => box.current as HTMLDivElement, []);

  /** The heights for the box's present width (re-estimated when it changed). */
  const measure = useCallback(() => {
    const el = box.current;
    const width = el?.clientWidth ?? 0;
    const g = geometry.current;
    if (g && g.width === width && g.heights.length === count) return g;
    const style = el ? getComputedStyle(el) : null;
    const fontSize = parseFloat(style?.fontSize ?? '') || 16;
    const lineHeight = parseFloat(style?.lineHeight ?? '') || fontSize * 1.6;
    const padding = (parseFloat(style?.paddingLeft ?? '') || 0) + (parseFloat(style?.paddingRight ?? '') || 0);
    // An average serif character is about half an em wide.
    const perLine = Math.max(10, Math.floor((width - padding) / (fontSize * 0.5)));
    const heights = estimateHeights(chunks, perLine, lineHeight);
    const next = { width, heights, measured: new Uint8Array(count), tops: topsOf(heights) };
    geometry.current = next;
    return next;
  }, [chunks, count]);

  /** The window for the box's scroll position. */
  const update = useCallback(() => {
    const el = box.current;
    if (!el) return;
    const g = measure();
    const next = windowFor(g.tops, el.scrollTop, el.clientHeight, OVERSCAN);
    const cur = winRef.current;
    if (next.first !== cur.first || next.last !== cur.last) setWin(next);
  }, [measure]);

  // A new text (or reflow) starts from fresh estimates at the top.
  useLayoutEffect(() => {
    geometry.current = null;
    update();
  }, [chunks, update]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.addEventListener('scroll', update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(el);
    const control: WindowControl = {
      reveal(offset) {
        const i = chunkAt(chunks, offset);
        const cur = winRef.current;
        if (i >= cur.first && i <= cur.last) return true;
        const g = measure();
        el.scrollTop = Math.max(0, g.tops[i]! - el.clientHeight / 3);
        const next = windowFor(g.tops, el.scrollTop, el.clientHeight, OVERSCAN);
        setWin({ first: Math.min(next.first, i), last: Math.max(next.last, i) });
        return false;
      },
    };
    controls.set(el, control);
    return () => {
      el.removeEventListener('scroll', update);
      resize.disconnect();
      if (controls.get(el) === control) controls.delete(el);
    };
  }, [chunks, measure, update]);

  // After each draw: measure the drawn chunks, size the spacers, and tell the Reader.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const g = measure();
    let changed = false;
    for (const block of el.querySelectorAll<HTMLElement>(':scope > .reader-block[data-chunk]')) {
      const i = Number(block.dataset['chunk']);
      const h = block.offsetHeight;
      if (h > 0 && (g.heights[i] !== h || !g.measured[i])) {
        changed ||= g.heights[i] !== h;
        g.heights[i] = h;
        g.measured[i] = 1;
      }
    }
    if (changed) g.tops = topsOf(g.heights);
    const total = g.tops[count]!;
    if (before.current) before.current.style.height = `${g.tops[win.first] ?? 0}px`;
    if (after.current) after.current.style.height = `${Math.max(0, total - (g.tops[win.last + 1] ?? total))}px`;
    onWindow?.();
  }, [win, measure, count, onWindow, segments]);

  const drawn: ReactNode[] = [];
  for (let i = win.first; i <= win.last && i < count; i++) {
    const a = chunks.starts[i]!;
    const b = chunks.starts[i + 1]!;
    drawn.push(
      <div key={a} className="reader-block" data-chunk={i} data-start={a} data-end={b}>
        {segmentsIn(segments, a, b).map((s) => run(text, s))}
      </div>,
    );
  }
  return (
    <div ref={box} className={`reader-text${reflow ? ' is-reflowed' : ''}`} role="document" tabIndex={0} aria-label={label} data-windowed="">
      <div ref={before} className="reader-spacer" aria-hidden="true" />
      {drawn}
      <div ref={after} className="reader-spacer" aria-hidden="true" />
    </div>
  );
}
