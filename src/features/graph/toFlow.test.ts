import { describe, expect, it } from 'vitest';
import { applyChange, type MapDoc } from '../../domain/change';
import { handMap, generateMap } from '../../domain/analysis/testMaps';
import { moveNodes, updateClaim } from '../../domain/edits';
import {
  balancesOf,
  bearingOn,
  claimLabel,
  fallbackPositions,
  findNodes,
  focusChoices,
  neighbour,
  quoteLabel,
  syncEdges,
  syncNodes,
} from './toFlow';
import { layoutGraph } from './layout';
import type { FlowNode } from './flowTypes';

const doc = handMap({
  theses: ['T'],
  claims: ['A', 'B', 'C'],
  quotes: { q1: 's', q2: 's', q3: 's' },
  links: ['A + T', 'B - T', 'q1 +3 A', 'q2 - A', 'q3 + B'],
});
const withLayout: MapDoc = { ...doc, layout: { c_T: { x: 0, y: 0 }, c_A: { x: -200, y: 200 }, c_B: { x: 200, y: 200 } } };

describe('syncNodes', () => {
  it('builds claim and quote nodes with their accessible names and direct balances', () => {
    const nodes = syncNodes([], withLayout, { visible: null });
    expect(nodes.map((n) => n.id)).toEqual(['c_T', 'c_A', 'c_B', 'c_C', 'q_1', 'q_2', 'q_3']);
    const a = nodes.find((n) => n.id === 'c_A')!;
    expect(a.ariaLabel).toBe('Claim: Claim A');
    expect(a.type).toBe('claim');
    expect(a.data).toMatchObject({ thesis: false, status: 'contested', forWeight: 3, againstWeight: 2, forCount: 1, againstCount: 1 });
    expect(nodes.find((n) => n.id === 'c_T')!.data).toMatchObject({ thesis: true, status: 'contested' });
    expect(nodes.find((n) => n.id === 'q_1')!.ariaLabel).toBe('Quote: Quote q1.');
    expect(nodes.find((n) => n.id === 'q_1')!.data).toEqual({ anchor: 'exact' });
  });

  it('hands back the same array, and the same node objects, when nothing they show changed', () => {
    const first = syncNodes([], withLayout, { visible: null });
    expect(syncNodes(first, withLayout, { visible: null })).toBe(first);
    // A text edit of one claim: only that node is a new object.
    const edited = applyChange(withLayout, updateClaim(withLayout, 'c_C', { text: 'New text' }));
    const next = syncNodes(first, edited, { visible: null });
    expect(next).not.toBe(first);
    const changed = next.filter((n, i) => n !== first[i]).map((n) => n.id);
    expect(changed).toEqual(['c_C']);
    expect(next.find((n) => n.id === 'c_C')!.ariaLabel).toBe(claimLabel('New text'));
  });

  it('keeps selection and measured size, and a dragged node keeps its local position', () => {
    const first = syncNodes([], withLayout, { visible: null });
    const local: FlowNode[] = first.map((n) =>
      n.id === 'c_A' ? { ...n, selected: true, measured: { width: 220, height: 90 }, position: { x: 5, y: 5 } } : n,
    );
    const moved = applyChange(withLayout, moveNodes(withLayout, { c_B: { x: 300, y: 300 } }));
    const next = syncNodes(local, moved, { visible: null, dragging: new Set(['c_A']) });
    const a = next.find((n) => n.id === 'c_A')!;
    expect(a).toBe(local.find((n) => n.id === 'c_A'));
    expect(next.find((n) => n.id === 'c_B')!.position).toEqual({ x: 300, y: 300 });
    // Not dragging any more: the stored position wins, selection and size carry over.
    const after = syncNodes(local, moved, { visible: null });
    const a2 = after.find((n) => n.id === 'c_A')!;
    expect(a2.position).toEqual({ x: -200, y: 200 });
    expect(a2.selected).toBe(true);
    expect(a2.measured).toEqual({ width: 220, height: 90 });
  });

  it('hides what focus mode leaves out, edges with them', () => {
    const visible = bearingOn(withLayout, 'c_B');
    expect([...visible].sort()).toEqual(['c_B', 'q_3']);
    const nodes = syncNodes([], withLayout, { visible });
    expect(nodes.filter((n) => !n.hidden).map((n) => n.id).sort()).toEqual(['c_B', 'q_3']);
    const edges = syncEdges([], withLayout, visible);
    expect(edges.filter((e) => !e.hidden).map((e) => e.id)).toEqual(['l_q3_B']);
  });
});

describe('syncEdges', () => {
  it('names edges by relation and carries the weight (absent means 2)', () => {
    const edges = syncEdges([], doc, null);
    const e = edges.find((x) => x.id === 'l_q1_A')!;
    expect(e).toMatchObject({ source: 'q_1', target: 'c_A', ariaLabel: 'supports: Quote q1. → Claim A', data: { relation: 'supports', weight: 3 } });
    expect(edges.find((x) => x.id === 'l_B_T')).toMatchObject({ ariaLabel: 'contradicts: Claim B → Claim T', data: { weight: 2 } });
    expect(syncEdges(edges, doc, null)).toBe(edges);
  });
});

describe('fallbackPositions', () => {
  it('stacks added evidence in a column beside the claim it links to, the rest below everything', () => {
    const pos = fallbackPositions(withLayout);
    expect(pos.has('c_T')).toBe(false);
    const q1 = pos.get('q_1')!;
    const q2 = pos.get('q_2')!;
    // Beside c_A (at -200, 200), one under the other, overlapping nothing.
    expect(q1.x).toBeGreaterThan(-200 + 220);
    expect(q2.x).toBe(q1.x);
    expect(q2.y).toBeGreaterThan(q1.y + 104);
    // q_3 beside c_B; c_C links to nothing and has no place: below everything.
    expect(pos.get('q_3')!.x).toBeGreaterThan(200 + 220);
    expect(pos.get('c_C')!.y).toBeGreaterThan(200 + 92);
    expect(fallbackPositions(withLayout)).toBe(pos);
    // Editing a claim's text places nothing again.
    expect(fallbackPositions(applyChange(withLayout, updateClaim(withLayout, 'c_A', { text: 'x' })))).toBe(pos);
  });

  it('gives every node of a map without any layout a distinct place', () => {
    const big = generateMap({ claims: 60, quotes: 90, links: 170 });
    const pos = fallbackPositions(big);
    expect(pos.size).toBe(150);
    const keys = new Set([...pos.values()].map((p) => `${p.x},${p.y}`));
    expect(keys.size).toBe(150);
  });
});

describe('focus, find and keyboard moves', () => {
  it('lists theses first', () => {
    expect(focusChoices(doc).map((c) => c.id)).toEqual(['c_T', 'c_A', 'c_B', 'c_C']);
  });

  it('finds claims and quotes by text, case-insensitive', () => {
    expect(findNodes(doc, 'claim a')).toEqual(['c_A']);
    expect(findNodes(doc, 'QUOTE Q')).toEqual(['q_1', 'q_2', 'q_3']);
    expect(findNodes(doc, 'nothing like it')).toEqual([]);
    expect(findNodes(doc, '  ')).toEqual([]);
  });

  it('moves up to a conclusion, down to evidence, sideways to siblings', () => {
    const pos = (id: string) => withLayout.layout[id] ?? fallbackPositions(withLayout).get(id);
    expect(neighbour(withLayout, 'c_A', 'up', pos)).toBe('c_T');
    expect(neighbour(withLayout, 'c_T', 'down', pos)).toBe('c_A');
    expect(neighbour(withLayout, 'c_A', 'right', pos)).toBe('c_B');
    expect(neighbour(withLayout, 'c_B', 'left', pos)).toBe('c_A');
    expect(neighbour(withLayout, 'c_B', 'right', pos)).toBeNull();
    expect(neighbour(withLayout, 'c_T', 'up', pos)).toBeNull();
  });

  it('computes balances once per change of links or claims', () => {
    expect(balancesOf(doc)).toBe(balancesOf({ ...doc }));
    expect(quoteLabel('x'.repeat(100))).toBe(`Quote: ${'x'.repeat(80)}`);
  });
});

describe('layoutGraph', () => {
  it('puts theses first (left) and evidence after what it bears on', () => {
    const input = {
      nodes: Object.keys({ ...doc.claims, ...doc.quotes }).map((id) => ({ id, width: 220, height: 90 })),
      edges: Object.values(doc.links).map((l) => ({ from: l.from, to: l.to })),
    };
    const phases: string[] = [];
    const pos = layoutGraph(input, (p) => phases.push(p));
    expect(phases).toEqual(['Building graph', 'Ranking and ordering', 'Positioning']);
    for (const l of Object.values(doc.links)) {
      // Claims right of what they bear on; quotes in a block under their claim.
      if (l.from.startsWith('c_')) expect(pos[l.from]!.x).toBeGreaterThan(pos[l.to]!.x + 220);
      else expect(pos[l.from]!.y).toBeGreaterThan(pos[l.to]!.y + 90);
    }
    expect(Object.keys(pos)).toHaveLength(7);
  });

  it('lays out a cyclic map', () => {
    const m = generateMap({ claims: 40, quotes: 40, links: 120, seed: 3 });
    const input = {
      nodes: [...Object.keys(m.claims), ...Object.keys(m.quotes)].map((id) => ({ id, width: 220, height: 90 })),
      edges: Object.values(m.links).map((l) => ({ from: l.from, to: l.to })),
    };
    expect(Object.keys(layoutGraph(input))).toHaveLength(80);
  });
});
