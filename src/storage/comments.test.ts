import { describe, expect, it } from 'vitest';
import { applyChange, deletionChange, invertChange, type MapDoc } from '../domain/change';
import { addCommentChange, replyChange } from '../domain/comments';
import { serializeMap } from '../domain/format/serialize';
import type { WarrantDB } from './db';
import { loadMap } from './reads';
import { testDatabases, sampleDoc, T0 } from '../test/testDocs';
import { importMapFile } from './transfer';
import { listTrash, restoreFromTrash } from './trash';
import { commitChange, createMap, deleteMap } from './writes';

const newDB = testDatabases();

/** The sample map with a thread on a claim, one on a source, one on a quote's link, and one on the map. */
function reviewedDoc(): MapDoc {
  let doc = sampleDoc();
  const step = (c: ReturnType<typeof addCommentChange>) => (doc = applyChange(doc, c));
  step(addCommentChange(doc, { id: 'cm_claim', on: 'c_thesis', author: 'Ada', text: 'Is it?', verdict: 'disputed', now: T0 }));
  step(replyChange(doc, { id: 'cm_reply', to: 'cm_claim', author: 'Ben', text: 'Yes.', now: T0 }));
  step(addCommentChange(doc, { id: 'cm_source', on: 'src_b', author: 'Ada', text: 'Who wrote this?', now: T0 }));
  step(addCommentChange(doc, { id: 'cm_link', on: 'l_2', author: 'Ada', text: 'Weak', verdict: 'needsEvidence', now: T0 }));
  step(addCommentChange(doc, { id: 'cm_map', on: 'map_one', author: 'Ada', text: 'Overall', now: T0 }));
  return doc;
}

async function stored(db: WarrantDB): Promise<MapDoc> {
  const doc = reviewedDoc();
  await createMap(doc, db);
  return doc;
}

describe('comments in storage', () => {
  it('are written with the map and read back with it', async () => {
    const db = newDB();
    const doc = await stored(db);
    expect((await loadMap('map_one', db))!.doc.comments).toEqual(doc.comments);
  });

  it('go to the Trash with the source they are on (and its quotes and links), and come back with it', async () => {
    const db = newDB();
    const doc = await stored(db);
    const del = deletionChange(doc, { sources: ['src_b'] });
    expect(del.delete.comments?.sort()).toEqual(['cm_link', 'cm_source']);
    await commitChange(del, 0, db);
    expect(Object.keys((await loadMap('map_one', db))!.doc.comments).sort()).toEqual(['cm_claim', 'cm_map', 'cm_reply']);
    const [entry] = await listTrash(db);
    const restored = await restoreFromTrash(entry!.id, db);
    expect(restored.kind === 'source' && restored.change.put.comments?.map((c) => c.id).sort()).toEqual(['cm_link', 'cm_source']);
    expect((await loadMap('map_one', db))!.doc.comments).toEqual(doc.comments);
  });

  it('go to the Trash with their map, and come back with it', async () => {
    const db = newDB();
    const doc = await stored(db);
    await deleteMap('map_one', db);
    expect(await db.comments.count()).toBe(0);
    const [entry] = await listTrash(db);
    await restoreFromTrash(entry!.id, db);
    expect((await loadMap('map_one', db))!.doc.comments).toEqual(doc.comments);
  });

  it('undo of a deletion writes them back', async () => {
    const db = newDB();
    const doc = await stored(db);
    const del = deletionChange(doc, { claims: ['c_thesis'] });
    const { revision } = await commitChange(del, 0, db);
    expect(await db.comments.where('on').equals('c_thesis').count()).toBe(0);
    await commitChange(invertChange(doc, del), revision, db);
    expect((await loadMap('map_one', db))!.doc.comments).toEqual(doc.comments);
  });

  it('come in with an imported file, and with a copy under fresh ids', async () => {
    const db = newDB();
    const doc = reviewedDoc();
    const text = serializeMap(doc, T0);
    await importMapFile(text, {}, db);
    expect((await loadMap('map_one', db))!.doc.comments).toEqual(doc.comments);
    const copy = await importMapFile(text, { onConflict: 'copy' }, db);
    expect(copy.kind).toBe('imported');
    const copied = (await loadMap(copy.kind === 'imported' ? copy.mapId : '', db))!.doc;
    const texts = Object.values(copied.comments).map((c) => c.text).sort();
    expect(texts).toEqual(Object.values(doc.comments).map((c) => c.text).sort());
    const thread = Object.values(copied.comments).find((c) => c.text === 'Is it?')!;
    expect(copied.claims[thread.on]?.text).toBe('The sky is blue');
    expect(Object.values(copied.comments).find((c) => c.text === 'Overall')!.on).toBe(copied.map.id);
  });
});
