import { describe, expect, it } from 'vitest';
import { buildJSONCanvas, escapeMarkdown, toJSONCanvas, type JSONCanvas } from './canvas';
import { sampleMap } from '../../test/interchangeMaps';

describe('toJSONCanvas', () => {
  const doc = sampleMap();
  const canvas = JSON.parse(toJSONCanvas(doc)) as JSONCanvas;

  it('has the JSON Canvas 1.0 shape: text nodes and edges, nothing else at the top', () => {
    expect(Object.keys(canvas).sort()).toEqual(['edges', 'nodes']);
    for (const n of canvas.nodes) {
      expect(Object.keys(n).sort()).toEqual(['height', 'id', 'text', 'type', 'width', 'x', 'y']);
      expect(n.type).toBe('text');
      expect(Number.isInteger(n.x) && Number.isInteger(n.y)).toBe(true);
    }
    for (const e of canvas.edges) {
      expect(Object.keys(e).sort()).toEqual(['color', 'fromNode', 'id', 'label', 'toEnd', 'toNode']);
    }
  });

  it('writes every claim and quote as a node with its id, claims 260×100, quotes 260×140', () => {
    expect(canvas.nodes.map((n) => n.id)).toEqual(['c_thesis', 'c_words', 'c_fleet', 'c_dup', 'q_one', 'q_two']);
    expect(canvas.nodes.find((n) => n.id === 'c_thesis')).toMatchObject({
      text: "Xi's diplomacy is shifting from offense to defense",
      width: 260,
      height: 100,
    });
    expect(canvas.nodes.find((n) => n.id === 'q_one')).toMatchObject({
      text: '> the new posture is defensive\n>\n> — Annual report: naval posture',
      width: 260,
      height: 140,
    });
  });

  it('takes positions from the layout and grids the rest below them, without overlaps', () => {
    const at = (id: string) => canvas.nodes.find((n) => n.id === id);
    expect(at('c_thesis')).toMatchObject({ x: 0, y: 0 });
    expect(at('c_words')).toMatchObject({ x: -200, y: 160 });
    expect(at('q_one')).toMatchObject({ x: -200, y: 320 });
    const gridded = canvas.nodes.filter((n) => !(n.id in doc.layout));
    expect(gridded).toHaveLength(3);
    for (const n of gridded) expect(n.y).toBeGreaterThanOrEqual(320 + 140);
    const boxes = canvas.nodes.map((n) => `${n.x},${n.y}`);
    expect(new Set(boxes).size).toBe(boxes.length);
  });

  it('draws links as arrows labelled and coloured by relation', () => {
    expect(canvas.edges).toEqual([
      { id: 'l_1', fromNode: 'c_words', toNode: 'c_thesis', toEnd: 'arrow', label: 'supports', color: '4' },
      { id: 'l_2', fromNode: 'c_fleet', toNode: 'c_thesis', toEnd: 'arrow', label: 'contradicts', color: '1' },
      { id: 'l_3', fromNode: 'q_one', toNode: 'c_words', toEnd: 'arrow', label: 'supports', color: '4' },
      { id: 'l_4', fromNode: 'q_two', toNode: 'c_fleet', toEnd: 'arrow', label: 'supports', color: '4' },
      { id: 'l_5', fromNode: 'c_dup', toNode: 'c_words', toEnd: 'arrow', label: 'contradicts', color: '1' },
    ]);
  });

  it('is stable, and takes positions and sizes from the options', () => {
    expect(toJSONCanvas(sampleMap())).toBe(toJSONCanvas(doc));
    const c = buildJSONCanvas(doc, {
      positions: { c_thesis: { x: 10.4, y: 20.6 } },
      sizes: { claim: { width: 300, height: 80 }, quote: { width: 200, height: 200 } },
    });
    expect(c.nodes[0]).toMatchObject({ id: 'c_thesis', x: 10, y: 21, width: 300, height: 80 });
    expect(c.nodes.find((n) => n.id === 'q_two')).toMatchObject({ width: 200, height: 200 });
    // Without any positions the grid starts at the origin.
    const grid = buildJSONCanvas({ ...doc, layout: {} });
    expect(grid.nodes[0]).toMatchObject({ x: 0, y: 0 });
    expect(grid.nodes[4]).toMatchObject({ x: 0, y: 200 });
  });

  it('quotes a multi-line passage line by line; a quote of a missing source has no attribution; dangling links are skipped', () => {
    const base = sampleMap();
    const q = { ...base.quotes.q_one!, exact: 'line one\n\nline two', sourceId: 'src_gone' };
    const c = buildJSONCanvas({ ...base, quotes: { q_one: q }, links: { ...base.links } });
    expect(c.nodes.find((n) => n.id === 'q_one')?.text).toBe('> line one\n>\n> line two');
    expect(c.edges.map((e) => e.id)).toEqual(['l_1', 'l_2', 'l_3', 'l_5']);
  });
});

describe('escapeMarkdown', () => {
  it('leaves no markup in claim text: links, images, HTML, emphasis, headings, lists, code, math', () => {
    const hostile = '# Head\n- item\n1. one\n    code\n[x](javascript:alert(1)) ![i](http://e/x.png) <img src=x onerror=1> **b** `c` $m$ %%hide%% ==hi==';
    const out = escapeMarkdown(hostile);
    expect(out).toBe(
      '\\# Head\n\\- item\n1\\. one\ncode\n\\[x\\]\\(javascript:alert\\(1\\)\\) \\!\\[i\\]\\(http://e/x.png\\) \\<img src\\=x onerror\\=1\\> \\*\\*b\\*\\* \\`c\\` \\$m\\$ \\%\\%hide\\%\\% \\=\\=hi\\=\\=',
    );
    // Unescaping every backslash escape gives back the text (less leading spaces).
    expect(out.replace(/\\(.)/g, '$1')).toBe(hostile.replace('    code', 'code'));
  });

  it('is applied to claim text and to quotes in the canvas', () => {
    const doc = sampleMap();
    const first = Object.values(doc.claims)[0]!;
    first.text = '[click](javascript:x) <b>bold</b>';
    const canvas = buildJSONCanvas(doc);
    const node = canvas.nodes.find((n) => n.id === first.id)!;
    expect(node.text).toBe('\\[click\\]\\(javascript:x\\) \\<b\\>bold\\</b\\>');
  });
});
