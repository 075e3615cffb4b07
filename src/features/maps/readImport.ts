/**
 * Reading an imported file into records, the slow and hostile part of an
 * import: JSON parsing and checking of a map file, format detection and
 * conversion of AIF, Argdown and JSON Canvas. Runs in `import.worker.ts`, off the page's
 * thread, so a huge or malicious file can neither freeze the page nor take
 * longer than its budget (`readInWorker`). Writes nothing.
 */
import { parseMapFile, type ParseResult } from '../../domain/format/parse';
import type { ImportResult } from '../../domain/interchange/summary';

export type ReadMode = 'map-file' | 'any';

export type ReadResult =
  | { kind: 'map-file'; parsed: ParseResult }
  | { kind: 'converted'; format: 'aif' | 'argdown' | 'canvas'; result: ImportResult }
  | { kind: 'unknown' };

export type ReadStage = 'parsing' | 'converting';

/** Files named like Argdown are read as Argdown, so that a syntax error is reported as one. */
const ARGDOWN_NAME = /\.(argdown|ad)$/i;

/**
 * The foreign readers (the Argdown parser is most of their size) load only
 * for a file that is not a Warrant map.
 */
export async function readImport(
  text: string,
  fileName: string,
  mode: ReadMode,
  onStage: (stage: ReadStage) => void = () => {},
): Promise<ReadResult> {
  onStage('parsing');
  if (mode === 'map-file') return { kind: 'map-file', parsed: parseMapFile(text) };
  const [{ detectFormat }, { fromAIF }, { fromArgdown }, { fromJSONCanvas }] = await Promise.all([
    import('../../domain/interchange/detect'),
    import('../../domain/interchange/aif'),
    import('../../domain/interchange/argdown'),
    import('../../domain/interchange/canvas'),
  ]);
  const fromArgdownSafely = (text: string): ImportResult => {
    try {
      return fromArgdown(text);
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  };
  const format = detectFormat(text);
  // A broken `.warrant.json` is better explained by the map file parser
  // (with JSON paths) than by "unknown format".
  if (format === 'warrant' || (format === 'unknown' && /\.warrant\.json$/i.test(fileName))) {
    return { kind: 'map-file', parsed: parseMapFile(text) };
  }
  if (format === 'unknown') {
    if (!ARGDOWN_NAME.test(fileName) || !text.trim()) return { kind: 'unknown' };
    // An `.argdown` file that does not read as Argdown: say what Argdown
    // found wrong, with its line, not "unknown format".
    const result = fromArgdownSafely(text);
    return result.ok ? { kind: 'unknown' } : { kind: 'converted', format: 'argdown', result };
  }
  onStage('converting');
  if (format === 'aif' || format === 'canvas') {
    try {
      const result = format === 'aif' ? fromAIF(text) : fromJSONCanvas(text, { title: fileName.replace(/\.canvas$/i, '') || 'Imported canvas' });
      return { kind: 'converted', format, result };
    } catch (e) {
      return { kind: 'converted', format, result: { ok: false, message: e instanceof Error ? e.message : String(e) } };
    }
  }
  return { kind: 'converted', format: 'argdown', result: fromArgdownSafely(text) };
}

