import { describe, expect, it } from 'vitest';
import { applyChange, invertChange } from './change';
import { newLinkedClaim } from './graphEdits';
import { handMap } from '../test/testMaps';

const doc = handMap({ theses: ['T'], claims: ['A'], quotes: { q1: 's' }, links: ['A + T'] });
import { T0 as NOW } from '../test/factories';

describe('newLinkedClaim', () => {
  it('makes the claim, its place and a link from the dragged node in one change', () => {
    const r = newLinkedClaim(doc, { from: 'q_1', position: { x: 10, y: 20 }, relation: 'contradicts' }, NOW);
    if (!r.ok) throw new Error(r.reason);
    expect(r.change.put.claims).toEqual([
      { id: r.claimId, text: '', kind: 'claim', createdAt: NOW, updatedAt: NOW },
    ]);
    expect(r.change.put.layout).toEqual({ [r.claimId]: { x: 10, y: 20 } });
    expect(r.change.put.links).toEqual([{ id: r.linkId, from: 'q_1', to: r.claimId, relation: 'contradicts', createdAt: NOW }]);
    const next = applyChange(doc, r.change);
    expect(next.links[r.linkId]?.to).toBe(r.claimId);
    // One change: its inverse takes everything away again.
    expect(applyChange(next, invertChange(doc, r.change))).toEqual(doc);
  });

  it('links the new claim as a reason when dragged from a claim target', () => {
    const r = newLinkedClaim(doc, { to: 'c_T', position: { x: 0, y: 0 }, relation: 'supports', text: 'Why' });
    if (!r.ok) throw new Error(r.reason);
    const link = r.change.put.links?.[0];
    expect(link).toMatchObject({ from: r.claimId, to: 'c_T', relation: 'supports' });
    expect(r.change.put.claims?.[0]?.text).toBe('Why');
  });

  it('refuses with the reason when the link cannot be made', () => {
    const r = newLinkedClaim(doc, { to: 'q_1', position: { x: 0, y: 0 }, relation: 'supports' });
    expect(r).toEqual({ ok: false, reason: 'Links end at a claim: a quote is evidence, not a conclusion.' });
    const gone = newLinkedClaim(doc, { from: 'c_gone', position: { x: 0, y: 0 }, relation: 'supports' });
    expect(gone.ok).toBe(false);
  });
});
