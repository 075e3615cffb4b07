import { readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anchorQuote } from './anchor';
import { EDIT_KINDS, buildCorpus, formatTable, tabulate } from './editCorpus';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../examples/sources');
const TEXTS = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(resolve(dir, f), 'utf8'));

describe('edit corpus (issue 12): quotes from the five sources under each kind of edit', () => {
  const cases = buildCorpus(TEXTS, 24);
  const results = cases.map((c) => anchorQuote(c.text, c.quote));
  const rows = tabulate(cases, results);
  console.log(`\n${formatTable(rows)}\n`);

  it('covers every edit kind, long and short quotes, from all five texts', () => {
    expect(TEXTS).toHaveLength(5);
    for (const kind of EDIT_KINDS) {
      expect(cases.filter((c) => c.kind === kind && c.short).length, kind).toBeGreaterThan(10);
      expect(cases.filter((c) => c.kind === kind && !c.short).length, kind).toBeGreaterThan(10);
    }
  });

  it('never reports a quote as exact or relocated at a wrong range', () => {
    for (const row of rows) expect(row.silentWrong, row.kind).toBe(0);
  });

  it('puts fewer than 1% of all quotes as fuzzy at a wrong passage', () => {
    const all = rows.find((r) => r.kind === 'all')!;
    expect(all.fuzzyWrong / all.n).toBeLessThan(0.01);
  });

  it('still finds most quotes whose words survive', () => {
    for (const row of rows) {
      if (row.kind === 'quote deleted' || row.kind === 'rewrite > 40%' || row.kind.startsWith('short') || row.kind === 'all') continue;
      expect(row.right / row.n, row.kind).toBeGreaterThan(0.9);
    }
  });
});
