import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyChange, deletionChange, emptyChange, type MapDoc } from '../change';
import { generateMap } from '../../test/testMaps';
import { allBalances } from '../analysis/balance';
import { evidenceFor } from '../analysis/evidence';
import { linkGraph } from '../analysis/graph';
import { linkWeights } from '../analysis/weights';
import { analyzeWarnings } from '../analysis/warnings';
import { evidenceMatrix } from '../analysis/matrix';
import { markdownReport } from '../interchange/report';
import { updateClaim, updateQuote } from '../edits';
import { docFromRecords } from '../change';
import { makeClaim, makeLink, makeMap, makeQuote, makeSource, smallDoc } from '../../test/factories';
import { mapDocArb } from '../../test/arbitraries';
import {
  anchorOf,
  anchorStatusOf,
  argumentsOf,
  balancesOf,
  evidenceCounts,
  evidenceOf,
  junctionOfLink,
  matrixOf,
  type Argument,
} from './derive';
import { changedIds, keysOf } from './tables';

const edit = (doc: MapDoc, change: ReturnType<typeof emptyChange>) => applyChange(doc, change);

/** The same doc with every table rebuilt: no lineage, no cached derivation applies to it. */
const fresh = (doc: MapDoc): MapDoc => ({
  map: doc.map,
  sources: { ...doc.sources },
  quotes: { ...doc.quotes },
  claims: { ...doc.claims },
  comments: { ...doc.comments },
  links: { ...doc.links },
  layout: { ...doc.layout },
});

const plainArgs = (m: ReadonlyMap<string, Argument>) => [...m].map(([id, a]) => [id, a.to, a.relation, a.scheme, a.links.map((l) => l.id)]);

describe('table lineage and key sets', () => {
  it('keeps the key-set token through a text edit and changes it when a record comes or goes', () => {
    const doc = smallDoc();
    const typed = edit(doc, updateClaim(doc, 'c_sub', { text: 'A sub-claim, edited' }));
    expect(typed.claims).not.toBe(doc.claims);
    expect(keysOf(typed.claims)).toBe(keysOf(doc.claims));
    expect(changedIds(doc.claims, typed.claims)).toEqual(new Set(['c_sub']));

    const added = edit(doc, { ...emptyChange(doc.map.id), put: { claims: [makeClaim('c_new', 'New')] } });
    expect(keysOf(added.claims)).not.toBe(keysOf(doc.claims));
    const deleted = edit(doc, deletionChange(doc, { claims: ['c_sub'] }));
    expect(keysOf(deleted.claims)).not.toBe(keysOf(doc.claims));
    // Sizes follow from the edit, without counting the keys again.
    const both = edit(added, { ...emptyChange(doc.map.id), put: { claims: [makeClaim('c_two', 'Two'), added.claims['c_new']!] }, delete: { claims: ['c_sub'] } });
    for (const d of [doc, added, deleted, both]) expect(keysOf(d.claims).size).toBe(Object.keys(d.claims).length);
  });

  it('tells what changed across several edits, as a reader of a deferred doc needs', () => {
    const doc = smallDoc();
    let d = doc;
    const texts = ['A', 'A s', 'A su', 'A sub'];
    for (const text of texts) d = edit(d, updateClaim(d, 'c_sub', { text }));
    const other = edit(d, updateClaim(d, 'c_thesis', { text: 'Thesis, edited' }));
    expect(changedIds(doc.claims, d.claims)).toEqual(new Set(['c_sub']));
    expect(changedIds(doc.claims, other.claims)).toEqual(new Set(['c_sub', 'c_thesis']));
    // Backwards, or beyond the limit: not known.
    expect(changedIds(other.claims, doc.claims)).toBeNull();
    expect(changedIds(doc.claims, other.claims, 1)).toBeNull();
    // A second table made from an older one is another history: only its own step is known.
    const branch = edit(doc, updateClaim(doc, 'c_thesis', { text: 'Elsewhere' }));
    expect(changedIds(doc.claims, branch.claims)).toEqual(new Set(['c_thesis']));
    const onBranch = edit(branch, updateClaim(branch, 'c_sub', { text: 'B' }));
    expect(changedIds(branch.claims, onBranch.claims)).toEqual(new Set(['c_sub']));
    expect(changedIds(doc.claims, onBranch.claims)).toBeNull();
    expect(changedIds(d.claims, onBranch.claims)).toBeNull();
  });

  it('does not know what changed between tables it did not see made', () => {
    const doc = smallDoc();
    expect(changedIds(doc.claims, { ...doc.claims })).toBeNull();
    expect(keysOf({ ...doc.claims })).not.toBe(keysOf(doc.claims));
  });
});

describe('a keystroke recomputes only what the typed record changes', () => {
  const doc = generateMap({ claims: 60, quotes: 140, links: 220, seed: 3 });
  const claimId = Object.keys(doc.claims)[5]!;
  const typed = edit(doc, updateClaim(doc, claimId, { text: 'Typed a little more' }));

  it('reuses the link graph, weights, balances, arguments and counts of the doc before', () => {
    expect(linkGraph(typed)).toBe(linkGraph(doc));
    expect(linkWeights(typed)).toBe(linkWeights(doc));
    expect(balancesOf(typed)).toBe(balancesOf(doc));
    expect(argumentsOf(typed)).toBe(argumentsOf(doc));
    expect(junctionOfLink(typed)).toBe(junctionOfLink(doc));
    expect(evidenceCounts(typed)).toBe(evidenceCounts(doc));
  });

  it('reuses the evidence searches of the Thesis check and the matrix', () => {
    const thesis = Object.values(doc.claims).find((c) => c.kind === 'thesis')!.id;
    expect(evidenceOf(typed, thesis)).toBe(evidenceOf(doc, thesis));
    expect(matrixOf(typed, [thesis, claimId])).toBe(matrixOf(doc, [thesis, claimId]));
    // A quote's grade is read by the search: that edit is seen.
    const quoteId = Object.keys(doc.quotes)[0]!;
    const graded = edit(doc, updateQuote(doc, quoteId, { credibility: 5 }));
    expect(evidenceOf(graded, thesis)).not.toBe(evidenceOf(doc, thesis));
  });

  it('reuses every other quote’s anchor status, and that of a quote whose note changed', () => {
    const quote = Object.values(doc.quotes)[0]!;
    const noted = edit(doc, updateQuote(doc, quote.id, { note: 'a note' }));
    expect(anchorOf(noted, noted.quotes[quote.id]!)).toBe(anchorOf(doc, quote));
  });

  it('works out again what a new link changes', () => {
    const [a, b] = Object.keys(doc.claims);
    const linked = edit(doc, { ...emptyChange(doc.map.id), put: { links: [makeLink('l_extra', a!, b!)] } });
    expect(balancesOf(linked)).not.toBe(balancesOf(doc));
    expect(balancesOf(linked)).toEqual(allBalances(fresh(linked)));
  });
});

describe('a claim added without links (a peer adding claims to a large map)', () => {
  const doc = generateMap({ claims: 40, quotes: 60, links: 90, seed: 12 });

  it('keeps the counts and arguments and adds the claim to the balances', () => {
    const counts = evidenceCounts(doc);
    const args = argumentsOf(doc);
    const junctions = junctionOfLink(doc);
    const balances = balancesOf(doc);
    const added = edit(doc, { ...emptyChange(doc.map.id), put: { claims: [makeClaim('c_island', 'New, linked to nothing')] } });
    expect(evidenceCounts(added)).toBe(counts);
    expect(argumentsOf(added)).toBe(args);
    expect(junctionOfLink(added)).toBe(junctions);
    expect(balancesOf(added)).not.toBe(balances);
    expect(balancesOf(added)['c_island']).toEqual({ forWeight: 0, againstWeight: 0, forCount: 0, againstCount: 0, status: 'unsupported' });
    expect(balancesOf(added)).toEqual(allBalances(fresh(added)));
    expect([...evidenceCounts(added)]).toEqual([...evidenceCounts(fresh(added))]);
  });

  it('works everything out again for a claim that comes back under an id a link names', () => {
    const link = Object.values(doc.links).find((l) => l.from in doc.quotes && l.to in doc.claims)!;
    const target = doc.claims[link.to]!;
    // The claim goes without its links (a dangling link, as a merge can leave one for a moment).
    const gone = edit(doc, { ...emptyChange(doc.map.id), delete: { claims: [target.id] } });
    expect(evidenceCounts(gone).get(target.id)).toBeUndefined();
    const back = edit(gone, { ...emptyChange(doc.map.id), put: { claims: [target] } });
    expect(evidenceCounts(back).get(target.id)).toBeDefined();
    expect([...evidenceCounts(back)]).toEqual([...evidenceCounts(fresh(back))]);
    expect(balancesOf(back)).toEqual(allBalances(fresh(back)));
  });
});

describe('derived values equal a derivation from scratch', () => {
  type Step =
    | { kind: 'text'; i: number; text: string }
    | { kind: 'thesis'; i: number }
    | { kind: 'claim' }
    | { kind: 'delete'; i: number }
    | { kind: 'link'; a: number; b: number; contradicts: boolean; group: boolean }
    | { kind: 'unlink'; i: number }
    | { kind: 'restore' };
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('text' as const), i: fc.nat(), text: fc.string({ maxLength: 20 }) }),
    fc.record({ kind: fc.constant('thesis' as const), i: fc.nat() }),
    fc.record({ kind: fc.constant('claim' as const) }),
    fc.record({ kind: fc.constant('delete' as const), i: fc.nat() }),
    fc.record({ kind: fc.constant('link' as const), a: fc.nat(), b: fc.nat(), contradicts: fc.boolean(), group: fc.boolean() }),
    fc.record({ kind: fc.constant('unlink' as const), i: fc.nat() }),
    fc.record({ kind: fc.constant('restore' as const) }),
  );

  let made = 0;
  /** Claims deleted without their links: `restore` puts the last one back, under the id its links name. */
  const deletedClaims: MapDoc['claims'][string][] = [];
  function step(doc: MapDoc, s: Step): MapDoc {
    const claims = Object.keys(doc.claims);
    const nodes = [...claims, ...Object.keys(doc.quotes)];
    const links = Object.keys(doc.links);
    const pick = <T,>(xs: readonly T[], i: number) => xs[i % xs.length];
    switch (s.kind) {
      case 'text': {
        const id = pick(claims, s.i);
        return id ? edit(doc, updateClaim(doc, id, { text: s.text })) : doc;
      }
      case 'thesis': {
        const id = pick(claims, s.i);
        return id ? edit(doc, updateClaim(doc, id, { kind: doc.claims[id]!.kind === 'thesis' ? 'claim' : 'thesis' })) : doc;
      }
      case 'claim':
        return edit(doc, { ...emptyChange(doc.map.id), put: { claims: [makeClaim(`c_p${made++}`, 'new')] } });
      case 'delete': {
        const id = pick(nodes, s.i);
        if (!id) return doc;
        // Deleting only the record leaves its links dangling: analysis must leave them out.
        if (id in doc.claims) deletedClaims.push(doc.claims[id]!);
        return edit(doc, { ...emptyChange(doc.map.id), delete: id in doc.claims ? { claims: [id] } : { quotes: [id] } });
      }
      case 'link': {
        const from = pick(nodes, s.a);
        const to = pick(claims, s.b);
        if (!from || !to || from === to) return doc;
        const link = makeLink(`l_p${made++}`, from, to, s.contradicts ? 'contradicts' : 'supports', s.group ? { group: 'g' } : {});
        return edit(doc, { ...emptyChange(doc.map.id), put: { links: [link] } });
      }
      case 'unlink': {
        const id = pick(links, s.i);
        return id ? edit(doc, { ...emptyChange(doc.map.id), delete: { links: [id] } }) : doc;
      }
      case 'restore': {
        const claim = deletedClaims.pop();
        return claim && !(claim.id in doc.claims) ? edit(doc, { ...emptyChange(doc.map.id), put: { claims: [claim] } }) : doc;
      }
    }
  }

  it('after any run of edits', () => {
    fc.assert(
      fc.property(mapDocArb, fc.array(stepArb, { maxLength: 12 }), (start, steps) => {
        let doc = start;
        for (const s of steps) {
          doc = step(doc, s);
          const scratch = fresh(doc);
          expect(balancesOf(doc)).toEqual(allBalances(scratch));
          expect(plainArgs(argumentsOf(doc))).toEqual(plainArgs(argumentsOf(scratch)));
          expect([...junctionOfLink(doc)]).toEqual([...junctionOfLink(scratch)]);
          expect([...evidenceCounts(doc)]).toEqual([...evidenceCounts(scratch)]);
          expect([...linkWeights(doc)]).toEqual([...linkWeights(scratch)]);
          for (const id of Object.keys(doc.claims).slice(0, 3)) {
            expect(evidenceOf(doc, id)).toEqual(evidenceFor(scratch, id));
          }
          const hypotheses = Object.keys(doc.claims).slice(0, 3);
          expect(matrixOf(doc, hypotheses)).toEqual(evidenceMatrix(scratch, hypotheses));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('one anchor status for a quote everywhere', () => {
  // A source whose text was lightly edited after the quote was taken: one word changed inside the passage.
  const original = 'Opening words. The ministry said the talks were constructive and frank. Closing words.';
  const source = makeSource('src_a', original, { title: 'Ministry statement' });
  const quote = makeQuote('q_1', source, 'the talks were constructive and frank');
  const doc = docFromRecords({
    map: makeMap(),
    sources: [{ ...source, text: original.replace('constructive', 'constructiv') }],
    quotes: [quote],
    claims: [makeClaim('c_t', 'Talks went well', { kind: 'thesis' })],
    links: [makeLink('l_1', 'q_1', 'c_t')],
    layout: {},
  });

  it('is fuzzy in the graph, the Thesis check and the Markdown report alike', () => {
    expect(anchorOf(doc, doc.quotes['q_1']!)).toBe('fuzzy');
    expect(anchorStatusOf(doc)('q_1')).toBe('fuzzy');
    const messages = analyzeWarnings(doc, { thesisId: 'c_t' })
      .filter((w) => w.kind === 'quote-not-anchored')
      .map((w) => w.message);
    expect(messages).toEqual(['The quote “the talks were constructive and frank” only approximately matches the source “Ministry statement”.']);
    const report = markdownReport(doc, 'c_t');
    expect(report).toContain('only approximately matches the source “Ministry statement”');
    expect(report).not.toContain('can no longer be found');
  });
});
