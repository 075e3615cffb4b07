/**
 * Graph only while the Evidence matrix is open: the graph alone in the
 * window, and when Graph only ends, the matrix is in front again where the
 * user left it (it used to leave the graph in front, the matrix's tab
 * switched away).
 */
import type { Page } from '@playwright/test';
import { test, expect, openExample, graphOf } from './fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const graphOnly = (page: Page) => page.getByRole('group', { name: 'Panels' }).getByRole('button', { name: 'Graph only', exact: true });

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('Graph only from the matrix shows the graph alone, then the matrix again', async ({ page }, info) => {
      await openExample(page);
      await page.getByRole('button', { name: 'Evidence matrix', exact: true }).click();
      await expect(region(page, 'Evidence matrix')).toBeVisible();

      await graphOnly(page).click();
      await expect(graphOnly(page)).toHaveAttribute('aria-pressed', 'true');
      await expect(graphOf(page)).toBeVisible();
      await expect(region(page, 'Evidence matrix')).toBeHidden();
      for (const name of ['Sources', 'Source text', 'Details']) await expect(region(page, name)).toHaveCount(0);
      await page.screenshot({ path: info.outputPath(`graph-only-${size.width}.png`) });

      await graphOnly(page).click();
      await expect(graphOnly(page)).toHaveAttribute('aria-pressed', 'false');
      await expect(region(page, 'Evidence matrix')).toBeVisible();
      await expect(region(page, 'Details')).toBeVisible();
      await page.screenshot({ path: info.outputPath(`matrix-again-${size.width}.png`) });
    });
  });
}
