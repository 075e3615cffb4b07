/**
 * Opening a large imported map: a file with more unplaced nodes than the
 * layered placement's threshold is stored with the places it opens with (the
 * import worker computes them), so a reload draws every node where it was;
 * and the mini map, one SVG element and one store subscriber per node, is
 * left out past 2,000 nodes (the far view is the overview), while a small map
 * keeps it.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openExample, writesSettled } from './fixtures';

const T = '2026-12-03T10:00:00.000Z';
const CLAIMS = 2_400;

/** 2,400 claims in a tree under one thesis, with no layout: the app places them. */
function largeMapFile(): string {
  const claims = Array.from({ length: CLAIMS }, (_, i) => ({
    id: `c_${String(i).padStart(5, '0')}`,
    text: i === 0 ? 'The large map thesis' : `Large claim number ${i}`,
    kind: i === 0 ? 'thesis' : 'claim',
    createdAt: T,
    updatedAt: T,
  }));
  const links = claims.slice(1).map((c, i) => ({
    id: `l_${i + 1}`,
    from: c.id,
    to: claims[Math.floor(i / 3)]!.id,
    relation: i % 4 ? 'supports' : 'contradicts',
    createdAt: T,
  }));
  return JSON.stringify({
    format: 'warrant.map',
    version: 1,
    exportedAt: T,
    map: { id: 'map_large_open_e2e', title: 'Large open map', createdAt: T, updatedAt: T },
    sources: [],
    quotes: [],
    claims,
    links,
    layout: {},
  });
}

const graphOf = (page: Page) => page.getByRole('region', { name: 'Argument graph' });
const thesisOf = (page: Page) => graphOf(page).getByRole('group', { name: 'Claim: The large map thesis', exact: true });
/** Where React Flow put the node: its transform inside the viewport. */
const placeOf = (page: Page) => thesisOf(page).evaluate((n) => (n as HTMLElement).style.transform);

for (const size of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test(`a large imported map opens at its stored places, without the mini map (${size.width}×${size.height})`, async ({ page }, info) => {
    await page.setViewportSize(size);
    await page.goto('/');
    const path = info.outputPath('large.warrant.json');
    writeFileSync(path, largeMapFile());
    await page.getByLabel('Import map file').setInputFiles(path);
    await expect(page.getByRole('heading', { level: 1, name: 'Large open map' })).toBeVisible();
    const graph = graphOf(page);
    await expect(thesisOf(page)).toBeInViewport();
    await writesSettled(page);
    const before = await placeOf(page);
    expect(before).toMatch(/translate\(/);
    // The controls are there; the mini map is not drawn for this many nodes.
    await expect(graph.getByRole('button', { name: 'Fit all' })).toBeVisible();
    await expect(graph.locator('.react-flow__minimap')).toHaveCount(0);
    await page.screenshot({ path: info.outputPath(`large-open-${size.width}.png`) });

    // Opened again from storage: the same places, stored by the import (nothing to place or write on open).
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Large open map' })).toBeVisible();
    await expect(thesisOf(page)).toBeInViewport();
    expect(await placeOf(page)).toBe(before);
    await expect(graph.locator('.react-flow__minimap')).toHaveCount(0);
  });
}

test('a small map keeps its mini map', async ({ page }) => {
  await openExample(page);
  await expect(graphOf(page).locator('.react-flow__minimap')).toBeVisible();
});
