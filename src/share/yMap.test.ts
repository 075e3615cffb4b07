import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { deletionChange, emptyChange, emptyDoc, type Change, type MapDoc } from '../domain/change';
import { checkDoc, linkRefusal } from '../domain/integrity';
import { makeClaim, makeLink, makeMap, makeSource, smallDoc } from '../test/factories';
import { TestClient, syncAll } from '../test/testClients';
import { UpdateValidator, applyChangeToYDoc, diffYDocToChange, jsonEqual, seedChange } from './yMap';

const put = (over: Partial<Change['put']>, map = 'map_test'): Change => ({ ...emptyChange(map), put: over });
const del = (over: Partial<Change['delete']>, map = 'map_test'): Change => ({ ...emptyChange(map), delete: over });

/** Alice shares the small map; Bob joins with an empty map and catches up. */
function pair(): [TestClient, TestClient] {
  const alice = new TestClient('alice', smallDoc());
  alice.sync.seed();
  const bob = new TestClient('bob', makeMap());
  syncAll([alice, bob]);
  return [alice, bob];
}

function expectConverged(clients: readonly TestClient[]): void {
  const [first, ...rest] = clients;
  for (const c of rest) expect(c.doc, `${c.name} vs ${first!.name}`).toEqual(first!.doc);
  for (const c of clients) {
    const diff = diffYDocToChange(c.ydoc, c.doc);
    expect(diff.change, `${c.name}'s map matches its Y.Doc`).toEqual(emptyChange(c.doc.map.id));
    expect(checkDoc(c.doc)).toEqual([]);
  }
}

describe('the Y.Doc of a shared map', () => {
  it('carries a whole map to a client that joins', () => {
    const [alice, bob] = pair();
    expect(bob.doc).toEqual(alice.doc);
    expect(bob.rejected()).toEqual([]);
  });

  it('stores a record as a Y.Map of plain fields and a source text as one string', () => {
    const [alice] = pair();
    const source = alice.ydoc.getMap('sources').get('src_a');
    expect(source).toBeInstanceOf(Y.Map);
    expect(typeof (source as Y.Map<unknown>).get('text')).toBe('string');
    expect(alice.ydoc.getMap('layout').get('c_thesis')).toEqual({ x: 0, y: 0 });
  });

  it('writes only the fields that changed', () => {
    const [alice] = pair();
    const updates: Uint8Array[] = [];
    alice.ydoc.on('update', (u: Uint8Array) => updates.push(u));
    const claim = alice.doc.claims['c_sub']!;
    alice.edit(put({ claims: [{ ...claim, text: 'Renamed' }] }));
    expect(updates).toHaveLength(1);
    const probe = new Y.Doc();
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(alice.ydoc));
    const fields = (alice.ydoc.getMap('claims').get('c_sub') as Y.Map<unknown>).toJSON();
    expect(fields).toEqual({ ...claim, text: 'Renamed' });
    // One field rewritten: the update is far smaller than the whole record.
    expect(updates[0]!.length).toBeLessThan(60);
  });

  it('merges concurrent edits to different fields of one record', () => {
    const [alice, bob] = pair();
    const claim = alice.doc.claims['c_sub']!;
    alice.edit(put({ claims: [{ ...claim, text: 'Alice text' }] }));
    bob.edit(put({ claims: [{ ...claim, note: 'Bob note' }] }));
    syncAll([alice, bob]);
    expectConverged([alice, bob]);
    expect(alice.doc.claims['c_sub']).toMatchObject({ text: 'Alice text', note: 'Bob note' });
  });

  it('resolves concurrent edits to one field to one winner on both sides', () => {
    const [alice, bob] = pair();
    const claim = alice.doc.claims['c_sub']!;
    alice.edit(put({ claims: [{ ...claim, text: 'Alice' }] }));
    bob.edit(put({ claims: [{ ...claim, text: 'Bob' }] }));
    syncAll([alice, bob]);
    expectConverged([alice, bob]);
    expect(['Alice', 'Bob']).toContain(alice.doc.claims['c_sub']!.text);
  });

  it('lets a deletion win over a concurrent edit and hands the edited version over for the Trash', () => {
    const [alice, bob] = pair();
    alice.edit(deletionChange(alice.doc, { claims: ['c_sub'] }));
    const edited = { ...bob.doc.claims['c_sub']!, text: 'Bob edited this' };
    bob.edit(put({ claims: [edited] }));
    syncAll([alice, bob]);
    expectConverged([alice, bob]);
    expect(bob.doc.claims['c_sub']).toBeUndefined();
    expect(bob.doc.links['l_3']).toBeUndefined();
    expect(bob.remote.flatMap((r) => r.deletedWhileEdited)).toEqual([{ table: 'claims', record: edited }]);
    expect(alice.remote.flatMap((r) => r.deletedWhileEdited)).toEqual([]);
  });

  it('removes a link made concurrently to a claim deleted elsewhere, as a local delete would', () => {
    const [alice, bob] = pair();
    alice.edit(deletionChange(alice.doc, { claims: ['c_sub'] }));
    bob.edit(put({ claims: [makeClaim('c_new', 'New')], links: [makeLink('l_new', 'c_new', 'c_sub')] }));
    syncAll([alice, bob]);
    expectConverged([alice, bob]);
    expect(alice.doc.links['l_new']).toBeUndefined();
    expect(alice.doc.claims['c_new']).toBeDefined();
    expect(alice.ydoc.getMap('links').has('l_new')).toBe(false);
    expect(alice.rejected()).toEqual([]);
  });

  it('removes quotes of a source deleted elsewhere and the links from them', () => {
    const [alice, bob] = pair();
    alice.edit(deletionChange(alice.doc, { sources: ['src_a'] }));
    bob.edit(put({ links: [makeLink('l_new', 'q_3', 'c_thesis')] }));
    syncAll([alice, bob]);
    expectConverged([alice, bob]);
    expect(Object.keys(bob.doc.quotes)).toEqual([]);
    expect(bob.doc.links['l_new']).toBeUndefined();
  });

  it('keeps one of two links made at once between the same nodes', () => {
    const [alice, bob] = pair();
    alice.edit(put({ links: [makeLink('l_b', 'q_3', 'c_thesis')] }));
    bob.edit(put({ links: [makeLink('l_a', 'q_3', 'c_thesis')] }));
    syncAll([alice, bob]);
    expectConverged([alice, bob]);
    expect(alice.doc.links['l_a']).toBeDefined();
    expect(alice.doc.links['l_b']).toBeUndefined();
  });

  it('syncs the map record, layout moves and deletions', () => {
    const [alice, bob] = pair();
    alice.edit({ ...emptyChange('map_test'), map: { ...alice.doc.map, title: 'New title' }, put: { layout: { c_sub: { x: 5, y: 6 } } } });
    bob.edit(del({ layout: ['q_1'] }));
    syncAll([alice, bob]);
    expectConverged([alice, bob]);
    expect(bob.doc.map.title).toBe('New title');
    expect(bob.doc.layout).toEqual({ c_thesis: { x: 0, y: 0 }, c_sub: { x: 5, y: 6 } });
  });
});

describe('records from a peer are checked like an import', () => {
  /** A hostile peer writes straight into its Y.Doc, bypassing every check. */
  function hostileWrite(target: TestClient, write: (doc: Y.Doc) => void): void {
    const evil = new Y.Doc();
    Y.applyUpdate(evil, Y.encodeStateAsUpdate(target.ydoc));
    const sv = Y.encodeStateVector(evil);
    write(evil);
    Y.applyUpdate(target.ydoc, Y.encodeStateAsUpdate(evil, sv), 'net');
  }
  const record = (fields: Record<string, unknown>) => new Y.Map<unknown>(Object.entries(fields));

  it('refuses a script URL and a 50 MB string, reports them, and repairs away a link to a claim that never existed', () => {
    const [alice] = pair();
    const before = alice.doc;
    hostileWrite(alice, (d) => {
      d.getMap('links').set('l_evil', record({ id: 'l_evil', from: 'c_thesis', to: 'c_missing', relation: 'supports', createdAt: '2026-11-23T10:00:00.000Z' }));
      d.getMap('sources').set('src_evil', record({ ...makeSource('src_evil', 'x'), url: 'javascript:alert(document.cookie)' }));
      d.getMap('claims').set('c_huge', record({ ...makeClaim('c_huge', 'x'.repeat(50 * 1024 * 1024)) }));
      (d.getMap('claims').get('c_sub') as Y.Map<unknown>).set('kind', '<script>alert(1)</script>');
    });
    expect(alice.doc).toEqual(before);
    const paths = alice.rejected().map((p) => p.path).sort();
    expect(paths).toEqual(['claims[c_huge]', 'claims[c_sub]', 'sources[src_evil]']);
    // A dangling reference is what a concurrent delete leaves too: the rule book repairs it, on every client alike.
    expect(alice.remote.flatMap((r) => r.repaired).map((p) => p.path)).toEqual(['links[l_evil]']);
    expect(alice.ydoc.getMap('links').has('l_evil')).toBe(false);
    for (const p of alice.rejected()) expect(p.message.length).toBeLessThanOrEqual(301);
  });

  it('keeps a quote whose text is not in its source (fuzzy, rule 3) and refuses garbage in place of a record', () => {
    const [alice] = pair();
    const before = alice.doc;
    hostileWrite(alice, (d) => {
      (d.getMap('quotes').get('q_1') as Y.Map<unknown>).set('exact', 'Not in the text at all');
    });
    expect(alice.doc.quotes['q_1']?.exact).toBe('Not in the text at all');
    expect(alice.rejected()).toEqual([]);
    expect(checkDoc(alice.doc)).toEqual([]);
    alice.doc = before;
    hostileWrite(alice, (d) => {
      d.getMap('claims').set('c_text', new Y.Text('hello'));
      d.getMap('layout').set('c_thesis', { x: 'left' });
      d.getMap('map').set('id', 'map_other');
    });
    expect(alice.doc).toEqual(before);
    expect(alice.rejected().map((p) => p.path).sort()).toEqual(['claims[c_text]', 'layout[c_thesis]', 'map.id']);
  });

  it('keeps the valid part of an update that also carries an invalid record', () => {
    const [alice] = pair();
    hostileWrite(alice, (d) => {
      d.getMap('claims').set('c_ok', record(makeClaim('c_ok', 'fine')));
      d.getMap('claims').set('c_bad', record({ id: 'c_bad', text: 1 }));
    });
    expect(alice.doc.claims['c_ok']).toEqual(makeClaim('c_ok', 'fine'));
    expect(alice.doc.claims['c_bad']).toBeUndefined();
    expect(checkDoc(alice.doc)).toEqual([]);
  });

  it('strips fields the schema does not know', () => {
    const [alice] = pair();
    hostileWrite(alice, (d) => {
      (d.getMap('claims').get('c_sub') as Y.Map<unknown>).set('onclick', 'alert(1)');
    });
    expect(alice.doc.claims['c_sub']).not.toHaveProperty('onclick');
  });
});

describe('jsonEqual', () => {
  it('ignores key order and undefined fields', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
  });
});

describe('fuzz: concurrent random Changes', () => {
  type Op =
    | { kind: 'create'; text: string }
    | { kind: 'edit'; pick: number; text: string; field: 'text' | 'note' }
    | { kind: 'link'; pick: number; pick2: number }
    | { kind: 'delete'; pick: number }
    | { kind: 'move'; pick: number; x: number }
    | { kind: 'sync'; a: number; b: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('create' as const), text: fc.string({ maxLength: 20 }) }),
    fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), text: fc.string({ maxLength: 20 }), field: fc.constantFrom('text' as const, 'note' as const) }),
    fc.record({ kind: fc.constant('link' as const), pick: fc.nat(), pick2: fc.nat() }),
    fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), x: fc.integer({ min: -1000, max: 1000 }) }),
    fc.record({ kind: fc.constant('sync' as const), a: fc.nat(), b: fc.nat() }),
  );

  /** Turns an op into a valid local Change on the client's current map, or null. */
  function changeFor(c: TestClient, o: Op, serial: number): Change | null {
    const claims = Object.keys(c.doc.claims).sort();
    const pick = (n: number) => claims[n % claims.length];
    switch (o.kind) {
      case 'create': {
        const id = `c_${c.name}_${serial}`;
        return put({ claims: [makeClaim(id, o.text)], layout: { [id]: { x: serial, y: 0 } } });
      }
      case 'edit': {
        const id = pick(o.pick);
        if (!id) return null;
        return put({ claims: [{ ...c.doc.claims[id]!, [o.field]: o.text }] });
      }
      case 'link': {
        const from = pick(o.pick);
        const to = pick(o.pick2);
        if (!from || !to || linkRefusal(c.doc, from, to)) return null;
        return put({ links: [makeLink(`l_${c.name}_${serial}`, from, to)] });
      }
      case 'delete': {
        const id = pick(o.pick);
        return id ? deletionChange(c.doc, { claims: [id] }) : null;
      }
      case 'move': {
        const id = pick(o.pick);
        return id ? put({ layout: { [id]: { x: o.x, y: o.x } } }) : null;
      }
      case 'sync':
        return null;
    }
  }

  const converges = (script: [number, Op][]) => {
        const meta = makeMap();
        const clients = ['a', 'b', 'c'].map((n) => new TestClient(n, meta));
        const created = new Set<string>();
        const deleted = new Set<string>();
        script.forEach(([who, o], serial) => {
          const client = clients[who]!;
          if (o.kind === 'sync') {
            // Partial, pairwise delivery: the other clients stay behind.
            const other = clients[o.a % 3]!;
            if (other !== client) Y.applyUpdate(other.ydoc, Y.encodeStateAsUpdate(client.ydoc, Y.encodeStateVector(other.ydoc)), 'net');
            return;
          }
          const change = changeFor(client, o, serial);
          if (!change) return;
          for (const c of change.put.claims ?? []) created.add(c.id);
          for (const id of change.delete.claims ?? []) deleted.add(id);
          client.edit(change);
          expect(checkDoc(client.doc)).toEqual([]);
        });
        syncAll(clients);
        expectConverged(clients);
        for (const c of clients) expect(c.rejected()).toEqual([]);
        const survivors = [...created].filter((id) => !deleted.has(id)).sort();
        expect(Object.keys(clients[0]!.doc.claims).sort()).toEqual(survivors);
  };

  it('three users converge to one valid map with every surviving record kept', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(2), op), { minLength: 1, maxLength: 200 }), converges), { numRuns: 60 });
  }, 120_000);

  it('converges with at least 200 Changes per user', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(2), op), { minLength: 900, maxLength: 900 }), converges), { numRuns: 4 });
  }, 120_000);
});

describe('seedChange', () => {
  it('puts the whole map', () => {
    const doc: MapDoc = smallDoc();
    const ydoc = new Y.Doc();
    applyChangeToYDoc(ydoc, seedChange(doc));
    expect(diffYDocToChange(ydoc, emptyDoc(doc.map)).change.put.claims).toHaveLength(2);
  });
});

describe('format version 2 in a shared map', () => {
  it('carries a link aimed at a link (an undercutter) to the others, and the server check lets it pass', () => {
    const [alice, bob] = pair();
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(alice.ydoc));
    const validator = new UpdateValidator(server);
    const before = Y.encodeStateVector(alice.ydoc);
    alice.edit(put({ links: [makeLink('l_under', 'q_3', 'l_3', 'contradicts')] }));
    expect(validator.check(Y.encodeStateAsUpdate(alice.ydoc, before))).toEqual([]);
    syncAll([alice, bob]);
    expect(bob.doc.links.l_under?.to).toBe('l_3');
    expect(bob.rejected()).toEqual([]);
    expectConverged([alice, bob]);
  });

  it('removes a link aimed at a link that never existed, on every client', () => {
    const [alice, bob] = pair();
    alice.ydoc.transact(() => {
      const link = new Y.Map<unknown>();
      alice.ydoc.getMap('links').set('l_bad', link);
      for (const [k, v] of Object.entries(makeLink('l_bad', 'q_3', 'l_nowhere', 'contradicts'))) link.set(k, v);
    }, 'hostile');
    syncAll([alice, bob]);
    expect(bob.doc.links.l_bad).toBeUndefined();
    expect(bob.remote.flatMap((r) => r.repaired).map((p) => p.path)).toContain('links[l_bad]');
    expectConverged([alice, bob]);
  });
});
