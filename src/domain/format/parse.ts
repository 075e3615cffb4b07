/**
 * Reading a map file (format versions 1, 2 and 3) at the trust boundary. Never throws:
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
  type Comment,
  type MapFile,
  type Quote,
  type Source,
} from '../schema';
import { ANCHOR_STATUSES, type AnchorStatus } from '../anchoring/anchor';
import { importSourceQuotes } from '../anchoring/quotes';
import { checkRecords, splitsSurrogatePair, type Problem } from '../integrity';
import { INVALID, compileFastParser, type FastParser } from './fastParse';
import { migrateToCurrent } from './migrate';
import { hasMalformedIds, rekeyDoc } from '../rekey';

export type MapFileProblem = Problem;

/** How many of a file's quotes were found in place, relocated, fuzzy, ambiguous, orphaned. */
export type AnchorCounts = Record<AnchorStatus, number>;

export const emptyAnchorCounts = (): AnchorCounts => ({ exact: 0, relocated: 0, fuzzy: 0, ambiguous: 0, orphaned: 0 });

const ANCHOR_WORDS: Record<AnchorStatus, string> = {
  exact: 'in place',
  relocated: 'found elsewhere in their source',
  fuzzy: 'need review (their text changed)',
  ambiguous: 'ambiguous (found in several places)',
  orphaned: 'not found in their source',
};

/** "Quotes: 3 in place · 1 need review (their text changed) · …", naming only the statuses that occur. */
export function anchorSummary(counts: AnchorCounts): string {
  const parts = ANCHOR_STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${ANCHOR_WORDS[s]}`);
  return `Quotes: ${parts.join(' · ')}. Quotes that need review are kept and flagged on the map.`;
}

export type ParseResult =
  | { kind: 'ok'; doc: MapDoc; notices: string[]; anchors: AnchorCounts }
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
 * Parses the text of a `*.warrant.json` file. Every quote is anchored again
 * in its source (rule 3): one found elsewhere is re-anchored there (with a
 * notice); fuzzy, ambiguous and orphaned ones are kept and counted, never
 * refused, so a file that Warrant exported always imports.
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
  for (const key of ['sources', 'quotes', 'claims', 'links', 'comments'] as const) {
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

  // Rule 3: every quote is anchored again in its source; quotes whose words
  // are not found are kept and flagged, never refused.
  const anchors = emptyAnchorCounts();
  const quotes: Quote[] = [...file.quotes];
  const bySource = new Map<string, number[]>();
  file.quotes.forEach((q, i) => {
    const source = sourcesById.get(q.sourceId);
    if (!source) return; // reported by checkRecords below
    // Rule 7 holds for the file as written: anchoring must not hide a range
    // that splits an emoji by moving it. (A range past the end of its text is
    // pulled inside with a notice instead: maps stored before quotes kept
    // their ranges valid hold such ranges, and must stay importable.)
    if (q.end <= source.text.length && (splitsSurrogatePair(source.text, q.start) || splitsSurrogatePair(source.text, q.end))) {
      problems.push({ path: `quotes[${i}].start`, message: `the range ${q.start}–${q.end} splits a character of the source text in two (rule 7)` });
      return;
    }
    const list = bySource.get(q.sourceId);
    if (list) list.push(i);
    else bySource.set(q.sourceId, [i]);
  });
  for (const [sourceId, indices] of bySource) {
    const text = sourcesById.get(sourceId)!.text;
    const outcomes = importSourceQuotes(
      text,
      indices.map((i) => file.quotes[i]!),
    );
    outcomes.forEach((o, k) => {
      const i = indices[k]!;
      const q = file.quotes[i]!;
      anchors[o.status]++;
      quotes[i] = o.quote;
      if (o.status === 'relocated' && o.changed) {
        notices.push(`quotes[${i}] was re-anchored: its passage was found at ${o.quote.start}–${o.quote.end} instead of ${q.start}–${q.end}.`);
      } else if (o.changed) {
        notices.push(`quotes[${i}]: its range ${q.start}–${q.end} lay outside its source text and was moved to ${o.quote.start}–${o.quote.end}.`);
      }
    });
  }
  if (anchors.relocated + anchors.fuzzy + anchors.ambiguous + anchors.orphaned > 0) notices.push(anchorSummary(anchors));

  const comments = rehomeComments(file, notices);
  problems.push(
    ...checkRecords(
      { sources: file.sources, quotes, claims: file.claims, links: file.links, comments },
      { checkQuoteText: false, mapId: file.map.id },
    ),
  );
  if (problems.length) return invalid(problems);

  const records = docFromRecords({ map: file.map, sources: file.sources, quotes, claims: file.claims, links: file.links, comments });
  const layout: Record<string, { x: number; y: number }> = {};
  const fileLayout = file.layout ?? {};
  for (const id of Object.keys(fileLayout)) {
    if (id in records.claims || id in records.quotes) layout[id] = fileLayout[id]!;
    else notices.push(`layout.${id} names no claim or quote and was dropped.`);
  }
  const doc: MapDoc = { ...records, layout };
  return { kind: 'ok', doc, notices, anchors };
}

/**
 * A comment whose `on` names nothing of the file (what it was on was left
 * out of the file, or deleted in an older copy) is kept, as a comment on the
 * map itself, with a notice (docs/file-format.md, version 3): a reviewer's
 * words are never dropped for a dangling reference. Its replies follow it.
 */
function rehomeComments(file: MapFile, notices: string[]): Comment[] {
  const comments = file.comments ?? [];
  if (comments.length === 0) return [];
  const ids = new Set<string>([file.map.id]);
  for (const t of [file.sources, file.quotes, file.claims, file.links]) for (const r of t) ids.add(r.id);
  let moved = 0;
  const out = comments.map((cm) => {
    if (ids.has(cm.on)) return cm;
    moved++;
    return { ...cm, on: file.map.id };
  });
  if (moved > 0) {
    notices.push(`${moved === 1 ? '1 comment was' : `${moved} comments were`} on something this file does not hold, and ${moved === 1 ? 'is' : 'are'} kept as ${moved === 1 ? 'a comment' : 'comments'} on the map.`);
  }
  return out;
}
