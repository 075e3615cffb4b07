import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseMapFile } from './format/parse';
import { checkDoc } from './integrity';
import { linkWeights } from './analysis/weights';
import { directBalance } from './analysis/balance';

const text = readFileSync(new URL('../../examples/xi-diplomacy.warrant.json', import.meta.url), 'utf8');

describe('the example map (format version 2)', () => {
  const r = parseMapFile(text);
  if (r.kind !== 'ok') throw new Error(JSON.stringify(r));
  const doc = r.doc;

  it('is version 2 and imports cleanly, every quote verbatim', () => {
    expect((JSON.parse(text) as { version: number }).version).toBe(2);
    expect(r.notices).toEqual([]);
    expect(checkDoc(doc)).toEqual([]);
  });

  it('has a linked argument drawn from the sources, counted once in the thesis balance', () => {
    const group = Object.values(doc.links).filter((l) => l.group === 'Security is defensive');
    expect(group.map((l) => l.from).sort()).toEqual(['c_security_first', 'q_diplomat_05']);
    expect(doc.quotes['q_diplomat_05']!.exact).toMatch(/^At its core, national security is a defensive concept/);
    expect(directBalance(doc, 'c_thesis').forCount).toBe(3);
  });

  it('has an undercut drawn from the sources that weakens the summitry inference', () => {
    expect(doc.links['l_080']).toMatchObject({ from: 'q_diplomat_16', to: 'l_004', relation: 'contradicts' });
    expect(doc.quotes['q_diplomat_16']!.exact).toMatch(/retracting before striking/);
    expect(linkWeights(doc).get('l_004')).toMatchObject({ base: 3, weight: 2, status: 'weakened' });
  });
});
