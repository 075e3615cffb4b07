/**
 * Which format a dropped or pasted file is in, judged by its content (file
 * names lie, and pasted text has none). The text is parsed once into a
 * `Probe` (JSON, or Argdown when it is not JSON); each format's test looks
 * at the probe, and its reader reads from the same probe (src/formats), so
 * nothing is parsed twice.
 */
import type { IArgdownResponse } from '@argdown/core';
import { MAP_FILE_FORMAT } from '../schema';
import { parseArgdown } from './argdown';
import { looksLikeJSONCanvas } from './canvas';

export type DetectedFormat = 'warrant' | 'aif' | 'argdown' | 'canvas' | 'unknown';

/**
 * A file's text with what reading it once found: `json` when it is JSON
 * (`data`), `argdown` filled in on first use (Argdown's parse, or the error
 * it threw). Mutable only through `argdownOf`.
 */
export type Probe = {
  readonly text: string;
  readonly json: { readonly data: unknown } | null;
  argdown?: { response: IArgdownResponse } | { error: unknown };
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const hasAifNodes = (v: unknown): boolean =>
  isObj(v) && Array.isArray(v.nodes) && v.nodes.some((n) => isObj(n) && 'nodeID' in n);

/** Reads `text` as JSON once, when it starts like JSON. */
export function probe(text: string): Probe {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { text, json: { data: JSON.parse(trimmed) } };
    } catch {
      // `[Title]: text` starts like JSON too; broken JSON fails as Argdown.
    }
  }
  return { text, json: null };
}

/** Argdown's parse of the probe's text, once; throws what the parser threw. */
export function argdownOf(p: Probe): IArgdownResponse {
  if (!p.argdown) {
    try {
      p.argdown = { response: parseArgdown(p.text) };
    } catch (error) {
      p.argdown = { error };
    }
  }
  if ('error' in p.argdown) throw p.argdown.error;
  return p.argdown.response;
}

export const isWarrantMap = (p: Probe): boolean => !!p.json && isObj(p.json.data) && p.json.data.format === MAP_FILE_FORMAT;

/** AIFdb or OVA JSON (nodes with `nodeID`, possibly under `AIF`). */
export const isAif = (p: Probe): boolean => !!p.json && (hasAifNodes(p.json.data) || (isObj(p.json.data) && hasAifNodes(p.json.data.AIF)));

/** JSON Canvas: nodes with `id` and `type`, edges with `fromNode`. */
export const isJSONCanvas = (p: Probe): boolean => !!p.json && looksLikeJSONCanvas(p.json.data);

/**
 * Text (not JSON) that Argdown reads without errors and that has at least
 * one relation, argument or titled statement: any prose parses as untitled
 * statements, so those alone do not count.
 */
export function isArgdown(p: Probe): boolean {
  if (p.json || !p.text.trim()) return false;
  try {
    const res = argdownOf(p);
    if (res.parserErrors?.length || res.lexerErrors?.length || res.exceptions?.length) return false;
    const relations = res.relations?.length ?? 0;
    const args = Object.keys(res.arguments ?? {}).length;
    const titled = Object.keys(res.statements ?? {}).filter((t) => !/^Untitled \d+$/.test(t)).length;
    return relations + args + titled > 0;
  } catch {
    return false;
  }
}

/** The readable formats' tests, in the order they are tried. */
const TESTS: ReadonlyArray<readonly [Exclude<DetectedFormat, 'unknown'>, (p: Probe) => boolean]> = [
  ['warrant', isWarrantMap],
  ['aif', isAif],
  ['canvas', isJSONCanvas],
  ['argdown', isArgdown],
];

/** The format of a probed text: the first whose test passes, or `unknown`. */
export function detectProbe(p: Probe): DetectedFormat {
  return TESTS.find(([, test]) => test(p))?.[0] ?? 'unknown';
}

/**
 * `warrant` for a Warrant map file, `aif` for AIFdb or OVA JSON, `canvas` for
 * JSON Canvas, `argdown` for Argdown (see `isArgdown`), `unknown` otherwise.
 */
export function detectFormat(text: string): DetectedFormat {
  return detectProbe(probe(text));
}
