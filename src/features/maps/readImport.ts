/**
 * Reading an imported file into records, the slow and hostile part of an
 * import: JSON parsing and checking of a map file, format detection and
 * conversion (AIF, Argdown, JSON Canvas: the format list, src/formats). Runs
 * in `import.worker.ts`, off the page's thread, so a huge or malicious file
 * can neither freeze the page nor take longer than its budget
 * (`readInWorker`). Writes nothing.
 */
import { parseMapFile } from '../../domain/format/parse';
import { readAny, type ReadResult } from '../../formats/formats';

export type { ReadResult } from '../../formats/formats';

/** `map-file`: the text is known to be a Warrant map (no sniffing); `any`: whatever format it is in. */
export type ReadMode = 'map-file' | 'any';

export type ReadStage = 'parsing' | 'converting';

/** The foreign readers (the Argdown parser is most of their size) load only for a file that is not a Warrant map. */
export async function readImport(
  text: string,
  fileName: string,
  mode: ReadMode,
  onStage: (stage: ReadStage) => void = () => {},
): Promise<ReadResult> {
  onStage('parsing');
  if (mode === 'map-file') return { kind: 'map-file', parsed: parseMapFile(text) };
  return readAny(text, fileName, () => onStage('converting'));
}
