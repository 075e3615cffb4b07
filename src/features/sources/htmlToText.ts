/**
 * The readable text of an HTML page, without running or rendering any of it.
 *
 * DOMParser('text/html') builds an inert document: scripts are marked
 * "already started" and never run, event handler attributes never fire, and
 * no subresource (image, stylesheet, frame) is fetched because the document
 * has no browsing context. Nothing parsed here is ever inserted into the page.
 * All reducing is done on that DOM; no regular expression ever runs over the
 * markup (one did, and backtracked for 20 s on 6 KB of `<a"`).
 *
 * Chromium still checks the page's Content Security Policy when the parser
 * meets an `on…=` attribute, and logs a violation (in a DOMParser document,
 * a <template> and a createHTMLDocument alike). Those attributes could not
 * run, but a clean console matters, so `neutralizeEventHandlers` renames
 * them first: a single forward pass that follows the HTML tokenizer's tag
 * and attribute states, linear in the length of the input.
 *
 * Text a reader of the page would not see (the `hidden` attribute,
 * `display: none`, `visibility: hidden`, zero size, in a style attribute or
 * a stylesheet of the page) is left out: it must not become source text
 * that reads as if the page said it.
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

/** Elements whose content the tokenizer reads as text up to their own end tag. */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'title', 'textarea']);

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
const isAsciiLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/**
 * Renames event-handler attributes (`onerror=` → `data-inert-onerror=`) in
 * every tag, leaving attribute values (an `alt` text) and all text outside
 * tags as they were. One pass, no backtracking: each character is looked at
 * a bounded number of times.
 */
export function neutralizeEventHandlers(html: string): string {
  const out: string[] = [];
  let copied = 0;
  let i = 0;
  const n = html.length;
  const skipSpace = () => {
    while (i < n && isSpace(html[i]!)) i++;
  };
  /** Reads a tag's attributes from `i`, to just past its `>` (or the end). */
  const attributes = () => {
    for (;;) {
      while (i < n && (isSpace(html[i]!) || html[i] === '/')) i++;
      if (i >= n) return;
      if (html[i] === '>') {
        i++;
        return;
      }
      const nameStart = i;
      i++; // the first character belongs to the name, even a `=` or a quote
      while (i < n && !isSpace(html[i]!) && html[i] !== '/' && html[i] !== '>' && html[i] !== '=') i++;
      if (i - nameStart > 2 && (html[nameStart] === 'o' || html[nameStart] === 'O') && (html[nameStart + 1] === 'n' || html[nameStart + 1] === 'N')) {
        out.push(html.slice(copied, nameStart), 'data-inert-');
        copied = nameStart;
      }
      skipSpace();
      if (html[i] !== '=') continue;
      i++;
      skipSpace();
      const q = html[i];
      if (q === '"' || q === "'") {
        const close = html.indexOf(q, i + 1);
        i = close < 0 ? n : close + 1;
      } else {
        while (i < n && !isSpace(html[i]!) && html[i] !== '>') i++;
      }
    }
  };
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    i = lt + 1;
    const c = html[i] ?? '';
    if (html.startsWith('!--', i)) {
      const close = html.indexOf('-->', i + 3);
      i = close < 0 ? n : close + 3;
    } else if (c === '!' || c === '?') {
      const close = html.indexOf('>', i);
      i = close < 0 ? n : close + 1;
    } else if (c === '/' || isAsciiLetter(c)) {
      const end = c === '/';
      if (end) i++;
      if (!isAsciiLetter(html[i] ?? '')) {
        // `</>` or `</ …`: no tag; the tokenizer skips it as a bogus comment.
        const close = html.indexOf('>', i);
        i = close < 0 ? n : close + 1;
        continue;
      }
      const nameStart = i;
      while (i < n && !isSpace(html[i]!) && html[i] !== '/' && html[i] !== '>') i++;
      const name = html.slice(nameStart, i).toLowerCase();
      attributes();
      if (!end && name === 'plaintext') break;
      if (!end && RAW_TEXT.has(name)) {
        // Up to its own end tag, the content is text: nothing in it is a tag.
        const lower = `</${name}`;
        for (;;) {
          const at = html.indexOf('</', i);
          if (at < 0) {
            i = n;
            break;
          }
          const after = html[at + lower.length] ?? '>';
          if (html.slice(at, at + lower.length).toLowerCase() === lower && (isSpace(after) || after === '/' || after === '>')) {
            i = at;
            break;
          }
          i = at + 2;
        }
      }
    }
  }
  out.push(html.slice(copied));
  return out.join('');
}

/** Declarations that hide an element from a reader of the page. */
function hidesElement(style: CSSStyleDeclaration): boolean {
  const zero = (v: string) => /^0(?:\.0*)?(?:px|em|rem|%|pt)?$/.test(v.trim());
  return (
    style.display === 'none' ||
    style.visibility === 'hidden' ||
    style.visibility === 'collapse' ||
    zero(style.fontSize) ||
    ((zero(style.width) || zero(style.height)) && (style.overflow === 'hidden' || style.overflow === 'clip')) ||
    (zero(style.opacity) && style.opacity !== '')
  );
}

/** At most this many rules of the page's stylesheets are looked at for hiding. */
const MAX_STYLE_RULES = 5000;

/** Elements the page's own <style> sheets hide (`.sr-hidden { display: none }`). */
function hiddenByStylesheets(doc: Document): Set<Element> {
  const hidden = new Set<Element>();
  if (typeof CSSStyleSheet === 'undefined' || !('replaceSync' in CSSStyleSheet.prototype)) return hidden;
  let budget = MAX_STYLE_RULES;
  for (const styleEl of doc.querySelectorAll('style')) {
    let sheet: CSSStyleSheet;
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(styleEl.textContent ?? '');
    } catch {
      continue;
    }
    for (const rule of sheet.cssRules) {
      if (--budget < 0) return hidden;
      if (!(rule instanceof CSSStyleRule) || !hidesElement(rule.style)) continue;
      try {
        for (const el of doc.querySelectorAll(rule.selectorText)) hidden.add(el);
      } catch {
        // A selector this browser does not take hides nothing.
      }
    }
  }
  return hidden;
}

function isHidden(el: Element, bySheets: Set<Element>): boolean {
  if (el.hasAttribute('hidden') || bySheets.has(el)) return true;
  const style = (el as HTMLElement).style as CSSStyleDeclaration | undefined;
  return Boolean(style && el.hasAttribute('style') && hidesElement(style));
}

export type HtmlText = { title: string; text: string };

/** The page's <title> (else its first <h1>) and its text, blocks as line breaks, whitespace collapsed. */
export function htmlToText(html: string): HtmlText {
  const doc = new DOMParser().parseFromString(neutralizeEventHandlers(html), 'text/html');
  const title = (doc.title || doc.querySelector('h1')?.textContent || '').replace(/\s+/g, ' ').trim();
  const bySheets = hiddenByStylesheets(doc);
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
    if (isHidden(el, bySheets)) return;
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
