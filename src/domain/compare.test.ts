import { describe, expect, it } from 'vitest';
import { applyChange, docFromRecords, type MapDoc } from './change';
import { compareMaps, takeChanges, type CompareItem, type Comparison } from './compare';
import { checkDoc } from './integrity';
import { rekeyDoc } from './rekey';
import type { Claim, Link, Quote, Source } from './schema';
import { rng } from './anchoring/editCorpus';
import { T0, makeClaim, makeLink, makeQuote, makeSource, smallDoc } from '../test/factories';

type Tables = { sources: Source[]; quotes: Quote[]; claims: Claim[]; links: Link[] };

/** A doc edited table by table: `edit` gets the records as lists and changes them in place. */
function edited(doc: MapDoc, edit: (t: Tables) => void): MapDoc {
  const t: Tables = {
    sources: Object.values(doc.sources).map((r) => ({ ...r })),
    quotes: Object.values(doc.quotes).map((r) => ({ ...r })),
    claims: Object.values(doc.claims).map((r) => ({ ...r })),
    links: Object.values(doc.links).map((r) => ({ ...r })),
  };
  edit(t);
  return docFromRecords({ map: doc.map, ...t, layout: doc.layout });
}

const byId = <T extends { id: string }>(rows: T[], id: string): T => {
  const r = rows.find((x) => x.id === id);
  if (!r) throw new Error(`fixture: no ${id}`);
  return r;
};

/**
 * The reviewer's version of `smallDoc`: one edit of every kind the
 * comparison lists.
 */
function reviewed(doc: MapDoc): MapDoc {
  return edited(doc, (t) => {
    byId(t.claims, 'c_sub').text = 'A sharper sub-claim';
    t.claims.push(makeClaim('c_new', 'A new reason'));
    t.links.push(makeLink('l_new', 'c_new', 'c_thesis', 'supports'));
    t.quotes = t.quotes.filter((q) => q.id !== 'q_2');
    t.links = t.links.filter((l) => l.id !== 'l_2');
    Object.assign(byId(t.links, 'l_1'), { weight: 1, scheme: 'Expert opinion' });
    byId(t.links, 'l_4').relation = 'contradicts';
    const b = makeSource('src_b', 'A second source. It says something else entirely.');
    t.sources.push(b);
    t.quotes.push(makeQuote('q_b', b, 'It says something else entirely.'));
    t.links.push(makeLink('l_b', 'q_b', 'c_sub', 'supports'));
    byId(t.sources, 'src_a').title = 'Retitled source';
  });
}

const describeItem = (i: CompareItem) => `${i.table} ${i.kind} ${i.currentId ?? i.otherId}${i.fields.length ? ` [${i.fields.join(', ')}]` : ''}`;

/** The map's content without ids or times: what a copy with fresh ids keeps. */
function content(doc: MapDoc): string[] {
  const sourceKey = (id: string) => {
    const s = doc.sources[id];
    return s ? `${s.title}|${s.text}` : `missing ${id}`;
  };
  const nodeKey = (id: string, depth = 0): string => {
    if (doc.claims[id]) return `claim:${doc.claims[id].text}`;
    const q = doc.quotes[id];
    if (q) return `quote:${sourceKey(q.sourceId)}|${q.start}|${q.exact}`;
    const l = doc.links[id];
    if (l && depth < 10) return `link:${nodeKey(l.from, depth + 1)}>${nodeKey(l.to, depth + 1)}`;
    return `missing ${id}`;
  };
  return [
    ...Object.values(doc.sources).map((s) => `source ${JSON.stringify({ ...s, id: undefined })}`),
    ...Object.values(doc.claims).map((c) => `claim ${JSON.stringify({ ...c, id: undefined })}`),
    ...Object.values(doc.quotes).map((q) => `quote ${JSON.stringify({ ...q, id: undefined, sourceId: sourceKey(q.sourceId) })}`),
    ...Object.values(doc.links).map((l) => `link ${JSON.stringify({ ...l, id: undefined, from: nodeKey(l.from), to: nodeKey(l.to) })}`),
  ].sort();
}

const takeAll = (current: MapDoc, cmp: Comparison) => takeChanges(current, cmp, cmp.items.map((i) => i.id));

describe('compareMaps: matching by id', () => {
  const current = smallDoc();

  it('finds no difference between a map and itself', () => {
    const cmp = compareMaps(current, current);
    expect(cmp.items).toEqual([]);
    expect(cmp.matched.size).toBe(1 + 1 + 3 + 2 + 4); // the map itself, then its records
    expect(cmp.thesis).toEqual([{ claimId: 'c_thesis', text: 'The thesis', before: cmp.thesis[0]!.before, after: cmp.thesis[0]!.before }]);
  });

  it('lists every kind of difference as one item', () => {
    const cmp = compareMaps(current, reviewed(current));
    expect(cmp.items.map(describeItem).sort()).toEqual(
      [
        'claims reworded c_sub [text]',
        'claims added c_new',
        'links added l_new',
        'links added l_b',
        'links changed l_1 [weight, scheme]',
        'links changed l_4 [relation]',
        'links removed l_2',
        'quotes added q_b',
        'quotes removed q_2',
        'sources added src_b',
        'sources edited src_a [title]',
      ].sort(),
    );
    const reworded = cmp.items.find((i) => i.kind === 'reworded')!;
    expect((reworded.before as Claim).text).toBe('A sub-claim');
    expect((reworded.after as Claim).text).toBe('A sharper sub-claim');
  });

  it('tells a group or scheme change, and a source text edit, apart from other changes', () => {
    const other = edited(current, (t) => {
      // l_1 and l_3 become the co-premises of one argument: same target, relation and weight.
      Object.assign(byId(t.links, 'l_1'), { weight: undefined, group: 'g1' });
      byId(t.links, 'l_3').group = 'g1';
      byId(t.sources, 'src_a').text += ' A sentence added at the end.';
      byId(t.claims, 'c_thesis').note = 'Noted';
    });
    const cmp = compareMaps(current, other);
    expect(cmp.items.map(describeItem).sort()).toEqual(
      ['claims changed c_thesis [note]', 'links changed l_1 [weight, group]', 'links changed l_3 [group]', 'sources edited src_a [text]'].sort(),
    );
    // The links of a group change together.
    const l1 = cmp.items.find((i) => i.currentId === 'l_1')!;
    const l3 = cmp.items.find((i) => i.currentId === 'l_3')!;
    expect(takeChanges(current, cmp, [l1.id]).refused).toEqual([{ item: l1.id, reason: 'the links of group "g1" change together' }]);
    expect(takeChanges(current, cmp, [l1.id, l3.id]).taken).toEqual([l1.id, l3.id]);
  });

  it('says what the comparison does to the thesis: status and weights before and after', () => {
    const [delta] = compareMaps(current, reviewed(current)).thesis;
    // Before: supported by l_1 (3) and l_3 (2), contradicted by l_2 (2).
    expect(delta).toMatchObject({
      claimId: 'c_thesis',
      before: { status: 'contested', forWeight: 5, againstWeight: 2 },
      // After: l_1 weakened to 1, l_2 gone, the new claim supports (2).
      after: { status: 'supported', forWeight: 5, againstWeight: 0 },
    });
  });

  it('lists a thesis the other map adds or drops, with no balance on the side that lacks it', () => {
    const other = edited(current, (t) => {
      t.claims.push(makeClaim('c_t2', 'A second thesis', { kind: 'thesis' }));
    });
    const thesis = compareMaps(current, other).thesis;
    expect(thesis.find((t) => t.claimId === 'c_t2')).toEqual({
      claimId: 'c_t2',
      text: 'A second thesis',
      after: { status: 'unsupported', forWeight: 0, againstWeight: 0, forCount: 0, againstCount: 0 },
    });
    expect(compareMaps(other, current).thesis.find((t) => t.claimId === 'c_t2')).not.toHaveProperty('after');
  });
});

describe('compareMaps: a copy with fresh ids', () => {
  const current = smallDoc();

  it('matches every record by content and finds no difference', () => {
    const copy = rekeyDoc(current);
    expect(Object.keys(copy.claims)).not.toContain('c_thesis');
    const cmp = compareMaps(current, copy);
    expect(cmp.items).toEqual([]);
    expect(cmp.matched.size).toBe(1 + 1 + 3 + 2 + 4); // the map itself, then its records
    for (const [o, c] of cmp.matched) expect(o.split('_')[0]).toBe(c.split('_')[0]);
  });

  it('lists the edits of a reviewed copy; a reworded claim is removed and added, with its links', () => {
    const cmp = compareMaps(current, rekeyDoc(reviewed(current)));
    const kinds = cmp.items.map((i) => `${i.table} ${i.kind}`).sort();
    expect(kinds).toEqual(
      [
        // c_sub's text differs and its ids are fresh: nothing says it is the same claim.
        'claims removed',
        'claims added',
        'claims added',
        // l_3 and l_4 touch c_sub, l_2 is gone; l_b, l_new and the two to the new claim are new.
        'links removed',
        'links removed',
        'links removed',
        'links added',
        'links added',
        'links added',
        'links added',
        // l_1: its ends and relation match, its weight and scheme changed.
        'links changed',
        'quotes added',
        'quotes removed',
        'sources added',
        // The retitled source still matches by its text, and so do its quotes.
        'sources edited',
      ].sort(),
    );
  });

  it('matches a quote by its source and passage, and a link by its ends and relation (then its ends)', () => {
    const copy = rekeyDoc(
      edited(current, (t) => {
        byId(t.quotes, 'q_1').note = 'Checked';
        byId(t.links, 'l_3').weight = 3;
        byId(t.links, 'l_4').relation = 'contradicts';
      }),
    );
    const cmp = compareMaps(current, copy);
    expect(cmp.items.map(describeItem)).toEqual(['links changed l_3 [weight]', 'links changed l_4 [relation]', 'quotes changed q_1 [note]']);
  });
});

describe('takeChanges', () => {
  const current = smallDoc();
  const other = reviewed(current);
  const cmp = compareMaps(current, other);
  const item = (table: string, id: string) => cmp.items.find((i) => i.table === table && (i.currentId === id || i.otherId === id))!;

  it('refuses a link whose end was not taken, with the reason, and takes the rest', () => {
    const r = takeChanges(current, cmp, [item('links', 'l_new').id, item('links', 'l_1').id]);
    expect(r.refused).toEqual([{ item: item('links', 'l_new').id, reason: 'its start is added by a change that was not taken' }]);
    expect(r.taken).toEqual([item('links', 'l_1').id]);
    expect(applyChange(current, r.change).links.l_1).toMatchObject({ weight: 1, scheme: 'Expert opinion' });
  });

  it('refuses removing a quote while a link from it stays, and in turn what needed that', () => {
    expect(takeChanges(current, cmp, [item('quotes', 'q_2').id]).refused).toEqual([
      { item: item('quotes', 'q_2').id, reason: 'a link to or from it is removed or re-aimed by a change that was not taken' },
    ]);
    const chain = takeChanges(current, cmp, [item('quotes', 'q_b').id, item('links', 'l_b').id]);
    expect(chain.refused.map((r) => r.item).sort()).toEqual([item('quotes', 'q_b').id, item('links', 'l_b').id].sort());
    expect(chain.taken).toEqual([]);
  });

  it('names an unknown item instead of ignoring it', () => {
    expect(takeChanges(current, cmp, ['claims:nope:']).refused).toEqual([{ item: 'claims:nope:', reason: 'not a change of this comparison' }]);
  });

  it('gives the other map when every change is taken (by id)', () => {
    const r = takeAll(current, cmp);
    expect(r.refused).toEqual([]);
    const after = applyChange(current, r.change);
    for (const t of ['sources', 'quotes', 'claims', 'links'] as const) expect(after[t]).toEqual(other[t]);
  });

  it("gives the other map's content when every change of a copy is taken (ids aside)", () => {
    const copy = rekeyDoc(other);
    const c = compareMaps(current, copy);
    const r = takeAll(current, c);
    expect(r.refused).toEqual([]);
    const after = applyChange(current, r.change);
    expect(content(after)).toEqual(content(copy));
    expect(content(after)).not.toEqual(content(current));
  });

  const grouped = edited(current, (t) => {
    Object.assign(byId(t.links, 'l_1'), { weight: undefined, group: 'g1' });
    byId(t.links, 'l_3').group = 'g1';
    byId(t.sources, 'src_a').text += ' More.';
    t.links = t.links.filter((l) => l.id !== 'l_4' && l.id !== 'l_3');
    t.claims = t.claims.filter((c) => c.id !== 'c_sub');
    t.claims.push(makeClaim('c_x', 'X', { createdAt: T0 }));
    t.links.push(makeLink('l_x', 'c_x', 'l_1', 'contradicts'));
  });
  for (const [name, otherDoc] of [
    ['the reviewed map', other],
    ['a map that groups links, aims a link at a link and edits a source', grouped],
    ['that map as a copy', rekeyDoc(grouped)],
  ] as const) {
    it(`every subset of the changes of ${name} gives a map that passes the integrity rules`, () => {
      const c = compareMaps(current, otherDoc);
      const n = c.items.length;
      expect(n).toBeGreaterThan(4);
      expect(n).toBeLessThanOrEqual(20);
      // Every subset up to 12 items; beyond, each item alone, all but each
      // one, and 1,000 seeded random subsets.
      const subsets: boolean[][] = [];
      if (n <= 12) for (let mask = 0; mask < 1 << n; mask++) subsets.push(c.items.map((_, i) => (mask & (1 << i)) !== 0));
      else {
        for (let k = 0; k < n; k++) {
          subsets.push(c.items.map((_, i) => i === k));
          subsets.push(c.items.map((_, i) => i !== k));
        }
        const r = rng(99);
        for (let k = 0; k < 1000; k++) subsets.push(c.items.map(() => r() < 0.5));
      }
      let refusedSome = 0;
      for (const subset of subsets) {
        const selected = c.items.filter((_, i) => subset[i]).map((i) => i.id);
        const r = takeChanges(current, c, selected);
        const taken = new Set(r.taken);
        // Every selected item is either taken or refused with a reason; a
        // dependency rule, never the final check, is what refuses.
        expect([...taken, ...r.refused.map((x) => x.item)].sort()).toEqual([...selected].sort());
        for (const x of r.refused) expect(x.reason).not.toMatch(/^it would break/);
        for (const id of taken) for (const req of c.items.find((i) => i.id === id)!.requires) expect(taken.has(req.item)).toBe(true);
        expect(checkDoc(applyChange(current, r.change))).toEqual([]);
        if (r.refused.length) refusedSome++;
      }
      // The subsets exercise refusals, not only the easy cases.
      expect(refusedSome).toBeGreaterThan(0);
    });
  }
});
