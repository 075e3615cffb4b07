import { describe, expect, it } from 'vitest';
import { applyChange, deletionChange, emptyChange, type Change, type MapDoc } from './change';
import { changeProblems, refusalMessage } from './changeCheck';
import * as edits from './edits';
import { makeLink, smallDoc } from '../test/factories';

const problemsOf = (doc: MapDoc, change: Change) => changeProblems(applyChange(doc, change), change).map((p) => `${p.path}: ${p.message}`);

describe('every Change is checked against the format before it is written (rule 8)', () => {
  const doc = smallDoc();

  it('passes ordinary edits', () => {
    expect(problemsOf(doc, edits.updateClaim(doc, 'c_sub', { text: 'Typed' }))).toEqual([]);
    expect(problemsOf(doc, deletionChange(doc, { sources: ['src_a'], claims: ['c_sub'] }))).toEqual([]);
    const r = edits.addLink(doc, { from: 'q_3', to: 'c_thesis', relation: 'supports' });
    if (!r.ok) throw new Error(r.reason);
    expect(problemsOf(doc, r.change)).toEqual([]);
  });

  it('passes a link aimed at a link (format version 2), added or put back by Undo', () => {
    const aimed = Object.values(doc.links)[0]!;
    const from = Object.keys(doc.quotes).find((q) => q !== aimed.from)!;
    const r = edits.addLink(doc, { from, to: aimed.id, relation: 'contradicts' });
    if (!r.ok) throw new Error(r.reason);
    expect(problemsOf(doc, r.change)).toEqual([]);
  });

  it('refuses values over the schema limits', () => {
    // Built by hand: the edit builders already cut text to the limit.
    const change = emptyChange(doc.map.id);
    change.put.claims = [{ ...doc.claims['c_sub']!, text: 'x'.repeat(10_001) }];
    expect(problemsOf(doc, change)[0]).toMatch(/^claims\[c_sub\]\.text: /);
    const title = emptyChange(doc.map.id);
    title.map = { ...doc.map, title: 't'.repeat(1001) };
    expect(problemsOf(doc, title)[0]).toMatch(/^map\.title: /);
  });

  it('refuses a deletion that leaves links or quotes pointing nowhere', () => {
    const claim = emptyChange(doc.map.id);
    claim.delete.claims = ['c_sub'];
    expect(problemsOf(doc, claim)).toEqual(expect.arrayContaining([expect.stringMatching(/^links\[l_3\]\.from: names no claim/)]));
    const source = emptyChange(doc.map.id);
    source.delete.sources = ['src_a'];
    expect(problemsOf(doc, source)).toEqual(expect.arrayContaining([expect.stringMatching(/^quotes\[q_1\]\.sourceId: names no source/)]));
  });

  it('refuses links to a quote, to itself, or repeating another link', () => {
    const put = (l: ReturnType<typeof makeLink>) => ({ ...emptyChange(doc.map.id), put: { links: [l] } });
    expect(problemsOf(doc, put(makeLink('l_x', 'c_sub', 'q_1')))).not.toEqual([]);
    expect(problemsOf(doc, put(makeLink('l_x', 'c_sub', 'c_sub')))).toEqual(expect.arrayContaining([expect.stringMatching(/to itself/)]));
    expect(problemsOf(doc, put(makeLink('l_x', 'q_1', 'c_thesis')))).toEqual([expect.stringMatching(/links the same nodes/)]);
  });

  it('refuses a quote put outside its source text', () => {
    const q = doc.quotes['q_1']!;
    const change = { ...emptyChange(doc.map.id), put: { quotes: [{ ...q, end: 10_000 }] } };
    expect(problemsOf(doc, change)).toEqual([expect.stringMatching(/^quotes\[q_1\]\.end: the range/)]);
  });

  it('says what was refused and why, in one sentence', () => {
    expect(refusalMessage('Edit claim', [{ path: 'claims[c_1].text', message: 'Too big' }, { path: 'x', message: 'y' }])).toBe(
      "Edit claim was not saved: it would break the map's rules (claims[c_1].text: Too big) (and 1 more).",
    );
  });
});

describe('rule 8 with links aimed at links (format version 2)', () => {
  it('accepts the undo of a deletion that took an undercutter, and refuses a link aimed at a missing link', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseMapFile } = await import('./format/parse');
    const { invertChange } = await import('./change');
    const parsed = parseMapFile(readFileSync(new URL('../../examples/xi-diplomacy.warrant.json', import.meta.url), 'utf8'));
    if (parsed.kind !== 'ok') throw new Error('the example map must parse');
    const doc = parsed.doc;
    const undercut = Object.values(doc.links).find((l) => doc.links[l.to] && doc.quotes[l.from])!;
    const sourceId = doc.quotes[undercut.from]!.sourceId;
    // Deleting the undercutter's source takes the undercutter; undo puts it back, aimed at a link that stayed.
    const del = deletionChange(doc, { sources: [sourceId] });
    const afterDelete = applyChange(doc, del);
    expect(changeProblems(afterDelete, del)).toEqual([]);
    const undo = invertChange(doc, del);
    expect(changeProblems(applyChange(afterDelete, undo), undo)).toEqual([]);
    // A link aimed at a link that is not there is refused.
    const stray: Change = emptyChange(doc.map.id);
    stray.put.links = [{ ...undercut, id: 'l_stray', to: 'l_missing' }];
    expect(changeProblems(applyChange(doc, stray), stray).map((p) => p.message).join()).toMatch(/names no claim or link/);
  });
});
