import { test, expect, openExample } from './fixtures';

/**
 * The README's pictures of the workspace, taken from the real app on the
 * example map. They are written to docs/ when SCREENSHOTS=1 (after a change
 * that shows), and to the test output otherwise, so an ordinary run of the
 * suite checks that each view opens without touching the committed pictures.
 *
 *   npx vite build && SCREENSHOTS=1 npx playwright test -c tests/e2e screenshots.spec.ts
 */

const THESIS = "Xi's diplomacy is shifting from offense to defense";
const SIZES = [
  { width: 1440, height: 900, suffix: '' },
  { width: 1280, height: 720, suffix: '-1280' },
] as const;

const target = (name: string, outputPath: (name: string) => string) =>
  process.env['SCREENSHOTS'] === '1' ? new URL(`../../docs/${name}`, import.meta.url).pathname : outputPath(name);

for (const size of SIZES) {
  test.describe(`screenshots at ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('the map: reader with quotes marked, the graph, the details of a quote', async ({ page }, info) => {
      await openExample(page);
      const reader = page.getByRole('region', { name: 'Source text' });
      const mark = reader.locator('mark').nth(2);
      await mark.scrollIntoViewIfNeeded();
      await mark.click();
      await expect(page.getByRole('region', { name: 'Details' }).getByRole('heading', { level: 2, name: 'Quote' })).toBeVisible();
      // Zoom to thesis comes with the graph's half of this work; without it the graph shows as it opens.
      const zoom = page.getByRole('button', { name: 'Zoom to thesis' });
      if ((await zoom.count()) > 0) await zoom.click();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: target(`screenshot-map${size.suffix}.png`, (n) => info.outputPath(n)) });
    });

    test('the thesis check: totals, chart and evidence for and against', async ({ page }, info) => {
      await openExample(page);
      await page.getByRole('button', { name: 'Thesis check', exact: true }).click();
      const panel = page.getByRole('region', { name: 'Thesis check' });
      await expect(panel.getByRole('heading', { name: THESIS })).toBeVisible();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: target(`screenshot-thesis-check${size.suffix}.png`, (n) => info.outputPath(n)) });
    });

    test('the claim view: the thesis with its reasons and evidence, For and Against', async ({ page }, info) => {
      await openExample(page);
      await page.getByRole('region', { name: 'Argument graph' }).getByRole('group', { name: `Claim: ${THESIS}` }).click();
      await page.getByRole('region', { name: 'Details' }).getByRole('button', { name: 'Claim view', exact: true }).click();
      await expect(page.getByRole('region', { name: 'Claim view' }).getByRole('heading', { name: 'Against', exact: true })).toBeVisible();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: target(`screenshot-claim-view${size.suffix}.png`, (n) => info.outputPath(n)) });
    });
  });
}
