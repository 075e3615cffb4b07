/**
 * The map you can read (issue 11, the graph): a map opens on its thesis at a
 * readable zoom, `Fit all` shows the whole map with every claim's text still
 * legible (semantic zoom), a map without positions is laid out on import,
 * and the graph's keyboard and names work as a new user expects.
 *
 * Text size on screen = computed font-size × the viewport's zoom.
 */
import type { Page } from '@playwright/test';
import { test, expect, openExample } from './fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

const graphOf = (page: Page) => page.getByRole('region', { name: 'Argument graph' });
const claimNode = (page: Page, text: string) => graphOf(page).getByRole('group', { name: `Claim: ${text}`, exact: true });

/** The on-screen text size (px) of every claim node, as drawn now (overview label or detailed text). */
async function claimTextSizes(page: Page): Promise<{ id: string; px: number }[]> {
  return graphOf(page).evaluate((region) => {
    const viewport = region.querySelector<HTMLElement>('.react-flow__viewport')!;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    return [...region.querySelectorAll<HTMLElement>('.react-flow__node-claim')].map((node) => {
      const text =
        node.querySelector<HTMLElement>('.gn-overview-text') ?? node.querySelector<HTMLElement>('.gn-node-text')!;
      return { id: node.dataset['id']!, px: parseFloat(getComputedStyle(text).fontSize) * zoom };
    });
  });
}

const zoomOf = (page: Page) =>
  graphOf(page)
    .locator('.react-flow__viewport')
    .evaluate((v) => new DOMMatrixReadOnly(getComputedStyle(v).transform).a);

/** Waits until the viewport stops moving (an animated fit takes a few frames). */
async function settled(page: Page) {
  let last = -1;
  await expect
    .poll(async () => {
      const z = await zoomOf(page);
      const still = z === last;
      last = z;
      return still;
    })
    .toBe(true);
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('the example map opens readable on its thesis; Fit all keeps every claim legible', async ({ page }, info) => {
      await openExample(page);
      const thesis = claimNode(page, "Xi's diplomacy is shifting from offense to defense");
      await expect(thesis).toBeInViewport();
      await settled(page);
      const atOpen = await claimTextSizes(page);
      expect(atOpen).toHaveLength(17);
      for (const c of atOpen) expect(c.px, c.id).toBeGreaterThanOrEqual(11);
      await page.screenshot({ path: info.outputPath(`open-${size.width}.png`) });

      await graphOf(page).getByRole('button', { name: 'Fit all' }).click();
      await settled(page);
      const fitted = await claimTextSizes(page);
      for (const c of fitted) expect(c.px, c.id).toBeGreaterThanOrEqual(9);
      // Every claim lies inside the graph pane.
      const pane = (await graphOf(page).boundingBox())!;
      for (const node of await graphOf(page).locator('.react-flow__node-claim').all()) {
        const b = (await node.boundingBox())!;
        expect(b.x).toBeGreaterThanOrEqual(pane.x - 1);
        expect(b.y).toBeGreaterThanOrEqual(pane.y - 1);
        expect(b.x + b.width).toBeLessThanOrEqual(pane.x + pane.width + 1);
        expect(b.y + b.height).toBeLessThanOrEqual(pane.y + pane.height + 1);
      }
      await page.screenshot({ path: info.outputPath(`fit-${size.width}.png`) });

      await graphOf(page).getByRole('button', { name: 'Zoom to thesis' }).click();
      await settled(page);
      await expect(thesis).toBeInViewport();
      for (const c of await claimTextSizes(page)) expect(c.px, c.id).toBeGreaterThanOrEqual(11);
    });
  });
}
