import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseMapFile } from './format/parse';
import { applyChange } from './change';
import { addLink, breakArguments, groupLinks, ungroupLink, updateLink } from './edits';
import { checkDoc, linkRefusal } from './integrity';

function v2doc() {
  const r = parseMapFile(readFileSync(new URL('./format/fixtures/v2.warrant.json', import.meta.url), 'utf8'));
  if (r.kind !== 'ok') throw new Error('fixture');
  return r.doc;
}

describe('edits of linked arguments and undercuts', () => {
  it('changing the weight or relation of one co-premise changes the whole group', () => {
    const doc = v2doc();
    const next = applyChange(doc, updateLink(doc, 'l_1', { weight: 1, scheme: 'Argument From Sign' }));
    expect(next.links['l_2']).toMatchObject({ weight: 1, scheme: 'Argument From Sign', group: 'flood' });
    expect(checkDoc(next)).toEqual([]);
  });

  it('joins reasons for one conclusion into a group, and breaks it again', () => {
    let doc = v2doc();
    const single = groupLinks(doc, ['l_1']);
    if (!single.ok) throw new Error(single.reason);
    doc = applyChange(doc, single.change);
    expect(doc.links['l_1']!.group).toBeUndefined();
    const joined = groupLinks(doc, ['l_2', 'l_1']);
    if (!joined.ok) throw new Error(joined.reason);
    doc = applyChange(doc, joined.change);
    expect(doc.links['l_1']!.group).toBe(doc.links['l_2']!.group);
    expect(checkDoc(doc)).toEqual([]);
    expect(groupLinks(doc, ['l_1', 'l_3'])).toEqual({ ok: false, reason: 'Only reasons for the same conclusion can be joined.' });
  });

  it('takes a link out of its group, and the last one with it', () => {
    const doc = v2doc();
    const change = ungroupLink(doc, 'l_1');
    if (!change) throw new Error('no change');
    const next = applyChange(doc, change);
    expect(next.links['l_1']!.group).toBeUndefined();
    expect(next.links['l_2']!.group).toBeUndefined();
    expect(ungroupLink(next, 'l_1')).toBeNull();
    expect(checkDoc(next)).toEqual([]);
  });

  it('breaks a whole argument into separate reasons from any of its links', () => {
    const doc = v2doc();
    const change = breakArguments(doc, ['l_2', 'l_3']);
    if (!change) throw new Error('no change');
    expect(change.put.links?.map((l) => l.id).sort()).toEqual(['l_1', 'l_2']);
    const next = applyChange(doc, change);
    expect(next.links['l_1']!.group).toBeUndefined();
    expect(next.links['l_2']!.group).toBeUndefined();
    expect(checkDoc(next)).toEqual([]);
    expect(breakArguments(next, ['l_1', 'l_3'])).toBeNull();
  });

  it('aims a new link at a link', () => {
    const doc = v2doc();
    expect(linkRefusal(doc, 'c_low', 'l_3')).toBeNull();
    expect(linkRefusal(doc, 'q_b', 'l_1')).toMatch(/already linked/);
    expect(linkRefusal(doc, 'c_low', 'l_gone')).toMatch(/no longer exists/);
    expect(linkRefusal(doc, doc.links['l_3']!.from, 'l_3')).toBe('A reason cannot back or undercut its own link.');
    const r = addLink(doc, { from: 'c_low', to: 'l_3', relation: 'contradicts' });
    if (!r.ok) throw new Error(r.reason);
    expect(checkDoc(applyChange(doc, r.change))).toEqual([]);
  });
});
