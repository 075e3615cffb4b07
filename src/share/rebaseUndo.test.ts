import { describe, expect, it } from 'vitest';
import { applyChange, deletionChange, emptyChange, invertChange, type Change } from '../domain/change';
import { checkDoc } from '../domain/integrity';
import { makeClaim, makeLink, smallDoc } from '../test/factories';
import { TestClient, syncAll } from '../test/testClients';
import { rebaseUndo } from './rebaseUndo';

const put = (over: Partial<Change['put']>): Change => ({ ...emptyChange('map_test'), put: over });

/** Alice does a step, Bob edits after it, then Alice undoes her step. */
function scenario(aliceStep: (doc: TestClient['doc']) => Change, bobStep: (doc: TestClient['doc']) => Change) {
  const alice = new TestClient('alice', smallDoc());
  alice.sync.seed();
  const bob = new TestClient('bob', smallDoc().map);
  syncAll([alice, bob]);
  const step = aliceStep(alice.doc);
  const inverse = invertChange(alice.doc, step);
  alice.edit(step);
  syncAll([alice, bob]);
  bob.edit(bobStep(bob.doc));
  syncAll([alice, bob]);
  const undo = rebaseUndo(step, inverse, alice.doc);
  alice.edit(undo);
  syncAll([alice, bob]);
  expect(bob.doc).toEqual(alice.doc);
  expect(checkDoc(alice.doc)).toEqual([]);
  return alice.doc;
}

describe('rebaseUndo', () => {
  it('reverts only the field this user changed, keeping a later remote edit of another field', () => {
    const doc = scenario(
      (d) => put({ claims: [{ ...d.claims['c_sub']!, text: 'Alice text' }] }),
      (d) => put({ claims: [{ ...d.claims['c_sub']!, note: 'Bob note' }] }),
    );
    expect(doc.claims['c_sub']).toMatchObject({ text: 'A sub-claim', note: 'Bob note' });
  });

  it('does not bring back a record someone else deleted since', () => {
    const doc = scenario(
      (d) => put({ claims: [{ ...d.claims['c_sub']!, text: 'Alice text' }] }),
      (d) => deletionChange(d, { claims: ['c_sub'] }),
    );
    expect(doc.claims['c_sub']).toBeUndefined();
  });

  it('undoes a creation with the cascade, taking links others attached to it', () => {
    const doc = scenario(
      () => put({ claims: [makeClaim('c_new', 'New')] }),
      () => put({ links: [makeLink('l_bob', 'c_new', 'c_thesis')] }),
    );
    expect(doc.claims['c_new']).toBeUndefined();
    expect(doc.links['l_bob']).toBeUndefined();
  });

  it('restores a deletion, but not a link to a claim deleted since', () => {
    const doc = scenario(
      (d) => deletionChange(d, { claims: ['c_sub'] }),
      (d) => deletionChange(d, { quotes: ['q_3'] }),
    );
    expect(doc.claims['c_sub']).toBeDefined();
    expect(doc.links['l_3']).toBeDefined();
    expect(doc.links['l_4']).toBeUndefined(); // from q_3, which Bob deleted
  });

  it('equals the plain inverse when nobody else edited', () => {
    const base = smallDoc();
    const step = put({ claims: [{ ...base.claims['c_sub']!, text: 'x', note: undefined }] });
    const inverse = invertChange(base, step);
    const after = applyChange(base, step);
    expect(applyChange(after, rebaseUndo(step, inverse, after))).toEqual(base);
  });
});
