/**
 * Property: whatever sequence of UI-level edits a user makes (the builders of
 * domain/edits.ts, as the UI calls them, with over-long input included), every
 * map in the database still passes its own import's checks after each edit,
 * and every Trash entry still restores.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deletionChange, type Change, type MapDoc } from '../domain/change';
import {
  addSource,
  linkQuote,
  moveNodes,
  newClaim,
  renameMap,
  updateClaim,
  updateLink,
  updateQuote,
  updateSource,
} from '../domain/edits';
import { parseMapFile } from '../domain/format/parse';
import { serializeMap } from '../domain/format/serialize';
import { MAX_CLAIM_TEXT, MAX_NAME, MAX_NOTE, MAX_PUBLISHED_AT, MAX_TAG, MAX_TITLE } from '../domain/schema';
import { loadMap } from './reads';
import { TrashEntrySchema } from './rows';
import { sampleDoc, testDatabases } from '../test/testDocs';
import { commitChange, createMap } from './writes';
import type { WarrantDB } from './db';

const newDB = testDatabases();

/**
 * Text as a user may paste it: short, or just over / far over a field's
 * limit, with an emoji straddling the limit so a cut could split it.
 */
const text = (limit: number) =>
  fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(limit - 1, limit, limit + 1, limit + 500).map((n) => `${'w'.repeat(Math.max(0, n - 2))}😀`),
    fc.constant('  \n '),
  );

type Edit =
  | { kind: 'addSource'; title: string; author: string; publishedAt: string; body: string }
  | { kind: 'editSource'; pick: number; title: string; publisher: string; append: string }
  | { kind: 'renameMap'; title: string }
  | { kind: 'newClaim'; text: string }
  | { kind: 'editClaim'; pick: number; text: string; note: string; tags: string[] }
  | { kind: 'linkQuote'; pick: number; start: number; length: number; claimText: string }
  | { kind: 'editQuote'; pick: number; note: string }
  | { kind: 'editLink'; pick: number; note: string }
  | { kind: 'move'; pick: number; x: number; y: number }
  | { kind: 'deleteClaim'; pick: number }
  | { kind: 'deleteSource'; pick: number };

const pick = fc.nat(1000);
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('addSource' as const), title: text(MAX_TITLE), author: text(MAX_NAME), publishedAt: text(MAX_PUBLISHED_AT), body: fc.string({ minLength: 1, maxLength: 200 }) }),
  fc.record({ kind: fc.constant('editSource' as const), pick, title: text(MAX_TITLE), publisher: text(MAX_NAME), append: fc.string({ maxLength: 30 }) }),
  fc.record({ kind: fc.constant('renameMap' as const), title: text(MAX_TITLE) }),
  fc.record({ kind: fc.constant('newClaim' as const), text: text(MAX_CLAIM_TEXT) }),
  fc.record({ kind: fc.constant('editClaim' as const), pick, text: text(MAX_CLAIM_TEXT), note: text(MAX_NOTE), tags: fc.array(text(MAX_TAG), { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('linkQuote' as const), pick, start: fc.nat(200), length: fc.integer({ min: 1, max: 40 }), claimText: text(MAX_CLAIM_TEXT) }),
  fc.record({ kind: fc.constant('editQuote' as const), pick, note: text(MAX_NOTE) }),
  fc.record({ kind: fc.constant('editLink' as const), pick, note: text(MAX_NOTE) }),
  fc.record({ kind: fc.constant('move' as const), pick, x: fc.double({ min: -1e6, max: 1e6, noNaN: true }), y: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }),
  fc.record({ kind: fc.constant('deleteClaim' as const), pick }),
  fc.record({ kind: fc.constant('deleteSource' as const), pick }),
);

const nth = <T>(record: Record<string, T>, i: number): T | undefined => {
  const values = Object.values(record);
  return values.length ? values[i % values.length] : undefined;
};

/** The Change the UI would make for `e` on `doc`, or null when the UI would make none. */
function changeOf(doc: MapDoc, e: Edit): Change | null {
  switch (e.kind) {
    case 'addSource':
      return addSource(doc, { title: e.title, author: e.author, publishedAt: e.publishedAt, text: e.body }).change;
    case 'editSource': {
      const s = nth(doc.sources, e.pick);
      // Appending keeps every quote where it was: edits that move quotes
      // anchor them, which the anchoring work of the same issue covers.
      return s ? updateSource(doc, s.id, { ...s, title: e.title, publisher: e.publisher, text: s.text + e.append }).change : null;
    }
    case 'renameMap':
      return renameMap(doc, e.title);
    case 'newClaim':
      return newClaim(doc, { text: e.text }).change;
    case 'editClaim': {
      const c = nth(doc.claims, e.pick);
      return c ? updateClaim(doc, c.id, { text: e.text, note: e.note, tags: e.tags }) : null;
    }
    case 'linkQuote': {
      const s = nth(doc.sources, e.pick);
      if (!s || !s.text.length) return null;
      const start = e.start % s.text.length;
      const result = linkQuote(doc, {
        sourceId: s.id,
        start,
        end: Math.min(s.text.length, start + e.length),
        claim: { text: e.claimText },
        relation: 'supports',
      });
      return result.ok ? result.change : null;
    }
    case 'editQuote': {
      const q = nth(doc.quotes, e.pick);
      return q ? updateQuote(doc, q.id, { note: e.note }) : null;
    }
    case 'editLink': {
      const l = nth(doc.links, e.pick);
      return l ? updateLink(doc, l.id, { note: e.note }) : null;
    }
    case 'move': {
      const c = nth(doc.claims, e.pick);
      return c ? moveNodes(doc, { [c.id]: { x: e.x, y: e.y } }) : null;
    }
    case 'deleteClaim': {
      const c = nth(doc.claims, e.pick);
      return c ? deletionChange(doc, { claims: [c.id] }) : null;
    }
    case 'deleteSource': {
      const s = nth(doc.sources, e.pick);
      return s ? deletionChange(doc, { sources: [s.id] }) : null;
    }
  }
}

async function expectEveryMapImports(db: WarrantDB) {
  for (const row of await db.maps.toArray()) {
    const loaded = (await loadMap(row.id, db))!;
    const parsed = parseMapFile(serializeMap(loaded.doc));
    expect(parsed.kind === 'ok' ? 'ok' : parsed.message).toBe('ok');
  }
  for (const entry of await db.trash.toArray()) {
    const read = TrashEntrySchema.safeParse(entry);
    expect(read.success).toBe(true);
    if (read.success && read.data.kind === 'map') expect(parseMapFile(read.data.payload).kind).toBe('ok');
  }
}

describe('UI-level edits, over-long input included', () => {
  it('leave every map passing its own import after each edit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 12 }), async (edits) => {
        const db = newDB();
        const mapId = 'map_prop';
        await createMap(sampleDoc(mapId), db);
        let revision = 0;
        for (const e of edits) {
          const doc = (await loadMap(mapId, db))!.doc;
          const change = changeOf(doc, e);
          if (!change) continue;
          revision = (await commitChange(change, revision, db)).revision;
          await expectEveryMapImports(db);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
