/**
 * Reflow for display: a source pasted from a PDF or a mail has its lines
 * broken at a fixed width, which reads badly in a narrow column. Reflow
 * joins such hard-wrapped lines into paragraphs by drawing each single line
 * break as a space.
 *
 * Invariant: the result has exactly the length of the text, character for
 * character the same but for the line breaks replaced. The reader's offsets
 * (textOffsets.ts) are summed text-node lengths, so every quote's range, the
 * selection and the passage quoted (always sliced from the stored text) stay
 * right; the stored text is never changed.
 *
 * A break is a wrap when the line before it ran to the margin: at least
 * WRAPPED of the text's wrap width, taken as the 90th percentile of its line
 * lengths. A short line (a title, a byline, a paragraph's last line) keeps
 * its break, and so does a break before a list item (`-`, `*`, `•`, `1.`,
 * `a)`) and a blank line. A text whose lines are longer than any wrap width
 * (MAX_WRAP: one paragraph a line) is not hard-wrapped and stays as it is.
 */
const LIST_ITEM = /^[ \t]*(?:[-*•‣◦–]|\d{1,3}[.)]|[a-zA-Z][.)])[ \t]/;
const WRAPPED = 0.75;
const MAX_WRAP = 200;

/** The width the text was wrapped at, or null when it does not look hard-wrapped. */
function wrapWidth(text: string): number | null {
  const lengths = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.length)
    .sort((a, b) => a - b);
  if (lengths.length < 3) return null;
  const width = lengths[Math.floor((lengths.length - 1) * 0.9)]!;
  return width <= MAX_WRAP ? width : null;
}

export function reflowText(text: string): string {
  if (!text.includes('\n')) return text;
  const width = wrapWidth(text);
  if (width === null) return text;
  let out = '';
  let lineStart = 0;
  let from = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    const lineLength = i - lineStart;
    lineStart = i + 1;
    if (lineLength < width * WRAPPED) continue;
    const prevBreak = i > 0 && text.charCodeAt(i - 1) === 10;
    const nextBreak = i + 1 < text.length && text.charCodeAt(i + 1) === 10;
    if (i === 0 || i + 1 >= text.length || prevBreak || nextBreak) continue;
    const nextLineEnd = text.indexOf('\n', i + 1);
    const nextLine = text.slice(i + 1, nextLineEnd < 0 ? text.length : nextLineEnd);
    if (LIST_ITEM.test(nextLine) || nextLine.trim() === '') continue;
    out += text.slice(from, i) + ' ';
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
