/**
 * Every file format Warrant reads or writes, each defined once: its name,
 * its Export menu item, its file extensions, how it is recognised (`sniff`),
 * read, written, and what an export to it leaves out (`losses`). The import
 * (features/maps: the file input's `accept`, the worker's reading) and the
 * Export menu (features/transfer) both read this list.
 *
 * Cheap to import: the conversions (Argdown's parser above all) load on
 * first use, inside the functions, so none of them is on the app's startup
 * path. Reading runs in the import worker: the text is parsed once into a
 * `Probe` (domain/interchange/detect.ts), each format's `sniff` looks at the
 * probe in list order, and the chosen format's `read` reads from it.
 */
import type { MapDoc } from '../domain/change';
import type { ParseResult } from '../domain/format/parse';
import type { ExportNotice, ImportResult } from '../domain/interchange/summary';
import type { Probe } from '../domain/interchange/detect';

export type FormatId = 'warrant' | 'markdown' | 'png' | 'svg' | 'argdown' | 'aif' | 'canvas';

/** What reading a file came to: Warrant's own map file (checked, not yet stored), a conversion, or nothing Warrant reads. */
export type ReadResult =
  | { kind: 'map-file'; parsed: ParseResult }
  | { kind: 'converted'; format: ForeignId; result: ImportResult }
  | { kind: 'unknown' };

/** What a format's writer needs from the page: the images come from the graph on screen, a big map's JSON from a worker. */
export type WriteContext = {
  /** The thesis the Markdown report speaks of (the Thesis check panel's choice); null: the first. */
  thesisId?: string | null;
  /** Writes Warrant JSON off the page's thread; absent: written in place. */
  mapJson?: (doc: MapDoc) => Promise<string>;
  /** Draws the graph as an image. */
  image?: (kind: 'png' | 'svg') => Promise<Blob>;
};

export type MapFormat = {
  id: FormatId;
  /** Its name in messages ("imported from AIF"). */
  name: string;
  /** The Export menu item's accessible name (docs/ui-names.md, exact). */
  label: string;
  /** The file name endings it is known by; the first is what an export writes. */
  extensions: readonly string[];
  mime: string;
  /** Is the probed file in this format? Only formats Warrant reads have one. */
  sniff?: (p: Probe) => Promise<boolean>;
  /** Reads a probed file in this format (in the import worker). */
  read?: (p: Probe, fileName: string) => Promise<ReadResult>;
  write?: (doc: MapDoc, ctx: WriteContext) => Promise<Blob>;
  /** What an export to it leaves out, as the notice's lines; null for Warrant's own and for images. */
  losses?: (doc: MapDoc) => Promise<string[]>;
};

export type ForeignId = 'aif' | 'argdown' | 'canvas';

const detect = () => import('../domain/interchange/detect');
const blob = (text: string, type: string) => new Blob([text], { type });

/** A reader that refuses with its message instead of throwing. */
async function converted(format: ForeignId, read: () => ImportResult | Promise<ImportResult>): Promise<ReadResult> {
  try {
    return { kind: 'converted', format, result: await read() };
  } catch (e) {
    return { kind: 'converted', format, result: { ok: false, message: e instanceof Error ? e.message : String(e) } };
  }
}

/** In the order the Export menu shows them; readable ones are sniffed in this order too. */
export const FORMATS: readonly MapFormat[] = [
  {
    id: 'warrant',
    name: 'Warrant map',
    label: 'JSON',
    extensions: ['.warrant.json', '.json'],
    mime: 'application/json',
    sniff: async (p) => (await detect()).isWarrantMap(p),
    // The map file parser checks every record and explains problems with JSON paths.
    read: async (p) => {
      const { parseMapFile } = await import('../domain/format/parse');
      return { kind: 'map-file', parsed: parseMapFile(p.text) };
    },
    write: async (doc, ctx) => {
      if (ctx.mapJson) return blob(await ctx.mapJson(doc), 'application/json');
      const { serializeMap } = await import('../domain/format/serialize');
      return blob(serializeMap(doc), 'application/json');
    },
  },
  {
    id: 'markdown',
    name: 'Markdown report',
    label: 'Markdown report',
    extensions: ['.md'],
    mime: 'text/markdown',
    write: async (doc, ctx) => {
      const { markdownReport } = await import('../domain/interchange/report');
      return blob(markdownReport(doc, ctx.thesisId ?? null), 'text/markdown');
    },
  },
  {
    id: 'png',
    name: 'PNG image',
    label: 'PNG image',
    extensions: ['.png'],
    mime: 'image/png',
    write: (_doc, ctx) => image(ctx, 'png'),
  },
  {
    id: 'svg',
    name: 'SVG image',
    label: 'SVG image',
    extensions: ['.svg'],
    mime: 'image/svg+xml',
    write: (_doc, ctx) => image(ctx, 'svg'),
  },
  {
    id: 'argdown',
    name: 'Argdown',
    label: 'Argdown',
    extensions: ['.argdown', '.ad'],
    mime: 'text/plain',
    sniff: async (p) => (await detect()).isArgdown(p),
    read: async (p) => {
      const [{ fromArgdown }, { argdownOf }] = await Promise.all([import('../domain/interchange/argdown'), detect()]);
      return converted('argdown', () => fromArgdown(p.text, { parse: () => argdownOf(p) }));
    },
    write: async (doc) => blob((await import('../domain/interchange/argdown')).toArgdown(doc), 'text/plain'),
    losses: async (doc) => lossLines('Argdown', (await import('../domain/interchange/argdown')).argdownExportNotice(doc)),
  },
  {
    id: 'aif',
    name: 'AIF',
    label: 'AIF',
    extensions: ['.aif.json', '.json'],
    mime: 'application/json',
    sniff: async (p) => (await detect()).isAif(p),
    read: async (p) => {
      const { fromAIF } = await import('../domain/interchange/aif');
      return converted('aif', () => fromAIF(p.text, p.json ? { json: p.json } : {}));
    },
    write: async (doc) => blob((await import('../domain/interchange/aif')).toAIF(doc), 'application/json'),
    losses: async (doc) => lossLines('AIF', (await import('../domain/interchange/aif')).aifExportNotice(doc)),
  },
  {
    id: 'canvas',
    name: 'JSON Canvas',
    label: 'JSON Canvas',
    extensions: ['.canvas'],
    mime: 'application/json',
    sniff: async (p) => (await detect()).isJSONCanvas(p),
    read: async (p, fileName) => {
      const { fromJSONCanvas } = await import('../domain/interchange/canvas');
      const title = fileName.replace(/\.canvas$/i, '') || 'Imported canvas';
      return converted('canvas', () => fromJSONCanvas(p.text, { title, ...(p.json ? { json: p.json } : {}) }));
    },
    write: async (doc) => blob((await import('../domain/interchange/canvas')).toJSONCanvas(doc), 'application/json'),
    losses: async (doc) => lossLines('JSON Canvas', (await import('../domain/interchange/canvas')).canvasExportNotice(doc)),
  },
];

function image(ctx: WriteContext, kind: 'png' | 'svg'): Promise<Blob> {
  // The graph on screen is what is drawn: without it there is nothing to draw.
  if (!ctx.image) return Promise.reject(new Error('There is no graph on screen to draw.'));
  return ctx.image(kind);
}

async function lossLines(name: string, notice: ExportNotice): Promise<string[]> {
  const { exportNoticeLines } = await import('../domain/interchange/summary');
  return exportNoticeLines(name, notice);
}

export function format(id: FormatId): MapFormat {
  const f = FORMATS.find((x) => x.id === id);
  // FormatId admits only listed ids: reaching this is a bug in the list.
  if (!f) throw new Error(`No format ${id}`);
  return f;
}

/** The formats an import reads, in the order they are sniffed. */
export const READABLE: readonly MapFormat[] = FORMATS.filter((f) => f.sniff && f.read);

/** The file input's `accept`: every extension of every readable format, and the types a picker may report instead. */
export const IMPORT_ACCEPT: string = [...new Set(READABLE.flatMap((f) => f.extensions)), 'application/json', 'text/plain'].join(',');

/** The file name a map's export to `id` gets, from its title. */
export function exportExtension(id: FormatId): string {
  return format(id).extensions[0]!;
}

/** The first readable format whose sniff accepts the probe, or null. */
export async function sniffFormat(p: Probe): Promise<MapFormat | null> {
  for (const f of READABLE) if (await f.sniff!(p)) return f;
  return null;
}

/**
 * The readable format a file's name claims, by its most specific ending
 * (`.json` alone claims nothing: Warrant maps and AIF both use it).
 */
export function formatByName(fileName: string): MapFormat | null {
  const name = fileName.toLowerCase();
  let best: { f: MapFormat; ext: string } | null = null;
  for (const f of READABLE) {
    for (const ext of f.extensions) {
      if (ext === '.json' || !name.endsWith(ext)) continue;
      if (!best || ext.length > best.ext.length) best = { f, ext };
    }
  }
  return best?.f ?? null;
}

/** A Warrant map file is told from its first characters, so it skips sniffing (and its time budget). */
export const looksLikeWarrantMap = (text: string): boolean => /^\s*\{[\s\S]{0,2000}?"format"\s*:\s*"warrant\.map"/.test(text.slice(0, 4000));

/**
 * Reads a file in whatever format it is (the import worker runs this):
 * parsed once, sniffed in list order, read by the format found. A file no
 * format recognises is read as the format its name claims, so the problem
 * is that format's (a broken `.warrant.json` gets the map file parser's
 * paths, a broken `.argdown` Argdown's line) instead of "unknown format".
 */
export async function readAny(text: string, fileName: string, onConverting: () => void = () => {}): Promise<ReadResult> {
  const p = (await detect()).probe(text);
  const found = await sniffFormat(p);
  if (found) {
    if (found.id !== 'warrant') onConverting();
    return found.read!(p, fileName);
  }
  const named = formatByName(fileName);
  if (!named) return { kind: 'unknown' };
  // An empty file holds no map in any format; only the map file parser has
  // something more useful to say ("not valid JSON").
  if (!text.trim() && named.id !== 'warrant') return { kind: 'unknown' };
  const read = await named.read!(p, fileName);
  // A file its name's format reads without a problem, yet sniffing refused
  // (prose named `.argdown`), is still not a map.
  return read.kind === 'converted' && read.result.ok ? { kind: 'unknown' } : read;
}
