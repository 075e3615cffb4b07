/**
 * Zoom to thesis on a small map (8 claims, 7 of them bearing on the thesis)
 * shows the thesis whole inside the graph pane, clear of the side panels and
 * the toolbar: as imported (the placement of a map without positions) and
 * after Auto layout in either direction.
 */
import { writeFileSync } from 'node:fs';
import { test, expect, graphOf, claimNode, zoomOf, viewportSettled } from './fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
const T = '2026-11-20T10:00:00.000Z';
const THESIS = 'The harbour expansion pays for itself within ten years';

function eightClaims(): string {
  const claims = Array.from({ length: 8 }, (_, i) => ({
    id: `c_${i}`,
    text: i === 0 ? THESIS : `Reason ${i}: the traffic figures for berth ${i} point this way over the decade`,
    kind: i === 0 ? 'thesis' : 'claim',
    createdAt: T,
    updatedAt: T,
  }));
  const links = claims.slice(1).map((c, i) => ({ id: `l_${i}`, from: c.id, to: 'c_0', relation: i % 3 === 2 ? 'contradicts' : 'supports', createdAt: T }));
  return JSON.stringify({
    format: 'warrant.map',
    version: 1,
    exportedAt: T,
    map: { id: 'map_eight_claims', title: 'Eight claims', createdAt: T, updatedAt: T },
    sources: [],
    quotes: [],
    claims,
    links,
  });
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    for (const direction of [
      { value: '', label: 'As imported' },
      { value: 'LR', label: 'Left to right' },
      { value: 'TB', label: 'Top down' },
    ]) {
      test(`${direction.label}: Zoom to thesis shows the thesis whole, clear of the panels`, async ({ page }, info) => {
        await page.goto('/');
        const path = info.outputPath('eight.warrant.json');
        writeFileSync(path, eightClaims());
        await page.getByLabel('Import map file').setInputFiles(path);
        await expect(page.getByRole('heading', { level: 1, name: 'Eight claims' })).toBeVisible();
        const graph = graphOf(page);
        if (direction.value) {
          await graph.getByRole('button', { name: 'More' }).click();
          await graph.getByRole('combobox', { name: 'Layout direction' }).selectOption(direction.value);
          await graph.getByRole('button', { name: 'Auto layout' }).click();
          await expect(graph.getByRole('status')).toHaveText('Layout done.');
        }
        await viewportSettled(page);
        await graph.getByRole('button', { name: 'Zoom to thesis' }).click();
        await viewportSettled(page);
        expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.89);

        const thesis = (await claimNode(page, THESIS).boundingBox())!;
        const pane = (await graph.locator('.react-flow').boundingBox())!;
        const toolbar = (await graph.locator('.graph-toolbar').boundingBox())!;
        expect(thesis.x).toBeGreaterThanOrEqual(pane.x);
        expect(thesis.x + thesis.width).toBeLessThanOrEqual(pane.x + pane.width);
        expect(thesis.y).toBeGreaterThanOrEqual(toolbar.y + toolbar.height);
        expect(thesis.y + thesis.height).toBeLessThanOrEqual(pane.y + pane.height);
        // What lies beside the pane (the Sources and Details panels) covers none of it.
        const covered = await page.evaluate(
          ({ x, y, w, h }) =>
            [
              [x + 2, y + h / 2],
              [x + w - 2, y + h / 2],
              [x + w / 2, y + 2],
              [x + w / 2, y + h - 2],
            ].filter(([px, py]) => !document.elementFromPoint(px!, py!)?.closest('.react-flow__node')).length,
          { x: thesis.x, y: thesis.y, w: thesis.width, h: thesis.height },
        );
        expect(covered).toBe(0);
        await page.screenshot({ path: info.outputPath(`thesis-${direction.value}-${size.width}.png`) });
      });
    }
  });
}
