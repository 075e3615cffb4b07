import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { mapStore, READ_ONLY_TITLE, useMapStore, useReadOnly } from '../../store/useMapStore';
import { isEditableTarget } from '../../components/keyboard';
import type { Source } from '../../domain/schema';
import { ellipsize, plural, RELIABILITY_LABELS } from '../../domain/vocabulary';
import { ReaderText, revealOffset } from './ReaderText';
import { LinkQuoteDialog } from './LinkQuoteDialog';
import type { Passage } from '../../store/readerTarget';
import { useQuoteMarks, type PlacedQuote } from './useQuoteMarks';
import { domPointAt, selectionOffsets, textOffsetOf, type TextRange } from './textOffsets';
import { usePassageReveal } from './usePassageReveal';
import './sources.css';

const SHORTCUT_HINT = 'Quote the selected passage and link it to a claim (Q, or Ctrl+Shift+L)';

/**
 * Marks of a quote: a quote split by overlapping ones has several. Compared
 * in script, not in a selector: a stored id may hold any character (a
 * newline, a quote mark) and must neither break nor widen the query.
 */
function marksOf(container: HTMLElement, quoteId: string): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>('mark[data-quotes]')].filter(
    (m) => m.dataset['quote'] === quoteId || (m.dataset['quotes'] ?? '').split(' ').includes(quoteId),
  );
}

/**
 * The last flash request shown. Module-wide, not per component: showInSource
 * may switch the open source, mounting a new reader that must still flash.
 */
let handledFlashSeq = 0;

const prefersReducedMotion = () =>
  typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Tools other features add to the reader's toolbar for the open source (the coverage stepper), handed down from app/. */
export type ReaderTools = (sourceId: string) => ReactNode;

/** The reader: the open source's text with its quotes marked, and quoting a selection. */
export function Reader({ tools }: { tools?: ReaderTools }) {
  const openSourceId = useMapStore((s) => s.openSourceId);
  const source = useMapStore((s) => (s.openSourceId ? s.doc?.sources[s.openSourceId] : undefined));
  const hasSources = useMapStore((s) => Object.keys(s.doc?.sources ?? {}).length > 0);
  if (!source) {
    return (
      <div className="reader reader-empty">
        <p className="placeholder">
          {openSourceId || !hasSources ? 'Add a source to read it here and quote it.' : 'Choose a source to read it here.'}
        </p>
      </div>
    );
  }
  return <OpenSource key={source.id} source={source} tools={tools} />;
}

function OpenSource({ source, tools }: { source: Source; tools?: ReaderTools }) {
  const { ranges, titles, unplaced, needReview } = useQuoteMarks(source);
  const selectedQuoteId = useMapStore((s) => (s.selection?.kind === 'quote' ? s.selection.id : null));
  const flash = useMapStore((s) => s.flash);
  const textRef = useRef<HTMLDivElement>(null);
  const [textSel, setTextSel] = useState<TextRange | null>(null);
  const [linking, setLinking] = useState<Passage | null>(null);
  // Display only: the stored text and every quote's range stay as they are.
  const [reflow, setReflow] = useState(false);
  const pointerFocus = useRef(false);
  // A long text is drawn by visible range: each new drawn range may hold marks the effects below look for.
  const [drawn, setDrawn] = useState(0);
  const onWindow = useCallback(() => setDrawn((n) => n + 1), []);
  usePassageReveal(textRef, source.id, source.text, drawn);

  // The text selection, as offsets into the source text.
  useEffect(() => {
    const update = () => {
      const el = textRef.current;
      const next = el ? selectionOffsets(el, document.getSelection()) : null;
      setTextSel((prev) => (prev?.start === next?.start && prev?.end === next?.end ? prev : next));
    };
    update();
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, [source.text]);

  // Titles name the linked claims; set on the marks so claim edits do not re-render the text.
  useEffect(() => {
    const el = textRef.current;
    if (!el) return;
    for (const mark of el.querySelectorAll<HTMLElement>('mark[data-quote]')) {
      const ids = (mark.dataset['quotes'] ?? '').split(' ');
      const base = titles.get(mark.dataset['quote'] ?? '') ?? 'Quote';
      const others = ids.length - 1;
      mark.title = others > 0 ? `${base} (overlaps ${plural(others, 'other quote')})` : base;
    }
  }, [titles, ranges, source.text, drawn]);

  // The selected quote is highlighted by an attribute on its marks, not by re-rendering.
  useEffect(() => {
    const el = textRef.current;
    if (!el) return;
    for (const m of el.querySelectorAll('mark[data-selected]')) m.removeAttribute('data-selected');
    if (selectedQuoteId) for (const m of marksOf(el, selectedQuoteId)) m.setAttribute('data-selected', '');
  }, [selectedQuoteId, ranges, source.text, drawn]);

  // A quote selected elsewhere (the graph, Find, the claim view) is brought into view; once per
  // selection, so reading on after it does not jump back.
  const scrolledFor = useRef<string | null>(null);
  useEffect(() => {
    const el = textRef.current;
    if (!el || !selectedQuoteId) {
      scrolledFor.current = null;
      return;
    }
    if (scrolledFor.current === selectedQuoteId) return;
    const first = marksOf(el, selectedQuoteId)[0];
    if (!first) {
      // Not drawn yet (a long text): draw its part, and come back when it is.
      const placed = ranges.find((r) => r.id === selectedQuoteId);
      if (placed) revealOffset(el, placed.start);
      return;
    }
    scrolledFor.current = selectedQuoteId;
    if (!isInView(el, first)) scrollWithin(el, first, false);
  }, [selectedQuoteId, ranges, source.text, drawn]);

  // Show in source: scroll to the quote and flash it, once per request.
  useEffect(() => {
    const el = textRef.current;
    if (!flash || flash.seq === handledFlashSeq || !el) return;
    const quote = mapStore.getState().doc?.quotes[flash.quoteId];
    if (!quote || quote.sourceId !== source.id) return;
    const placed = ranges.find((r) => r.id === flash.quoteId);
    // In a long text the quote's part may not be drawn yet: draw it, and flash when it is.
    if (placed && !revealOffset(el, placed.start)) return;
    handledFlashSeq = flash.seq;
    const targets: HTMLElement[] = marksOf(el, flash.quoteId);
    if (!targets.length) {
      const item = document.getElementById(`unplaced-${flash.quoteId}`);
      if (item) targets.push(item);
    }
    const first = targets[0];
    if (!first) return;
    // Only the text scrolls: scrollIntoView would also scroll every box around it, the page included.
    if (el.contains(first)) scrollWithin(el, first, !prefersReducedMotion());
    else first.scrollIntoView({ block: 'nearest' });
    for (const t of targets) {
      t.classList.remove('is-flashing');
      void t.offsetWidth; // restart the animation
      t.classList.add('is-flashing');
    }
    const timer = window.setTimeout(() => targets.forEach((t) => t.classList.remove('is-flashing')), 1600);
    return () => window.clearTimeout(timer);
  }, [flash, source.id, ranges, drawn]);

  const readOnly = useReadOnly();
  /** Opens Link quote on the selected passage; false when nothing is selected here. */
  const openLinkDialog = useCallback((): boolean => {
    if (readOnly) return false;
    // selectionchange is delivered asynchronously: a key pressed right after the
    // last Shift+Arrow would otherwise quote the selection as it was one step ago.
    const el = textRef.current;
    const range = (el ? selectionOffsets(el, document.getSelection()) : null) ?? textSel;
    if (!range) return false;
    setLinking({ sourceId: source.id, start: range.start, end: range.end, exact: source.text.slice(range.start, range.end) });
    return true;
  }, [textSel, source.id, source.text, readOnly]);

  // Ctrl/Cmd+Shift+L anywhere outside a text field while a passage is selected.
  // Listening whatever `textSel` says: selectionchange arrives after the
  // selection is made, and a key pressed before it must still find the
  // passage (openLinkDialog reads the live selection first).
  useEffect(() => {
    if (linking) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || !e.shiftKey || e.altKey || e.key.toLowerCase() !== 'l') return;
      if (isEditableTarget(e.target)) return;
      if (openLinkDialog()) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [textSel, linking, openLinkDialog]);

  const onTextKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = textRef.current;
    if (!el || e.target !== el) return;
    if (e.key.toLowerCase() === 'q' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      if (textSel || selectionOffsets(el, document.getSelection())) {
        e.preventDefault();
        openLinkDialog();
      }
      return;
    }
    if (e.key === 'Enter') {
      const quoteId = quoteAtCaret(el);
      if (quoteId) {
        e.preventDefault();
        mapStore.getState().select({ kind: 'quote', id: quoteId });
      }
      return;
    }
    if (moveCaret(el, e)) e.preventDefault();
  };

  const onTextClick = (e: MouseEvent<HTMLDivElement>) => {
    const mark = (e.target as Element).closest?.('mark[data-quote]');
    if (!mark || !textRef.current?.contains(mark)) return;
    // The end of a drag that selected text is not a click on a quote.
    const sel = document.getSelection();
    if (sel && !sel.isCollapsed && textRef.current.contains(sel.anchorNode)) return;
    const id = (mark as HTMLElement).dataset['quote'];
    if (id) mapStore.getState().select({ kind: 'quote', id });
  };

  const onTextFocus = () => {
    const el = textRef.current;
    if (!el || pointerFocus.current) return;
    // Give keyboard users a caret to extend with Shift+arrows: at the first visible character.
    const sel = document.getSelection();
    if (!sel || (sel.rangeCount > 0 && el.contains(sel.anchorNode))) return;
    const point = caretAtTopOf(el) ?? domPointAt(el, 0);
    sel.collapse(point.node, point.offset);
  };

  const meta = [source.author, source.publisher, source.publishedAt].filter(Boolean).join(' · ');

  return (
    <div className="reader">
      <header className="reader-head">
        <h2 className="reader-title">{source.title || 'Untitled source'}</h2>
        <p className="reader-meta">
          {meta && <span>{meta}</span>}
          {source.reliability && (
            <span className={`grade grade-${source.reliability}`} title={RELIABILITY_LABELS[source.reliability]}>
              Reliability {source.reliability}
            </span>
          )}
          {source.url && (
            <a href={source.url} target="_blank" rel="noopener noreferrer nofollow">
              Original
            </a>
          )}
        </p>
        {needReview > 0 && (
          <p className="reader-review">
            <span aria-hidden="true">⚠ </span>
            {plural(needReview, 'quote needs', 'quotes need')} review
          </p>
        )}
        <div className="reader-toolbar" role="toolbar" aria-label="Reader tools">
          <button type="button" className="primary" disabled={!textSel || readOnly} title={readOnly ? READ_ONLY_TITLE : SHORTCUT_HINT} aria-keyshortcuts="Q Control+Shift+L" onClick={openLinkDialog}>
            Quote selection
          </button>
          <span className="reader-hint">{textSel ? selectedCount(textSel.end - textSel.start) : 'Select a passage to quote it.'}</span>
          {tools?.(source.id)}
          <label className="reader-reflow" title="Join hard-wrapped lines into paragraphs, for reading only: the text and its quotes are unchanged">
            <input type="checkbox" checked={reflow} onChange={(e) => setReflow(e.target.checked)} />
            Reflow
          </label>
        </div>
      </header>
      {unplaced.length > 0 && <NotFoundBox quotes={unplaced} />}
      <div
        className="reader-body"
        onKeyDown={onTextKeyDown}
        onClick={onTextClick}
        onFocus={onTextFocus}
        onPointerDown={() => {
          pointerFocus.current = true;
        }}
        onPointerUp={() => {
          pointerFocus.current = false;
        }}
      >
        <ReaderText
          ref={textRef}
          text={source.text}
          ranges={ranges}
          reflow={reflow}
          onWindow={onWindow}
          label={`Text of ${source.title || 'the source'}`}
        />
      </div>
      {linking && (
        <LinkQuoteDialog
          passage={linking}
          onClose={() => {
            setLinking(null);
            // The dialog takes focus with it when it leaves: back to the text, where the selection still is.
            requestAnimationFrame(() => textRef.current?.focus({ preventScroll: true }));
          }}
          onLinked={() => {
            setLinking(null);
            document.getSelection()?.removeAllRanges();
            requestAnimationFrame(() => textRef.current?.focus({ preventScroll: true }));
          }}
        />
      )}
    </div>
  );
}

export function selectedCount(n: number): string {
  return `${n.toLocaleString('en')} ${n === 1 ? 'character' : 'characters'} selected`;
}

/** Is the target's first line inside the scrolled box's visible area? */
function isInView(box: HTMLElement, target: HTMLElement): boolean {
  const b = box.getBoundingClientRect();
  const t = target.getClientRects()[0] ?? target.getBoundingClientRect();
  return t.top >= b.top && t.bottom <= b.bottom;
}

/** Scrolls `box` alone so that `target` sits a third of the way down it. */
function scrollWithin(box: HTMLElement, target: HTMLElement, smooth: boolean): void {
  const b = box.getBoundingClientRect();
  const t = target.getClientRects()[0] ?? target.getBoundingClientRect();
  const top = box.scrollTop + (t.top - b.top) - box.clientHeight / 3;
  box.scrollTo({ top: Math.max(0, top), behavior: smooth ? 'smooth' : 'auto' });
}

const STATUS_TEXT: Record<string, string> = {
  ambiguous: 'found in several places: cannot tell which',
  orphaned: 'no longer found in the text',
};

function NotFoundBox({ quotes }: { quotes: readonly PlacedQuote[] }) {
  return (
    <section className="reader-unplaced" aria-labelledby="reader-unplaced-title">
      <h3 id="reader-unplaced-title">Quotes not found in this text</h3>
      <ul>
        {quotes.map(({ quote, status }) => (
          <li key={quote.id} id={`unplaced-${quote.id}`}>
            <button type="button" className="unplaced-quote" onClick={() => mapStore.getState().select({ kind: 'quote', id: quote.id })}>
              <q>{ellipsize(quote.exact, 200)}</q>
              <span className={`anchor-status anchor-${status}`}>{STATUS_TEXT[status] ?? status}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The innermost quote under a collapsed caret in the text, if any. */
function quoteAtCaret(el: HTMLElement): string | null {
  const sel = document.getSelection();
  if (!sel || sel.rangeCount === 0 || !sel.isCollapsed || !sel.anchorNode || !el.contains(sel.anchorNode)) return null;
  const node = sel.anchorNode.nodeType === Node.TEXT_NODE ? sel.anchorNode.parentElement : (sel.anchorNode as Element);
  const mark = node?.closest('mark[data-quote]');
  return mark && el.contains(mark) ? ((mark as HTMLElement).dataset['quote'] ?? null) : null;
}

/** The DOM point of the first character visible at the top of the text, where the browser can tell. */
function caretAtTopOf(el: HTMLElement): { node: Node; offset: number } | null {
  const r = el.getBoundingClientRect();
  const x = r.left + 8;
  const y = r.top + 8;
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  const pos = doc.caretPositionFromPoint?.(x, y);
  if (pos && el.contains(pos.offsetNode) && textOffsetOf(el, pos.offsetNode, pos.offset) !== null) {
    return { node: pos.offsetNode, offset: pos.offset };
  }
  return null;
}

const MOVES: Record<string, { direction: 'backward' | 'forward'; granularity: string; ctrl?: string }> = {
  ArrowLeft: { direction: 'backward', granularity: 'character', ctrl: 'word' },
  ArrowRight: { direction: 'forward', granularity: 'character', ctrl: 'word' },
  ArrowUp: { direction: 'backward', granularity: 'line', ctrl: 'paragraph' },
  ArrowDown: { direction: 'forward', granularity: 'line', ctrl: 'paragraph' },
  Home: { direction: 'backward', granularity: 'lineboundary', ctrl: 'documentboundary' },
  End: { direction: 'forward', granularity: 'lineboundary', ctrl: 'documentboundary' },
};

/**
 * Caret browsing inside the text without contentEditable: arrows move the
 * caret, Shift+arrows extend the selection (Ctrl/Alt for words). Returns
 * whether the key was handled.
 */
function moveCaret(el: HTMLElement, e: KeyboardEvent): boolean {
  const move = MOVES[e.key];
  const sel = document.getSelection();
  if (!move || !sel || typeof sel.modify !== 'function' || e.metaKey) return false;
  if (sel.rangeCount === 0 || !sel.focusNode || !el.contains(sel.focusNode)) {
    const p = domPointAt(el, 0);
    sel.collapse(p.node, p.offset);
  }
  const byWord = e.ctrlKey || e.altKey;
  sel.modify(e.shiftKey ? 'extend' : 'move', move.direction, byWord && move.ctrl ? move.ctrl : move.granularity);
  // Keep the moving end of the selection in view.
  if (sel.focusNode && el.contains(sel.focusNode)) {
    const range = document.createRange();
    range.setStart(sel.focusNode, sel.focusOffset);
    const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    if (rect.height || rect.top) {
      if (rect.bottom > box.bottom - 8) el.scrollTop += rect.bottom - box.bottom + 24;
      else if (rect.top < box.top + 8) el.scrollTop -= box.top - rect.top + 24;
    }
  }
  return true;
}
