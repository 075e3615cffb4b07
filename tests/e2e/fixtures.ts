import { test as base, expect, type Page } from '@playwright/test';

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

/** Opens the bundled example map from the start screen and waits for it. */
export async function openExample(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open example map' }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Is Xi's diplomacy turning defensive?" })).toBeVisible();
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
