import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures';
import { generateMap } from '../../src/test/testMaps';
import { serializeMap } from '../../src/domain/format/serialize';

/**
 * A large map draws only the nodes in view; its image must still hold the
 * whole graph, and the canvas must go back to culling afterwards.
 */
test('the SVG image of a large map holds every claim, not only those on screen', async ({ page }) => {
  test.setTimeout(120_000);
  const doc = generateMap({ claims: 400, quotes: 300, links: 800, seed: 11 });
  await page.goto('/');
  await page.getByLabel('Import map file').setInputFiles({
    name: 'large.warrant.json',
    mimeType: 'application/json',
    buffer: Buffer.from(serializeMap(doc), 'utf8'),
  });
  await expect(page.getByRole('heading', { level: 1, name: doc.map.title })).toBeVisible();
  const rendered = page.getByRole('region', { name: 'Argument graph' }).locator('.react-flow__node');
  await expect(rendered.first()).toBeVisible();
  const onScreen = await rendered.count();
  expect(onScreen).toBeLessThan(700); // culling is on for a map this size

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menu').getByRole('menuitem', { name: 'SVG image', exact: true }).click();
  const svg = (await readFile(await (await downloading).path())).toString('utf8');
  const claims = Object.values(doc.claims).map((c) => c.text);
  const found = claims.filter((t) => svg.includes(t));
  expect(found.length).toBe(claims.length);
  await expect.poll(() => rendered.count()).toBe(onScreen);
});
