/**
 * Evidence integrity (issue 12) and its data-loss repro (issue 17, item 1):
 * a map whose quotes need review after a source edit still exports, imports,
 * restores from the Trash and survives a Replace.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, openExample, selectInReader } from './fixtures';
import { parseMapFile } from '../../src/domain/format/parse';
import { describeQuote } from '../../src/domain/anchoring/anchor';

const TITLE = "Is Xi's diplomacy turning defensive?";
const FIRST_SOURCE = 'Xi Jinping’s Diplomacy Is Shifting from Offense to Defense';

const details = (page: Page) => page.getByRole('region', { name: 'Details' });
const sources = (page: Page) => page.getByRole('region', { name: 'Sources' });
const reader = (page: Page) => page.getByRole('region', { name: 'Source text' });
const mapList = (page: Page) => page.getByRole('list', { name: 'Maps' });
const mapLinks = (page: Page) => mapList(page).getByRole('listitem').getByRole('link');
const notice = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });

/** Downloads the open map as JSON; returns the file's path and text. */
async function exportJson(page: Page): Promise<{ path: string; text: string }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menu').getByRole('menuitem', { name: 'JSON', exact: true }).click();
  const path = await (await downloading).path();
  return { path, text: await readFile(path, 'utf8') };
}

async function backToList(page: Page) {
  await page.getByRole('link', { name: 'All maps' }).click();
  await expect(mapList(page)).toBeVisible();
}

async function importFile(page: Page, path: string) {
  await page.getByLabel('Import map file').setInputFiles(path);
}

/** Edits the open source's text in Details and saves it. */
async function editSourceText(page: Page, sourceTitle: string | RegExp, edit: (text: string) => string) {
  await sources(page).getByRole('button', { name: sourceTitle }).click();
  const text = details(page).getByRole('textbox', { name: 'Text' });
  await expect(text).toBeVisible();
  await text.fill(edit(await text.inputValue()));
  await details(page).getByRole('button', { name: 'Save source' }).click();
}

test('issue 12 repro: a quote left needing review by a source edit exports and imports, flagged', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New map' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Untitled map' })).toBeVisible();

  await page.getByRole('button', { name: 'Add source' }).click();
  const add = page.getByRole('dialog', { name: 'Add source' });
  await add.getByRole('textbox', { name: 'Title' }).fill('Alphabet');
  await add.getByRole('textbox', { name: 'Text' }).fill('Alpha sentence here. Bravo sentence here. Charlie sentence here.');
  await add.getByRole('button', { name: 'Save source' }).click();
  await expect(add).toBeHidden();

  await selectInReader(page, 'Bravo sentence here.');
  await page.getByRole('button', { name: 'Quote selection' }).click();
  const link = page.getByRole('dialog', { name: 'Link quote' });
  await link.getByRole('textbox', { name: 'New claim text' }).fill('Bravo holds');
  await link.getByRole('button', { name: 'Link quote' }).click();
  await expect(link).toBeHidden();
  await expect(reader(page).locator('mark')).toHaveText('Bravo sentence here.');

  await editSourceText(page, /Alphabet/, (t) => t.replace('Bravo sentence here.', 'Bravo sentences are here.'));
  await expect(notice(page, 'Source saved: 1 needs review.')).toBeVisible();
  await expect(reader(page)).toContainText('1 quote needs review');
  await expect(reader(page).locator('mark')).toHaveText('Bravo sentences are here.');

  const { path, text } = await exportJson(page);
  const parsed = parseMapFile(text);
  expect(parsed.kind).toBe('ok');
  if (parsed.kind === 'ok') expect(parsed.anchors).toMatchObject({ fuzzy: 1 });

  await backToList(page);
  await importFile(page, path);
  const exists = page.getByRole('dialog', { name: 'Map already exists' });
  await exists.getByRole('button', { name: 'Import as copy' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Untitled map (copy)' })).toBeVisible();
  await expect(notice(page, /Quotes: 1 need review/)).toBeVisible();
  await sources(page).getByRole('button', { name: /Alphabet/ }).click();
  await expect(reader(page)).toContainText('1 quote needs review');
  await expect(reader(page).locator('mark')).toHaveText('Bravo sentences are here.');

  // Deleting the sentence leaves the quote orphaned, not pointed at another sentence; that too exports and imports.
  await editSourceText(page, /Alphabet/, (t) => t.replace('Bravo sentences are here. ', ''));
  await expect(notice(page, 'Source saved: 1 not found.')).toBeVisible();
  await expect(reader(page).locator('mark')).toHaveCount(0);
  await expect(reader(page).getByRole('region', { name: 'Quotes not found in this text' })).toContainText('Bravo sentence here.');
  const second = await exportJson(page);
  await backToList(page);
  await importFile(page, second.path);
  await page.getByRole('dialog', { name: 'Map already exists' }).getByRole('button', { name: 'Import as copy' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Untitled map (copy) (copy)' })).toBeVisible();
  await expect(notice(page, /Quotes: 1 not found in their source/)).toBeVisible();
});

test('issue 17 item 1: after "published an" → "released an", the example map exports, imports as a copy, restores from the Trash and survives a Replace', async ({
  page,
}) => {
  await openExample(page);
  await editSourceText(page, new RegExp(FIRST_SOURCE), (t) => t.replace('published an', 'released an'));
  await expect(notice(page, /1 needs review/)).toBeVisible();
  const { path } = await exportJson(page);

  // Export + import as a copy.
  await backToList(page);
  await importFile(page, path);
  await page.getByRole('dialog', { name: 'Map already exists' }).getByRole('button', { name: 'Import as copy' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${TITLE} (copy)` })).toBeVisible();
  await expect(notice(page, /Quotes: .*1 need review/)).toBeVisible();
  await backToList(page);

  // Delete, then Restore from the Trash.
  await page.getByRole('button', { name: `Delete ${TITLE}`, exact: true }).click();
  await page.getByRole('alertdialog', { name: 'Delete map?' }).getByRole('button', { name: 'Delete map' }).click();
  await expect(mapLinks(page).filter({ hasText: new RegExp(`^${TITLE.replace(/[?]/g, '\\?')}$`) })).toHaveCount(0);
  await page.getByRole('button', { name: 'Trash', exact: true }).click();
  const trash = page.getByRole('region', { name: 'Trash' });
  await trash.getByRole('button', { name: `Restore ${TITLE}`, exact: true }).click();
  await expect(notice(page, `Restored the map “${TITLE}”.`)).toBeVisible();
  await expect(trash).toContainText('Nothing in the Trash.');
  await trash.getByRole('button', { name: 'Close', exact: true }).click();

  // Replace the restored map with the file, then restore the replaced version too.
  await importFile(page, path);
  await page.getByRole('dialog', { name: 'Map already exists' }).getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await backToList(page);
  await page.getByRole('button', { name: 'Trash', exact: true }).click();
  const replaced = trash.getByRole('listitem').filter({ hasText: TITLE });
  await expect(replaced).toHaveCount(1);
  await replaced.getByRole('button', { name: /^Restore / }).click();
  await expect(notice(page, /Restored “.*” as a copy/)).toBeVisible();
  await expect(trash).toContainText('Nothing in the Trash.');
  await trash.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(mapLinks(page)).toHaveCount(3);
});

test('a large source is re-anchored in the worker on Save source, and its quotes stay marked', async ({ page }, info) => {
  // About 300 KB of prose with 8 quotes: past the worker threshold.
  const base = await readFile('examples/sources/001_43aeaf396ccd5d26.txt', 'utf8');
  const text = Array.from({ length: 8 }, (_, i) => `Section ${i + 1}. ${base}`).join('\n\n');
  const T = '2026-01-01T00:00:00.000Z';
  const quotes = Array.from({ length: 8 }, (_, i) => {
    const at = text.indexOf(`Section ${i + 1}. `);
    return { id: `q_${i}`, sourceId: 'src_big', ...describeQuote(text, at, at + 60), createdAt: T };
  });
  const file = {
    format: 'warrant.map',
    version: 1,
    exportedAt: T,
    map: { id: 'map_big_source', title: 'Big source', createdAt: T, updatedAt: T },
    sources: [{ id: 'src_big', title: 'Long report', text, addedAt: T }],
    quotes,
    claims: [{ id: 'c_1', text: 'Sections hold', kind: 'thesis', createdAt: T, updatedAt: T }],
    links: quotes.map((q, i) => ({ id: `l_${i}`, from: q.id, to: 'c_1', relation: 'supports', createdAt: T })),
  };
  const path = info.outputPath('big.warrant.json');
  await writeFile(path, JSON.stringify(file));
  await page.goto('/');
  await importFile(page, path);
  await expect(page.getByRole('heading', { level: 1, name: 'Big source' })).toBeVisible();
  await sources(page).getByRole('button', { name: /Long report/ }).click();
  const ids = quotes.map((q) => q.id).sort();
  await expect.poll(() => marksWhileScrolling(page), { timeout: 30_000 }).toEqual(ids);

  const box = details(page).getByRole('textbox', { name: 'Text' });
  await box.focus();
  await box.press('Control+Home');
  await box.pressSequentially('New lead. ');
  await details(page).getByRole('button', { name: 'Save source' }).click();
  await expect(notice(page, 'Source saved: 8 quotes moved.')).toBeVisible();
  await expect.poll(() => marksWhileScrolling(page), { timeout: 30_000 }).toEqual(ids);
  await expect(reader(page).locator('mark').first()).toHaveText(quotes[0]!.exact);
});

/**
 * The quotes marked in the reader's text, read while scrolling it from top
 * to bottom a screenful at a time: a text this long is drawn by visible
 * range, so its marks are in the document only near the view.
 */
function marksWhileScrolling(page: Page): Promise<string[]> {
  return reader(page)
    .getByRole('document')
    .evaluate(async (el) => {
      const seen = new Set<string>();
      const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      el.scrollTop = 0;
      for (;;) {
        await frame();
        for (const m of el.querySelectorAll<HTMLElement>('mark[data-quote]')) seen.add(m.dataset['quote']!);
        if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) break;
        // A screenful and most of the 900 px the reader draws beyond the view: every part is seen drawn.
        el.scrollTop += el.clientHeight + 800;
      }
      el.scrollTop = 0;
      await frame();
      return [...seen].sort();
    });
}
