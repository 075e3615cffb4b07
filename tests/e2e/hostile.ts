/**
 * A corpus of hostile map files and strings for the browser suite: script
 * payloads in every text field, URLs that must never become links, prototype
 * keys, wrong types, truncated, huge and deeply nested files.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

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
