/**
 * Image export independent of the zoom: PNG and SVG draw the full-detail map
 * at a fixed scale whatever the view, the same picture every time. Exported
 * zoomed out, the overview's labels were drawn over the cards and cut.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, openExample, graphOf, viewportSettled } from './fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

async function exportAs(page: Page, item: string): Promise<Buffer> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menu').getByRole('menuitem', { name: item, exact: true }).click();
  return readFile((await (await downloading).path())!);
}


/** Width and height of a PNG, from its IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/** The PNG's pixels, decoded by the browser, and how many of them differ between two images. */
async function differingPixels(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([a64, b64]) => {
      const pixels = async (b64: string) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      };
      const [pa, pb] = [await pixels(a64), await pixels(b64)];
      let differ = 0;
      for (let i = 0; i < pa.length; i += 4) {
        if (pa[i] !== pb[i] || pa[i + 1] !== pb[i + 1] || pa[i + 2] !== pb[i + 2] || pa[i + 3] !== pb[i + 3]) differ++;
      }
      return differ;
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('PNG and SVG are the same picture zoomed in on the thesis and fitted out in the overview', async ({ page }, info) => {
      // Four full-detail pictures of the example map (about 6,000 × 5,000 px each as PNG).
      test.setTimeout(180_000);
      await openExample(page);
      const graph = graphOf(page);
      await graph.getByRole('button', { name: 'Zoom to thesis' }).click();
      expect(await viewportSettled(page)).toBeGreaterThanOrEqual(0.7);
      const pngNear = await exportAs(page, 'PNG image');
      const svgNear = (await exportAs(page, 'SVG image')).toString('utf8');

      await graph.getByRole('button', { name: 'Fit all' }).click();
      expect(await viewportSettled(page)).toBeLessThan(0.7);
      await expect(graph.locator('.gn-overview').first()).toBeAttached();
      const pngFar = await exportAs(page, 'PNG image');
      const svgFar = (await exportAs(page, 'SVG image')).toString('utf8');
      // The view went back to the overview after each capture.
      await expect(graph.locator('.gn-overview').first()).toBeAttached();

      await writeFile(info.outputPath('far.png'), pngFar);
      await writeFile(info.outputPath('near.png'), pngNear);
      expect(pngSize(pngFar)).toEqual(pngSize(pngNear));
      // The same bytes are the same picture; else decode and count the pixels that differ.
      if (!pngFar.equals(pngNear)) expect(await differingPixels(page, pngNear, pngFar)).toBe(0);
      // Full detail: no overview label in the picture, every quote drawn.
      expect(svgFar).not.toContain('gn-overview');
      expect(svgFar.match(/gn-quote-node/g)?.length).toBe(62);
      expect(svgFar).toBe(svgNear);
      await page.screenshot({ path: info.outputPath(`after-export-${size.width}.png`) });
    });
  });
}
