import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, openExample, graphOf } from './fixtures';

/**
 * One anchor status for a quote everywhere: a quote whose source text was
 * lightly edited is "found approximately" in the graph, the Thesis check's
 * warnings and the Markdown report alike (the Thesis check and the report
 * used to call it "no longer found").
 */
const THESIS = "Xi's diplomacy is shifting from offense to defense";
const PASSAGE = 'At its core, national security is a defensive concept';

const details = (page: Page) => page.getByRole('region', { name: 'Details' });

test('a lightly edited quote is fuzzy in the graph, the Thesis check and the Markdown report', async ({ page }) => {
  await openExample(page);
  await details(page).getByRole('button', { name: THESIS }).click();
  await details(page).getByRole('region', { name: /^For/ }).getByRole('button', { name: new RegExp(PASSAGE) }).click();
  await details(page).getByRole('button', { name: 'Xi Jinping’s Diplomacy Is Shifting from Offense to Defense' }).click();
  const text = details(page).getByRole('textbox', { name: 'Text' });
  const original = await text.inputValue();
  expect(original).toContain('is a defensive concept');
  // One letter dropped inside the quoted passage: still found, but only approximately.
  await text.fill(original.replace('is a defensive concept', 'is a defensiv concept'));
  await details(page).getByRole('button', { name: 'Save source' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Source saved/ })).toBeVisible();

  await page.getByRole('button', { name: 'Thesis check' }).click();
  const check = page.getByRole('region', { name: 'Thesis check' });
  await expect(check).toContainText(`The quote “${PASSAGE.slice(0, 20)}`);
  await expect(check).toContainText('only approximately matches the source');
  await expect(check).not.toContainText('can no longer be found');

  await check.getByRole('button', { name: /^Show in graph: “At its core, national security/ }).first().click();
  const node = graphOf(page).getByRole('group', { name: new RegExp(`^Quote: ${PASSAGE}`) });
  await expect(node).toContainText('The passage no longer matches its source exactly');

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menu').getByRole('menuitem', { name: 'Markdown report', exact: true }).click();
  const report = await readFile(await (await downloading).path(), 'utf8');
  expect(report).toContain('only approximately matches the source');
  expect(report).not.toContain('can no longer be found');
});
