import { writeFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { EXAMPLE_TEXT, expect, graphOf, openSeeded, seedMap, test } from './fixtures';

/**
 * The Review, History and Changes regions open over the stage's right edge;
 * the graph's toolbar wraps beside them, so Find, ? and More stay in view
 * and usable while they are open.
 */

const TITLE = "Is Xi's diplomacy turning defensive?";
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

/** The control is on top at its centre: nothing covers it. */
async function expectUncovered(control: Locator, what: string) {
  await expect(control, what).toBeVisible();
  const onTop = await control.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return hit !== null && (hit === el || el.contains(hit));
  });
  expect(onTop, `${what} is covered`).toBe(true);
}

async function expectToolbarFree(page: Page, region: string) {
  const graph = graphOf(page);
  await expectUncovered(graph.getByRole('searchbox', { name: 'Find in graph' }), `Find, with ${region} open`);
  await expectUncovered(graph.getByRole('toolbar', { name: 'Graph tools' }).getByRole('button', { name: 'Show shortcuts' }), `?, with ${region} open`);
  await expectUncovered(graph.getByRole('button', { name: /^More/ }), `More, with ${region} open`);
}

for (const size of SIZES) {
  test(`the review regions leave the graph's Find, ? and More usable at ${size.width}×${size.height}`, async ({ page }, info) => {
    await page.setViewportSize(size);
    await openSeeded(page, await seedMap(page, EXAMPLE_TEXT), TITLE);

    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await expect(page.getByRole('complementary', { name: 'Review' })).toBeVisible();
    await expectToolbarFree(page, 'Review');
    await page.screenshot({ path: info.outputPath(`review-open-${size.width}.png`) });
    await page.getByRole('button', { name: 'Review', exact: true }).click();

    await page.getByRole('button', { name: 'History', exact: true }).click();
    const history = page.getByRole('complementary', { name: 'History' });
    await expect(history).toBeVisible();
    await expectToolbarFree(page, 'History');

    const file = info.outputPath('same.warrant.json');
    await writeFile(file, EXAMPLE_TEXT);
    await history.getByLabel('Compare with file').setInputFiles(file);
    await expect(page.getByRole('region', { name: 'Changes' })).toBeVisible();
    await expectToolbarFree(page, 'Changes');
    await page.screenshot({ path: info.outputPath(`changes-open-${size.width}.png`) });
    // Still usable: More opens its tools.
    await graphOf(page).getByRole('button', { name: /^More/ }).click();
    await expect(graphOf(page).getByRole('group', { name: 'More graph tools' })).toBeVisible();
  });
}
