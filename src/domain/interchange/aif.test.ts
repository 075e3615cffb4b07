import { describe, expect, it } from 'vitest';
import type { MapDoc } from '../change';
import { MAP_FILE_VERSION, MapFileSchema } from '../schema';
import { aifExportNotice, fromAIF, toAIF } from './aif';
import { SOURCE_TEXT, argumentModelMap, argumentShape, linkTriples, nodeTexts, sameContent, sampleMap } from '../../test/interchangeMaps';

const NOW = '2026-03-01T12:00:00.000Z';

function imported(text: string, sources?: Array<{ title: string; text: string }>) {
  const r = fromAIF(text, { now: NOW, sources });
  if (!r.ok) throw new Error(r.message);
  return r;
}
const claimByText = (doc: MapDoc, text: string) => {
  const c = Object.values(doc.claims).find((x) => x.text === text);
  if (!c) throw new Error(`no claim "${text}" among ${JSON.stringify(nodeTexts(doc))}`);
  return c;
};
function expectValidMap(doc: MapDoc) {
  const parsed = MapFileSchema.safeParse({
    format: 'warrant.map',
    version: MAP_FILE_VERSION,
    exportedAt: NOW,
    map: doc.map,
    sources: Object.values(doc.sources),
    quotes: Object.values(doc.quotes),
    claims: Object.values(doc.claims),
    links: Object.values(doc.links),
    layout: doc.layout,
  });
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
}

describe('toAIF', () => {
  const aif = JSON.parse(toAIF(sampleMap())) as {
    nodes: Array<{ nodeID: string; text: string; type: string; x?: number; y?: number }>;
    edges: Array<{ edgeID: string; fromID: string; toID: string }>;
    locutions: unknown[];
  };

  it('writes claims and quotes as I-nodes with their Warrant ids', () => {
    const inodes = aif.nodes.filter((n) => n.type === 'I');
    expect(inodes.map((n) => n.nodeID).sort()).toEqual(['c_dup', 'c_fleet', 'c_thesis', 'c_words', 'q_one', 'q_two']);
    expect(inodes.find((n) => n.nodeID === 'q_one')?.text).toBe('the new posture is defensive');
    expect(aif.locutions).toEqual([]);
  });

  it('writes supports as RA and contradicts as CA, with edges premise → S-node → conclusion', () => {
    expect(aif.nodes.find((n) => n.nodeID === 'l_1')).toMatchObject({ nodeID: 'l_1', text: 'Default Inference', type: 'RA' });
    expect(aif.nodes.find((n) => n.nodeID === 'l_2')).toMatchObject({ nodeID: 'l_2', text: 'Default Conflict', type: 'CA' });
    expect(aif.edges.filter((e) => e.fromID === 'l_2' || e.toID === 'l_2')).toEqual([
      { edgeID: 'l_2_from', fromID: 'c_fleet', toID: 'l_2' },
      { edgeID: 'l_2_to', fromID: 'l_2', toID: 'c_thesis' },
    ]);
    expect(aif.edges).toHaveLength(10);
  });

  it('writes layout positions as x/y on the nodes', () => {
    expect(aif.nodes.find((n) => n.nodeID === 'c_words')).toMatchObject({ x: -200, y: 160 });
    expect(aif.nodes.find((n) => n.nodeID === 'c_fleet')).not.toHaveProperty('x');
  });
});

/** An AIF file as a tool that keeps only what AIF defines would write it back. */
function withoutWarrantFields(aif: string): string {
  const data = JSON.parse(aif) as { nodes: Array<Record<string, unknown>>; warrant?: unknown };
  delete data.warrant;
  for (const n of data.nodes) delete n['warrant'];
  return JSON.stringify(data);
}

describe('round trip map → AIF → map', () => {
  it('gives back the map: claims, thesis, tags, notes, weights, quotes with credibility, sources with their text, title', () => {
    const doc = sampleMap();
    const r = imported(toAIF(doc));
    expect(sameContent(r.doc)).toEqual(sameContent(doc));
    expect(r.summary.leftOut).toEqual([]);
    expect(aifExportNotice(doc).leftOut).toEqual([]);
    expectValidMap(r.doc);
  });

  it('an AIF tool that drops the warrant fields: every claim and link stays; quotes come back as claims', () => {
    const doc = sampleMap();
    const r = imported(withoutWarrantFields(toAIF(doc)));
    expect(nodeTexts(r.doc)).toEqual(nodeTexts(doc));
    expect(linkTriples(r.doc)).toEqual(linkTriples(doc));
    expect(r.summary.imported).toEqual({ claims: 6, links: 5, quotes: 0, sources: 0 });
    expect(r.doc.map.title).toBe('Imported AIF map');
    expect(Object.values(r.doc.layout).sort((a, b) => a.x - b.x || a.y - b.y)).toEqual([
      { x: -200, y: 160 },
      { x: -200, y: 320 },
      { x: 0, y: 0 },
    ]);
    expectValidMap(r.doc);
  });

  it('with the source supplied, quotes come back as quotes, anchored', () => {
    const doc = sampleMap();
    const r = imported(withoutWarrantFields(toAIF(doc)), [{ title: 'Annual report', text: SOURCE_TEXT }]);
    expect(r.summary.imported).toEqual({ claims: 4, links: 5, quotes: 2, sources: 1 });
    expect(linkTriples(r.doc)).toEqual(linkTriples(doc));
    const quotes = Object.values(r.doc.quotes).sort((a, b) => a.start - b.start);
    const original = Object.values(doc.quotes).sort((a, b) => a.start - b.start);
    expect(quotes.map((q) => [q.exact, q.start, q.end])).toEqual(original.map((q) => [q.exact, q.start, q.end]));
    expect(quotes[0]?.prefix).toBe('Officials said ');
    expect(quotes[1]?.prefix).toBe('defensive. Critics replied that ');
    expect(quotes[1]?.suffix).toBe(', and that #budgets keep rising:');
    expect(Object.values(r.doc.sources)[0]).toMatchObject({ title: 'Annual report', text: SOURCE_TEXT, addedAt: NOW });
    expectValidMap(r.doc);
  });

  it('keeps linked arguments, links aimed at links and schemes one to one', () => {
    const doc = argumentModelMap();
    const aif = JSON.parse(toAIF(doc)) as { nodes: Array<{ nodeID: string; type: string; text: string; scheme?: string }>; edges: Array<{ fromID: string; toID: string }> };
    // Node order follows the link order, which is not part of the format: compare by id.
    const s = aif.nodes.filter((n) => n.nodeID === 'l_1' || n.nodeID === 'l_6').sort((a, b) => a.nodeID.localeCompare(b.nodeID));
    expect(s.map((n) => [n.type, n.text, n.scheme])).toEqual([
      ['RA', 'Argument From Expert Opinion', 'Argument From Expert Opinion'],
      ['CA', 'Default Conflict', undefined],
    ]);
    expect(aif.nodes.filter((n) => n.type === 'RA' || n.type === 'CA')).toHaveLength(5); // 6 links, 2 of them one group
    expect(aif.edges.filter((e) => e.toID === s[0]!.nodeID).map((e) => e.fromID).sort()).toEqual(['c_fleet', 'c_words', 'l_6']);
    expect(aif.edges.find((e) => e.fromID === s[1]!.nodeID)?.toID).toBe(s[0]!.nodeID);
    const back = imported(toAIF(doc));
    expect(sameContent(back.doc)).toEqual(sameContent(doc));
    const bare = imported(withoutWarrantFields(toAIF(doc)));
    expect(argumentShape(bare.doc)).toEqual(argumentShape(doc));
    expectValidMap(back.doc);
  });
});

// Written by hand from the AIFdb JSON format: an analysed dialogue between Bob and Alice.
const DIALOGUE = {
  nodes: [
    { nodeID: '1', text: 'Bob: Cats are the better pets', type: 'L', timestamp: '2026-01-01 10:00:00' },
    { nodeID: '2', text: 'Cats are the better pets', type: 'I', timestamp: '2026-01-01 10:00:00' },
    { nodeID: '3', text: 'Asserting', type: 'YA' },
    { nodeID: '4', text: 'Cats are quiet', type: 'I' },
    { nodeID: '5', text: 'Quiet pets suit small flats', type: 'I' },
    { nodeID: 6, text: 'Default Inference', type: 'RA' },
    { nodeID: '7', text: 'Dogs are more loyal', type: 'I' },
    { nodeID: '8', text: 'Default Conflict', type: 'CA' },
    { nodeID: '9', text: 'Quiet is not what makes a pet good', type: 'I' },
    { nodeID: '10', text: 'Default Conflict', type: 'CA' },
    { nodeID: '11', text: 'Alice: most cats sleep sixteen hours a day', type: 'L' },
    { nodeID: '12', text: 'Default Transition', type: 'TA' },
    { nodeID: '13', text: 'Default Rephrase', type: 'MA' },
    { nodeID: '14', text: 'Carol: I once had a hamster', type: 'L' },
    { nodeID: '15', text: 'Default Preference', type: 'PA' },
    { nodeID: '16', text: 'Asserting', type: 'YA' },
  ],
  edges: [
    { edgeID: '1', fromID: '1', toID: '3' },
    { edgeID: '2', fromID: '3', toID: '2' },
    { edgeID: '3', fromID: '4', toID: 6 },
    { edgeID: '4', fromID: '5', toID: '6' },
    { edgeID: '5', fromID: '6', toID: '2' },
    { edgeID: '6', fromID: '7', toID: '8' },
    { edgeID: '7', fromID: '8', toID: '2' },
    { edgeID: '8', fromID: '9', toID: '10' },
    { edgeID: '9', fromID: '10', toID: '6' },
    { edgeID: '10', fromID: '1', toID: '12' },
    { edgeID: '11', fromID: '12', toID: '11' },
    { edgeID: '12', fromID: '99', toID: '2' },
  ],
  locutions: [{ nodeID: '1', personID: '1' }],
};
const VET = { title: 'Vet handbook', text: 'Sleep. As vets say, most cats sleep sixteen hours a day, more when old.' };

describe('fromAIF on a hand-written AIFdb dialogue', () => {
  const r = imported(JSON.stringify(DIALOGUE), [{ title: 'Unrelated', text: 'Nothing here.' }, VET]);
  const doc = r.doc;

  it('reads I-nodes as claims', () => {
    expect(Object.values(doc.claims).map((c) => c.text).sort()).toEqual(
      ['Cats are quiet', 'Cats are the better pets', 'Dogs are more loyal', 'Quiet is not what makes a pet good', 'Quiet pets suit small flats'].sort(),
    );
  });

  it('reads a multi-premise RA as one linked argument (a group of supports links), CA as contradicts', () => {
    expect(linkTriples(doc)).toEqual(
      [
        'Cats are quiet → supports → Cats are the better pets',
        'Quiet pets suit small flats → supports → Cats are the better pets',
        'Dogs are more loyal → contradicts → Cats are the better pets',
        'Quiet is not what makes a pet good → contradicts → Cats are quiet → supports → Cats are the better pets',
      ].sort(),
    );
    const grouped = Object.values(doc.links).filter((l) => l.group !== undefined);
    expect(grouped).toHaveLength(2);
    expect(new Set(grouped.map((l) => l.group)).size).toBe(1);
  });

  it('reads the undercut (CA → RA) as a contradicts link aimed at the RA’s link, and says so', () => {
    const undercut = Object.values(doc.links).find((l) => l.to in doc.links);
    expect(undercut).toMatchObject({ relation: 'contradicts' });
    expect(doc.links[undercut!.to]!.group).toBeDefined();
    expect(r.summary.notes.join('\n')).toMatch(/1 RA\/CA node aimed at another RA\/CA node became links aimed at links/);
  });

  it('turns a locution found in a supplied source into an anchored quote, speaker stripped', () => {
    const [quote] = Object.values(doc.quotes);
    expect(Object.values(doc.quotes)).toHaveLength(1);
    const source = Object.values(doc.sources)[0]!;
    expect(Object.values(doc.sources)).toHaveLength(1);
    expect(source.title).toBe('Vet handbook');
    expect(quote).toMatchObject({
      sourceId: source.id,
      exact: 'most cats sleep sixteen hours a day',
      start: VET.text.indexOf('most cats'),
      end: VET.text.indexOf('most cats') + 35,
      prefix: 'Sleep. As vets say, ',
      suffix: ', more when old.',
      note: 'Said by Alice.',
      createdAt: NOW,
    });
    expect(source.text.slice(quote!.start, quote!.end)).toBe(quote!.exact);
  });

  it('keeps a locution not found as a note: on the claim it asserts (YA), else in the map description', () => {
    expect(claimByText(doc, 'Cats are the better pets').note).toContain('Locution: Bob: Cats are the better pets');
    expect(doc.map.description).toBe('Locutions of the AIF file not found in any supplied source:\n- Carol: I once had a hamster');
  });

  it('counts the ignored YA, TA, MA, PA nodes and the dangling edge', () => {
    expect(r.summary.leftOut).toEqual(
      expect.arrayContaining([
        '1 edge to or from a node that is not in the file.',
        '2 YA nodes (illocutionary connections) ignored.',
        '1 TA node (dialogue transitions) ignored.',
        '1 MA node (rephrases) ignored.',
        '1 PA node (preferences) ignored.',
      ]),
    );
    expect(r.summary.imported).toEqual({ claims: 5, links: 4, quotes: 1, sources: 1 });
    expect(doc.map.title).toBe('Imported AIF map');
    expectValidMap(doc);
  });

  it('without sources every locution is a note', () => {
    const plain = imported(JSON.stringify(DIALOGUE));
    expect(plain.summary.imported.quotes).toBe(0);
    expect(plain.summary.imported.sources).toBe(0);
    expect(plain.doc.map.description).toContain('- Alice: most cats sleep sixteen hours a day');
  });
});

describe('fromAIF, OVA layout and odd graphs', () => {
  const small = {
    nodes: [
      { nodeID: 1, text: 'Rain is coming', type: 'I', x: 10, y: 20 },
      { nodeID: 2, text: 'Clouds are dark', type: 'I' },
      { nodeID: 3, text: 'Default Inference', type: 'RA' },
    ],
    edges: [
      { edgeID: 1, fromID: 2, toID: 3 },
      { edgeID: 2, fromID: 3, toID: 1 },
    ],
  };

  it('reads OVA: the AIF part and the layout block ({OVersion, nodes:[{nodeID,x,y}]})', () => {
    const ova = { AIF: small, OVA: { OVersion: '3.0', nodes: [{ nodeID: 2, x: 300, y: 400, visible: true }, { nodeID: 3, x: 'bad' }] } };
    const r = imported(JSON.stringify(ova));
    const byText = (t: string) => r.doc.layout[claimByText(r.doc, t).id];
    expect(byText('Clouds are dark')).toEqual({ x: 300, y: 400 });
    expect(byText('Rain is coming')).toEqual({ x: 10, y: 20 });
    expect(linkTriples(r.doc)).toEqual(['Clouds are dark → supports → Rain is coming']);
  });

  it('reports an RA without premise, an S-node aimed at nothing, a conclusion of an unknown kind', () => {
    const r = imported(
      JSON.stringify({
        nodes: [
          { nodeID: 'a', text: 'A', type: 'I' },
          { nodeID: 'ra1', type: 'RA' },
          { nodeID: 'ra2', text: 'Default Inference', type: 'RA' },
          { nodeID: 'ca1', type: 'CA' },
          { nodeID: 'x', text: 'Scheme', type: 'X' },
          { nodeID: 'ra3', type: 'RA' },
          { nodeID: 'ra4', type: 'RA' },
        ],
        edges: [
          { fromID: 'ra1', toID: 'a' },
          { fromID: 'a', toID: 'ra2' },
          { fromID: 'ra2', toID: 'x' },
          { fromID: 'a', toID: 'ca1' },
          { fromID: 'ca1', toID: 'ra3' },
          { fromID: 'a', toID: 'ra4' },
          { fromID: 'ra4', toID: 'a' },
        ],
      }),
    );
    expect(Object.keys(r.doc.links)).toHaveLength(0);
    const left = r.summary.leftOut.join('\n');
    expect(left).toMatch(/RA node ra1: it lacks a premise or a conclusion/);
    expect(left).toMatch(/RA node ra2 \(Default Inference\): its conclusion is a X node/);
    expect(left).toMatch(/RA node ra3: it lacks a premise or a conclusion/);
    expect(left).toMatch(/RA node ra4: a claim cannot be a reason for itself/);
    expect(left).toMatch(/1 X node \(not a kind of node Warrant knows\) ignored/);
    expect(left).toMatch(/CA node ca1: it is aimed at an inference that did not come through/);
  });

  it('an RA aimed at an RA is a supports link aimed at its link (a backing)', () => {
    const r = imported(
      JSON.stringify({
        nodes: [...small.nodes, { nodeID: 4, text: 'Dark clouds usually mean rain', type: 'I' }, { nodeID: 5, type: 'RA' }],
        edges: [...small.edges, { fromID: 4, toID: 5 }, { fromID: 5, toID: 3 }],
      }),
    );
    expect(linkTriples(r.doc)).toContain('Dark clouds usually mean rain → supports → Clouds are dark → supports → Rain is coming');
  });

  it('a quote id that is a conclusion stays a claim', () => {
    const r = imported(
      JSON.stringify({
        nodes: [
          { nodeID: 'q_x', text: 'most cats sleep', type: 'I' },
          { nodeID: 'c_y', text: 'Cats are lazy', type: 'I' },
          { nodeID: 'l_z', type: 'CA' },
        ],
        edges: [
          { fromID: 'c_y', toID: 'l_z' },
          { fromID: 'l_z', toID: 'q_x' },
        ],
      }),
      [VET],
    );
    expect(r.summary.imported).toMatchObject({ claims: 2, quotes: 0, links: 1 });
  });

  it('uses the current time when no time is given', () => {
    const r = fromAIF(JSON.stringify(small));
    expect(r.ok && r.doc.map.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

describe('fromAIF refusals', () => {
  it('refuses malformed JSON', () => {
    const r = fromAIF('{"nodes": [');
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.message).toMatch(/^Not valid JSON/);
  });

  it('refuses the wrong shape, saying where', () => {
    const r = fromAIF(JSON.stringify({ nodes: [{ nodeID: 1, text: 'x' }], edges: [] }));
    expect(!r.ok && r.message).toMatch(/^Not an AIF file:[\s\S]*nodes\[0\]\.type/);
    expect(fromAIF('[1, 2]').ok).toBe(false);
    expect(fromAIF(JSON.stringify({ nodes: 'none', edges: [] })).ok).toBe(false);
    expect(fromAIF(JSON.stringify({ nodes: [{ nodeID: true, type: 'I' }], edges: [] })).ok).toBe(false);
  });

  it('refuses a nodeID used twice (1 and "1" are the same id)', () => {
    const r = fromAIF(JSON.stringify({ nodes: [{ nodeID: 1, type: 'I' }, { nodeID: '1', type: 'I' }], edges: [] }));
    expect(!r.ok && r.message).toBe('Not an AIF file: nodeID 1 is used twice.');
  });
});
