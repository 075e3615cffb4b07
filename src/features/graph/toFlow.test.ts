import { describe, expect, it } from 'vitest';
import { applyChange, type MapDoc } from '../../domain/change';
import { handMap, generateMap } from '../../test/testMaps';
import { moveNodes, updateClaim } from '../../domain/edits';
import { anchorOf, balancesOf } from '../../domain/derive/derive';
import {
  bearingOn,
  claimLabel,
  edgeName,
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
    // A claim's name is ClaimNode's, from the store's text (claimLabel): no text on the node object.
    expect(a.ariaLabel).toBeUndefined();
    expect(claimLabel(withLayout.claims['c_A']!.text)).toBe('Claim: Claim A');
    expect(a.type).toBe('claim');
    expect(a.data).toMatchObject({ thesis: false, status: 'contested', forWeight: 3, againstWeight: 2, forCount: 1, againstCount: 1 });
    expect(nodes.find((n) => n.id === 'c_T')!.data).toMatchObject({ thesis: true, status: 'contested' });
    expect(nodes.find((n) => n.id === 'q_1')!.ariaLabel).toBe('Quote: Quote q1.');
    expect(nodes.find((n) => n.id === 'q_1')!.data).toEqual({});
    expect(anchorOf(withLayout, withLayout.quotes['q_1']!)).toBe('exact');
  });

  it('hands back the same array, and the same node objects, when nothing they show changed', () => {
    const first = syncNodes([], withLayout, { visible: null });
    expect(syncNodes(first, withLayout, { visible: null })).toBe(first);
    // A text edit of one claim: the node shows the store's text itself, so nothing on the canvas's array changes.
    const edited = applyChange(withLayout, updateClaim(withLayout, 'c_C', { text: 'New text' }));
    expect(syncNodes(first, edited, { visible: null })).toBe(first);
    // A kind switch: only that node is a new object.
    const thesis = applyChange(edited, updateClaim(edited, 'c_C', { kind: 'thesis' }));
    const next = syncNodes(first, thesis, { visible: null });
    expect(next.filter((n, i) => n !== first[i]).map((n) => n.id)).toEqual(['c_C']);
  });

  it('gives a node its handle bounds until it is measured, so culling can skip it from the first frame', () => {
    const first = syncNodes([], withLayout, { visible: null });
    expect(first.every((n) => n.handles && n.handles.length > 0)).toBe(true);
    expect(first.find((n) => n.id === 'c_A')!.handles!.map((h) => h.type)).toEqual(['target', 'source']);
    expect(first.find((n) => n.id === 'q_1')!.handles!.map((h) => h.type)).toEqual(['source']);
    // Measured (React Flow measured its handles too): a new node object carries no guess.
    const measured = first.map(({ handles: _h, ...n }) => ({ ...n, measured: { width: 220, height: 90 } }) as FlowNode);
    const edited = applyChange(withLayout, updateClaim(withLayout, 'c_A', { text: 'Changed' }));
    expect(syncNodes(measured, edited, { visible: null }).find((n) => n.id === 'c_A')!.handles).toBeUndefined();
  });

  it('in the far view hides every node but those left drawn, keeping their measured sizes; back again, nothing is lost', () => {
    const first = syncNodes([], withLayout, { visible: null }).map((n) => ({ ...n, measured: { width: 220, height: 90 } }));
    const far = syncNodes(first, withLayout, { visible: null, drawn: new Set(['c_A']) });
    expect(far.filter((n) => !n.hidden).map((n) => n.id)).toEqual(['c_A']);
    expect(far.every((n) => n.measured?.width === 220)).toBe(true);
    expect(far.find((n) => n.id === 'c_A')).toBe(first.find((n) => n.id === 'c_A'));
    const back = syncNodes(far, withLayout, { visible: null });
    expect(back.every((n) => !n.hidden)).toBe(true);
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
    expect(e).toMatchObject({ source: 'q_1', target: 'c_A', data: { relation: 'supports', weight: 3 } });
    expect(edgeName(doc, 'l_q1_A')).toBe('supports: Quote q1. → Claim A');
    expect(edges.find((x) => x.id === 'l_B_T')).toMatchObject({ data: { weight: 2 } });
    expect(edgeName(doc, 'l_B_T')).toBe('contradicts: Claim B → Claim T');
    expect(edgeName(doc, 'l_gone')).toBeNull();
    expect(syncEdges(edges, doc, null)).toBe(edges);
    // Typing in a claim names its edges anew, and keeps every edge object and the array.
    const typed = applyChange(doc, updateClaim(doc, 'c_B', { text: 'Claim B, typed' }));
    expect(syncEdges(edges, typed, null)).toBe(edges);
    expect(edgeName(typed, 'l_B_T')).toBe('contradicts: Claim B, typed → Claim T');
    // A relation change is drawn.
    const flipped: MapDoc = { ...typed, links: { ...typed.links, l_B_T: { ...typed.links['l_B_T']!, relation: 'supports' } } };
    const next = syncEdges(edges, flipped, null);
    expect(next.filter((x, i) => x !== edges[i]).map((x) => x.id)).toEqual(['l_B_T']);
    expect(edgeName(flipped, 'l_B_T')).toBe('supports: Claim B, typed → Claim T');
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

describe('format version 2 in the graph', () => {
  // A and B are co-premises of one argument for T; q3 undercuts A's link into it; q1 backs B → T.
  const base = handMap({
    theses: ['T'],
    claims: ['A', 'B'],
    quotes: { q1: 's', q3: 's' },
    links: ['A + T', 'B + T'],
  });
  const [la, lb] = Object.values(base.links);
  const v2: MapDoc = {
    ...base,
    layout: { c_T: { x: 0, y: 0 }, c_A: { x: -200, y: 300 }, c_B: { x: 200, y: 300 }, q_1: { x: 400, y: 0 }, q_3: { x: -400, y: 0 } },
    links: {
      [la!.id]: { ...la!, group: 'g1', scheme: 'Argument From Sign' },
      [lb!.id]: { ...lb!, group: 'g1', scheme: 'Argument From Sign' },
      l_cut: { id: 'l_cut', from: 'q_3', to: la!.id, relation: 'contradicts', createdAt: la!.createdAt },
      l_back: { id: 'l_back', from: 'q_1', to: lb!.id, relation: 'supports', createdAt: la!.createdAt },
    },
  };

  it('joins co-premises through one junction named after the scheme, placed between premises and conclusion', () => {
    const nodes = syncNodes([], v2, { visible: null });
    const junction = nodes.find((n) => n.type === 'junction')!;
    expect(junction.ariaLabel).toBe('Argument: Argument From Sign');
    const c = { x: junction.position.x + 60, y: junction.position.y + 14 };
    expect(c.y).toBeGreaterThan(46);
    expect(c.y).toBeLessThan(346);
    const edges = syncEdges([], v2, null);
    const premise = edges.find((e) => e.id === la!.id)!;
    expect(premise.target).toBe(junction.id);
    expect(edgeName(v2, premise.id)).toBe('supports: Claim A → Claim T');
    const arrow = edges.find((e) => e.source === junction.id)!;
    expect(arrow.target).toBe('c_T');
    expect(edgeName(v2, arrow.id)).toBe('supports: Argument: Argument From Sign → Claim T');
    // Reconciling again hands back the same arrays.
    expect(syncNodes(nodes, v2, { visible: null })).toBe(nodes);
    expect(syncEdges(edges, v2, null)).toBe(edges);
  });

  it('draws links aimed at links to the middle of their edge, named undercuts or backs, with the status they leave', () => {
    const edges = syncEdges([], v2, null);
    const cut = edges.find((e) => e.id === 'l_cut')!;
    expect(edgeName(v2, cut.id)).toBe('undercuts: Quote q3. → Claim A → Claim T');
    expect(cut.data?.on?.from).toBe('c_A');
    expect(edgeName(v2, 'l_back')).toBe('backs: Quote q1. → Claim B → Claim T');
    // Undercut by weight 2 from 2: the whole argument carries nothing.
    expect(edges.find((e) => e.id === la!.id)!.data?.status).toBe('undercut');
  });

  it('a group of one is a plain edge', () => {
    const one: MapDoc = { ...v2, links: { [la!.id]: { ...la!, group: 'g1' }, [lb!.id]: lb! } };
    expect(syncNodes([], one, { visible: null }).some((n) => n.type === 'junction')).toBe(false);
    expect(syncEdges([], one, null).find((e) => e.id === la!.id)!.target).toBe('c_T');
  });
});
