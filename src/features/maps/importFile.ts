/**
 * Import of a file the user chose or dropped: Warrant's own map files go
 * through the storage layer's all-or-nothing import. The outcome is a value
 * the UI turns into a dialog or a navigation.
 */
import { broadcastMapsChanged } from '../../storage/channel';
import { importMapFile, type ImportResult } from '../../storage/transfer';
import type { ParseResult } from '../../domain/format/parse';
import { ImportCancelled, readInWorker } from '../transfer/readInWorker';
import type { ReadStage } from '../transfer/readImport';

export type ImportOutcome =
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

export type ImportProgress = { signal?: AbortSignal; onStage?: (stage: ReadStage | 'saving') => void };

/**
 * Imports a map file: parsed and checked in a worker (a 50 MB file must not
 * freeze the page), then written in one transaction. Cancelling through
 * `signal` while the file is read writes nothing.
 */
export async function importText(
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

/** The bundled example map, loaded on demand so the start screen stays small. */
export async function loadExampleText(): Promise<string> {
  const mod = await import('../../../examples/xi-diplomacy.warrant.json?raw');
  return mod.default;
}
