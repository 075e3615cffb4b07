import type { Page } from '@playwright/test';
import { test, expect, seedMap, openSeeded } from './fixtures';
import { serializeMap } from '../../src/domain/format/serialize';
import { generateMap } from '../../src/test/testMaps';

/**
 * A source past 200,000 characters reaches the search worker through
 * IndexedDB, not by message: search finds its words when the map opens
 * and, after Save source, its new words and not its old ones.
 */
function largeMap() {
  const doc = generateMap({ claims: 3, quotes: 3, links: 2, seed: 9, sources: 1 });
  doc.map.title = 'Searched large source';
  const source = Object.values(doc.sources)[0]!;
  source.title = 'A long searched report';
  const para = (i: number) => `Paragraph ${i}: the coalition weighs its strategy and the summit's tariffs.\n\n`;
  let body = '';
  for (let i = 0; i < 4_000; i++) body += para(i);
  source.text = `${source.text}\n${body}The word quillwort appears once, near the end.\n`;
  return doc;
}

const searchDialog = (page: Page) => page.getByRole('dialog', { name: 'Search' });
const details = (page: Page) => page.getByRole('region', { name: 'Details' });
const sources = (page: Page) => page.getByRole('region', { name: 'Sources' });

async function sourceHits(page: Page, word: string): Promise<string[]> {
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const dialog = searchDialog(page);
  const box = dialog.getByRole('searchbox', { name: 'Search sources, quotes and claims' });
  await box.fill(word);
  await expect(box).toHaveValue(word);
  // "N matches." or "Nothing matches …": the answer is in (not "Searching…").
  await expect(dialog.getByRole('status')).toContainText(/^\d[\d,]* match|^Nothing matches/);
  const list = dialog.getByRole('list', { name: 'Sources' });
  const hits = (await list.count()) ? await list.getByRole('button').allTextContents() : [];
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  return hits;
}

test('search finds the words of a large source on opening and after Save source', async ({ page }) => {
  test.setTimeout(120_000);
  const doc = largeMap();
  expect(Object.values(doc.sources)[0]!.text.length).toBeGreaterThan(200_000);
  await openSeeded(page, await seedMap(page, serializeMap(doc)), 'Searched large source');
  await expect.poll(() => sourceHits(page, 'quillwort'), { timeout: 30_000 }).toEqual([expect.stringContaining('A long searched report')]);

  await sources(page).getByRole('button', { name: /A long searched report/ }).click();
  const box = details(page).getByRole('textbox', { name: 'Text' });
  await box.focus();
  await box.press('Control+Home');
  await box.pressSequentially('Saxifrage leads. ');
  await details(page).getByRole('button', { name: 'Save source' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Source saved/ })).toBeVisible();

  await expect.poll(() => sourceHits(page, 'saxifrage'), { timeout: 30_000 }).toEqual([expect.stringContaining('A long searched report')]);
  await expect.poll(() => sourceHits(page, 'quillwort'), { timeout: 30_000 }).toEqual([expect.stringContaining('A long searched report')]);
});
