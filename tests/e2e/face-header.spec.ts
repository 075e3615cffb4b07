/**
 * The map's header on a shared map, at the laptop sizes: the title stays
 * readable and the sharing status is whole, beside every header button.
 * Shared to an address where no server answers, the status is the longest
 * it gets (`Offline — changes will sync`).
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, openExample } from './fixtures';
import { OFFLINE, newUser, shareStatus, type User } from './shareKit';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
// Nothing listens there: the share stays offline.
const NO_SERVER = 'ws://127.0.0.1:9';

const users: User[] = [];
test.afterEach(async () => {
  for (const u of users.splice(0)) {
    await u.context.close();
    expect(u.errors, 'console errors').toEqual([]);
  }
});

async function boxOf(l: Locator) {
  const b = await l.boundingBox();
  if (!b) throw new Error('not drawn');
  return b;
}
const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Whole: not cut by its own box (no hidden overflow) and inside the window. */
async function expectWhole(page: Page, l: Locator) {
  expect(await l.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  const b = await boxOf(l);
  const vw = page.viewportSize()!.width;
  expect(b.x).toBeGreaterThanOrEqual(0);
  expect(b.x + b.width).toBeLessThanOrEqual(vw);
}

for (const size of SIZES) {
  test(`a shared map's header keeps its title readable and its status whole at ${size.width}×${size.height}`, async ({ browser }, info) => {
    const user = await newUser(browser, users);
    const { page } = user;
    await page.setViewportSize(size);
    await openExample(page);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Share map' });
    await dialog.getByRole('textbox', { name: 'Server address' }).fill(NO_SERVER);
    await dialog.getByRole('button', { name: 'Start sharing' }).click();
    await expect(shareStatus(page)).toHaveText(OFFLINE);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.screenshot({ path: info.outputPath(`header-${size.width}.png`), clip: { x: 0, y: 0, width: size.width, height: 120 } });
    const header = page.getByRole('banner');
    const title = header.getByRole('heading', { level: 1 });
    // About twenty characters of the title at least, not three.
    expect((await boxOf(title)).width).toBeGreaterThanOrEqual(160);
    await expectWhole(page, shareStatus(page));
    const status = await boxOf(shareStatus(page));
    for (const button of await header.getByRole('button').all()) {
      expect(overlap(status, await boxOf(button)), `status under ${await button.textContent()}`).toBe(false);
      await expectWhole(page, button);
    }
  });
}
