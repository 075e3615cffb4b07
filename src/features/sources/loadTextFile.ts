/**
 * Reads a file the user picked into a source title and text. Plain text is
 * taken as it is (LF endings); HTML is reduced to its readable text without
 * running it; PDF goes through pdf.js, loaded on demand. A title longer than
 * a source title may be is cut, with a notice saying so.
 */
import { clipText } from '../../domain/vocabulary';
import { normalizeLineEndings, textFileKind, titleFromFileName, titleFromText } from '../../domain/textImport';
import { MAX_TITLE } from '../../domain/schema';
import { htmlToText } from './htmlToText';

export type LoadedText = { title: string; text: string; notices: string[] };

export class UnsupportedFileError extends Error {}

function withTitle(title: string, text: string): LoadedText {
  if (title.length <= MAX_TITLE) return { title, text, notices: [] };
  return {
    title: clipText(title, MAX_TITLE),
    text,
    notices: [`The file's title was ${title.length.toLocaleString('en')} characters long; it was cut to the first ${MAX_TITLE.toLocaleString('en')}.`],
  };
}

export async function loadTextFile(file: File): Promise<LoadedText> {
  const kind = textFileKind(file.name, file.type);
  const fallbackTitle = titleFromFileName(file.name);
  if (kind === 'text') {
    // A text names itself on its first line far more often than its file name does ("article (3).txt").
    const text = normalizeLineEndings(await file.text());
    return withTitle(titleFromText(text) ?? fallbackTitle, text);
  }
  if (kind === 'html') {
    const { title, text } = htmlToText(await file.text());
    return withTitle(title || fallbackTitle, text);
  }
  if (kind === 'pdf') {
    const { pdfToText } = await import('./pdfToText');
    const { title, text } = await pdfToText(await file.arrayBuffer());
    return withTitle(title || fallbackTitle, text);
  }
  throw new UnsupportedFileError(`${file.name} is not a text, Markdown, HTML or PDF file.`);
}
