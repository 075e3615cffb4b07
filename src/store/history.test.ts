import { describe, expect, it } from 'vitest';
import { applyChange, invertChange, type Change } from '../domain/change';
import * as edits from '../domain/edits';
import { smallDoc } from '../test/factories';
import { COALESCE_MS, HISTORY_LIMIT, dropTouching, emptyStacks, record, without, type Stacks } from './history';

const doc = smallDoc();
const step = (label: string, change: Change, coalesceKey?: string) => ({ label, change, inverse: invertChange(doc, change), coalesceKey });
const editSub = (text: string) => edits.updateClaim(doc, 'c_sub', { text });
const editThesis = (text: string) => edits.updateClaim(doc, 'c_thesis', { text });

describe('undo history', () => {
  it('coalesces typing into one field within the window, keeping the first inverse', () => {
    let s: Stacks = emptyStacks();
    const first = record(s, step('Edit', editSub('A'), 'k'), 0);
    s = first;
    const second = record(s, step('Edit', editSub('AB'), 'k'), COALESCE_MS - 1);
    expect(second.coalesced).toBe(true);
    expect(second.undoStack).toHaveLength(1);
    expect(second.undoStack[0]?.inverse).toBe(first.entry.inverse);
    expect(second.undoStack[0]?.change.put.claims?.[0]?.text).toBe('AB');
    const later = record(second, step('Edit', editSub('ABC'), 'k'), 10 * COALESCE_MS);
    expect(later.coalesced).toBe(false);
    expect(later.undoStack).toHaveLength(2);
  });

  it('keeps HISTORY_LIMIT steps and empties redo on a new edit', () => {
    let s: Stacks = { undoStack: [], redoStack: [record(emptyStacks(), step('x', editSub('x')), 0).entry] };
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) s = record(s, step(`s${i}`, editSub(`t${i}`)), i);
    expect(s.undoStack).toHaveLength(HISTORY_LIMIT);
    expect(s.undoStack[0]?.label).toBe('s5');
    expect(s.redoStack).toHaveLength(0);
  });

  it('drops only the steps a remote change touches, and older steps sharing their records', () => {
    let s: Stacks = emptyStacks();
    s = record(s, step('thesis', editThesis('T1')), 0);
    const move = edits.moveNodes(doc, { c_sub: { x: 1, y: 1 } });
    s = record(s, step('move sub', move), 1);
    s = record(s, step('sub', editSub('S1')), 2);
    s = record(s, step('layout and thesis', { ...editThesis('T2'), put: { ...editThesis('T2').put, layout: { q_3: { x: 0, y: 0 } } } }), 3);
    const remote = edits.moveNodes(doc, { q_3: { x: 9, y: 9 } });
    const after = dropTouching(s, remote);
    // "layout and thesis" touched q_3's position; "thesis" shares c_thesis with it.
    expect(after.undoStack.map((e) => e.label)).toEqual(['move sub', 'sub']);
    expect(dropTouching(s, editSub('remote')).undoStack.map((e) => e.label)).toEqual(['thesis', 'move sub', 'layout and thesis']);
  });

  it('a remote link to a claim drops the step that created it (its undo would orphan the link)', () => {
    const made = edits.newClaim(doc, { text: 'New' });
    const s = record(emptyStacks(), step('New claim', made.change), 0);
    const withClaim = applyChange(doc, made.change);
    const link = edits.addLink(withClaim, { from: 'q_3', to: made.id, relation: 'supports' });
    if (!link.ok) throw new Error(link.reason);
    expect(dropTouching(s, link.change).undoStack).toHaveLength(0);
  });

  it('without() removes the given entries from both stacks', () => {
    const a = record(emptyStacks(), step('a', editSub('a')), 0);
    const b = record(a, step('b', editThesis('b')), 1);
    expect(without(b, new Set([a.entry])).undoStack.map((e) => e.label)).toEqual(['b']);
  });
});
