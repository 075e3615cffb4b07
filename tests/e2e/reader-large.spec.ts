import type { Page } from '@playwright/test';
import { test, expect, seedMap, openSeeded, graphOf } from './fixtures';
import { dumpDatabase } from './hostile';
import { serializeMap } from '../../src/domain/format/serialize';
import { generateMap } from '../../src/test/testMaps';

/**
 * A source of megabytes is drawn by visible range: the reader holds a few
 * screenfuls of it, yet every part can be scrolled to, found, selected and
 * quoted at the right offsets.
 */
const FAR = 'The far passage that only a scroll of megabytes reaches.';
const MIDDLE = 'A sentence about zymurgy in the middle, quoted by hand.';
const END = 'The last words of the long source.';

function largeMap() {
  const doc = generateMap({ claims: 4, quotes: 4, links: 3, seed: 5, sources: 1 });
  doc.map.title = 'Large source map';
  const source = Object.values(doc.sources)[0]!;
  source.title = 'A very long report';
  const para = (i: number) =>
    Array.from({ length: 6 }, (_, l) => `Paragraph ${i}, line ${l}: the coalition weighs its strategy and the summit's tariffs.`).join('\n') + '\n\n';
  let body = '';
  for (let i = 0; i < 6_000; i++) body += para(i);
  const middleAt = body.length;
  body += MIDDLE + '\n\n';
  for (let i = 6_000; i < 12_000; i++) body += para(i);
  source.text = `${source.text}\n${body}${FAR}\n\n${'Closing remarks follow. '.repeat(20)}\n\n${END}`;
  // A quote of the far passage, linked to the first claim.
  const start = source.text.indexOf(FAR);
  const template = Object.values(doc.quotes)[0]!;
  const farQuote = { ...template, id: 'q_far', exact: FAR, prefix: source.text.slice(start - 32, start), suffix: source.text.slice(start + FAR.length, start + FAR.length + 32), start, end: start + FAR.length };
  const claim = Object.values(doc.claims)[0]!;
  const farLink = { ...Object.values(doc.links)[0]!, id: 'l_far', from: farQuote.id, to: claim.id, relation: 'supports' as const };
  const full = { ...doc, quotes: { ...doc.quotes, [farQuote.id]: farQuote }, links: { ...doc.links, [farLink.id]: farLink } };
  return { doc: full, text: source.text, middle: source.text.indexOf(MIDDLE, middleAt) };
}

const reader = (page: Page) => page.getByRole('region', { name: 'Source text' }).getByRole('document');

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
] as const) {
  test.describe(`at ${width}×${height}`, () => {
    test.use({ viewport: { width, height } });

    test('a 3 MB source is drawn by visible range: scrolled, shown in source and quoted at the right offsets', async ({ page }, info) => {
      test.setTimeout(120_000);
      const { doc, text, middle } = largeMap();
      expect(text.length).toBeGreaterThan(3_000_000);
      await openSeeded(page, await seedMap(page, serializeMap(doc)), 'Large source map');
      const document = reader(page);
      await expect(document).toContainText('Paragraph 0, line 0');
      // A few screenfuls of it, not the text.
      const drawn = await document.evaluate((el) => el.textContent?.length ?? 0);
      expect(drawn).toBeGreaterThan(1_000);
      expect(drawn).toBeLessThan(60_000);
      await page.screenshot({ path: info.outputPath(`reader-large-top-${width}.png`) });

      // The far quote, selected in the graph, is brought into view and marked.
      await page.evaluate(() => (window as unknown as { __warrantE2E: { mapStore: { getState(): { select(s: unknown): void } } } }).__warrantE2E.mapStore.getState().select({ kind: 'quote', id: 'q_far' }));
      const far = document.locator('mark[data-quote="q_far"]');
      await expect(far).toHaveText(FAR);
      await expect(far).toBeInViewport();
      await expect(far).toHaveAttribute('data-selected', '');
      await page.screenshot({ path: info.outputPath(`reader-large-far-${width}.png`) });

      // The very end is reached by scrolling.
      await document.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await expect(document.getByText(END)).toBeInViewport();

      // A passage selected by hand in the middle is quoted at its offsets in the stored text.
      // Search finds it, and opening the hit draws and shows that part of the text.
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const search = page.getByRole('dialog', { name: 'Search' });
      await search.getByRole('searchbox', { name: 'Search sources, quotes and claims' }).fill('zymurgy');
      await expect(search.getByRole('list', { name: 'Sources' }).getByRole('button').first()).toContainText('A very long report');
      await search.getByRole('searchbox', { name: 'Search sources, quotes and claims' }).press('Enter');
      await expect(search).toBeHidden();
      await expect(document.getByText(MIDDLE)).toBeInViewport();
      await document.evaluate((root, needle) => {
        const walker = window.document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          const at = n.data.indexOf(needle);
          if (at < 0) continue;
          window.getSelection()!.setBaseAndExtent(n, at, n, at + needle.length);
          return;
        }
        throw new Error('not drawn');
      }, MIDDLE);
      await page.getByRole('button', { name: 'Quote selection' }).click();
      const dialog = page.getByRole('dialog', { name: 'Link quote' });
      await dialog.getByRole('textbox', { name: 'New claim text' }).fill('The middle matters');
      await dialog.getByRole('button', { name: 'Link quote' }).click();
      await expect(dialog).toBeHidden();
      await expect.poll(async () => (await dumpDatabase(page)).quotes.find((q) => q['exact'] === MIDDLE)?.['start']).toBe(middle);
      await expect(document.locator('mark', { hasText: MIDDLE })).toBeVisible();
      await expect(graphOf(page).getByRole('group', { name: 'Claim: The middle matters' })).toBeVisible();
      await page.screenshot({ path: info.outputPath(`reader-large-quoted-${width}.png`) });
    });
  });
}
