import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const FEATURES_DIR = resolve(import.meta.dirname, '../features');
/** Sharing's UI lives with sharing (src/share/ui) and counts as a feature named `share`. */
const SHARE_UI_DIR = resolve(import.meta.dirname, '../share/ui');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else if (/\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const featureOf = (path: string): string | null => {
  if (!relative(SHARE_UI_DIR, path).startsWith('..')) return 'share';
  const rel = relative(FEATURES_DIR, path);
  return rel.startsWith('..') ? null : rel.split(sep)[0]!;
};

// ESLint (eslint.config.js) enforces this in the editor; this test also
// catches dynamic `import()` and a config that lost the rule.
describe('features never import each other', () => {
  const all = [...files(FEATURES_DIR), ...files(SHARE_UI_DIR)];
  it('has features to check', () => {
    expect(new Set(all.map(featureOf)).size).toBeGreaterThan(5);
  });
  it.each(all.map((f) => [relative(FEATURES_DIR, f), f]))('%s imports only its own feature', (_name, file) => {
    const own = featureOf(file);
    const source = readFileSync(file, 'utf8');
    const specs = [...source.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.[^'"]*)['"]/g)].map((m) => m[1]!);
    for (const spec of specs) {
      const target = featureOf(resolve(dirname(file), spec));
      if (target !== null) expect(`${own} → ${target} (${spec})`).toBe(`${own} → ${own} (${spec})`);
    }
  });
});
