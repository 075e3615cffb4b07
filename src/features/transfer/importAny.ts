/**
 * Import of any file Warrant reads, told apart by content (docs/ui-names.md): its own
 * map files go through the all-or-nothing map file import; AIF and Argdown
 * are converted to a new map, saved in one transaction, and come back with
 * the summary of what the conversion kept, turned into notes, or left out.
 * Reading runs in a worker (readInWorker.ts): the format detector and the
 * parsers never load on the page, and a foreign file that takes more than
 * FOREIGN_BUDGET_MS to read is refused instead of freezing the tab.
 */
import type { InterchangeSummary } from '../../domain/interchange/summary';
import { createMap } from '../../storage/writes';
import { importText, type ImportOutcome, type ImportProgress } from '../maps/importFile';
import type { ReadResult } from './readImport';
import { FOREIGN_BUDGET_MS, ImportBudgetExceeded, ImportCancelled, MAX_FOREIGN_CHARS, readInWorker } from './readInWorker';

export type ConvertedOutcome = {
  kind: 'converted';
  mapId: string;
  summary: InterchangeSummary;
  /** The format the file was read as. */
  format: 'aif' | 'argdown';
  title: string;
  fileName: string;
};

export type AnyImportOutcome = ImportOutcome | ConvertedOutcome;

export const FORMAT_NAMES = { aif: 'AIF', argdown: 'Argdown' } as const;

const failed = (fileName: string, message: string): ImportOutcome => ({ kind: 'failed', fileName, message, problems: [] });

/**
 * Reads `text` (the content of `fileName`) as whichever format it is in and
 * saves it as a map. Never throws: a file that is no map, a conversion that
 * fails, or storage that fails all come back as `failed` outcomes, and then
 * nothing was written.
 */
export async function importAnyText(text: string, fileName: string, progress: ImportProgress = {}): Promise<AnyImportOutcome> {
  // Warrant's own files are recognised at once: the map file parser explains
  // any problem, with no time limit (a big map takes a while; Cancel stops it).
  if (/^\s*\{[\s\S]{0,2000}?"format"\s*:\s*"warrant\.map"/.test(text.slice(0, 4000))) return importText(text, fileName, undefined, progress);
  if (text.length > MAX_FOREIGN_CHARS) {
    return failed(fileName, `This file is larger than ${MAX_FOREIGN_CHARS / 1024 / 1024} MB, the most Warrant reads of a file that is not a Warrant map.`);
  }
  let read: ReadResult;
  try {
    read = await readInWorker(text, fileName, 'any', { budgetMs: FOREIGN_BUDGET_MS, signal: progress.signal, onStage: progress.onStage });
  } catch (e) {
    if (e instanceof ImportCancelled) return { kind: 'cancelled', fileName };
    if (e instanceof ImportBudgetExceeded) return failed(fileName, `${fileName} was not imported. ${e.message} The file may be malformed or built to stall a reader.`);
    return failed(fileName, `The file could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (read.kind === 'map-file') return importText(text, fileName, undefined, progress);
  if (read.kind === 'unknown') {
    return failed(
      fileName,
      'This file is not in a format Warrant reads. Warrant imports its own map files (.warrant.json), ' +
        'AIF JSON (from AIFdb or OVA) and Argdown documents (.argdown) with at least one relation, argument or titled statement.',
    );
  }
  const { format, result } = read;
  if (!result.ok) return failed(fileName, `The ${FORMAT_NAMES[format]} file could not be imported: ${result.message}`);
  if (progress.signal?.aborted) return { kind: 'cancelled', fileName };
  progress.onStage?.('saving');
  try {
    await createMap(result.doc);
  } catch (e) {
    return failed(fileName, `The map could not be saved: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { kind: 'converted', mapId: result.doc.map.id, summary: result.summary, format, title: result.doc.map.title, fileName };
}
