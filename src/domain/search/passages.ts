/**
 * Cutting a source text into the units search works on: paragraphs (what
 * the search dialog finds and the reader shows as blocks) and sentences
 * (what the evidence finder suggests, since a quote is most often one).
 */

export type Span = { start: number; end: number };

/**
 * Paragraphs: text between blank lines, or between line breaks that end a
 * sentence or a short line. Text extracted from PDFs is hard-wrapped, one
 * line per printed line, so a line break inside a sentence does not end its
 * paragraph; the last line of a printed paragraph is usually short, so one
 * well short of the text's usual line length does.
 */
export function paragraphsOf(text: string): Span[] {
  const out: Span[] = [];
  const short = shortLineLength(text);
  let from = 0;
  let lineStart = 0;
  let i = text.indexOf('\n');
  while (i >= 0) {
    if (endsParagraph(text, i) || i - lineStart < short) {
      const span = trimSpan(text, from, i);
      if (span) out.push(span);
      from = i + 1;
    }
    lineStart = i + 1;
    i = text.indexOf('\n', i + 1);
  }
  const last = trimSpan(text, from, text.length);
  if (last) out.push(last);
  return out;
}

/**
 * Below this many characters a line ends its paragraph: 70% of the length
 * most lines reach (the 80th percentile), in a text of 10 lines or more.
 */
function shortLineLength(text: string): number {
  const lengths: number[] = [];
  let at = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', at)) {
    if (i > at) lengths.push(i - at);
    at = i + 1;
  }
  if (lengths.length < 10) return 0;
  lengths.sort((a, b) => a - b);
  return 0.7 * lengths[Math.floor(lengths.length * 0.8)]!;
}

/** Does the line break at `i` end a paragraph: a blank line, or a line ending a sentence? */
function endsParagraph(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 13)) j--;
  if (j < 0 || text.charCodeAt(j) === 10) return true;
  let k = i + 1;
  while (k < text.length && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9 || text.charCodeAt(k) === 13)) k++;
  if (k >= text.length || text.charCodeAt(k) === 10) return true;
  return PARAGRAPH_END.test(text[j]!);
}

/** A line ending in one of these ends its paragraph. */
const PARAGRAPH_END = /[.!?\u2026:"'\u2019\u201D)\]]/;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b);
}

function trimSpan(text: string, start: number, end: number): Span | null {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return start < end ? { start, end } : null;
}

/**
 * Abbreviations after which a full stop does not end a sentence. Titles,
 * months and common Latin forms; single capitals (initials, `U.S.`) are
 * handled by the rule itself.
 */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof st jr sr gen col lt sgt capt rep sen gov pres vs etc no vol pp fig al eg ie cf approx dept est inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec'.split(
    ' ',
  ),
);

/**
 * A sentence end: `.`, `!`, `?` or `…`, then any closing quotes or
 * brackets, then a footnote number if any (`strategy.10 The`, as text
 * extracted from a PDF has it), then white space.
 */
const END_RE = /[.!?\u2026]+["'\u2019\u201D)\]]*(\d{1,3})?(?=\s)/g;

/**
 * Sentences of one paragraph span. A full stop ends a sentence unless it
 * follows a known abbreviation or a single letter, or the next word starts
 * in lower case (`e.g. the`, `5 p.m. on`).
 */
export function sentencesIn(text: string, para: Span): Span[] {
  const out: Span[] = [];
  const slice = text.slice(para.start, para.end);
  let from = 0;
  END_RE.lastIndex = 0;
  for (let m = END_RE.exec(slice); m; m = END_RE.exec(slice)) {
    const endRel = m.index + m[0].length;
    // A number after a full stop ends a sentence only after a word: `3.5 billion` is one number.
    if (m[1] && !/\p{L}/u.test(slice[m.index - 1] ?? '')) continue;
    if (m[0][0] === '.') {
      const before = /([\p{L}]+)$/u.exec(slice.slice(Math.max(0, m.index - 12), m.index));
      const word = before?.[1] ?? '';
      if (word.length === 1 || ABBREVIATIONS.has(word.toLowerCase())) continue;
      const next = /\S/.exec(slice.slice(endRel));
      if (next && /\p{Ll}/u.test(next[0])) continue;
    }
    const span = trimSpan(text, para.start + from, para.start + endRel);
    if (span) out.push(span);
    from = endRel;
  }
  const last = trimSpan(text, para.start + from, para.end);
  if (last) out.push(last);
  return out;
}

/** Passages shorter than this join the next sentence: "Not so." alone says little. */
const MIN_PASSAGE = 40;
/** Longer sentences are cut at clause marks (; : —) so a suggestion stays readable. */
const MAX_PASSAGE = 400;

/**
 * The evidence finder's passages: the sentences of every paragraph, a very
 * short one joined to the next, a very long one cut at clause marks.
 */
export function passagesOf(text: string): Span[] {
  const out: Span[] = [];
  for (const para of paragraphsOf(text)) {
    let pending: Span | null = null;
    for (const s of sentencesIn(text, para)) {
      const span: Span = pending ? { start: pending.start, end: s.end } : s;
      if (span.end - span.start < MIN_PASSAGE) {
        pending = span;
        continue;
      }
      pending = null;
      for (const part of splitLong(text, span)) out.push(part);
    }
    if (pending) out.push(pending);
  }
  return out;
}

function splitLong(text: string, span: Span): Span[] {
  if (span.end - span.start <= MAX_PASSAGE) return [span];
  const out: Span[] = [];
  const re = /[;:\u2014]\s+/g;
  const slice = text.slice(span.start, span.end);
  let from = 0;
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const cut = m.index + m[0].length;
    if (cut - from < MIN_PASSAGE * 2) continue;
    const part = trimSpan(text, span.start + from, span.start + cut);
    if (part) out.push(part);
    from = cut;
  }
  const last = trimSpan(text, span.start + from, span.end);
  if (last) {
    const prev = out[out.length - 1];
    // A short tail belongs to the clause before it.
    if (prev && last.end - last.start < MIN_PASSAGE) out[out.length - 1] = { start: prev.start, end: last.end };
    else out.push(last);
  }
  return out;
}

/** Characters `a` and `b` share. */
export function overlapLength(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}
