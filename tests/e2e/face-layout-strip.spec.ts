/**
 * The graph's status line covers no node: after linking, "Linked: …" is a
 * bar under the canvas, not a strip laid over the top of the graph (where it
 * covered the nodes under the toolbar).
 */
import { test, expect, newMap, addClaim, graphOf, claimNode, centre, drag } from './fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('the message after linking covers no node and lies outside the canvas', async ({ page }, info) => {
      await newMap(page);
      await addClaim(page, 'Alpha');
      await addClaim(page, 'Beta');
      const graph = graphOf(page);
      await drag(page, await centre(claimNode(page, 'Alpha').locator('.react-flow__handle.source')), await centre(claimNode(page, 'Beta')));
      await graph.getByRole('dialog', { name: 'Link as' }).getByRole('button', { name: 'Supports' }).click();
      const status = graph.getByRole('status');
      await expect(status).toHaveText('Linked: “Alpha” supports “Beta”.');

      const strip = (await status.boundingBox())!;
      const pane = (await graph.locator('.react-flow').boundingBox())!;
      // Under the canvas, not on it.
      expect(strip.y).toBeGreaterThanOrEqual(pane.y + pane.height - 1);
      for (const node of await graph.locator('.react-flow__node').all()) {
        const box = await node.boundingBox();
        if (box) expect(overlaps(strip, box)).toBe(false);
      }
      // Its text whole on one line at this size.
      expect(await status.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      await page.screenshot({ path: info.outputPath(`linked-${size.width}.png`) });
    });
  });
}
