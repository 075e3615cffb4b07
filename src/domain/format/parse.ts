/**
 * Reading a map file (format versions 1 and 2) at the trust boundary. Never throws:
 * every outcome is a tagged result, and a refused file lists every problem
 * with its JSON path, as the format doc requires.
 */
import { docFromRecords, type MapDoc } from '../change';
import {
  MAP_FILE_FORMAT,
  MAP_FILE_VERSION,
  MapFileSchema,
  isClaimId,
  isQuoteId,
  type MapFile,
  type Quote,
  type Source,
} from '../schema';
import { anchorQuote, describeQuote } from '../anchoring/anchor';
import { checkRecords, type Problem } from '../integrity';
import { INVALID, compileFastParser, type FastParser } from './fastParse';
import { migrateToCurrent } from './migrate';
import { hasMalformedIds, rekeyDoc } from '../rekey';

export type MapFileProblem = Problem;

export type ParseResult =
  | { kind: 'ok'; doc: MapDoc; notices: string[] }
  | { kind: 'not-a-map-file'; message: string }
  | { kind: 'too-new'; version: number; message: string }
  | { kind: 'invalid'; problems: MapFileProblem[]; message: string };

/** 100 MB of text; a larger file is refused before it is parsed. */
export const MAX_FILE_CHARS = 100 * 1024 * 1024;
export const MAX_ENTITIES = 200_000;
/** The most problems listed; past it the list says how many more there were. */
const MAX_PROBLEMS = 200;

/** `['quotes', 3, 'exact']` → `quotes[3].exact`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += (out ? '.' : '') + String(part);
  }
  return out || '(file)';
}

function invalid(problems: MapFileProblem[]): ParseResult {
  const shown = problems.slice(0, MAX_PROBLEMS);
  if (problems.length > MAX_PROBLEMS) {
    shown.push({ path: '(file)', message: `…and ${problems.length - MAX_PROBLEMS} more problems` });
  }
  const first = shown[0];
  const message =
    shown.length === 1 && first
      ? `This map file has a problem: ${first.path}: ${first.message}`
      : `This map file has ${problems.length} problems.`;
  return { kind: 'invalid', problems: shown, message };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Layout is the one map in the file keyed by user data. Copy it to a
 * null-prototype object keeping only node ids, so that `__proto__`,
 * `constructor` or `prototype` keys can never reach an object's prototype.
 */
function sanitizeLayout(raw: Record<string, unknown>): void {
  const layout = raw['layout'];
  if (!isPlainObject(layout)) return;
  const clean: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(layout)) {
    if (isClaimId(key) || isQuoteId(key)) clean[key] = layout[key];
  }
  raw['layout'] = clean;
}

/**
 * Parses the text of a `*.warrant.json` file. Quotes whose stored position no
 * longer matches their source text are re-anchored when their passage is found
 * unambiguously (with a notice); otherwise the file is refused.
 */
export function parseMapFile(text: string): ParseResult {
  if (text.length > MAX_FILE_CHARS) {
    return {
      kind: 'invalid',
      problems: [{ path: '(file)', message: 'the file is larger than 100 MB' }],
      message: 'This file is larger than 100 MB, the most Warrant imports.',
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const reason = e instanceof RangeError ? 'it is nested too deeply' : (e as Error).message;
    return { kind: 'not-a-map-file', message: `This file is not valid JSON (${reason}).` };
  }
  if (!isPlainObject(raw) || raw['format'] !== MAP_FILE_FORMAT) {
    return {
      kind: 'not-a-map-file',
      message: 'This file is not a Warrant map: it has no "format": "warrant.map".',
    };
  }
  const version = raw['version'];
  if (typeof version === 'number' && Number.isInteger(version) && version > MAP_FILE_VERSION) {
    return {
      kind: 'too-new',
      version,
      message: `This map was made by a newer version of Warrant (file version ${version}; this app reads version ${MAP_FILE_VERSION}).`,
    };
  }
  let entityCount = 0;
  for (const key of ['sources', 'quotes', 'claims', 'links'] as const) {
    const v = raw[key];
    if (Array.isArray(v)) entityCount += v.length;
  }
  if (entityCount > MAX_ENTITIES) {
    return invalid([
      { path: '(file)', message: `the file holds ${entityCount} entities; the limit is ${MAX_ENTITIES}` },
    ]);
  }
  sanitizeLayout(raw);
  const migrated = migrateToCurrent(raw);
  if (migrated.problems.length) return invalid(migrated.problems);

  // The fast path accepts exactly what the schema accepts; Zod itself
  // explains what is wrong with a file the fast path refuses.
  const fast = fastMapFileParser()?.(migrated.file);
  if (fast !== undefined && fast !== INVALID) return withWellFormedIds(checkAndAnchor(fast as MapFile));
  const parsed = MapFileSchema.safeParse(migrated.file);
  if (!parsed.success) {
    return invalid(
      parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    );
  }
  return withWellFormedIds(checkAndAnchor(parsed.data));
}

/** Rule 7: a map whose ids break the id rule comes in under fresh ids, as a copy does, and says so. */
function withWellFormedIds(result: ParseResult): ParseResult {
  if (result.kind !== 'ok' || !hasMalformedIds(result.doc)) return result;
  return {
    ...result,
    doc: rekeyDoc(result.doc),
    notices: [
      ...result.notices,
      'Some ids in this file hold characters Warrant does not allow in ids, so the map was imported with fresh ids, as a copy is.',
    ],
  };
}

let fastParser: FastParser | null | undefined;
function fastMapFileParser(): FastParser | null {
  if (fastParser === undefined) fastParser = compileFastParser(MapFileSchema);
  return fastParser;
}

function checkAndAnchor(file: MapFile): ParseResult {
  const notices: string[] = [];
  const problems: MapFileProblem[] = [];
  const sourcesById = new Map<string, Source>();
  for (const s of file.sources) sourcesById.set(s.id, s);

  // Rule 3: quotes must match their source text, or be re-anchored uniquely.
  const quotes: Quote[] = file.quotes.map((q, i) => {
    const source = sourcesById.get(q.sourceId);
    if (!source) return q; // reported by checkRecords below
    if (q.end - q.start === q.exact.length && source.text.startsWith(q.exact, q.start)) {
      return q;
    }
    const result = anchorQuote(source.text, q);
    if (result.status === 'relocated' && result.start !== undefined && result.end !== undefined) {
      notices.push(
        `quotes[${i}] was re-anchored: its passage was found at ${result.start}–${result.end} instead of ${q.start}–${q.end}.`,
      );
      return { ...q, ...describeQuote(source.text, result.start, result.end) };
    }
    problems.push({
      path: `quotes[${i}].exact`,
      message:
        result.status === 'ambiguous'
          ? `does not match the source text at ${q.start}–${q.end}, and occurs more than once elsewhere`
          : `does not match the source text at ${q.start}–${q.end}`,
    });
    return q;
  });

  problems.push(
    ...checkRecords(
      { sources: file.sources, quotes, claims: file.claims, links: file.links },
      { checkQuoteText: false },
    ),
  );
  if (problems.length) return invalid(problems);

  const records = docFromRecords({ map: file.map, sources: file.sources, quotes, claims: file.claims, links: file.links });
  const layout: Record<string, { x: number; y: number }> = {};
  const fileLayout = file.layout ?? {};
  for (const id of Object.keys(fileLayout)) {
    if (id in records.claims || id in records.quotes) layout[id] = fileLayout[id]!;
    else notices.push(`layout.${id} names no claim or quote and was dropped.`);
  }
  const doc: MapDoc = { ...records, layout };
  return { kind: 'ok', doc, notices };
}
