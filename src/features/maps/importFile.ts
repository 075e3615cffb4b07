/**
 * The one import entry (`importFile`): a file the user chose or dropped, in
 * any format Warrant reads, from its text to a stored map, with one result
 * type (`ImportOutcome`) that the UI turns into a dialog or a navigation.
 * Reading runs in a worker (readInWorker.ts); Warrant's own map files are
 * stored through the storage layer's all-or-nothing import, AIF and Argdown
 * through `createMap`.
 */
import { broadcastMapsChanged } from '../../storage/channel';
import { importMapFile, type ImportResult } from '../../storage/transfer';
import type { ParseResult } from '../../domain/format/parse';
import type { ReadResult, ReadStage } from './readImport';
import { FOREIGN_BUDGET_MS, ImportBudgetExceeded, ImportCancelled, MAX_FOREIGN_CHARS, readInWorker } from './readInWorker';
import type { InterchangeSummary } from '../../domain/interchange/summary';
import { createMap } from '../../storage/writes';

/** What importing one file came to: the one result type of the one import entry, `importFile`. */
export type ImportOutcome =
  | ConvertedOutcome
  | { kind: 'imported'; mapId: string; notices: string[] }
  /** The user cancelled while the file was read: nothing was written. */
  | { kind: 'cancelled'; fileName: string }
  | { kind: 'conflict'; mapId: string; title: string; text: string; fileName: string }
  | { kind: 'failed'; fileName: string; message: string; problems: Array<{ path: string; message: string }> };

export function outcomeOf(result: ImportResult, text: string, fileName: string): ImportOutcome {
  if (result.kind === 'imported') return { kind: 'imported', mapId: result.mapId, notices: result.notices };
  if (result.kind === 'conflict') return { kind: 'conflict', mapId: result.mapId, title: result.title, text, fileName };
  const parse = result.parse;
  return {
    kind: 'failed',
    fileName,
    message: parse.message,
    problems: parse.kind === 'invalid' ? parse.problems : [],
  };
}

export type ImportProgress = {
  signal?: AbortSignal;
  onStage?: (stage: ReadStage | 'saving') => void;
  /** For a Warrant map whose id exists: replace it, or import a copy under fresh ids. */
  onConflict?: 'replace' | 'copy';
};

/**
 * Imports a map file: parsed and checked in a worker (a 50 MB file must not
 * freeze the page), then written in one transaction. Cancelling through
 * `signal` while the file is read writes nothing.
 */
async function importMapText(
  text: string,
  fileName: string,
  onConflict?: 'replace' | 'copy',
  progress: ImportProgress = {},
): Promise<ImportOutcome> {
  let parsed: ParseResult;
  try {
    const read = await readInWorker(text, fileName, 'map-file', { signal: progress.signal, onStage: progress.onStage });
    if (read.kind !== 'map-file') throw new Error('The file was not read as a map file.');
    parsed = read.parsed;
  } catch (e) {
    if (e instanceof ImportCancelled) return { kind: 'cancelled', fileName };
    return { kind: 'failed', fileName, message: `The file could not be read: ${(e as Error).message}`, problems: [] };
  }
  if (progress.signal?.aborted) return { kind: 'cancelled', fileName };
  progress.onStage?.('saving');
  try {
    const result = await importMapFile(parsed, onConflict ? { onConflict } : {});
    // A tab with this map open reloads it at once (a replace, or a re-import after a delete).
    if (result.kind === 'imported') broadcastMapsChanged([result.mapId]);
    return outcomeOf(result, text, fileName);
  } catch (e) {
    return { kind: 'failed', fileName, message: `The map could not be saved: ${(e as Error).message}`, problems: [] };
  }
}

export type ConvertedOutcome = {
  kind: 'converted';
  mapId: string;
  summary: InterchangeSummary;
  /** The format the file was read as. */
  format: 'aif' | 'argdown' | 'canvas';
  title: string;
  fileName: string;
};

export const FORMAT_NAMES = { aif: 'AIF', argdown: 'Argdown', canvas: 'JSON Canvas' } as const;

const failed = (fileName: string, message: string): ImportOutcome => ({ kind: 'failed', fileName, message, problems: [] });

/**
 * THE import entry: every format (Warrant's own map file, AIF, Argdown) goes
 * from a file's text to a stored map through here. Reads `text` (the content
 * of `fileName`) as whichever format it is in and saves it as a map;
 * `onConflict` answers "Map already exists" for a Warrant map file. Never throws: a file that is no map, a conversion that
 * fails, or storage that fails all come back as `failed` outcomes, and then
 * nothing was written.
 */
export async function importFile(text: string, fileName: string, progress: ImportProgress = {}): Promise<ImportOutcome> {
  if (progress.onConflict) return importMapText(text, fileName, progress.onConflict, progress);
  // Warrant's own files are recognised at once: the map file parser explains
  // any problem, with no time limit (a big map takes a while; Cancel stops it).
  if (/^\s*\{[\s\S]{0,2000}?"format"\s*:\s*"warrant\.map"/.test(text.slice(0, 4000))) return importMapText(text, fileName, undefined, progress);
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
  if (read.kind === 'map-file') return importMapText(text, fileName, undefined, progress);
  if (read.kind === 'unknown') {
    return failed(
      fileName,
      'This file is not in a format Warrant reads. Warrant imports its own map files (.warrant.json), ' +
        'AIF JSON (from AIFdb or OVA), JSON Canvas (.canvas) and Argdown documents (.argdown) with at least one relation, argument or titled statement.',
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

/** The bundled example map, loaded on demand so the start screen stays small. */
export async function loadExampleText(): Promise<string> {
  const mod = await import('../../../examples/xi-diplomacy.warrant.json?raw');
  return mod.default;
}
