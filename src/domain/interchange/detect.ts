/**
 * Which format a dropped or pasted file is in, judged by its content (file
 * names lie, and pasted text has none).
 */
import { MAP_FILE_FORMAT } from '../schema';
import { parseArgdown } from './argdown';
import { looksLikeJSONCanvas } from './canvas';

export type DetectedFormat = 'warrant' | 'aif' | 'argdown' | 'canvas' | 'unknown';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const hasAifNodes = (v: unknown): boolean =>
  isObj(v) && Array.isArray(v.nodes) && v.nodes.some((n) => isObj(n) && 'nodeID' in n);

/**
 * `warrant` for a Warrant map file, `aif` for AIFdb or OVA JSON, `canvas` for
 * JSON Canvas (nodes with `id` and `type`, edges with `fromNode`), `argdown` for
 * text that Argdown reads without errors and that has at least one relation,
 * argument or titled statement (any prose parses as untitled statements, so
 * those alone do not count), `unknown` otherwise.
 */
export function detectFormat(text: string): DetectedFormat {
  const trimmed = text.trim();
  if (!trimmed) return 'unknown';
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let data: unknown;
    let json = true;
    try {
      data = JSON.parse(trimmed);
    } catch {
      json = false; // `[Title]: text` starts like JSON too; broken JSON fails as Argdown below
    }
    if (json) {
      if (isObj(data) && data.format === MAP_FILE_FORMAT) return 'warrant';
      if (hasAifNodes(data) || (isObj(data) && hasAifNodes(data.AIF))) return 'aif';
      if (looksLikeJSONCanvas(data)) return 'canvas';
      return 'unknown';
    }
  }
  try {
    const res = parseArgdown(text);
    if (res.parserErrors?.length || res.lexerErrors?.length || res.exceptions?.length) return 'unknown';
    const relations = res.relations?.length ?? 0;
    const args = Object.keys(res.arguments ?? {}).length;
    const titled = Object.keys(res.statements ?? {}).filter((t) => !/^Untitled \d+$/.test(t)).length;
    return relations + args + titled > 0 ? 'argdown' : 'unknown';
  } catch {
    return 'unknown';
  }
}
