/**
 * What each item of the Export menu writes. The conversions and the image
 * library are loaded on demand, so none of them (Argdown's parser least of
 * all: ~240 kB gzipped) is on the app's startup path.
 */
import type { MapDoc } from '../../domain/change';
import { mapFileName } from '../../domain/format/serialize';
import { downloadBlob } from './download';
import { mapJson } from './exportJson';
// Static: the Thesis check panel loads both anyway, and the report is small.
import { markdownReport } from '../../domain/interchange/report';
import { getThesisChoice } from '../../store/thesisChoice';
import type { WholeGraph } from './graphImage';

export type ExportFormat = 'json' | 'markdown' | 'png' | 'svg' | 'argdown' | 'aif' | 'canvas';

/** The menu's items in order, with their names from docs/ui-names.md (exact). */
export const EXPORT_ITEMS: ReadonlyArray<{ format: ExportFormat; label: string }> = [
  { format: 'json', label: 'JSON' },
  { format: 'markdown', label: 'Markdown report' },
  { format: 'png', label: 'PNG image' },
  { format: 'svg', label: 'SVG image' },
  { format: 'argdown', label: 'Argdown' },
  { format: 'aif', label: 'AIF' },
  { format: 'canvas', label: 'JSON Canvas' },
];

export const EXTENSIONS: Record<ExportFormat, string> = {
  json: '.warrant.json',
  markdown: '.md',
  png: '.png',
  svg: '.svg',
  argdown: '.argdown',
  aif: '.aif.json',
  canvas: '.canvas',
};

export type ExportContext = {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** For the images: has the graph render every node while it is drawn. */
  wholeGraph?: WholeGraph;
};

const text = (s: string, type: string) => new Blob([s], { type });

/** The file of `doc` in `format`. */
export async function exportBlob(doc: MapDoc, format: ExportFormat, ctx: ExportContext = {}): Promise<Blob> {
  switch (format) {
    case 'json':
      return text(await mapJson(doc, ctx), 'application/json');
    case 'markdown':
      return text(markdownReport(doc, getThesisChoice(doc)), 'text/markdown');
    case 'png': {
      const { graphPng } = await import('./graphImage');
      return graphPng(ctx.wholeGraph);
    }
    case 'svg': {
      const { graphSvg } = await import('./graphImage');
      return graphSvg(ctx.wholeGraph);
    }
    case 'argdown': {
      const { toArgdown } = await import('../../domain/interchange/argdown');
      return text(toArgdown(doc), 'text/plain');
    }
    case 'aif': {
      const { toAIF } = await import('../../domain/interchange/aif');
      return text(toAIF(doc), 'application/json');
    }
    case 'canvas': {
      const { toJSONCanvas } = await import('../../domain/interchange/canvas');
      return text(toJSONCanvas(doc), 'application/json');
    }
  }
}

/** Writes `doc` in `format` and hands the file to the browser as a download. */
export async function exportAndDownload(doc: MapDoc, format: ExportFormat, ctx: ExportContext = {}): Promise<void> {
  const blob = await exportBlob(doc, format, ctx);
  downloadBlob(blob, mapFileName(doc.map.title, EXTENSIONS[format]));
}

/**
 * What an export to a foreign format leaves out, with counts, as one line
 * for the notice shown after the download; null for Warrant's own formats.
 * "Nothing was left out." only when that is true.
 */
export async function exportNotice(doc: MapDoc, format: ExportFormat): Promise<string | null> {
  const { exportNoticeLines } = await import('../../domain/interchange/summary');
  switch (format) {
    case 'aif': {
      const { aifExportNotice } = await import('../../domain/interchange/aif');
      return `AIF: ${exportNoticeLines('AIF', aifExportNotice(doc)).join(' ')}`;
    }
    case 'argdown': {
      const { argdownExportNotice } = await import('../../domain/interchange/argdown');
      return `Argdown: ${exportNoticeLines('Argdown', argdownExportNotice(doc)).join(' ')}`;
    }
    case 'canvas': {
      const { canvasExportNotice } = await import('../../domain/interchange/canvas');
      return `JSON Canvas: ${exportNoticeLines('JSON Canvas', canvasExportNotice(doc)).join(' ')}`;
    }
    default:
      return null;
  }
}
