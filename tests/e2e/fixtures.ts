import { readFileSync } from 'node:fs';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

/**
 * Every page fails its test on a console error or an uncaught exception:
 * a page that works but logs errors is not working.
 */
export const test = base.extend<{ errors: string[] }>({
  errors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      // A CSP violation is an error even where the browser would only report it.
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
        });
      });
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (err) => errors.push(String(err)));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * Waits until every edit made so far is written to IndexedDB: the store
 * shows its pending writes on <html data-pending-writes>. Use it before a
 * reload or a look at the database, never a fixed sleep.
 */
export async function writesSettled(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-pending-writes', '0');
}

/** The bundled example map's file, read once from disk. */
export const EXAMPLE_TEXT = readFileSync(new URL('../../examples/xi-diplomacy.warrant.json', import.meta.url), 'utf8');
const EXAMPLE_TITLE = "Is Xi's diplomacy turning defensive?";

type SeedHook = {
  __warrantE2E: {
    storage: { importMapFile(text: string): Promise<{ kind: string; mapId?: string; parse?: { message: string } }> };
  };
};

/**
 * Stores a map file's text straight into the page's IndexedDB, through the
 * storage layer's import (the test hook of src/app/testHook.ts, `?e2e`),
 * and returns its id: a test starts from a seeded map instead of clicking
 * through an import. A map already stored under that id is kept as it is.
 * Leaves the page on the start screen at `/?e2e`.
 */
export async function seedMap(page: Page, text: string): Promise<string> {
  await page.goto('/?e2e');
  await page.waitForFunction(() => '__warrantE2E' in window);
  return page.evaluate(async (text) => {
    const r = await (window as unknown as SeedHook).__warrantE2E.storage.importMapFile(text);
    if (r.mapId) return r.mapId;
    throw new Error(`The map was not seeded: ${r.parse?.message ?? r.kind}`);
  }, text);
}

/** Opens a stored map in the page already loaded (a route change, not a reload) and waits for its title. */
export async function openSeeded(page: Page, mapId: string, title: string): Promise<void> {
  await page.evaluate((id) => {
    window.location.hash = `#/map/${encodeURIComponent(id)}`;
  }, mapId);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

/** The bundled example map, seeded into IndexedDB and open: for tests that need a map, not an import. */
export async function openExample(page: Page): Promise<void> {
  await openSeeded(page, await seedMap(page, EXAMPLE_TEXT), EXAMPLE_TITLE);
}

/** Opens the example map the user's way, with the start screen's button: for tests of that button and its import. */
export async function openExampleByButton(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open example map' }).click();
  await expect(page.getByRole('heading', { level: 1, name: EXAMPLE_TITLE })).toBeVisible();
}

/** Selects the first occurrence of `needle` in the reader's text, as a mouse drag would. */
export async function selectInReader(page: Page, needle: string): Promise<void> {
  await page
    .getByRole('region', { name: 'Source text' })
    .getByRole('document')
    .evaluate((root, needle) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: [Text, number][] = [];
      let full = '';
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        nodes.push([n, full.length]);
        full += n.data;
      }
      const start = full.indexOf(needle);
      if (start < 0) throw new Error(`"${needle}" is not in the reader`);
      const at = (offset: number): [Text, number] => {
        for (const [n, s] of nodes) if (offset <= s + n.length) return [n, offset - s];
        throw new Error('offset past the text');
      };
      const [a, ao] = at(start);
      const [b, bo] = at(start + needle.length);
      document.getSelection()!.setBaseAndExtent(a, ao, b, bo);
    }, needle);
}

/** The graph's zoom, from its viewport's transform. */
export const zoomOf = (page: Page): Promise<number> =>
  graphOf(page)
    .locator('.react-flow__viewport')
    .evaluate((v) => new DOMMatrixReadOnly(getComputedStyle(v).transform).a);

/** Waits until the graph's viewport stops moving (an animated fit or pan takes a few frames); its zoom then. */
export async function viewportSettled(page: Page): Promise<number> {
  const viewport = graphOf(page).locator('.react-flow__viewport');
  let last = '';
  await expect
    .poll(async () => {
      const t = await viewport.evaluate((v) => getComputedStyle(v).transform);
      const still = t === last;
      last = t;
      return still;
    })
    .toBe(true);
  return zoomOf(page);
}

/** The centre of what `locator` shows, in page coordinates. */
export async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags with the mouse from one point to another in small steps (React Flow needs moves). */
export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 5, from.y + 5, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

export const graphOf = (page: Page) => page.getByRole('region', { name: 'Argument graph' });
export const claimNode = (page: Page, text: string) => graphOf(page).getByRole('group', { name: `Claim: ${text}`, exact: true });

/** Starts an empty map from the start screen; `path` may carry a query (the sharing tests open `/?e2e`). */
export async function newMap(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await page.getByRole('button', { name: 'New map' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Untitled map' })).toBeVisible();
}

/** Adds a claim with the toolbar button and types its text in place. */
export async function addClaim(page: Page, text: string): Promise<void> {
  await graphOf(page).getByRole('button', { name: 'New claim' }).click();
  const editor = graphOf(page).getByRole('textbox', { name: 'Edit claim in graph' });
  await expect(editor).toBeFocused();
  await editor.fill(text);
  await editor.press('Enter');
  await expect(claimNode(page, text)).toBeVisible();
}
