import { describe, expect, it } from 'vitest';
import { applyChange, type MapDoc } from '../../domain/change';
import { generateMap } from '../../test/testMaps';
import { updateClaim } from '../../domain/edits';
import { syncEdges, syncNodes } from './toFlow';

describe('syncNodes after an edit of one claim', () => {
  const doc = generateMap({ claims: 40, quotes: 80, links: 130, seed: 5 });
  const ids = Object.keys(doc.claims);

  it('changes only that claim’s node when what it shows changes, and equals a sync from scratch', () => {
    const options = { visible: null };
    const first = syncNodes([], doc, options);
    let d = doc;
    let nodes = first;
    for (const [k, id] of [ids[3]!, ids[3]!, ids[7]!].entries()) {
      const before = nodes;
      const kindSwitch = k === 2;
      d = applyChange(d, updateClaim(d, id, kindSwitch ? { kind: 'thesis' } : { text: `typed ${k}` }));
      nodes = syncNodes(nodes, d, options);
      // Text is not on the node (ClaimNode reads it): typing keeps the array itself.
      if (!kindSwitch) expect(nodes).toBe(before);
      for (const [i, n] of nodes.entries()) {
        if (n.id === id && kindSwitch) expect(n).not.toBe(before[i]);
        else expect(n).toBe(before[i]);
      }
      expect(syncNodes([], d, options)).toEqual(nodes);
    }
    const thesisNode = nodes.find((n) => n.id === ids[7]);
    expect(thesisNode?.type === 'claim' && thesisNode.data.thesis).toBe(true);
  });
});

describe('a key typed in a large map', () => {
  it('reads no link nor place and hands React Flow the same arrays, though the graph skips docs (deferred)', () => {
    const base = generateMap({ claims: 5000, quotes: 0, links: 4999, seed: 11 });
    // Every read of the links table counted: the edit leaves it as it is, so every doc shares it.
    let reads = 0;
    const links = new Proxy(base.links as Record<string, MapDoc['links'][string]>, {
      get: (t, p, r) => (reads++, Reflect.get(t, p, r)),
      has: (t, p) => (reads++, Reflect.has(t, p)),
      ownKeys: (t) => ((reads += Object.keys(t).length), Reflect.ownKeys(t)),
    });
    // And of the layout, which a sync of every node reads once per node.
    const layout = new Proxy(base.layout as Record<string, MapDoc['layout'][string]>, {
      get: (t, p, r) => (reads++, Reflect.get(t, p, r)),
      has: (t, p) => (reads++, Reflect.has(t, p)),
      ownKeys: (t) => ((reads += Object.keys(t).length + 1), Reflect.ownKeys(t)),
    });
    const doc: MapDoc = { ...base, links, layout };
    const options = { visible: null };
    const nodes = syncNodes([], doc, options);
    const edges = syncEdges([], doc, null);
    expect(reads).toBeGreaterThan(5000);
    const id = Object.keys(doc.claims)[2500]!;
    let d = doc;
    for (let key = 1; key <= 6; key++) {
      d = applyChange(d, updateClaim(d, id, { text: `typed ${'x'.repeat(key)}` }));
      // The deferred graph sees every other doc only.
      if (key % 2) continue;
      reads = 0;
      expect(syncNodes(nodes, d, options)).toBe(nodes);
      // Local changes since (a selection, a measured size) keep the fast path: still no link read.
      const selected = nodes.map((n) => (n.id === id ? { ...n, selected: true } : n));
      expect(syncNodes(selected, d, options)).toBe(selected);
      expect(reads).toBe(0);
      expect(syncEdges(edges, d, null)).toBe(edges);
      expect(reads).toBe(0);
    }
  });
});
