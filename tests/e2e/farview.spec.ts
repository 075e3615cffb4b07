/**
 * The far view of a large map (issue 11, panning a 5,000-node map fitted in
 * view): zoomed out below the point where any text can be read, a map of more
 * than 250 claims is drawn on one canvas and its node elements leave the DOM,
 * all but the node with focus, so the keyboard carries on. The Find box and
 * the arrow keys still work, and zooming in brings the nodes back.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, zoomOf, graphOf } from './fixtures';

const T = '2026-11-23T10:00:00.000Z';
const CLAIMS = 320;

/** 320 claims in a tree under one thesis, spread wide so that `Fit all` is far below readable. */
function wideMapFile(): string {
  const claims = Array.from({ length: CLAIMS }, (_, i) => ({
    id: `c_${i}`,
    text: i === 0 ? 'The wide map thesis' : `Wide claim number ${i}`,
    kind: i === 0 ? 'thesis' : 'claim',
    createdAt: T,
    updatedAt: T,
  }));
  const links = claims.slice(1).map((c, i) => ({
    id: `l_${i + 1}`,
    from: c.id,
    to: `c_${Math.floor(i / 4)}`,
    relation: i % 5 ? 'supports' : 'contradicts',
    createdAt: T,
  }));
  // 80 columns of 4: about 48,000 px wide.
  const layout = Object.fromEntries(claims.map((c, i) => [c.id, { x: Math.floor(i / 4) * 600, y: (i % 4) * 300 }]));
  return JSON.stringify({
    format: 'warrant.map',
    version: 1,
    exportedAt: T,
    map: { id: 'map_wide_e2e', title: 'Wide map', createdAt: T, updatedAt: T },
    sources: [],
    quotes: [],
    claims,
    links,
    layout,
  });
}


/** Coloured pixels on the far view's canvas. */
const inkOnCanvas = (page: Page) =>
  graphOf(page)
    .locator('canvas.graph-far-canvas')
    .evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) ink++;
      return ink;
    });

test.use({ viewport: { width: 1280, height: 720 } });

test('a large map zoomed far out is drawn on a canvas; Find, the arrow keys and zooming in bring the nodes back', async ({ page }, info) => {
  await page.goto('/');
  const path = info.outputPath('wide.warrant.json');
  writeFileSync(path, wideMapFile());
  await page.getByLabel('Import map file').setInputFiles(path);
  await expect(page.getByRole('heading', { level: 1, name: 'Wide map' })).toBeVisible();
  const graph = graphOf(page);
  const thesis = graph.getByRole('group', { name: 'Claim: The wide map thesis', exact: true });
  await expect(thesis).toBeInViewport();
  const canvas = graph.locator('canvas.graph-far-canvas');
  await expect(canvas).toHaveCount(0);

  // Fit all: far below readable, so the canvas draws the map and the node elements go.
  await graph.getByRole('button', { name: 'Fit all' }).click();
  await expect(canvas).toBeVisible();
  expect(await zoomOf(page)).toBeLessThan(0.06);
  await expect(graph.locator('.react-flow__node')).toHaveCount(0);
  await expect(graph.locator('.react-flow__edge')).toHaveCount(0);
  await expect.poll(() => inkOnCanvas(page)).toBeGreaterThan(1000);
  await page.screenshot({ path: info.outputPath('far-1280.png') });

  // Find still goes to a claim, at a zoom where it reads.
  await graph.getByRole('searchbox', { name: 'Find in graph' }).fill('Wide claim number 200');
  await page.keyboard.press('Enter');
  const found = graph.getByRole('group', { name: 'Claim: Wide claim number 200', exact: true });
  await expect(found).toBeInViewport();
  await expect(canvas).toHaveCount(0);

  // The focused node (and the selected one, the match) stay through the far view; the arrow keys walk on from it.
  await thesis.focus();
  await page.keyboard.press('f');
  await expect(canvas).toBeVisible();
  await expect(graph.locator('.react-flow__node')).toHaveCount(2);
  await expect(found).toBeAttached();
  await expect(thesis).toBeFocused();
  await page.keyboard.press('ArrowDown');
  // Down from the thesis: one of its four reasons, drawn again and in view.
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Claim: Wide claim number [1-4]$/);
  await expect(graph.locator('.react-flow__node:focus')).toBeInViewport();
  await expect(canvas).toHaveCount(0);
});
