/**
 * Matched words in a text, for showing a search hit: the text is cut into
 * plain and matched parts (rendered as text, never as HTML).
 */
import { tokenize, type Token } from './text';

export type TextPart = { text: string; hit: boolean };

const matches = (term: string, terms: ReadonlySet<string>, prefixes: readonly string[]) =>
  terms.has(term) || prefixes.some((p) => p.length > 1 && term.startsWith(p));

/** The first word of `text` that matched, with its offsets. */
export function firstMatch(text: string, terms: ReadonlySet<string>, prefixes: readonly string[] = []): Token | undefined {
  return tokenize(text).find((t) => matches(t.term, terms, prefixes));
}

/**
 * Cuts `text` into parts, a part being a hit where a word of the text is one
 * of `terms` (folded index terms, as the index matched them) or starts with
 * one of `prefixes` (folded query words, for search as you type).
 */
export function highlightParts(text: string, terms: ReadonlySet<string>, prefixes: readonly string[] = []): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const t of tokenize(text)) {
    const hit = matches(t.term, terms, prefixes);
    if (!hit) continue;
    if (t.start > at) parts.push({ text: text.slice(at, t.start), hit: false });
    parts.push({ text: text.slice(t.start, t.end), hit: true });
    at = t.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return parts;
}

/**
 * A window of about `size` characters of `text` around its first hit, cut
 * at word boundaries, with an ellipsis where it was cut.
 */
export function snippet(text: string, terms: ReadonlySet<string>, prefixes: readonly string[] = [], size = 240): TextPart[] {
  if (text.length <= size) return highlightParts(text, terms, prefixes);
  const first = firstMatch(text, terms, prefixes);
  const center = first ? first.start : 0;
  let start = Math.max(0, center - Math.floor(size / 3));
  let end = Math.min(text.length, start + size);
  start = Math.max(0, end - size);
  if (start > 0) {
    const sp = text.indexOf(' ', start);
    if (sp >= 0 && sp < center) start = sp + 1;
  }
  if (end < text.length) {
    const sp = text.lastIndexOf(' ', end);
    if (sp > start) end = sp;
  }
  const parts = highlightParts(text.slice(start, end), terms, prefixes);
  if (start > 0) parts.unshift({ text: '…', hit: false });
  if (end < text.length) parts.push({ text: '…', hit: false });
  return parts;
}
