import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openExample, writesSettled } from './fixtures';

/**
 * Durability in the real browser: a deleted map waits in the Trash and comes
 * back whole; a write refused by a full disk says what was not saved and
 * leaves the stored map as it was; a tab whose database another tab upgraded
 * asks for a reload; the map list shows how much storage is used.
 */

const TITLE = "Is Xi's diplomacy turning defensive?";
const THESIS = "Xi's diplomacy is shifting from offense to defense";

const mapList = (page: Page) => page.getByRole('list', { name: 'Maps' });
const mapItem = (page: Page, title: string) =>
  mapList(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: title, exact: true }) });
const details = (page: Page) => page.getByRole('region', { name: 'Details' });

async function seriousViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a deleted map goes to the Trash, and Restore brings it back with all its contents', async ({ page }) => {
  await openExample(page);
  await page.getByRole('link', { name: 'All maps' }).click();
  const counts = (await mapItem(page, TITLE).locator('.map-counts').innerText()).trim();
  expect(counts).toMatch(/^5 sources · \d+ quotes · \d+ claims · \d+ links$/);

  await page.getByRole('button', { name: `Delete ${TITLE}`, exact: true }).click();
  await page.getByRole('alertdialog', { name: 'Delete map?' }).getByRole('button', { name: 'Delete map' }).click();
  await expect(mapItem(page, TITLE)).toHaveCount(0);

  await page.getByRole('button', { name: 'Trash', exact: true }).click();
  const trash = page.getByRole('region', { name: 'Trash' });
  await expect(trash).toBeVisible();
  const entry = trash.getByRole('listitem').filter({ hasText: TITLE });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Map');
  await expect(entry).toContainText('5 sources');
  await expect(entry).toContainText(/deleted .* kept until/);
  expect(await seriousViolations(page, 'section.trash')).toEqual([]);

  // Still there after a reload: the trash is stored, not in memory.
  await page.reload();
  await page.getByRole('button', { name: 'Trash', exact: true }).click();
  await trash.getByRole('button', { name: `Restore ${TITLE}`, exact: true }).click();
  await expect(trash).toContainText('Nothing in the Trash.');
  await expect(page.getByRole('status').filter({ hasText: `Restored the map “${TITLE}”.` })).toBeVisible();
  await expect(mapItem(page, TITLE)).toHaveCount(1);
  await expect(mapItem(page, TITLE).locator('.map-counts')).toHaveText(counts);
  await trash.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(trash).toBeHidden();

  await mapList(page).getByRole('link', { name: TITLE, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await details(page).getByRole('button', { name: THESIS }).click();
  await expect(details(page).getByRole('textbox', { name: 'Claim text' })).toHaveValue(THESIS);
});

test('a write refused by a full disk says what was not saved; the stored map stays as it was', async ({ page }) => {
  await openExample(page);
  await details(page).getByRole('button', { name: THESIS }).click();
  const text = details(page).getByRole('textbox', { name: 'Claim text' });
  await expect(text).toHaveValue(THESIS);

  // The disk fills up: every put into IndexedDB now fails as browsers report it.
  await page.evaluate(() => {
    const w = window as unknown as { __realPut?: typeof IDBObjectStore.prototype.put };
    w.__realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await text.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('!');
  const alert = page.getByRole('alert').filter({ hasText: 'was not saved' });
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText('storage for Warrant is full');
  // Taken back in memory too: what is shown is what is stored.
  await expect(text).toHaveValue(THESIS);
  // The map is still usable: selecting and reading work.
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

  await page.evaluate(() => {
    const w = window as unknown as { __realPut?: typeof IDBObjectStore.prototype.put };
    if (w.__realPut) IDBObjectStore.prototype.put = w.__realPut;
  });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await details(page).getByRole('button', { name: THESIS }).click();
  await expect(text).toHaveValue(THESIS);

  // And edits are saved again once there is room.
  await text.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' now');
  await expect(text).toHaveValue(`${THESIS} now`);
  await writesSettled(page);
  await page.reload();
  await details(page).getByRole('button', { name: `${THESIS} now` }).click();
  await expect(text).toHaveValue(`${THESIS} now`);
});

test('fast typing while the disk is full reports "full", never "changed in another tab" (issue 17, item 12a)', async ({ page }) => {
  await openExample(page);
  await details(page).getByRole('button', { name: THESIS }).click();
  const text = details(page).getByRole('textbox', { name: 'Claim text' });
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await text.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' typed fast while the disk is full');
  await writesSettled(page);
  const alerts = page.getByRole('alert').filter({ hasText: 'was not saved' });
  await expect(alerts.first()).toContainText('storage for Warrant is full');
  await expect(page.getByRole('alert').filter({ hasText: 'another tab' })).toHaveCount(0);
  await expect(text).toHaveValue(THESIS);
});

test('the map list shows the storage used', async ({ page }) => {
  await openExample(page);
  await page.getByRole('link', { name: 'All maps' }).click();
  const meter = page.getByRole('meter', { name: 'Storage used' });
  await expect(meter).toBeVisible();
  await expect(page.locator('.storage-meter')).toContainText(/\d+(\.\d)? (bytes|kB|MB|GB|TB) used of \d+(\.\d)? (kB|MB|GB|TB)/);
  expect(await seriousViolations(page, '.storage-meter')).toEqual([]);
});

test('a tab whose database another tab upgraded asks for a reload', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Warrant' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  // Newer code opening the database: a higher IndexedDB version.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('warrant', 1000);
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
  );
  const banner = page.getByRole('alert').filter({ hasText: 'Warrant was updated in another tab. Reload to continue.' });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Reload' })).toBeVisible();
  expect(await seriousViolations(page, '.outdated-banner')).toEqual([]);
});

test('the in-graph claim editor keeps what was typed when the tab closes mid-edit (issue 14)', async ({ page }) => {
  await openExample(page);
  const graph = page.getByRole('region', { name: 'Argument graph' });
  const find = graph.getByRole('searchbox', { name: 'Find in graph' });
  await find.fill('summits and trips');
  await find.press('Enter');
  const node = graph.getByRole('group', { name: 'Claim: Xi is cutting back on summits and trips abroad', exact: true });
  await expect(node).toBeInViewport();
  await node.dblclick();
  const editor = graph.getByRole('textbox', { name: 'Edit claim in graph' });
  await expect(editor).toBeFocused();
  await editor.fill('Xi travels abroad less often');
  // Neither Enter nor a blur: the tab goes away with the editor open.
  await writesSettled(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(graph.getByRole('group', { name: 'Claim: Xi travels abroad less often', exact: true })).toHaveCount(1);
  await expect(graph.getByRole('group', { name: 'Claim: Xi is cutting back on summits and trips abroad', exact: true })).toHaveCount(0);
});
