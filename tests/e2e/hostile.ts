/**
 * A corpus of hostile map files and strings for the browser suite: script
 * payloads in every text field, URLs that must never become links, prototype
 * keys, wrong types, truncated, huge and deeply nested files.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { parseMapFile } from '../../src/domain/format/parse';
import { serializeMap } from '../../src/domain/format/serialize';
import { docFromRecords, type MapDoc } from '../../src/domain/change';
import { TrashEntrySchema } from '../../src/storage/rows';
import type { Claim, Link, MapMeta, Quote, Source } from '../../src/domain/schema';

export const EXAMPLE_PATH = resolve(import.meta.dirname, '../../examples/xi-diplomacy.warrant.json');

/** Each payload, if it ever ran, would set window.__pwned. */
export const XSS_PAYLOADS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned=\'img\'">',
  '<svg onload="window.__pwned=\'svg\'"></svg>',
  '"><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<a href="javascript:window.__pwned=1">click</a>',
  '{{constructor.constructor("window.__pwned=1")()}}',
  '<style>@import "javascript:window.__pwned=1"</style>',
  '<details open ontoggle="window.__pwned=\'details\'">',
  '[link](javascript:window.__pwned=1) **bold** <b onmouseover=window.__pwned=1>b</b>',
  '\u202eRTL override \u0000 nul and \ud83d\ude00 emoji',
];

export const BAD_URLS = [
  'javascript:window.__pwned=1',
  'JaVaScRiPt:window.__pwned=1',
  'data:text/html,<script>window.__pwned=1</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'ftp://example.org/x',
];

type Json = Record<string, unknown> & {
  map: Record<string, unknown>;
  sources: Array<Record<string, unknown>>;
  quotes: Array<Record<string, unknown>>;
  claims: Array<Record<string, unknown>>;
  links: Array<Record<string, unknown>>;
};

export function example(): Json {
  return JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')) as Json;
}

/** A valid map whose every text field carries a payload: it must import and render inert. */
export function xssMap(): Json {
  const file = example();
  const p = (i: number) => XSS_PAYLOADS[i % XSS_PAYLOADS.length]!;
  file.map['id'] = 'map_hostile_xss';
  file.map['title'] = `Hostile ${p(0)}`;
  file.map['description'] = p(1);
  file.sources.forEach((s, i) => {
    s['title'] = `Source ${i} ${p(i + 2)}`;
    s['author'] = p(i + 3);
    s['publisher'] = p(i + 4);
    s['publishedAt'] = p(i + 5).slice(0, 90);
  });
  // Put payloads into the first source's text too; quotes must then be re-described.
  const first = file.sources[0]!;
  first['text'] = `${p(0)}\n${p(1)}\n${first['text'] as string}`;
  const shift = `${p(0)}\n${p(1)}\n`.length;
  for (const q of file.quotes) {
    if (q['sourceId'] !== first['id']) continue;
    q['start'] = (q['start'] as number) + shift;
    q['end'] = (q['end'] as number) + shift;
    const text = first['text'] as string;
    q['prefix'] = text.slice(Math.max(0, (q['start'] as number) - 32), q['start'] as number);
  }
  file.quotes.forEach((q, i) => {
    q['note'] = p(i);
  });
  file.claims.forEach((c, i) => {
    c['text'] = `${c['text'] as string} ${p(i)}`;
    c['note'] = p(i + 1);
    c['tags'] = [p(i + 2).slice(0, 150)];
  });
  file.links.forEach((l, i) => {
    l['note'] = p(i + 3);
  });
  return file;
}

/** Files that must be refused whole, each with the reason a user should see. */
export function refusedFiles(): Array<{ name: string; content: string | Buffer; expect: RegExp }> {
  const files: Array<{ name: string; content: string | Buffer; expect: RegExp }> = [];
  const add = (name: string, mutate: (f: Json) => void, expect: RegExp) => {
    const f = example();
    mutate(f);
    files.push({ name, content: JSON.stringify(f), expect });
  };
  BAD_URLS.forEach((url, i) => add(`bad-url-${i}.warrant.json`, (f) => (f.sources[0]!['url'] = url), /sources\[0\]\.url/));
  // A quote not in its source is kept and flagged, not refused (rule 3): see integrity.spec.ts.
  add('quote-of-no-source.warrant.json', (f) => (f.quotes[0]!['sourceId'] = 'src_nowhere'), /quotes\[0\]\.sourceId/);
  add('wrong-type-title.warrant.json', (f) => (f.map['title'] = { toString: 'x' }), /map\.title/);
  add('wrong-type-claims.warrant.json', (f) => ((f as Record<string, unknown>)['claims'] = 'not an array'), /claims/);
  add('wrong-kind.warrant.json', (f) => (f.claims[0]!['kind'] = 'axiom'), /claims\[0\]\.kind/);
  add('negative-start.warrant.json', (f) => (f.quotes[1]!['start'] = -5), /quotes\[1\]\.start/);
  add('link-to-quote.warrant.json', (f) => (f.links[0]!['to'] = f.quotes[0]!['id']), /links\[0\]\.to/);
  add('dangling-link.warrant.json', (f) => (f.links[0]!['from'] = 'c_nowhere'), /links\[0\]\.from/);
  add('duplicate-id.warrant.json', (f) => (f.claims[1]!['id'] = f.claims[0]!['id']), /claims\[1\]\.id/);
  add('weight-9.warrant.json', (f) => (f.links[0]!['weight'] = 9), /links\[0\]\.weight/);
  add('too-new.warrant.json', (f) => (f['version'] = 99), /newer version/);
  add('proto-in-claim-id.warrant.json', (f) => (f.claims[0]!['id'] = '__proto__'), /claims\[0\]\.id/);
  files.push({ name: 'truncated.warrant.json', content: JSON.stringify(example()).slice(0, 5000), expect: /not valid JSON/ });
  files.push({ name: 'empty.warrant.json', content: '', expect: /not valid JSON/ });
  files.push({ name: 'array.json', content: '[1, 2, 3]', expect: /not a Warrant map|not in a format Warrant reads/i });
  files.push({ name: 'binary.warrant.json', content: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x89, 0x50, 0x4e, 0x47]), expect: /not valid JSON|not in a format Warrant reads/i });
  files.push({
    name: 'deep.warrant.json',
    content: `{"format":"warrant.map","version":1,"claims":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    expect: /claims|nested/,
  });
  files.push({
    name: 'html.warrant.json',
    content: '<html><body><script>window.__pwned=1</script></body></html>',
    expect: /not valid JSON|not in a format Warrant reads/i,
  });
  return files;
}

/** A file keyed with prototype names everywhere: it must import without polluting anything. */
export function prototypeKeysFile(): string {
  const f = example();
  f.map['id'] = 'map_hostile_proto';
  const text = JSON.stringify(f)
    .replace('"layout":{', '"layout":{"__proto__":{"polluted":"layout"},"constructor":{"prototype":{"polluted":"ctor"}},')
    .replace('"map":{', '"map":{"__proto__":{"polluted":"map"},"constructor":{"polluted":"c"},"prototype":{"polluted":"p"},');
  return text.replace('"format":"warrant.map"', '"__proto__":{"polluted":"root"},"format":"warrant.map"');
}

// ------------------------------------------------------------ the database, checked after each hostile step


type Row = Record<string, unknown>;
export type Dump = Record<'maps' | 'sources' | 'quotes' | 'claims' | 'links' | 'layout' | 'trash', Row[]>;

/** Every row of the app's IndexedDB, read with the raw API (nothing of the app's code runs). */
/**
 * Waits until the app has created its database. Opening 'warrant' before
 * that would create an empty version-1 database: the test's transaction
 * would then find no tables, and the app could not open it.
 */
export async function whenDatabaseReady(page: Page): Promise<void> {
  await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'warrant' && (d.version ?? 0) > 1));
}

export async function dumpDatabase(page: Page): Promise<Dump> {
  await whenDatabaseReady(page);
  return page.evaluate(
    () =>
      new Promise<Dump>((resolve, reject) => {
        const open = indexedDB.open('warrant');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = ['maps', 'sources', 'quotes', 'claims', 'links', 'layout', 'trash'].filter((n) => db.objectStoreNames.contains(n));
          const out: Record<string, unknown[]> = { maps: [], sources: [], quotes: [], claims: [], links: [], layout: [], trash: [] };
          if (!names.length) {
            db.close();
            resolve(out as Dump);
            return;
          }
          const tx = db.transaction(names, 'readonly');
          for (const n of names) {
            const req = tx.objectStore(n).getAll();
            req.onsuccess = () => (out[n] = req.result as unknown[]);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out as Dump);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Writes rows straight into the app's IndexedDB, as an old version or another tool might have left them. */
export async function putRows(page: Page, rows: Partial<Dump>): Promise<void> {
  await whenDatabaseReady(page);
  await page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('warrant');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          let tx: IDBTransaction;
          try {
            tx = db.transaction(Object.keys(rows), 'readwrite');
            for (const [table, list] of Object.entries(rows)) for (const r of list ?? []) tx.objectStore(table).put(r);
          } catch (e) {
            db.close();
            reject(e instanceof Error ? e : new Error(String(e)));
            return;
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
  );
}

const strip = <T>(rows: Row[], mapId: string): T[] =>
  rows.filter((r) => r['mapId'] === mapId).map(({ mapId: _m, ...r }) => r as T);

/** The stored map `mapId` as the app loads it. */
export function storedDoc(dump: Dump, mapId: string): MapDoc {
  const row = dump.maps.find((m) => m['id'] === mapId)!;
  const { revision: _r, ...map } = row;
  const layout: Record<string, { x: number; y: number }> = {};
  for (const p of dump.layout) if (p['mapId'] === mapId) layout[p['id'] as string] = { x: p['x'] as number, y: p['y'] as number };
  return docFromRecords({
    map: map as MapMeta,
    sources: strip<Source>(dump.sources, mapId),
    quotes: strip<Quote>(dump.quotes, mapId),
    claims: strip<Claim>(dump.claims, mapId),
    links: strip<Link>(dump.links, mapId),
    layout,
  });
}

/**
 * What the issue asks after every hostile step: every stored map exports to
 * a file its own import takes, every Trash entry reads (a map's saved file
 * imports), and nothing of `before` is gone (each record id still stored,
 * or its map in the Trash).
 */
export function expectDatabaseSound(dump: Dump, before?: Dump): string[] {
  const problems: string[] = [];
  for (const m of dump.maps) {
    const id = m['id'] as string;
    const parsed = parseMapFile(serializeMap(storedDoc(dump, id)));
    if (parsed.kind !== 'ok') problems.push(`map ${JSON.stringify(id)} does not import: ${parsed.message}`);
  }
  for (const t of dump.trash) {
    const entry = TrashEntrySchema.safeParse(t);
    if (!entry.success) {
      problems.push(`trash entry ${String(t['id'])} does not read`);
      continue;
    }
    if (entry.data.kind === 'map') {
      const parsed = parseMapFile(entry.data.payload);
      if (parsed.kind !== 'ok') problems.push(`trash entry ${entry.data.id} does not restore: ${parsed.message}`);
    }
  }
  if (before) {
    const trashed = new Set(dump.trash.map((t) => t['mapId']));
    for (const table of ['maps', 'sources', 'quotes', 'claims', 'links'] as const) {
      const now = new Set(dump[table].map((r) => `${String(r['mapId'] ?? r['id'])}|${String(r['id'])}`));
      for (const r of before[table]) {
        const mapId = r['mapId'] ?? r['id'];
        if (!now.has(`${String(mapId)}|${String(r['id'])}`) && !trashed.has(mapId)) problems.push(`${table} ${String(r['id'])} was lost`);
      }
    }
  }
  return problems;
}

/** A one-page PDF saying "Body text." whose Info dictionary has `title` as its Title. */
export function pdfWithTitle(title: string): Buffer {
  const escaped = title.replace(/[\\()]/g, '\\$&');
  const stream = 'BT /F1 12 Tf 10 100 Td (Body text.) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Title (${escaped}) >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
