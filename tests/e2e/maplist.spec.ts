import { writeFileSync } from 'node:fs';
import { MAP_FILE_VERSION } from '../../src/domain/schema';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** The start screen: import (refused files, conflicts, drag and drop), new map, rename, duplicate, delete. */

const T = '2026-11-23T10:00:00.000Z';
const TEXT = 'The sky is blue today. Grass is green.';

type MapFileJson = Record<string, unknown> & { quotes: Array<Record<string, unknown>> };

/** A valid little map file; `claims` are the claim texts, the first a thesis. */
function mapFile(title: string, claims: string[] = ['The weather is fine']): MapFileJson {
  return {
    format: 'warrant.map',
    version: 1,
    exportedAt: T,
    map: { id: 'map_small_e2e', title, createdAt: T, updatedAt: T },
    sources: [{ id: 'src_1', title: 'Weather notes', text: TEXT, addedAt: T }],
    quotes: [
      { id: 'q_1', sourceId: 'src_1', exact: 'The sky is blue today.', prefix: '', suffix: ' Grass is green.', start: 0, end: 22, createdAt: T },
    ],
    claims: claims.map((text, i) => ({ id: `c_${i + 1}`, text, kind: i === 0 ? 'thesis' : 'claim', createdAt: T, updatedAt: T })),
    links: [{ id: 'l_1', from: 'q_1', to: 'c_1', relation: 'supports', createdAt: T }],
  };
}

/** Writes a temporary file for the test and returns its path. */
function tempFile(name: string, content: string): string {
  const path = test.info().outputPath(name);
  writeFileSync(path, content);
  return path;
}

async function importFile(page: Page, path: string) {
  await page.getByLabel('Import map file').setInputFiles(path);
}

const mapList = (page: Page) => page.getByRole('list', { name: 'Maps' });
const mapLinks = (page: Page) => mapList(page).getByRole('listitem').getByRole('link');

async function seriousViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function backToList(page: Page) {
  await page.getByRole('link', { name: 'All maps' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Warrant' })).toBeVisible();
}

test('the empty first run explains the app and offers the example; no serious axe violations', async ({ page }) => {
  await page.goto('/');
  const intro = page.getByRole('region', { name: 'Getting started' });
  await expect(intro.getByRole('paragraph')).toHaveCount(2);
  await expect(intro).toContainText('quote the passages that matter');
  await expect(intro).toContainText('Start with the example map, or drop a map file here.');
  await expect(page.getByRole('button', { name: 'Open example map' })).toBeVisible();
  await expect(mapList(page).getByRole('listitem')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
});

test('refused files open Import failed with each problem and its JSON path, and change nothing', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New map' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Untitled map' })).toBeVisible();
  await backToList(page);
  await expect(mapLinks(page)).toHaveText(['Untitled map']);
  const before = await mapList(page).innerText();

  const failed = page.getByRole('alertdialog', { name: 'Import failed' });

  // 1. Truncated JSON.
  const whole = JSON.stringify(mapFile('Cut short'), null, 2);
  await importFile(page, tempFile('truncated.warrant.json', whole.slice(0, Math.floor(whole.length / 2))));
  await expect(failed).toBeVisible();
  await expect(failed).toContainText('truncated.warrant.json was not imported, and nothing was changed.');
  await expect(failed).toContainText('not valid JSON');
  expect(await seriousViolations(page, '[role=alertdialog]')).toEqual([]);
  await failed.getByRole('button', { name: 'Close' }).click();
  await expect(failed).toBeHidden();

  // 2. A link to a claim that is not there: listed with its path. A quote
  // that is not in its source is no problem (rule 3: kept and flagged).
  const bad = mapFile('Bad quote');
  bad.quotes[0] = { ...bad.quotes[0], exact: 'Snow fell all night long' };
  (bad['links'] as Array<Record<string, unknown>>).push({ id: 'l_2', from: 'q_1', to: 'c_missing', relation: 'supports', createdAt: T });
  await importFile(page, tempFile('bad-quote.warrant.json', JSON.stringify(bad)));
  await expect(failed).toBeVisible();
  const problems = failed.getByRole('list', { name: 'Problems' });
  await expect(problems.getByRole('listitem').filter({ hasText: 'links[1].to' })).toHaveCount(1);
  await expect(failed.locator('code').filter({ hasText: 'links[1].to' })).toHaveCount(1);
  await expect(problems.getByRole('listitem').filter({ hasText: 'quotes[0].exact' })).toHaveCount(0);
  expect(await seriousViolations(page, '[role=alertdialog]')).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(failed).toBeHidden();

  // 3. A file from a newer version than this build writes.
  await importFile(page, tempFile('newer.warrant.json', JSON.stringify({ ...mapFile('From the future'), version: MAP_FILE_VERSION + 1 })));
  await expect(failed).toBeVisible();
  await expect(failed).toContainText('made by a newer version of Warrant');
  await failed.getByRole('button', { name: 'Close' }).click();

  await expect(mapLinks(page)).toHaveText(['Untitled map']);
  expect(await mapList(page).innerText()).toBe(before);
  // Nothing was written even in the database: a reload shows the same list.
  await page.reload();
  await expect(mapLinks(page)).toHaveText(['Untitled map']);
});

test('importing a map that exists offers Replace and Import as copy; both work', async ({ page }) => {
  await page.goto('/');
  await importFile(page, tempFile('first.warrant.json', JSON.stringify(mapFile('Weather'))));
  await expect(page.getByRole('heading', { level: 1, name: 'Weather' })).toBeVisible();
  await backToList(page);

  // Same map id, new contents: Replace.
  const second = tempFile('second.warrant.json', JSON.stringify(mapFile('Weather', ['The weather is fine', 'It will not rain'])));
  await importFile(page, second);
  const exists = page.getByRole('dialog', { name: 'Map already exists' });
  await expect(exists).toBeVisible();
  await expect(exists).toContainText('second.warrant.json');
  expect(await seriousViolations(page, '[role=dialog]')).toEqual([]);
  await exists.getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Weather' })).toBeVisible();
  await backToList(page);
  await expect(mapLinks(page)).toHaveText(['Weather']);
  await expect(mapList(page).getByRole('listitem')).toContainText('2 claims');

  // Again: Import as copy, beside the replaced map.
  await importFile(page, second);
  await expect(exists).toBeVisible();
  await exists.getByRole('button', { name: 'Import as copy' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Weather (copy)' })).toBeVisible();
  await backToList(page);
  await expect(mapLinks(page)).toHaveCount(2);
  const titles = (await mapLinks(page).allInnerTexts()).sort();
  expect(titles).toEqual(['Weather', 'Weather (copy)']);
  for (const item of await mapList(page).getByRole('listitem').all()) await expect(item).toContainText('2 claims');

  // Cancel writes nothing.
  await importFile(page, second);
  await expect(exists).toBeVisible();
  await exists.getByRole('button', { name: 'Cancel' }).click();
  await expect(exists).toBeHidden();
  await expect(mapLinks(page)).toHaveCount(2);
});

test('dropping a map file on the start screen imports it', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Getting started' })).toBeVisible();
  const json = JSON.stringify(mapFile('Dropped map'));
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.warrant.json', { type: 'application/json' }));
    const target = document.querySelector('.empty-state') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  }, json);
  await expect(page.getByRole('heading', { level: 1, name: 'Dropped map' })).toBeVisible();
  await backToList(page);
  await expect(mapLinks(page)).toHaveText(['Dropped map']);
});

test('New map opens an Untitled map; Rename, Duplicate and Delete work from the list', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New map' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Untitled map' })).toBeVisible();
  await backToList(page);
  await expect(mapLinks(page)).toHaveText(['Untitled map']);
  await expect(mapList(page).getByRole('listitem')).toContainText('0 sources · 0 quotes · 0 claims · 0 links');
  expect(await seriousViolations(page)).toEqual([]);

  // Rename.
  await page.getByRole('button', { name: 'Rename Untitled map', exact: true }).click();
  const rename = page.getByRole('dialog', { name: 'Rename map' });
  const field = rename.getByRole('textbox', { name: 'Map title' });
  await expect(field).toHaveValue('Untitled map');
  await field.fill('Budget 2027');
  await rename.getByRole('button', { name: 'Save' }).click();
  await expect(rename).toBeHidden();
  await expect(mapLinks(page)).toHaveText(['Budget 2027']);

  // Duplicate.
  await page.getByRole('button', { name: 'Duplicate Budget 2027', exact: true }).click();
  await expect(mapLinks(page)).toHaveCount(2);
  expect((await mapLinks(page).allInnerTexts()).sort()).toEqual(['Budget 2027', 'Budget 2027 (copy)']);

  // Delete asks first; Cancel keeps the map.
  await page.getByRole('button', { name: 'Delete Budget 2027', exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete map?' });
  await expect(confirm).toContainText('“Budget 2027”');
  expect(await seriousViolations(page, '[role=alertdialog]')).toEqual([]);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(mapLinks(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Delete Budget 2027', exact: true }).click();
  await confirm.getByRole('button', { name: 'Delete map' }).click();
  await expect(mapLinks(page)).toHaveText(['Budget 2027 (copy)']);

  // The list is what is stored.
  await page.reload();
  await expect(mapLinks(page)).toHaveText(['Budget 2027 (copy)']);
  await mapLinks(page).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Budget 2027 (copy)' })).toBeVisible();
});
