/**
 * Import of any file Warrant reads, told apart by content (ui.md): its own
 * map files go through the all-or-nothing map file import; AIF and Argdown
 * are converted to a new map, saved in one transaction, and come back with
 * the summary of what the conversion kept, turned into notes, or left out.
 * The format detector and the Argdown parser are loaded only when a file
 * arrives, keeping them off the start screen's path.
 */
import type { InterchangeSummary, ImportResult } from '../../domain/interchange/summary';
import { createMap } from '../../storage/writes';
import { importText, type ImportOutcome } from '../maps/importFile';

export type ConvertedOutcome = {
  kind: 'converted';
  mapId: string;
  summary: InterchangeSummary;
  /** The format the file was read as. */
  format: 'aif' | 'argdown' | 'canvas';
  title: string;
  fileName: string;
};

export type AnyImportOutcome = ImportOutcome | ConvertedOutcome;

export const FORMAT_NAMES = { aif: 'AIF', argdown: 'Argdown', canvas: 'JSON Canvas' } as const;

const failed = (fileName: string, message: string): ImportOutcome => ({ kind: 'failed', fileName, message, problems: [] });

/**
 * Reads `text` (the content of `fileName`) as whichever format it is in and
 * saves it as a map. Never throws: a file that is no map, a conversion that
 * fails, or storage that fails all come back as `failed` outcomes, and then
 * nothing was written.
 */
export async function importAnyText(text: string, fileName: string): Promise<AnyImportOutcome> {
  // Warrant's own files are recognised without loading the detector (which
  // brings the Argdown parser): the map file parser explains any problem.
  if (/^\s*\{[\s\S]{0,2000}?"format"\s*:\s*"warrant\.map"/.test(text.slice(0, 4000))) return importText(text, fileName);
  let format: Awaited<ReturnType<typeof detect>>;
  try {
    format = await detect(text);
  } catch (e) {
    return failed(fileName, `The file could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  // A broken `.warrant.json` is better explained by the map file parser
  // (with JSON paths) than by "unknown format".
  if (format === 'warrant' || (format === 'unknown' && /\.warrant\.json$/i.test(fileName))) return importText(text, fileName);
  if (format === 'unknown') {
    return failed(
      fileName,
      'This file is not in a format Warrant reads. Warrant imports its own map files (.warrant.json), ' +
        'AIF JSON (from AIFdb or OVA), JSON Canvas (.canvas) and Argdown documents (.argdown) with at least one relation, argument or titled statement.',
    );
  }
  let result: ImportResult;
  try {
    if (format === 'aif') {
      const { fromAIF } = await import('../../domain/interchange/aif');
      result = fromAIF(text);
    } else if (format === 'canvas') {
      const { fromJSONCanvas } = await import('../../domain/interchange/canvas');
      result = fromJSONCanvas(text, { title: fileName.replace(/\.canvas$/i, '') || 'Imported canvas' });
    } else {
      const { fromArgdown } = await import('../../domain/interchange/argdown');
      result = fromArgdown(text);
    }
  } catch (e) {
    return failed(fileName, `The ${FORMAT_NAMES[format]} file could not be converted: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!result.ok) return failed(fileName, `The ${FORMAT_NAMES[format]} file could not be imported: ${result.message}`);
  try {
    await createMap(result.doc);
  } catch (e) {
    return failed(fileName, `The map could not be saved: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { kind: 'converted', mapId: result.doc.map.id, summary: result.summary, format, title: result.doc.map.title, fileName };
}

async function detect(text: string) {
  const { detectFormat } = await import('../../domain/interchange/detect');
  return detectFormat(text);
}
