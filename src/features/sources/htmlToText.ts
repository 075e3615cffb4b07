/**
 * The readable text of an HTML page, without running or rendering any of it.
 *
 * DOMParser('text/html') builds an inert document: scripts are marked
 * "already started" and never run, event handler attributes never fire, and
 * no subresource (image, stylesheet, frame) is fetched because the document
 * has no browsing context. Nothing parsed here is ever inserted into the page.
 * Chromium still checks the page's Content Security Policy when the parser
 * meets an `on…=` attribute (and logs a violation), so those attributes are
 * renamed before parsing: they could not run, but a clean console matters.
 */
import { cleanExtractedText } from '../../domain/textImport';

/** Elements whose content is not reading text. */
const DROPPED = 'script, style, noscript, template, iframe, frame, frameset, object, embed, svg, math, canvas, head, link, meta, button, select, input, textarea';

/** Elements that start a paragraph: a blank line before and after. */
const PARAGRAPH = new Set([
  'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'UL', 'OL', 'DL', 'TABLE', 'FIGURE',
  'ARTICLE', 'SECTION', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'MAIN', 'ADDRESS', 'HR', 'FORM', 'FIELDSET', 'DETAILS',
]);
/** Elements that start a line. */
const LINE = new Set(['DIV', 'LI', 'DT', 'DD', 'TR', 'FIGCAPTION', 'CAPTION', 'SUMMARY', 'LEGEND', 'OPTION']);
const CELL = new Set(['TD', 'TH']);

/**
 * Renames event-handler attributes (`onerror=` → `data-inert-onerror=`) in
 * every start tag, leaving quoted attribute values (an `alt` text) and all
 * text outside tags as they were.
 */
export function neutralizeEventHandlers(html: string): string {
  return html.replace(/<[a-zA-Z][^\s/>]*(?:"[^"]*"|'[^']*'|[^>"'])*>/g, (tag) =>
    tag
      .split(/("[^"]*"|'[^']*')/)
      .map((part, i) => (i % 2 ? part : part.replace(/(^|[\s/])(on)(?=[a-z])/gi, '$1data-inert-$2')))
      .join(''),
  );
}

export type HtmlText = { title: string; text: string };

/** The page's <title> (else its first <h1>) and its text, blocks as line breaks, whitespace collapsed. */
export function htmlToText(html: string): HtmlText {
  const doc = new DOMParser().parseFromString(neutralizeEventHandlers(html), 'text/html');
  const title = (doc.title || doc.querySelector('h1')?.textContent || '').replace(/\s+/g, ' ').trim();
  for (const el of doc.querySelectorAll(DROPPED)) el.remove();
  const parts: string[] = [];
  // Block boundaries do not add up: the end of a <li> and the start of the
  // next one make one line break, a </p> followed by a <div> one blank line.
  let pendingBreak = 0;
  const breakBefore = (n: number) => {
    pendingBreak = Math.max(pendingBreak, n);
  };
  const emit = (s: string) => {
    if (pendingBreak) {
      if (!s.trim()) return; // whitespace between blocks
      if (parts.length) parts.push('\n'.repeat(pendingBreak));
      pendingBreak = 0;
    }
    parts.push(s);
  };
  const walk = (node: Node, pre: boolean) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const data = (node as Text).data;
      // Outside <pre>, source line breaks are only whitespace.
      emit(pre ? data : data.replace(/[ \t\n\r\f]+/g, ' '));
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (tag === 'BR') {
      emit('\n');
      return;
    }
    const inPre = pre || tag === 'PRE';
    const brk = PARAGRAPH.has(tag) ? 2 : LINE.has(tag) ? 1 : 0;
    if (brk) breakBefore(brk);
    else if (CELL.has(tag)) emit(' ');
    if (tag === 'IMG') {
      const alt = el.getAttribute('alt')?.trim();
      if (alt) emit(alt);
    }
    for (const child of el.childNodes) walk(child, inPre);
    if (brk) breakBefore(brk);
  };
  if (doc.body) walk(doc.body, false);
  return { title, text: cleanExtractedText(parts.join('')) };
}
