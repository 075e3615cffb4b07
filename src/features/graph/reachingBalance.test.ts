import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseMapFile } from '../../domain/format/parse';
import { evidenceFor } from '../../domain/analysis/evidence';
import { evidenceCounts } from '../../domain/derive/derive';
import { reachingBalance } from './reachingBalance';

const text = readFileSync(new URL('../../../examples/xi-diplomacy.warrant.json', import.meta.url), 'utf8');

describe('the overview badge balance', () => {
  const r = parseMapFile(text);
  if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
  const doc = r.doc;

  it('counts for the thesis what the Thesis check counts, not only the quotes linked straight to it', () => {
    const b = reachingBalance(doc, 'c_thesis');
    const totals = evidenceFor(doc, 'c_thesis').totals;
    expect(b).toEqual(totals);
    const direct = evidenceCounts(doc).get('c_thesis') ?? { for: 0, against: 0 };
    expect(b.forCount + b.againstCount).toBeGreaterThan(direct.for + direct.against);
    expect(b.againstCount).toBeGreaterThan(0);
  });

  it('is worked out again when the links change', () => {
    const before = reachingBalance(doc, 'c_thesis');
    const links = Object.fromEntries(Object.entries(doc.links).filter(([, l]) => l.to !== 'c_thesis'));
    const after = reachingBalance({ ...doc, links }, 'c_thesis');
    expect(after.forCount).toBe(0);
    expect(before.forCount).toBeGreaterThan(0);
  });
});
