/**
 * The text of a PDF through pdf.js. Loaded only when a PDF is opened (this
 * module is itself imported dynamically), so pdf.js and its worker stay out
 * of the main bundle.
 */
import { getDocument, GlobalWorkerOptions, VerbosityLevel } from 'pdfjs-dist';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { joinPages } from '../../domain/textImport';

GlobalWorkerOptions.workerSrc = workerUrl;

const isTextItem = (item: TextItem | TextMarkedContent): item is TextItem => 'str' in item;

/** The PDF's metadata title (if any) and its text, a blank line between pages. */
export async function pdfToText(data: ArrayBuffer): Promise<{ title: string; text: string }> {
  const task = getDocument({
    data: new Uint8Array(data),
    // Fonts are never compiled to functions: no code from the file runs (CVE-2024-4367).
    isEvalSupported: false,
    verbosity: VerbosityLevel.ERRORS,
  });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!isTextItem(item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(text);
      page.cleanup();
    }
    const info = (await pdf.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' ? info.Title.replace(/\s+/g, ' ').trim() : '';
    return { title, text: joinPages(pages) };
  } finally {
    void task.destroy();
  }
}
