import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { EXAMPLE_TEXT, claimNode, expect, graphOf, openSeeded, seedMap, test } from './fixtures';

/**
 * The graph while a comparison is open: what it would add is marked where it
 * meets the current map (with the added records' words as the mark's
 * description), and links it would change or remove are marked on their
 * lines. A link's open review threads show as a count on its line that
 * opens them.
 */

const TITLE = "Is Xi's diplomacy turning defensive?";
const THESIS = "Xi's diplomacy is shifting from offense to defense";
const NEW_CLAIM = 'Beijing still courts the Global South';
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

type Rec = Record<string, unknown> & { id: string };
type MapJson = { version: number; claims: Rec[]; links: Rec[]; comments?: Rec[] };

/** The example map as a reviewer might return it: one claim and link added, one link reweighed, one removed. */
function reviewedFile(): string {
  const map = JSON.parse(EXAMPLE_TEXT) as MapJson;
  map.claims.push({ id: 'c_e2e_new', text: NEW_CLAIM, kind: 'claim', createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z' });
  map.links.push({ id: 'l_e2e_new', from: 'c_e2e_new', to: 'c_thesis', relation: 'contradicts', createdAt: '2026-12-01T10:00:00.000Z' });
  map.links = map.links.filter((l) => l.id !== 'l_003').map((l) => (l.id === 'l_002' ? { ...l, weight: 1 } : l));
  return JSON.stringify(map);
}

const edgeBadges = (page: Page) => graphOf(page).locator('.gn-edge-badges');

for (const size of SIZES) {
  test(`a comparison marks what it adds, and the links it changes or removes, at ${size.width}×${size.height}`, async ({ page }, info) => {
    await page.setViewportSize(size);
    await openSeeded(page, await seedMap(page, EXAMPLE_TEXT), TITLE);
    const file = info.outputPath('reviewed.warrant.json');
    await writeFile(file, reviewedFile());
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await page.getByRole('complementary', { name: 'History' }).getByLabel('Compare with file').setInputFiles(file);
    const changes = page.getByRole('region', { name: 'Changes' });
    await expect(changes.getByRole('list', { name: 'Changes' }).getByRole('listitem').filter({ hasText: `Added claim: “${NEW_CLAIM}”` })).toHaveCount(1);
    // Close enough to read the nodes (zoomed out, a node shows its overview only).
    await graphOf(page).getByRole('button', { name: 'Zoom to thesis' }).click();

    // The new claim and its link are not in the current graph: the thesis, where they meet it, says so.
    const added = claimNode(page, THESIS).getByRole('note', { name: '2 added here in the comparison' });
    await expect(added).toBeVisible();
    await expect(added).toHaveAccessibleDescription(`Added claim: “${NEW_CLAIM}”; Added link: “${NEW_CLAIM}” contradicts “${THESIS}”`);
    // The reweighed and the removed link are marked on their lines.
    await expect(edgeBadges(page).getByText('Changed in the comparison', { exact: true })).toHaveCount(1);
    await expect(edgeBadges(page).getByText('Removed in the comparison', { exact: true })).toHaveCount(1);
    await page.screenshot({ path: info.outputPath(`compare-marks-${size.width}.png`) });
    // Zoomed out to the overview, the marks stay in view.
    await graphOf(page).getByRole('button', { name: 'Fit all' }).click();
    await expect(graphOf(page).locator('.graph-canvas.is-overview')).toHaveCount(1);
    await expect(added).toBeVisible();
    await page.screenshot({ path: info.outputPath(`compare-marks-overview-${size.width}.png`) });

    await changes.getByRole('button', { name: 'Close' }).click();
    await expect(added).toHaveCount(0);
    await expect(edgeBadges(page)).toHaveCount(0);
  });
}

test('a link’s open review threads show on its line, and the count opens them', async ({ page }, info) => {
  const map = JSON.parse(EXAMPLE_TEXT) as MapJson;
  map.version = 3;
  map.comments = [{ id: 'cm_e2e_link', on: 'l_005', author: 'Rita', text: 'Is this really support?', createdAt: '2026-12-01T10:00:00.000Z', verdict: 'disputed' }];
  await page.setViewportSize({ width: 1280, height: 720 });
  await openSeeded(page, await seedMap(page, JSON.stringify(map)), TITLE);
  await graphOf(page).getByRole('button', { name: 'Zoom to thesis' }).click();
  const count = graphOf(page).getByRole('button', { name: /^1 open thread: supports: Xi’s diplomatic offensive is meeting .* → Xi's diplomacy is shifting/ });
  await expect(count).toBeVisible();
  await page.screenshot({ path: info.outputPath('link-thread-count.png') });
  await count.click();
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details.getByRole('heading', { level: 2, name: 'Link' })).toBeVisible();
  const thread = details.getByRole('region', { name: 'Comments' }).getByRole('article', { name: 'Thread by Rita' });
  await expect(thread).toContainText('Is this really support?');
  // Resolved, the count goes.
  await thread.getByRole('button', { name: 'Resolve' }).click();
  await expect(count).toHaveCount(0);
});
