/**
 * Writing a map file (format version 3). Key order follows docs/file-format.md so
 * that files diff well and read the same as the documentation.
 */
import type { MapDoc } from '../change';
import { MAP_FILE_FORMAT, MAP_FILE_VERSION, type MapFile } from '../schema';

/** The file object of a doc; layout keeps only positions of existing nodes. */
export function docToFile(doc: MapDoc, exportedAt: string = new Date().toISOString()): MapFile {
  const layout: Record<string, { x: number; y: number }> = {};
  for (const [id, p] of Object.entries(doc.layout)) {
    if (id in doc.claims || id in doc.quotes) layout[id] = { x: p.x, y: p.y };
  }
  return {
    format: MAP_FILE_FORMAT,
    version: MAP_FILE_VERSION,
    exportedAt,
    map: doc.map,
    sources: Object.values(doc.sources),
    quotes: Object.values(doc.quotes),
    claims: Object.values(doc.claims),
    links: Object.values(doc.links),
    layout,
    comments: Object.values(doc.comments),
  };
}

/*
 * Byte for byte `JSON.stringify(docToFile(doc), null, 2) + '\n'` (the test
 * holds it to that): the pretty JSON of a nested value is the value's own
 * pretty JSON with every line after the first indented by its depth, because
 * JSON strings never hold a raw newline.
 */
const indent = (json: string, by: string): string => json.replace(/\n/g, `\n${by}`);

/** Records (array items and layout entries) between two progress reports. */
const REPORT_EVERY = 500;

/**
 * The text of a `*.warrant.json` file: pretty JSON (two spaces) of
 * `docToFile`, written record by record so that a worker can report how far
 * it is; `onProgress(done, total)` is called every few hundred records and at
 * the end. The one serializer of the format.
 */
export function serializeMap(
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

/** `Is Xi's diplomacy turning defensive?` → `Is Xi's diplomacy turning defensive.warrant.json`. */
export function mapFileName(title: string, extension = '.warrant.json'): string {
  const safe = title
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return (safe || 'Untitled map') + extension;
}
