/**
 * Follow the work: a claim made by a command (here Link quote's new claim,
 * from the reader) is brought into view and focused. It landed below the
 * view or under the mini map, and the view did not follow.
 */
import { test, expect, openExample, claimNode } from './fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test("Link quote's new claim is brought into view and focused", async ({ page }, info) => {
      await openExample(page);
      const reader = page.getByRole('region', { name: 'Source text' });
      await page.getByRole('list', { name: 'Source list' }).getByRole('button').first().click();
      await expect(reader.locator('mark').first()).toBeVisible();
      await reader.getByRole('document').evaluate((root) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let node = walker.nextNode() as Text | null;
        while (node && node.data.trim().length < 30) node = walker.nextNode() as Text | null;
        if (!node) throw new Error('no text in the reader');
        document.getSelection()!.setBaseAndExtent(node, 0, node, 25);
      });
      await page.getByRole('button', { name: 'Quote selection' }).click();
      const dialog = page.getByRole('dialog', { name: 'Link quote' });
      await dialog.getByRole('textbox', { name: 'New claim text' }).fill('A claim made from the reader');
      await dialog.getByRole('button', { name: 'Link quote' }).click();
      await expect(dialog).toBeHidden();
      const made = claimNode(page, 'A claim made from the reader');
      await expect(made).toBeFocused();
      await expect(made).toBeInViewport({ ratio: 1 });
      // Clear of the mini map in the pane's bottom-right corner.
      const map = (await page.getByRole('region', { name: 'Argument graph' }).locator('.react-flow__minimap').boundingBox())!;
      const box = (await made.boundingBox())!;
      expect(box.x + box.width <= map.x || box.y + box.height <= map.y).toBe(true);
      await page.screenshot({ path: info.outputPath(`follow-${size.width}.png`) });
    });
  });
}
