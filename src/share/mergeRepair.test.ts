/**
 * The rule book's repair through real Y.Docs: two peers make valid edits at
 * once (grouping links, changing a member's weight or relation, aiming links
 * at links, editing a source), and two other peers receive them in opposite
 * orders. Without talking to each other, those two must hold the same map,
 * one its own import accepts; and everyone converges once all is exchanged.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { applyChange, deletionChange, emptyChange, type Change, type MapDoc } from '../domain/change';
import { groupLinks, ungroupLink, updateLink, updateSource } from '../domain/edits';
import { parseMapFile } from '../domain/format/parse';
import { serializeMap } from '../domain/format/serialize';
import { checkDoc, linkRefusal } from '../domain/integrity';
import { checkChange } from '../domain/rules';
import { makeClaim, makeLink, makeMap, makeQuote, smallDoc } from '../test/factories';
import { TestClient, syncAll } from '../test/testClients';
import { diffYDocToChange } from './yMap';

const put = (over: Partial<Change['put']>): Change => ({ ...emptyChange('map_test'), put: over });

/** smallDoc with a linked argument: c_sub and c_co are co-premises of the thesis. */
function baseDoc(): MapDoc {
  const doc = applyChange(smallDoc(), put({ claims: [makeClaim('c_co', 'A co-premise')] }));
  return applyChange(
    doc,
    put({
      links: [
        makeLink('l_3', 'c_sub', 'c_thesis', 'supports', { group: 'g1' }),
        makeLink('l_5', 'c_co', 'c_thesis', 'supports', { group: 'g1' }),
      ],
    }),
  );
}

type Op =
  | { kind: 'group'; a: number; b: number }
  | { kind: 'ungroup'; a: number }
  | { kind: 'weight'; a: number; w: 1 | 2 | 3 }
  | { kind: 'flip'; a: number }
  | { kind: 'aim'; a: number; b: number }
  | { kind: 'unlink'; a: number }
  | { kind: 'source'; a: number; b: number; insert: string }
  | { kind: 'quote'; a: number; b: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('group' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('ungroup' as const), a: fc.nat() }),
  fc.record({ kind: fc.constant('weight' as const), a: fc.nat(), w: fc.constantFrom(1 as const, 2 as const, 3 as const) }),
  fc.record({ kind: fc.constant('flip' as const), a: fc.nat() }),
  fc.record({ kind: fc.constant('aim' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('unlink' as const), a: fc.nat() }),
  fc.record({ kind: fc.constant('source' as const), a: fc.nat(), b: fc.nat(), insert: fc.constantFrom('', 'X', 'inserted words ') }),
  fc.record({ kind: fc.constant('quote' as const), a: fc.nat(), b: fc.nat() }),
);

/** A valid Change for `op` on the peer's map as it is now (the check a user's edit passes), or null. */
function changeFor(c: TestClient, op: Op, serial: number): Change | null {
  const links = Object.keys(c.doc.links).sort();
  const nodes = [...Object.keys(c.doc.claims), ...Object.keys(c.doc.quotes)].sort();
  const link = (n: number) => links[n % links.length];
  let change: Change | null = null;
  if (!links.length) return null;
  switch (op.kind) {
    case 'group': {
      const r = groupLinks(c.doc, [link(op.a)!, link(op.b)!]);
      change = r.ok ? r.change : null;
      break;
    }
    case 'ungroup':
      change = ungroupLink(c.doc, link(op.a)!);
      break;
    case 'weight':
      change = updateLink(c.doc, link(op.a)!, { weight: op.w });
      break;
    case 'flip': {
      const l = c.doc.links[link(op.a)!]!;
      change = updateLink(c.doc, l.id, { relation: l.relation === 'supports' ? 'contradicts' : 'supports' });
      break;
    }
    case 'aim': {
      const from = nodes[op.a % nodes.length]!;
      const to = link(op.b)!;
      if (linkRefusal(c.doc, from, to)) return null;
      change = put({ links: [makeLink(`l_${c.name}_${serial}`, from, to, 'contradicts')] });
      break;
    }
    case 'unlink':
      change = deletionChange(c.doc, { links: [link(op.a)!] });
      break;
    case 'source': {
      const s = c.doc.sources['src_a']!;
      const at = op.a % (s.text.length + 1);
      const cut = Math.min(s.text.length, at + (op.b % 30));
      const text = s.text.slice(0, at) + op.insert + s.text.slice(cut);
      if (!text.trim()) return null;
      change = updateSource(c.doc, 'src_a', { ...s, text }).change;
      break;
    }
    case 'quote': {
      // A new quote of the source as this peer sees it, as evidence for the thesis.
      const s = c.doc.sources['src_a']!;
      const start = op.a % s.text.length;
      const end = Math.min(s.text.length, start + 1 + (op.b % 20));
      const id = `q_${c.name}_${serial}`;
      const quote = { ...makeQuote(id, s, s.text.slice(start, end)), start, end, prefix: s.text.slice(Math.max(0, start - 32), start), suffix: s.text.slice(end, end + 32) };
      change = put({ quotes: [quote], links: [makeLink(`l_${c.name}_${serial}`, id, 'c_thesis')] });
      break;
    }
  }
  if (!change) return null;
  return checkChange(applyChange(c.doc, change), change).length ? null : change;
}

const exportImports = (doc: MapDoc) => parseMapFile(serializeMap(doc, '2026-12-03T10:00:00.000Z')).kind;

function expectValidAndInStep(c: TestClient): void {
  expect(checkDoc(c.doc), c.name).toEqual([]);
  expect(exportImports(c.doc), c.name).toBe('ok');
  expect(diffYDocToChange(c.ydoc, c.doc).change, `${c.name}'s map matches its Y.Doc`).toEqual(emptyChange(c.doc.map.id));
  expect(c.rejected()).toEqual([]);
}

function run(script: Array<[0 | 1, Op]>): { carol: TestClient } {
  const alice = new TestClient('alice', baseDoc());
  alice.sync.seed();
  const [bob, carol, dave] = ['bob', 'carol', 'dave'].map((n) => new TestClient(n, makeMap()));
  syncAll([alice, bob!, carol!, dave!]);
  const base = Y.encodeStateVector(alice.ydoc);
  // Alice and Bob edit at once, neither seeing the other (Bob may be offline).
  script.forEach(([who, op], serial) => {
    const peer = who === 0 ? alice : bob!;
    const change = changeFor(peer, op, serial);
    if (change) peer.edit(change);
  });
  const fromAlice = Y.encodeStateAsUpdate(alice.ydoc, base);
  const fromBob = Y.encodeStateAsUpdate(bob!.ydoc, base);
  Y.applyUpdate(carol!.ydoc, fromAlice, 'net');
  Y.applyUpdate(carol!.ydoc, fromBob, 'net');
  Y.applyUpdate(dave!.ydoc, fromBob, 'net');
  Y.applyUpdate(dave!.ydoc, fromAlice, 'net');
  // Same merged state, repaired apart: the same map, and a valid one.
  expect(carol!.doc).toEqual(dave!.doc);
  expectValidAndInStep(carol!);
  expectValidAndInStep(dave!);
  syncAll([alice, bob!, carol!, dave!]);
  for (const c of [alice, bob!, dave!]) expect(c.doc, c.name).toEqual(carol!.doc);
  for (const c of [alice, bob!, carol!, dave!]) expectValidAndInStep(c);
  return { carol: carol! };
}

describe('two valid edits merged, then repaired', () => {
  it('Alice groups two links while Bob changes one member\'s weight and flips another: one valid map for all', () => {
    run([
      [0, { kind: 'group', a: 0, b: 2 }], // l_1 and l_3: into g1, taking l_1's relation and weight
      [1, { kind: 'weight', a: 0, w: 1 }], // Bob: l_1 weak
      [1, { kind: 'flip', a: 2 }], // Bob: l_3 (and its group) contradicts
    ]);
  });

  it('Alice cuts the end of a source while Bob quotes from that end: Bob\'s quote stays, moved into the text', () => {
    const { carol } = run([
      [0, { kind: 'source', a: 70, b: 29, insert: '' }], // Alice: the last 17 characters go
      [1, { kind: 'quote', a: 80, b: 5 }], // Bob: quotes 6 of them
    ]);
    const quote = carol.doc.quotes['q_bob_1']!;
    expect(quote.exact).toBe('kappa.');
    expect(quote.end).toBe(carol.doc.sources['src_a']!.text.length);
    expect(quote.end - quote.start).toBe(6); // as long as it was, for the reviewer
    expect(carol.remote.flatMap((r) => r.repaired).map((p) => p.path)).toContain('quotes[q_bob_1].end');
  });

  it('merges any two scripts of grouping, weights, relations, links aimed at links and source edits, whatever the order', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(0 as const, 1 as const), opArb), { minLength: 1, maxLength: 8 }), (script) => void run(script)), {
      numRuns: 120,
    });
  }, 120_000);
});
