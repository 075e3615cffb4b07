/**
 * A share link to a server that is not running says so at once, naming the
 * address, instead of "Connecting…" until the join gives up.
 */
import { formatShareLink, newShareKeys } from '../../src/share/tokens';
import { test, expect } from './fixtures';
import { CONFIRM_SERVER, newUser, pasteLink, type User } from './shareKit';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
// Port 9 (discard): nothing listens there on a test machine.
const NO_SERVER = 'ws://127.0.0.1:9';

const users: User[] = [];
test.afterEach(async () => {
  for (const u of users.splice(0)) {
    await u.context.close();
    expect(u.errors, 'console errors').toEqual([]);
  }
});

for (const size of SIZES) {
  test(`a link to a server that is not running says so, naming it, at ${size.width}×${size.height}`, async ({ browser, baseURL }, info) => {
    const { page } = await newUser(browser, users);
    await page.setViewportSize(size);
    const keys = newShareKeys();
    await pasteLink(page, formatShareLink(`${baseURL}/`, { server: NO_SERVER, doc: keys.doc, token: keys.editToken }));
    await page.getByRole('alertdialog', { name: CONFIRM_SERVER }).getByRole('button', { name: 'Connect and open' }).click();
    const alert = page.getByRole('alert').filter({ hasText: `Nothing answers at ${NO_SERVER}` });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('the sharing server is not running there, or the address is wrong');
    await page.screenshot({ path: info.outputPath(`unreachable-${size.width}.png`) });
  });
}
