/**
 * `serializeMap`, written record by record so a worker can report how far it
 * is. The text is byte for byte what `serializeMap` writes (the test holds it
 * to that): `JSON.stringify(x, null, 2)` of a nested value is the value's own
 * pretty JSON with every line after the first indented by its depth, because
 * JSON strings never hold a raw newline.
 */
import type { MapDoc } from '../../domain/change';
import { docToFile } from '../../domain/format/serialize';

const indent = (json: string, by: string): string => json.replace(/\n/g, `\n${by}`);

/** Records (array items and layout entries) between two progress reports. */
const REPORT_EVERY = 500;

/**
 * The text of a `*.warrant.json` file, as `serializeMap(doc, exportedAt)`;
 * `onProgress(done, total)` is called every few hundred records and at the end.
 */
export function serializeMapInParts(
  doc: MapDoc,
  exportedAt: string = new Date().toISOString(),
  onProgress?: (done: number, total: number) => void,
): string {
  const file = docToFile(doc, exportedAt) as unknown as Record<string, unknown>;
  let total = 0;
  for (const value of Object.values(file)) {
    if (Array.isArray(value)) total += value.length;
    else if (isPlainObject(value) && value !== file.map) total += Object.keys(value).length;
  }
  let done = 0;
  const tick = () => {
    done++;
    if (onProgress && done % REPORT_EVERY === 0) onProgress(done, total);
  };

  const members: string[] = [];
  for (const [key, value] of Object.entries(file)) {
    const head = `  ${JSON.stringify(key)}: `;
    if (value === undefined || typeof value === 'function') continue;
    if (Array.isArray(value)) {
      if (value.length === 0) {
        members.push(`${head}[]`);
        continue;
      }
      const items: string[] = [];
      for (const item of value) {
        items.push(`    ${indent(JSON.stringify(item, null, 2) ?? 'null', '    ')}`);
        tick();
      }
      members.push(`${head}[\n${items.join(',\n')}\n  ]`);
    } else if (isPlainObject(value) && key === 'layout') {
      const entries = Object.entries(value).filter(([, v]) => v !== undefined);
      if (entries.length === 0) {
        members.push(`${head}{}`);
        continue;
      }
      const items: string[] = [];
      for (const [k, v] of entries) {
        items.push(`    ${JSON.stringify(k)}: ${indent(JSON.stringify(v, null, 2), '    ')}`);
        tick();
      }
      members.push(`${head}{\n${items.join(',\n')}\n  }`);
    } else {
      members.push(head + indent(JSON.stringify(value, null, 2), '  '));
    }
  }
  onProgress?.(total, total);
  return `{\n${members.join(',\n')}\n}\n`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
