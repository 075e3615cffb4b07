import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every non-test module under src/domain. */
function domainFiles(dir = join(import.meta.dirname)): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...domainFiles(path));
    else if (/\.ts$/.test(name) && !/\.test\.ts$/.test(name)) out.push(path);
  }
  return out;
}

describe('src/domain is plain TypeScript', () => {
  const files = domainFiles();
  it('has modules to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });
  // DOM globals are caught by ESLint's scope-aware no-restricted-globals rule
  // (eslint.config.js); a regex here would flag a local named `window`.
  it.each(files)('%s imports no React, Dexie or UI layer', (file) => {
    const source = readFileSync(file, 'utf8');
    const imports = [...source.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    for (const spec of imports) {
      expect(spec).not.toMatch(/^(react|react-dom|dexie|@xyflow|zustand)(\/|$)/);
      expect(spec).not.toMatch(/\/(storage|store|features|components|app)\//);
    }
  });
});
