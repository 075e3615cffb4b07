import { describe, expect, it } from 'vitest';
import { applyChange } from './change';
import { CELL_CHOICES, cellChoiceOf, directLinkChoice, setDirectLink } from './directLink';
import { smallDoc } from '../test/factories';

describe('the direct link quote → hypothesis', () => {
  const doc = smallDoc();

  it('creates one, storing moderate as an absent weight', () => {
    const r = setDirectLink(doc, 'q_3', 'c_thesis', { relation: 'supports', weight: 2 });
    if (r.kind !== 'change') throw new Error(r.kind);
    expect(r.label).toBe('Link quote');
    const link = r.change.put.links?.[0];
    expect(link).toMatchObject({ from: 'q_3', to: 'c_thesis', relation: 'supports' });
    expect(link && 'weight' in link).toBe(false);
  });

  it('changes the existing one, and removes it', () => {
    const changed = setDirectLink(doc, 'q_1', 'c_thesis', { relation: 'contradicts', weight: 2 });
    if (changed.kind !== 'change') throw new Error(changed.kind);
    expect(changed.label).toBe('Change link');
    const after = applyChange(doc, changed.change).links['l_1'];
    expect(after?.relation).toBe('contradicts');
    expect(after?.weight).toBeUndefined();
    const removed = setDirectLink(doc, 'q_1', 'c_thesis', null);
    if (removed.kind !== 'change') throw new Error(removed.kind);
    expect(removed.change.delete.links).toEqual(['l_1']);
    expect(setDirectLink(doc, 'q_3', 'c_thesis', null)).toEqual({ kind: 'none' });
  });

  it('passes on the reason a link is not allowed', () => {
    expect(setDirectLink(doc, 'q_3', 'c_gone', { relation: 'supports', weight: 1 })).toEqual({ kind: 'refused', reason: 'That claim no longer exists.' });
  });
});

describe('a matrix cell\'s menu value', () => {
  it('lists none, then each relation at each weight, in the user\'s words', () => {
    expect(CELL_CHOICES.map((c) => `${c.value}=${c.label}`)).toEqual([
      '=none',
      '+1=supports, weak',
      '+2=supports, moderate',
      '+3=supports, strong',
      '-1=contradicts, weak',
      '-2=contradicts, moderate',
      '-3=contradicts, strong',
    ]);
  });
  it('reads back as the link it shows', () => {
    expect(directLinkChoice('')).toBeNull();
    for (const { value } of CELL_CHOICES.slice(1)) {
      const choice = directLinkChoice(value)!;
      expect(cellChoiceOf(choice.relation === 'supports' ? 1 : -1, choice.weight)).toBe(value);
    }
  });
});
