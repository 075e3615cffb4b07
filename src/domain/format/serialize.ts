/**
 * Writing a map file (format version 2). Key order follows docs/file-format.md so
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
  };
}

/** Pretty JSON (two spaces) of a doc: the text of a `*.warrant.json` file. */
export function serializeMap(doc: MapDoc, exportedAt?: string): string {
  return JSON.stringify(docToFile(doc, exportedAt), null, 2) + '\n';
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
