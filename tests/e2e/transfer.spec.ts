import { readFile, writeFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openExample } from './fixtures';
import { parseMapFile } from '../../src/domain/format/parse';
import { serializeMap } from '../../src/domain/format/serialize';
import { generateMap } from '../../src/test/testMaps';

const EXAMPLE_TITLE = "Is Xi's diplomacy turning defensive?";

type ExampleFile = {
  sources: unknown[];
  quotes: unknown[];
  claims: Array<{ id: string; text: string; kind: string }>;
  links: Array<{ to: string }>;
};

async function example(): Promise<ExampleFile> {
  return JSON.parse(await readFile('examples/xi-diplomacy.warrant.json', 'utf8')) as ExampleFile;
}

/** Chooses `item` from the Export menu and returns the downloaded file. */
async function exportAs(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  const downloading = page.waitForEvent('download');
  await menu.getByRole('menuitem', { name: item, exact: true }).click();
  const download = await downloading;
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

test.describe('Export menu', () => {
  test('JSON: the map file reads back with the project’s parser, with the same records', async ({ page }) => {
    await openExample(page);
    const { name, bytes } = await exportAs(page, 'JSON');
    expect(name).toBe("Is Xi's diplomacy turning defensive.warrant.json");
    const parsed = parseMapFile(bytes.toString('utf8'));
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    const file = await example();
    expect(parsed.doc.map.title).toBe(EXAMPLE_TITLE);
    expect(Object.keys(parsed.doc.sources)).toHaveLength(file.sources.length);
    expect(Object.keys(parsed.doc.quotes)).toHaveLength(file.quotes.length);
    expect(Object.keys(parsed.doc.claims)).toHaveLength(file.claims.length);
    expect(Object.keys(parsed.doc.links)).toHaveLength(file.links.length);
  });

  test('Markdown report: the thesis and the sources', async ({ page }) => {
    await openExample(page);
    const { name, bytes } = await exportAs(page, 'Markdown report');
    expect(name).toBe("Is Xi's diplomacy turning defensive.md");
    const md = bytes.toString('utf8');
    const thesis = (await example()).claims.find((c) => c.kind === 'thesis')!;
    expect(md).toContain(thesis.text);
    expect(md).toContain('Sources');
  });

  test('PNG image: a real PNG of the whole graph', async ({ page }) => {
    await openExample(page);
    await expect(page.getByRole('region', { name: 'Argument graph' }).locator('.react-flow__node').first()).toBeVisible();
    const { name, bytes } = await exportAs(page, 'PNG image');
    expect(name).toBe("Is Xi's diplomacy turning defensive.png");
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(bytes.length).toBeGreaterThan(20 * 1024);
    // The image is of the whole graph at zoom 1, twice the pixels: wider than the screen's graph pane.
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    const pane = await page.getByRole('region', { name: 'Argument graph' }).boundingBox();
    expect(width * height).toBeGreaterThan(pane!.width * pane!.height);
  });

  test('SVG image: holds the claims’ texts', async ({ page }) => {
    await openExample(page);
    await expect(page.getByRole('region', { name: 'Argument graph' }).locator('.react-flow__node').first()).toBeVisible();
    const { name, bytes } = await exportAs(page, 'SVG image');
    expect(name).toBe("Is Xi's diplomacy turning defensive.svg");
    const svg = bytes.toString('utf8');
    expect(svg).toContain('<svg');
    const claims = (await example()).claims.map((c) => c.text).filter((t) => !/[&<>']/.test(t));
    const found = claims.filter((t) => svg.includes(t));
    expect(found.length, `claims found in the SVG: ${found.join(' | ')}`).toBeGreaterThanOrEqual(5);
    // Edges keep their stroke (inlined for the capture) and the page is left as it was.
    expect(svg).toMatch(/react-flow__edge-path[^>]*stroke: rgb/);
    await expect(page.locator('.react-flow__edge-path').first()).not.toHaveAttribute('style', /stroke-linecap/);
  });

  test('Argdown: statements and relations', async ({ page }) => {
    await openExample(page);
    const { name, bytes } = await exportAs(page, 'Argdown');
    expect(name).toBe("Is Xi's diplomacy turning defensive.argdown");
    const text = bytes.toString('utf8');
    expect(text).toMatch(/^\s*\[[^\]]+\]: /m);
    expect(text).toMatch(/^\s+\+ /m);
    expect(text).toMatch(/^\s+- /m);
  });

  test('AIF: JSON with I, RA and CA nodes', async ({ page }) => {
    await openExample(page);
    const { name, bytes } = await exportAs(page, 'AIF');
    expect(name).toBe("Is Xi's diplomacy turning defensive.aif.json");
    const aif = JSON.parse(bytes.toString('utf8')) as { nodes: Array<{ type: string }>; edges: unknown[] };
    const types = new Set(aif.nodes.map((n) => n.type));
    expect([...types].sort()).toEqual(['CA', 'I', 'RA']);
    expect(aif.edges.length).toBeGreaterThan(0);
    await expect(page.getByText(/AIF: Nothing was left out\. Kept for Warrant in fields other AIF tools ignore/)).toBeVisible();
  });

  test('JSON Canvas: nodes and edges', async ({ page }) => {
    await openExample(page);
    const { name, bytes } = await exportAs(page, 'JSON Canvas');
    expect(name).toBe("Is Xi's diplomacy turning defensive.canvas");
    const canvas = JSON.parse(bytes.toString('utf8')) as { nodes: unknown[]; edges: unknown[] };
    const file = await example();
    expect(canvas.nodes).toHaveLength(file.claims.length + file.quotes.length);
    // Links aimed at links (format version 2 undercuts) have no canvas edge; the notice counts them.
    const claimIds = new Set(file.claims.map((c) => c.id));
    expect(canvas.edges).toHaveLength(file.links.filter((l) => claimIds.has(l.to)).length);
    await expect(page.getByText(/JSON Canvas: Not kept in the JSON Canvas file: 1 link aimed at links/)).toBeVisible();
  });

  test('keyboard: Enter opens on the first item, arrows move, Escape closes and returns focus', async ({ page }) => {
    await openExample(page);
    const button = page.getByRole('button', { name: 'Export', exact: true });
    await expect(button).toHaveAttribute('aria-haspopup', 'menu');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await button.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await expect(menu).toBeVisible();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(menu.getByRole('menuitem')).toHaveText(['JSON', 'Markdown report', 'PNG image', 'SVG image', 'Argdown', 'AIF', 'JSON Canvas']);
    await expect(menu.getByRole('menuitem', { name: 'JSON', exact: true })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Markdown report' })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(menu.getByRole('menuitem', { name: 'JSON Canvas' })).toBeFocused();
    await page.keyboard.press('Home');
    await expect(menu.getByRole('menuitem', { name: 'JSON', exact: true })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(button).toBeFocused();
    await expect(button).toHaveAttribute('aria-expanded', 'false');

    // Enter on an item downloads it; focus goes back to the button.
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'JSON', exact: true })).toBeFocused();
    await page.keyboard.press('End');
    const downloading = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await downloading).suggestedFilename()).toMatch(/\.canvas$/);
    await expect(menu).toBeHidden();
    await expect(button).toBeFocused();
  });

  test('a click outside closes the menu', async ({ page }) => {
    await openExample(page);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    await page.getByRole('heading', { level: 1, name: EXAMPLE_TITLE }).click();
    await expect(page.getByRole('menu')).toBeHidden();
  });

  test('the open menu has no serious or critical accessibility violations', async ({ page }) => {
    await openExample(page);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    const results = await new AxeBuilder({ page }).include('.map-header').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

test.describe('JSON export of a big map', () => {
  const BIG = { claims: 900, quotes: 1200, links: 1500, seed: 11 };

  async function openBigMap(page: Page, path: string) {
    const doc = generateMap(BIG);
    await writeFile(path, serializeMap(doc));
    await page.goto('/');
    await page.getByLabel('Import map file').setInputFiles(path);
    // Opening 3,600 records takes a while when the suite runs tests side by side.
    await expect(page.getByRole('heading', { level: 1, name: doc.map.title })).toBeVisible({ timeout: 40_000 });
    return doc;
  }

  /** Records, in the page, whether the `Exporting` dialog was shown; with `cancel`, presses its Cancel at once. */
  async function watchProgress(page: Page, cancel: boolean) {
    await page.evaluate((cancel) => {
      const w = window as unknown as { sawExporting?: boolean };
      new MutationObserver(() => {
        const dialog = [...document.querySelectorAll('dialog')].find((d) => d.querySelector('h2')?.textContent === 'Exporting');
        if (!dialog || w.sawExporting) return;
        w.sawExporting = !!dialog.querySelector('progress');
        if (cancel) [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')?.click();
      }).observe(document.body, { childList: true, subtree: true });
    }, cancel);
  }

  test('runs in the worker with a progress dialog and gives the whole map', async ({ page }, info) => {
    const doc = await openBigMap(page, info.outputPath('big.warrant.json'));
    await watchProgress(page, false);
    const { bytes } = await exportAs(page, 'JSON');
    expect(await page.evaluate(() => (window as unknown as { sawExporting?: boolean }).sawExporting)).toBe(true);
    const parsed = parseMapFile(bytes.toString('utf8'));
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    expect(Object.keys(parsed.doc.claims)).toHaveLength(BIG.claims);
    expect(Object.keys(parsed.doc.quotes)).toHaveLength(BIG.quotes);
    expect(Object.keys(parsed.doc.links)).toHaveLength(Object.keys(doc.links).length);
    await expect(page.getByRole('dialog', { name: 'Exporting' })).toBeHidden();
  });

  test('Cancel stops it: no file, and a message says so', async ({ page }, info) => {
    await openBigMap(page, info.outputPath('big.warrant.json'));
    await watchProgress(page, true);
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'JSON', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Export cancelled.' })).toBeVisible();
    await expect(page.getByRole('dialog', { name: 'Exporting' })).toBeHidden();
    expect(downloads).toBe(0);
    // A cancelled export that still delivered would arrive before a second,
    // whole one (same work, started later): after it, exactly one file.
    await exportAs(page, 'JSON');
    expect(downloads).toBe(1);
  });
});

test.describe('Import map takes AIF and Argdown too', () => {
  test('an exported Argdown file comes back as a new map with its summary; Open map opens it', async ({ page }, info) => {
    await openExample(page);
    const { bytes } = await exportAs(page, 'Argdown');
    const path = info.outputPath('xi.argdown');
    await writeFile(path, bytes);
    await page.getByRole('link', { name: 'All maps' }).click();
    await page.getByLabel('Import map file').setInputFiles(path);
    const dialog = page.getByRole('dialog', { name: 'Import summary' });
    await expect(dialog).toBeVisible();
    const file = await example();
    await expect(dialog).toContainText(`${file.claims.length + file.quotes.length} claims`);
    await expect(dialog).toContainText('Quotes came back as claims');
    await expect(dialog.getByRole('list', { name: 'Left out' })).toContainText('5 sources');
    const results = await new AxeBuilder({ page }).include('dialog').analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await dialog.getByRole('button', { name: 'Open map' }).click();
    await expect(page.getByRole('heading', { level: 1, name: EXAMPLE_TITLE })).toBeVisible();
  });

  test('an AIF file is told apart by content, whatever its name', async ({ page }, info) => {
    const path = info.outputPath('debate.txt');
    await writeFile(
      path,
      JSON.stringify({
        nodes: [
          { nodeID: '1', text: 'The port deal is defensive', type: 'I' },
          { nodeID: '2', text: 'The port has no naval berths', type: 'I' },
          { nodeID: '3', text: 'Default Inference', type: 'RA' },
        ],
        edges: [
          { edgeID: 'a', fromID: '2', toID: '3' },
          { edgeID: 'b', fromID: '3', toID: '1' },
        ],
      }),
    );
    await page.goto('/');
    await page.getByLabel('Import map file').setInputFiles(path);
    const dialog = page.getByRole('dialog', { name: 'Import summary' });
    await expect(dialog).toContainText('2 claims · 1 link · 0 quotes · 0 sources');
    await dialog.getByRole('button', { name: 'Open map' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Imported AIF map' })).toBeVisible();
    const graph = page.getByRole('region', { name: 'Argument graph' });
    await expect(graph.getByLabel('Claim: The port has no naval berths', { exact: true })).toBeVisible();
    await expect(graph.getByLabel('Claim: The port deal is defensive', { exact: true })).toBeVisible();
  });

  test('a file that is no map is refused with a clear message', async ({ page }, info) => {
    const path = info.outputPath('notes.txt');
    await writeFile(path, 'Dear diary, nothing happened today.');
    await page.goto('/');
    await page.getByLabel('Import map file').setInputFiles(path);
    const alert = page.getByRole('alertdialog', { name: 'Import failed' });
    await expect(alert).toContainText('not in a format Warrant reads');
  });
});
