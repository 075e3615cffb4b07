import { describe, expect, it } from 'vitest';
import { applyChange } from '../../domain/change';
import { generateMap } from '../../test/testMaps';
import { updateClaim } from '../../domain/edits';
import { syncNodes } from './toFlow';

describe('syncNodes after an edit of one claim', () => {
  const doc = generateMap({ claims: 40, quotes: 80, links: 130, seed: 5 });
  const ids = Object.keys(doc.claims);

  it('changes only that claim’s node, and equals a sync from scratch', () => {
    const options = { visible: null };
    const first = syncNodes([], doc, options);
    let d = doc;
    let nodes = first;
    for (const [k, id] of [ids[3]!, ids[3]!, ids[7]!].entries()) {
      const before = nodes;
      d = applyChange(d, updateClaim(d, id, k === 2 ? { kind: 'thesis' } : { text: `typed ${k}` }));
      nodes = syncNodes(nodes, d, options);
      for (const [i, n] of nodes.entries()) {
        if (n.id === id) expect(n).not.toBe(before[i]);
        else expect(n).toBe(before[i]);
      }
      expect(syncNodes([], d, options)).toEqual(nodes);
    }
    const thesisNode = nodes.find((n) => n.id === ids[7]);
    expect(thesisNode?.type === 'claim' && thesisNode.data.thesis).toBe(true);
    expect(nodes.find((n) => n.id === ids[3])?.ariaLabel).toBe('Claim: typed 1');
  });
});
