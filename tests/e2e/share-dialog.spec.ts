/**
 * The Share map dialog tells its two links apart by more than the token:
 * each names the right it gives, in its accessible description and on screen.
 */
import { test, expect, openExample } from './fixtures';
import { LIVE, newUser, shareServerForFile, shareStatus, type User } from './shareKit';

// Its own port: the other sharing specs use E2E_SHARE_PORT and the three after it.
const PORT = Number(process.env['E2E_SHARE_PORT'] ?? 4421) + 4;
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

const users: User[] = [];
shareServerForFile(PORT, users);

for (const size of SIZES) {
  test(`the edit and review links say what each allows at ${size.width}×${size.height}`, async ({ browser }, info) => {
    const { page } = await newUser(browser, users);
    await page.setViewportSize(size);
    await openExample(page);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Share map' });
    await dialog.getByRole('textbox', { name: 'Server address' }).fill(`ws://127.0.0.1:${PORT}`);
    await dialog.getByRole('button', { name: 'Start sharing' }).click();
    await expect(shareStatus(page)).toHaveText(LIVE);
    const edit = dialog.getByRole('textbox', { name: 'Edit link', exact: true });
    const review = dialog.getByRole('textbox', { name: 'Review link', exact: true });
    await expect(edit).toHaveAccessibleDescription('The edit link lets its holder change the map.');
    await expect(review).toHaveAccessibleDescription('The review link lets them read it and comment, nothing else.');
    await expect(dialog.locator('.share-link-edit')).toContainText('can change the map');
    await expect(dialog.locator('.share-link-review')).toContainText('can read and comment');
    const colour = (sel: string) => dialog.locator(sel).evaluate((el) => getComputedStyle(el).borderLeftColor);
    expect(await colour('.share-link-edit')).not.toBe(await colour('.share-link-review'));
    await dialog.screenshot({ path: info.outputPath(`share-dialog-${size.width}.png`) });
  });
}
