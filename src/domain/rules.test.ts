import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyChange, docFromRecords, emptyChange, type Change, type MapDoc } from './change';
import { parseMapFile } from './format/parse';
import { serializeMap } from './format/serialize';
import { checkDoc } from './integrity';
import { checkAndRepair, checkChange, linksOnCycles, parseRecord, repairDoc } from './rules';
import { mapDocArb } from '../test/arbitraries';
import { makeClaim, makeLink, makeSource, smallDoc } from '../test/factories';
import type { Link } from './schema';

const put = (over: Partial<Change['put']>): Change => ({ ...emptyChange('map_test'), put: over });
const withLinks = (doc: MapDoc, ...links: Link[]) => applyChange(doc, put({ links }));

/** smallDoc with a second reason for the thesis, grouped with c_sub's link as one linked argument. */
function groupedDoc(): MapDoc {
  const doc = applyChange(smallDoc(), put({ claims: [makeClaim('c_co', 'A co-premise')] }));
  return withLinks(
    doc,
    makeLink('l_3', 'c_sub', 'c_thesis', 'supports', { group: 'g1' }),
    makeLink('l_5', 'c_co', 'c_thesis', 'supports', { group: 'g1' }),
  );
}

const exportImports = (doc: MapDoc) => {
  const result = parseMapFile(serializeMap(doc, '2026-12-03T10:00:00.000Z'));
  return result.kind === 'ok' ? 'ok' : JSON.stringify(result);
};

describe('checkChange (a Change made here)', () => {
  it('sees the members of a group that the change leaves out', () => {
    const doc = groupedDoc();
    expect(checkDoc(doc)).toEqual([]);
    // A change of one member's weight alone would split the argument.
    const change = put({ links: [{ ...doc.links['l_3']!, weight: 3 }] });
    const problems = checkChange(applyChange(doc, change), change);
    expect(problems.map((p) => p.path)).toContain('links[l_5].group');
    // The whole group changed together is fine.
    const both = put({ links: [{ ...doc.links['l_3']!, weight: 3 }, { ...doc.links['l_5']!, weight: 3 }] });
    expect(checkChange(applyChange(doc, both), both)).toEqual([]);
  });

  it('refuses a link that reaches itself through its targets, and passes a plain undercutter', () => {
    const doc = smallDoc();
    const under = put({ links: [makeLink('l_u', 'q_3', 'l_1', 'contradicts')] });
    expect(checkChange(applyChange(doc, under), under)).toEqual([]);
    const self = put({ links: [makeLink('l_self', 'q_3', 'l_self', 'contradicts')] });
    expect(checkChange(applyChange(doc, self), self).map((p) => p.message).join()).toMatch(/reaches itself/);
  });

  it('is what checkAndRepair answers for every source but a peer', () => {
    const doc = groupedDoc();
    const change = put({ links: [{ ...doc.links['l_3']!, relation: 'contradicts' }] });
    for (const source of ['user', 'tab', 'import', 'system'] as const) {
      const r = checkAndRepair(doc, change, source);
      expect(r.change).toBe(change);
      expect(r.problems.length).toBeGreaterThan(0);
    }
  });
});

describe('parseRecord (a record from a peer)', () => {
  it('refuses a record that fails the schema, one stored under another key, and a link aimed at itself', () => {
    expect(parseRecord('claims', 'c_1', makeClaim('c_1', 'fine')).ok).toBe(true);
    expect(parseRecord('claims', 'c_1', { id: 'c_1', text: 1 })).toMatchObject({ ok: false, problem: { path: 'claims[c_1]' } });
    expect(parseRecord('claims', 'c_2', makeClaim('c_1', 'x'))).toMatchObject({ ok: false, problem: { path: 'claims[c_2].id' } });
    expect(parseRecord('links', 'l_x', makeLink('l_x', 'q_1', 'l_x'))).toMatchObject({ ok: false, problem: { path: 'links[l_x].to' } });
    expect(parseRecord('sources', 'src_x', { ...makeSource('src_x', 't'), url: 'javascript:alert(1)' }).ok).toBe(false);
  });
});

describe('repairDoc (a merged map)', () => {
  it('changes nothing in a valid map', () => {
    expect(repairDoc(groupedDoc())).toEqual({ change: emptyChange('map_test'), repaired: [] });
  });

  it('takes a member that disagrees with its group head (smallest id) out of the group, keeping its values', () => {
    const doc = groupedDoc();
    // Alice grouped l_3 and l_5 while Bob made l_5 strong and contradicting.
    const merged = withLinks(doc, { ...doc.links['l_5']!, weight: 3, relation: 'contradicts' });
    const { change, repaired } = repairDoc(merged);
    expect(repaired.map((p) => p.path)).toEqual(['links[l_5].group']);
    const after = applyChange(merged, change);
    expect(after.links['l_5']).toEqual({ ...makeLink('l_5', 'c_co', 'c_thesis', 'contradicts'), weight: 3 });
    expect(after.links['l_3']?.group).toBe('g1');
    expect(checkDoc(after)).toEqual([]);
  });

  it('removes a self-undercut and two undercutters aimed at each other, with the links aimed at them', () => {
    const doc = withLinks(
      smallDoc(),
      makeLink('l_self', 'q_3', 'l_self', 'contradicts'),
      makeLink('l_a', 'q_1', 'l_b', 'contradicts'),
      makeLink('l_b', 'q_2', 'l_a', 'contradicts'),
      makeLink('l_c', 'c_sub', 'l_a', 'supports'),
      makeLink('l_ok', 'c_sub', 'l_1', 'contradicts'),
    );
    expect(linksOnCycles(doc)).toEqual(['l_a', 'l_b', 'l_self']);
    const after = applyChange(doc, repairDoc(doc).change);
    expect(Object.keys(after.links).sort()).toEqual(['l_1', 'l_2', 'l_3', 'l_4', 'l_ok']);
    expect(checkDoc(after)).toEqual([]);
  });

  it('keeps the smaller id of two links between the same nodes, and drops links and layout of deleted nodes', () => {
    const doc = smallDoc();
    const merged: MapDoc = {
      ...withLinks(doc, makeLink('l_0', 'q_1', 'c_thesis'), makeLink('l_gone', 'c_gone', 'c_thesis')),
      layout: { ...doc.layout, c_gone: { x: 1, y: 2 } },
    };
    const after = applyChange(merged, repairDoc(merged).change);
    expect(after.links['l_0']).toBeDefined();
    expect(after.links['l_1']).toBeUndefined();
    expect(after.links['l_gone']).toBeUndefined();
    expect(after.layout['c_gone']).toBeUndefined();
    expect(checkDoc(after)).toEqual([]);
  });

  it('clamps a quote whose range left its shortened source, keeping its words for review', () => {
    const doc = smallDoc();
    const merged = applyChange(doc, put({ sources: [{ ...doc.sources['src_a']!, text: 'Alpha beta gamma. The sky' }] }));
    expect(checkDoc(merged).length).toBeGreaterThan(0);
    const { change } = repairDoc(merged, { sources: ['src_a'] });
    const after = applyChange(merged, change);
    expect(checkDoc(after)).toEqual([]);
    expect(after.quotes['q_3']?.exact).toBe('Theta iota kappa.');
    expect(exportImports(after)).toBe('ok');
  });

  it('is a function of the map alone: the order of its records does not matter', () => {
    const doc = withLinks(
      groupedDoc(),
      makeLink('l_a', 'q_1', 'l_b', 'contradicts'),
      makeLink('l_b', 'q_2', 'l_a', 'contradicts'),
      makeLink('l_6', 'q_3', 'c_thesis', 'contradicts', { group: 'g1' }),
    );
    const reversed: MapDoc = { ...doc, links: Object.fromEntries(Object.entries(doc.links).reverse()) };
    expect(applyChange(reversed, repairDoc(reversed).change)).toEqual(applyChange(doc, repairDoc(doc).change));
  });
});

describe('property: any map a merge can make is repaired into one its import accepts', () => {
  /** A valid map, then what concurrent field edits can do to its links: regroup, reweigh, flip, retarget. */
  const mergedArb = mapDocArb.chain((doc) => {
    const ids = Object.keys(doc.links).sort();
    const nodes = [...Object.keys(doc.claims), ...ids].sort();
    const edit = fc.record({
      link: fc.nat(),
      group: fc.option(fc.constantFrom('g1', 'g2'), { nil: undefined }),
      weight: fc.option(fc.constantFrom(1 as const, 2 as const, 3 as const), { nil: undefined }),
      relation: fc.constantFrom('supports' as const, 'contradicts' as const),
      to: fc.option(fc.nat(), { nil: undefined }),
    });
    return fc.array(edit, { maxLength: 12 }).map((edits) => {
      if (!ids.length) return doc;
      const links = { ...doc.links };
      for (const e of edits) {
        const id = ids[e.link % ids.length]!;
        const next: Link = { ...links[id]!, relation: e.relation };
        if (e.group === undefined) delete next.group;
        else next.group = e.group;
        if (e.weight === undefined) delete next.weight;
        else next.weight = e.weight;
        if (e.to !== undefined && nodes.length) next.to = nodes[e.to % nodes.length]!;
        links[id] = next;
      }
      return docFromRecords({ map: doc.map, sources: Object.values(doc.sources), quotes: Object.values(doc.quotes), claims: Object.values(doc.claims), links: Object.values(links), layout: doc.layout });
    });
  });

  it('repairs into a valid map that exports and imports back, the same whatever the record order, and stays put', () => {
    fc.assert(
      fc.property(mergedArb, (merged) => {
        const repaired = applyChange(merged, repairDoc(merged).change);
        expect(checkDoc(repaired)).toEqual([]);
        expect(exportImports(repaired)).toBe('ok');
        expect(repairDoc(repaired).repaired).toEqual([]);
        const shuffled: MapDoc = { ...merged, links: Object.fromEntries(Object.entries(merged.links).reverse()) };
        expect(applyChange(shuffled, repairDoc(shuffled).change)).toEqual(repaired);
      }),
      { numRuns: 150 },
    );
  });
});
