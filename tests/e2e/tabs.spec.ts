import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, openExample, writesSettled } from './fixtures';

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

const TITLE = "Is Xi's diplomacy turning defensive?";

/** The example map file with its title and thesis changed: the same ids, another version. */
async function changedExample(path: string, title: string, thesis: string): Promise<string> {
  const file = JSON.parse(await readFile('examples/xi-diplomacy.warrant.json', 'utf8')) as {
    map: { title: string };
    claims: Array<{ id: string; text: string }>;
  };
  file.map.title = title;
  const claim = file.claims.find((c) => c.id === 'c_thesis');
  if (claim) claim.text = thesis;
  await writeFile(path, JSON.stringify(file));
  return path;
}

test('a map replaced in one tab is reloaded at once in the other', async ({ page, context }, info) => {
  await openExample(page);
  const other = await context.newPage();
  await other.goto('/');
  const path = await changedExample(info.outputPath('replaced.warrant.json'), 'Replaced version', 'A replaced thesis');
  await other.getByLabel('Import map file').setInputFiles(path);
  await other.getByRole('dialog', { name: 'Map already exists' }).getByRole('button', { name: 'Replace' }).click();
  await expect(other.getByRole('heading', { level: 1, name: 'Replaced version' })).toBeVisible();

  // The first tab shows the new version without a reload and without an edit of its own.
  await expect(page.getByRole('heading', { level: 1, name: 'Replaced version' })).toBeVisible();
  await expect(graph(page).getByRole('group', { name: 'Claim: A replaced thesis' })).toBeVisible();
  await expect(page.getByText(/replaced in another tab/)).toBeVisible();
});

test('a stale tab never writes over a map deleted and imported again with the same id (issue 17, item 6)', async ({ page, context }, info) => {
  // This tab hears nothing from the others (a sleeping tab, a lost message):
  // only storage can refuse its write.
  await page.addInitScript(() => {
    class Deaf {
      onmessage: unknown = null;
      postMessage() {}
      close() {}
      addEventListener() {}
      removeEventListener() {}
    }
    (window as unknown as { BroadcastChannel: unknown }).BroadcastChannel = Deaf;
  });
  await openExample(page);
  await selectThesis(page);

  // Another tab deletes the map, then imports a changed file with the same map id: its revision starts at 0 again.
  const other = await context.newPage();
  await other.goto('/');
  await other.getByRole('button', { name: `Delete ${TITLE}` }).click();
  await other.getByRole('alertdialog', { name: 'Delete map?' }).getByRole('button', { name: 'Delete map' }).click();
  await expect(other.getByRole('button', { name: `Delete ${TITLE}` })).toHaveCount(0);
  const path = await changedExample(info.outputPath('again.warrant.json'), 'The new version', 'The new thesis');
  await other.getByLabel('Import map file').setInputFiles(path);
  await expect(other.getByRole('heading', { level: 1, name: 'The new version' })).toBeVisible();

  // The stale tab, still showing the old version, edits the thesis: refused, and it reloads the new version.
  const text = details(page).getByRole('textbox', { name: 'Claim text' });
  await text.fill('Written by the stale tab');
  await expect(page.getByText(/was not saved/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'The new version' })).toBeVisible();
  await expect(text).toHaveValue('The new thesis');
  await writesSettled(page);

  // What is stored is the new version whole, with nothing of the old tab's.
  await other.reload();
  await expect(other.getByRole('heading', { level: 1, name: 'The new version' })).toBeVisible();
  await details(other).getByRole('button', { name: 'The new thesis' }).click();
  await expect(details(other).getByRole('textbox', { name: 'Claim text' })).toHaveValue('The new thesis');
});

test('closing the tab while edits are on their way asks first, and every key typed is kept (issue 17, item 5)', async ({ page }) => {
  await openExample(page);
  await selectThesis(page);
  const text = details(page).getByRole('textbox', { name: 'Claim text' });
  await text.click();
  await page.keyboard.press('ControlOrMeta+End');

  // Hold the database with a transaction that keeps itself busy, so writes stay pending.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const w = window as unknown as { holdDb: boolean };
        w.holdDb = true;
        const open = indexedDB.open('warrant');
        open.onsuccess = () => {
          const store = open.result.transaction(['maps'], 'readwrite').objectStore('maps');
          const spin = () => {
            if (w.holdDb) store.get('none').onsuccess = spin;
          };
          spin();
          resolve();
        };
      }),
  );
  const typed = ' and 62 keys more'.padEnd(62, '!');
  expect(typed).toHaveLength(62);
  await page.keyboard.type(typed);
  await expect(text).toHaveValue(THESIS + typed);
  await expect(page.locator('html')).not.toHaveAttribute('data-pending-writes', '0');

  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss(); // stay on the page

  await page.evaluate(() => {
    (window as unknown as { holdDb: boolean }).holdDb = false;
  });
  await writesSettled(page);
  await page.reload();
  await selectThesisNamed(page, THESIS + typed);
  await expect(text).toHaveValue(THESIS + typed);
});

async function selectThesisNamed(page: Page, name: string) {
  await details(page).getByRole('button', { name }).click();
  await expect(details(page).getByRole('textbox', { name: 'Claim text' })).toBeVisible();
}
