/**
 * The opening screen of a map: while a large map is read it counts the
 * records read and offers Cancel, which goes back to all maps (and stops the
 * read: reads.test.ts). The example opens too fast to catch it on its way, so
 * the store is put back in its loading state with a count, as the paged read
 * leaves it between two pages.
 */
import { test, expect, openExample } from './fixtures';

type Hook = { mapStore: { setState(s: { status: 'loading'; rowsRead: number }): void } };

for (const size of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }]) {
  test(`opening a map says how far it has read, and Cancel goes back to all maps (${size.width}×${size.height})`, async ({ page }) => {
    await page.setViewportSize(size);
    await openExample(page);
    await page.evaluate(() => (window as unknown as { __warrantE2E: Hook }).__warrantE2E.mapStore.setState({ status: 'loading', rowsRead: 48_000 }));
    await expect(page.getByRole('status').filter({ hasText: 'Opening the map…' })).toBeVisible();
    await expect(page.getByText('48,000 records read')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`opening-${size.width}.png`) });
    await page.getByRole('link', { name: 'Cancel' }).click();
    await expect(page).toHaveURL(/#\/$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Warrant' })).toBeVisible();
    // Nothing was changed by leaving: the map is still listed.
    await expect(page.getByText("Is Xi's diplomacy turning defensive?").first()).toBeVisible();
  });
}
