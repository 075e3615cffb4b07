/**
 * Import of a file the user chose or dropped: Warrant's own map files go
 * through the storage layer's all-or-nothing import. The outcome is a value
 * the UI turns into a dialog or a navigation.
 */
import { broadcastMapsChanged } from '../../storage/channel';
import { importMapFile, type ImportResult } from '../../storage/transfer';

export type ImportOutcome =
  | { kind: 'imported'; mapId: string; notices: string[] }
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

export async function importText(text: string, fileName: string, onConflict?: 'replace' | 'copy'): Promise<ImportOutcome> {
  try {
    const result = await importMapFile(text, onConflict ? { onConflict } : {});
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
