/**
 * The one import entry (`importFile`): a file the user chose or dropped, in
 * any format Warrant reads, from its text to a stored map, with one result
 * type (`ImportOutcome`) that the UI turns into a dialog or a navigation.
 * Reading runs in a worker (readInWorker.ts), which recognises the format
 * and parses the file once (the format list, src/formats); Warrant's own map
 * files are stored through the storage layer's all-or-nothing import, the
 * converted formats through `createMap`.
 */
import { broadcastMapsChanged } from '../../storage/channel';
import { importMapFile, type ImportResult } from '../../storage/transfer';
import type { ParseResult } from '../../domain/format/parse';
import type { ReadResult, ReadStage } from './readImport';
import { FOREIGN_BUDGET_MS, ImportBudgetExceeded, ImportCancelled, MAX_FOREIGN_CHARS, readInWorker, type WorkerRead } from './readInWorker';
import type { InterchangeSummary } from '../../domain/interchange/summary';
import { createMap } from '../../storage/writes';
import { format, looksLikeWarrantMap, type ForeignId } from '../../formats/formats';

/** What importing one file came to: the one result type of the one import entry, `importFile`. */
export type ImportOutcome =
  | ConvertedOutcome
  | { kind: 'imported'; mapId: string; notices: string[] }
  /** The user cancelled while the file was read: nothing was written. */
  | { kind: 'cancelled'; fileName: string }
  /**
   * A Warrant map whose id is already stored: `parsed` is the file as read,
   * so Replace or Import as copy (`resolveConflict`) saves it without reading
   * the file again. `size`: the file's length in characters.
   */
  | { kind: 'conflict'; mapId: string; title: string; parsed: ParseResult; size: number; fileName: string }
  | { kind: 'failed'; fileName: string; message: string; problems: Array<{ path: string; message: string }> };

/** `parsed`: the file as read, kept with a conflict so that resolving it does not read the file again. */
export function outcomeOf(result: ImportResult, parsed: ParseResult | undefined, size: number, fileName: string): ImportOutcome {
  if (result.kind === 'imported') return { kind: 'imported', mapId: result.mapId, notices: result.notices };
  if (result.kind === 'conflict') {
    if (!parsed) return failed(fileName, 'The map already exists, and the file as read was not kept to replace it.');
    return { kind: 'conflict', mapId: result.mapId, title: result.title, parsed, size, fileName };
  }
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
};

/**
 * Imports a map file: parsed and checked in a worker (a 50 MB file must not
 * freeze the page), then written in one transaction. Cancelling through
 * `signal` while the file is read writes nothing.
 */
/** A Warrant map file: read and stored in the import worker, so that neither holds the page. */
async function importMapText(text: string, fileName: string, progress: ImportProgress = {}): Promise<ImportOutcome> {
  let read: WorkerRead;
  try {
    read = await readInWorker(text, fileName, 'map-file', { signal: progress.signal, onStage: progress.onStage, store: {} });
  } catch (e) {
    if (e instanceof ImportCancelled) return { kind: 'cancelled', fileName };
    return { kind: 'failed', fileName, message: `The file could not be read: ${(e as Error).message}`, problems: [] };
  }
  if (read.kind === 'map-file') return saveParsed(read.parsed, text.length, fileName, progress);
  if (read.kind !== 'stored') return failed(fileName, 'The file could not be read: it was not read as a map file.');
  const { result } = read;
  // A tab with this map open reloads it at once (a re-import after a delete).
  if (result.kind === 'imported') broadcastMapsChanged([result.mapId]);
  return outcomeOf(result, read.parsed, text.length, fileName);
}

/** Stores a map file as read: all or nothing, or a conflict when its id is taken and `onConflict` does not say what to do. */
async function saveParsed(
  parsed: ParseResult,
  size: number,
  fileName: string,
  progress: ImportProgress,
  onConflict?: 'replace' | 'copy',
): Promise<ImportOutcome> {
  if (progress.signal?.aborted) return { kind: 'cancelled', fileName };
  progress.onStage?.('saving');
  try {
    const result = await importMapFile(parsed, onConflict ? { onConflict } : {});
    // A tab with this map open reloads it at once (a replace, or a re-import after a delete).
    if (result.kind === 'imported') broadcastMapsChanged([result.mapId]);
    return outcomeOf(result, parsed, size, fileName);
  } catch (e) {
    return { kind: 'failed', fileName, message: `The map could not be saved: ${(e as Error).message}`, problems: [] };
  }
}

/** Answers "Map already exists": replaces the stored map with the file's, or imports it as a copy under fresh ids. */
export function resolveConflict(
  conflict: Extract<ImportOutcome, { kind: 'conflict' }>,
  onConflict: 'replace' | 'copy',
  progress: ImportProgress = {},
): Promise<ImportOutcome> {
  return saveParsed(conflict.parsed, conflict.size, conflict.fileName, progress, onConflict);
}

export type ConvertedOutcome = {
  kind: 'converted';
  mapId: string;
  summary: InterchangeSummary;
  /** The format the file was read as. */
  format: ForeignId;
  title: string;
  fileName: string;
};

/** The converted formats' names, from the format list. */
export const FORMAT_NAMES: Record<ForeignId, string> = { aif: format('aif').name, argdown: format('argdown').name, canvas: format('canvas').name };

const failed = (fileName: string, message: string): ImportOutcome => ({ kind: 'failed', fileName, message, problems: [] });

/**
 * THE import entry: every format in the format list goes from a file's text
 * to a stored map through here. Reads `text` (the content of `fileName`) as
 * whichever format it is in and saves it as a map; a Warrant map whose id is
 * taken comes back as a `conflict` for `resolveConflict`. Never throws: a
 * file that is no map, a conversion that fails, or storage that fails all
 * come back as `failed` outcomes, and then nothing was written.
 */
export async function importFile(text: string, fileName: string, progress: ImportProgress = {}): Promise<ImportOutcome> {
  // Warrant's own files are recognised at once: the map file parser explains
  // any problem, with no time limit (a big map takes a while; Cancel stops it).
  if (looksLikeWarrantMap(text)) return importMapText(text, fileName, progress);
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
  // Read once in the worker: stored as read, not parsed again.
  if (read.kind === 'map-file') return saveParsed(read.parsed, text.length, fileName, progress);
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
