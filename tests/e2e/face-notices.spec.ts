/**
 * Notices: information leaves by itself after a few seconds, at most two
 * stand at once, in a corner that covers no node of the graph; errors stay
 * until dismissed; what an export leaves out reads as a sentence. (Three
 * exports left three dark notices over half the graph, for good, reading
 * "2 link weights. the text of 3 sources".)
 */
import type { Page } from '@playwright/test';
import { test, expect, openExample, graphOf, claimNode } from './fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
const THESIS = "Xi's diplomacy is shifting from offense to defense";

async function exportAs(page: Page, item: string) {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menu').getByRole('menuitem', { name: item, exact: true }).click();
  await downloading;
}

const messages = (page: Page) => page.getByRole('region', { name: 'Messages' });

/** No notice box overlaps the box of any node drawn in the graph. */
async function expectNoNodeCovered(page: Page) {
  const overlaps = await page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.notice')].map((n) => n.getBoundingClientRect());
    const nodes = [...document.querySelectorAll('[aria-label="Argument graph"] .react-flow__node')].map((n) => n.getBoundingClientRect());
    const pane = document.querySelector('[aria-label="Argument graph"]')!.getBoundingClientRect();
    const hit = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return boxes.filter((b) => hit(b, pane) || nodes.some((n) => hit(b, n))).length;
  });
  expect(overlaps).toBe(0);
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('three exports leave at most two notices, beside the graph, gone by themselves; an error stays', async ({ page }, info) => {
      await openExample(page);
      await exportAs(page, 'Argdown');
      await exportAs(page, 'AIF');
      await exportAs(page, 'JSON Canvas');
      const notices = messages(page).getByRole('status');
      await expect(notices).toHaveCount(2);
      await expect(notices.last()).toContainText('JSON Canvas: Not kept in the JSON Canvas file:');
      for (const text of await notices.allInnerTexts()) expect(text, 'one sentence, not fragments').not.toMatch(/\. [a-z]/);
      await expectNoNodeCovered(page);
      await page.screenshot({ path: info.outputPath(`notices-${size.width}.png`) });

      // An error: a claim linked to itself by keyboard (L, then Enter on the same claim).
      const thesis = claimNode(page, THESIS);
      await thesis.focus();
      await page.keyboard.press('l');
      await page.keyboard.press('Enter');
      const alert = messages(page).getByRole('alert');
      await expect(alert).toHaveText(/cannot support or contradict itself/);
      await expectNoNodeCovered(page);

      // The information leaves by itself; the error stays until dismissed.
      await expect(notices).toHaveCount(0, { timeout: 20_000 });
      await expect(alert).toBeVisible();
      await alert.getByRole('button', { name: 'Dismiss message' }).click();
      await expect(alert).toHaveCount(0);
      await expect(graphOf(page)).toBeVisible();
    });
  });
}
