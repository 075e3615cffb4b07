/**
 * The pure half of loading a text file as a source: which reader a file
 * needs, line endings, whitespace clean-up of extracted text, and a title from
 * the file name. The DOM- and PDF-bound halves live in src/features/sources
 * (HTML needs a DOMParser, PDF needs pdf.js and a worker).
 */

export type TextFileKind = 'text' | 'html' | 'pdf';

/** What the file input offers: every extension `textFileKind` understands. */
export const TEXT_FILE_ACCEPT = '.txt,.md,.markdown,.html,.htm,.pdf';

const KIND_BY_EXTENSION: Readonly<Record<string, TextFileKind>> = {
  txt: 'text',
  text: 'text',
  md: 'text',
  markdown: 'text',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  pdf: 'pdf',
};

/**
 * How to read a file, from its extension, else its MIME type; null for a file
 * Warrant cannot turn into text (an image, a .docx).
 */
export function textFileKind(fileName: string, mimeType = ''): TextFileKind | null {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const byExt = ext ? KIND_BY_EXTENSION[ext] : undefined;
  if (byExt) return byExt;
  const mime = mimeType.toLowerCase().split(';')[0]!.trim();
  if (mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  if (mime === 'application/pdf') return 'pdf';
  if (mime.startsWith('text/')) return 'text';
  return null;
}

/**
 * LF line endings and no byte-order mark: quote offsets are indices into the
 * stored text, so it must not depend on the platform that wrote the file.
 */
export function normalizeLineEndings(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * Tidies text extracted from HTML or PDF: LF endings, runs of spaces and tabs
 * (and no-break spaces) inside a line become one space, lines are trimmed, at
 * most one blank line in a row, no blank lines at either end.
 */
export function cleanExtractedText(text: string): string {
  return normalizeLineEndings(text)
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

/** The text of a PDF: each page tidied, empty pages skipped, a blank line between pages. */
export function joinPages(pages: readonly string[]): string {
  return pages
    .map(cleanExtractedText)
    .filter((p) => p.length > 0)
    .join('\n\n');
}

/**
 * A readable title from a file name: the extension dropped, underscores and
 * runs of whitespace as single spaces. `Annual_report 2023.pdf` →
 * `Annual report 2023`. A name that is only an extension keeps it.
 */
export function titleFromFileName(fileName: string): string {
  const base = fileName.split(/[/\\]/).pop() ?? fileName;
  const stem = base.replace(/\.[^.]+$/, '') || base;
  return stem.replace(/[_\s]+/g, ' ').trim();
}


/** Longest title taken from a text's first line; a longer line is cut at a word. */
const TITLE_MAX = 120;

/**
 * Lines a saved web page or report starts with that are no title: where it
 * was published, navigation, a byline, a date, a link, a copyright, or a
 * line of no words.
 */
const BOILERPLATE = [
  /^this (?:report|article|story|piece|post|paper|brief|page|commentary|analysis) (?:was|is|has been|first) /i,
  /^(?:originally )?(?:published|posted|updated|last updated|first published)\b/i,
  /^(?:skip to|jump to|advertisement|sponsored|sign in|sign up|log in|subscribe|menu|search|home|share|print|cookies?|accept|close)\b/i,
  /^by\s/i,
  /^(?:https?:\/\/|www\.)/i,
  /^(?:copyright|©|\(c\))/i,
  /^[^\p{L}]*$/u,
];

const tidyLine = (raw: string) => raw.replace(/^\s*#{1,6}\s+/, '').replace(/\s+/g, ' ').trim();

/**
 * The title a plain-text or Markdown file gives itself: its first non-empty
 * line that is not boilerplate (BOILERPLATE), without Markdown heading marks,
 * cut to a title's length; the first non-empty line when every line looks
 * like boilerplate. Null when the text has no such line.
 */
export function titleFromText(text: string): string | null {
  const lines = text.split('\n', 50).map(tidyLine).filter(Boolean);
  const line = lines.find((l) => !BOILERPLATE.some((re) => re.test(l))) ?? lines[0];
  if (line === undefined) return null;
  if (line.length <= TITLE_MAX) return line;
  const cut = line.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
