import type { Page } from '@playwright/test';
import { test, expect, openExample } from './fixtures';

/**
 * Two tabs of the same origin share IndexedDB: an edit committed in one
 * reaches the other (over the broadcast channel) and both keep every edit
 * across a reload.
 */
const THESIS = "Xi's diplomacy is shifting from offense to defense";
const details = (page: Page) => page.getByRole('region', { name: 'Details' });
const graph = (page: Page) => page.getByRole('region', { name: 'Argument graph' });

async function selectThesis(page: Page) {
  await details(page).getByRole('button', { name: THESIS }).click();
  await expect(details(page).getByRole('textbox', { name: 'Claim text' })).toBeVisible();
}

test('an edit in one tab shows in the other, and after a reload every edit is there', async ({ page, context }) => {
  await openExample(page);
  const url = page.url();
  const other = await context.newPage();
  const otherErrors: string[] = [];
  other.on('console', (m) => m.type() === 'error' && otherErrors.push(m.text()));
  await other.goto(url);
  await expect(other.getByRole('heading', { level: 1, name: "Is Xi's diplomacy turning defensive?" })).toBeVisible();

  // Tab 1 edits the thesis; tab 2 sees it in its graph and its details.
  await selectThesis(page);
  const text1 = details(page).getByRole('textbox', { name: 'Claim text' });
  await text1.fill(`${THESIS} (edited in tab 1)`);
  await expect(graph(other).getByRole('group', { name: `Claim: ${THESIS} (edited in tab 1)` })).toBeVisible();

  // Tab 2 answers with an edit of its own; tab 1 sees it.
  await details(other).getByRole('textbox', { name: 'Map title' }).fill('Renamed in tab 2');
  await expect(page.getByRole('heading', { level: 1, name: 'Renamed in tab 2' })).toBeVisible();
  await expect(text1).toHaveValue(`${THESIS} (edited in tab 1)`);

  // Neither tab lost or overwrote the other's edit.
  for (const p of [page, other]) {
    await p.reload();
    await expect(p.getByRole('heading', { level: 1, name: 'Renamed in tab 2' })).toBeVisible();
    await expect(graph(p).getByRole('group', { name: `Claim: ${THESIS} (edited in tab 1)` })).toBeVisible();
  }
  expect(otherErrors).toEqual([]);
});
