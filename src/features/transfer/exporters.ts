/**
 * What each item of the Export menu writes: the format list (src/formats)
 * names each format, its extension, its writer and what it leaves out; this
 * file supplies what only the page has (the graph to draw, the worker for a
 * big map's JSON, the Thesis check panel's thesis) and hands the file to the
 * browser.
 */
import type { MapDoc } from '../../domain/change';
import { mapFileName } from '../../domain/format/serialize';
import { FORMATS, exportExtension, format, type FormatId } from '../../formats/formats';
import { downloadBlob } from './download';
import { mapJson } from './exportJson';
import { getThesisChoice } from '../../store/thesisChoice';
import type { WholeGraph } from './graphImage';

export type ExportFormat = FormatId;

/** The menu's items in order, with their names from docs/ui-names.md (exact): every format the list writes. */
export const EXPORT_ITEMS: ReadonlyArray<{ format: ExportFormat; label: string }> = FORMATS.filter((f) => f.write).map((f) => ({
  format: f.id,
  label: f.label,
}));

export type ExportContext = {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** For the images: has the graph render every node while it is drawn. */
  wholeGraph?: WholeGraph;
};

/** The file of `doc` in `id`. */
export async function exportBlob(doc: MapDoc, id: ExportFormat, ctx: ExportContext = {}): Promise<Blob> {
  const f = format(id);
  if (!f.write) throw new Error(`Warrant does not write ${f.name}.`);
  return f.write(doc, {
    thesisId: getThesisChoice(doc),
    mapJson: (d) => mapJson(d, ctx),
    image: async (kind) => {
      const { graphPng, graphSvg } = await import('./graphImage');
      return kind === 'png' ? graphPng(ctx.wholeGraph) : graphSvg(ctx.wholeGraph);
    },
  });
}

/** Writes `doc` in `id` and hands the file to the browser as a download. */
export async function exportAndDownload(doc: MapDoc, id: ExportFormat, ctx: ExportContext = {}): Promise<void> {
  const blob = await exportBlob(doc, id, ctx);
  downloadBlob(blob, mapFileName(doc.map.title, exportExtension(id)));
}

/**
 * What an export to a foreign format leaves out, with counts, as one line
 * for the notice shown after the download; null for Warrant's own formats.
 * "Nothing was left out." only when that is true.
 */
export async function exportNotice(doc: MapDoc, id: ExportFormat): Promise<string | null> {
  const f = format(id);
  if (!f.losses) return null;
  return `${f.name}: ${(await f.losses(doc)).join(' ')}`;
}
