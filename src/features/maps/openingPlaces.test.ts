import { afterEach, describe, expect, it } from 'vitest';
import { db } from '../../storage/db';
import { loadMap } from '../../storage/reads';
import { serializeMap } from '../../domain/format/serialize';
import { LARGE_PLACEMENT, layeredPlaces, unplacedNodes } from '../../domain/placement';
import { generateMap } from '../../test/testMaps';
import { importFile } from './importFile';

afterEach(async () => {
  await db.transaction('rw', db.tables, async () => {
    for (const t of db.tables) await t.clear();
  });
});

describe('a large map file is stored with the places it opens with', () => {
  it('stores a place for every claim and quote of a map with more unplaced nodes than LARGE_PLACEMENT: opening it places none', async () => {
    const doc = generateMap({ claims: 1_600, quotes: 600, links: 1_900, seed: 5 });
    expect(Object.keys(doc.layout)).toHaveLength(0);
    expect(unplacedNodes(doc).length).toBeGreaterThan(LARGE_PLACEMENT);

    const out = await importFile(serializeMap(doc), 'large.warrant.json');
    expect(out.kind).toBe('imported');
    const stored = (await loadMap(doc.map.id))!.doc;
    // Nothing left for the graph to place, so nothing for it to write when the map opens.
    expect(unplacedNodes(stored)).toHaveLength(0);
    expect(Object.keys(stored.layout)).toHaveLength(2_200);
    // The places are the ones the graph draws so many unplaced nodes with (features/graph/placement.ts).
    const drawn = layeredPlaces(doc, unplacedNodes(doc));
    expect(drawn.size).toBe(2_200);
    for (const [id, p] of drawn) expect(stored.layout[id]).toEqual(p);
    // The records themselves are the file's.
    expect(stored.claims).toEqual(doc.claims);
    expect(stored.links).toEqual(doc.links);
  });

  it('leaves a smaller map file as it is: its export is the file again', async () => {
    const doc = generateMap({ claims: 40, quotes: 20, links: 50, seed: 6 });
    const text = serializeMap(doc);
    const out = await importFile(text, 'small.warrant.json');
    expect(out.kind).toBe('imported');
    const stored = (await loadMap(doc.map.id))!.doc;
    expect(stored.layout).toEqual({});
    expect(unplacedNodes(stored)).toHaveLength(60);
  });
});
