/**
 * The graph toolbar is one row, even in the narrowest graph pane (1280×720,
 * every panel open), so it covers only the top strip of the canvas; what is
 * used less waits under `More`, with its names unchanged.
 */
import type { Page } from '@playwright/test';
import { test, expect, openExample } from './fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
const graphOf = (page: Page) => page.getByRole('region', { name: 'Argument graph' });

for (const size of SIZES) {
  test(`the graph toolbar is one row inside the graph pane; More holds the rest (${size.width}×${size.height})`, async ({ page }, info) => {
    await page.setViewportSize(size);
    await openExample(page);
    const graph = graphOf(page);
    const pane = (await graph.boundingBox())!;
    const toolbar = graph.getByRole('toolbar', { name: 'Graph tools' });
    const controls = toolbar.locator(':scope > button, :scope > span > button, :scope > span > input');
    const boxes = await controls.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    expect(boxes.length).toBe(6);
    const mid = (b: DOMRect) => b.y + b.height / 2;
    for (const b of boxes) {
      expect(Math.abs(mid(b) - mid(boxes[0]!))).toBeLessThan(3);
      expect(b.x).toBeGreaterThanOrEqual(pane.x);
      expect(b.x + b.width).toBeLessThanOrEqual(pane.x + pane.width);
    }
    // The toolbar covers no more than its one row.
    const bar = (await toolbar.boundingBox())!;
    expect(bar.height).toBeLessThan(50);
    await page.screenshot({ path: info.outputPath(`toolbar-${size.width}.png`) });

    const more = toolbar.getByRole('button', { name: 'More' });
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await more.click();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    const menu = toolbar.getByRole('group', { name: 'More graph tools' });
    for (const control of [
      menu.getByRole('button', { name: 'Auto layout' }),
      menu.getByRole('combobox', { name: 'Layout direction' }),
      menu.getByRole('button', { name: 'Link as one argument' }),
      menu.getByRole('combobox', { name: 'Focus on' }),
    ]) {
      await expect(control).toBeVisible();
      const b = (await control.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(pane.x);
      expect(b.x + b.width).toBeLessThanOrEqual(pane.x + pane.width);
      expect(b.y + b.height).toBeLessThanOrEqual(pane.y + pane.height);
    }
    await page.screenshot({ path: info.outputPath(`toolbar-more-${size.width}.png`) });
    // Escape closes it and gives the keyboard back to More.
    await menu.getByRole('button', { name: 'Auto layout' }).focus();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(more).toBeFocused();
    // A press elsewhere closes it too.
    await more.click();
    await expect(menu).toBeVisible();
    await graph.getByRole('button', { name: 'Fit all' }).click();
    await expect(menu).toHaveCount(0);
  });
}
