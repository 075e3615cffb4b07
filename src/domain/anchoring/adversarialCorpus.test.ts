import { readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anchorQuote } from './anchor';
import { ADVERSARIAL_KINDS, buildCorpus, formatTable, tabulate } from './editCorpus';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../examples/sources');
const TEXTS = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(resolve(dir, f), 'utf8'));

/** Trials per text and family; ANCHOR_TRIALS raises it for a larger run by hand. */
const PER_TEXT = Number(process.env.ANCHOR_TRIALS ?? 100);

describe('adversarial corpus: copies placed where position or chance context could pick them', () => {
  const seeds = (process.env.ANCHOR_SEEDS ?? '31,32').split(',').map(Number);
  const cases = seeds.flatMap((seed) => buildCorpus(TEXTS, PER_TEXT / seeds.length, seed, ADVERSARIAL_KINDS));
  const results = cases.map((c) => anchorQuote(c.text, c.quote));
  const rows = tabulate(cases, results);
  console.log(`\n${formatTable(rows)}\n`);

  it('generates many variations of each family, long and short quotes, from all five texts', () => {
    for (const kind of ADVERSARIAL_KINDS) {
      expect(cases.filter((c) => c.kind === kind && c.short).length, kind).toBeGreaterThan(200);
      expect(cases.filter((c) => c.kind === kind && !c.short).length, kind).toBeGreaterThan(200);
    }
  });

  it('never anchors a quote silently (exact or relocated) to a copy', () => {
    for (const row of rows) expect(row.silentWrong, row.kind).toBe(0);
  });
});
