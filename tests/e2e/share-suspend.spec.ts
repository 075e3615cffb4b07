/**
 * A collaborator's edit this device cannot store is never sent back as an
 * edit of this user: three users, each a browser profile of its own, against
 * a sharing server started here on loopback. Bob's database is closed under
 * his open, shared map (a newer version of the app upgraded it in another
 * tab); Alice's next claims must survive for everyone, and Bob is told.
 */
import { test, expect, newMap, addClaim, claimNode, writesSettled } from './fixtures';
import { EXPECTED_ERROR, LIVE, claimTexts, newUser, openLink, share, shareServerForFile, shareStatus, type User } from './shareKit';

// Its own port: the other sharing specs use E2E_SHARE_PORT and the one after it.
const PORT = Number(process.env['E2E_SHARE_PORT'] ?? 4421) + 3;
const SERVER = `ws://127.0.0.1:${PORT}`;
const SUSPENDED = /A collaborator's edit could not be saved on this device, so sharing is paused here/;
// Bob's writes fail on purpose: the storage layer's own report of them is expected too.
const BOB_EXPECTED = new RegExp(`${EXPECTED_ERROR.source}|DatabaseClosedError|VersionError|could not be saved|Database has been closed`);

const users: User[] = [];
shareServerForFile(PORT, users);

test('a collaborator’s edit this device cannot store pauses sharing here and is deleted for no one', async ({ browser }) => {
  test.setTimeout(120_000);
  const alice = await newUser(browser, users);
  const bob = await newUser(browser, users, BOB_EXPECTED);
  await newMap(alice.page, '/?e2e');
  await addClaim(alice.page, 'Alice first');
  const links = await share(alice.page, SERVER);
  await openLink(bob.page, links.edit);
  await expect(shareStatus(bob.page)).toHaveText(LIVE);
  await expect(claimNode(bob.page, 'Alice first')).toBeVisible();

  // Newer code opens Bob's database in another tab: his tab's connection to it closes,
  // while his share connection stays up.
  await bob.page.evaluate(
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
  await expect(bob.page.getByRole('alert').filter({ hasText: 'Warrant was updated in another tab' })).toBeVisible();

  // Alice goes on working; Bob's device cannot store what arrives.
  await addClaim(alice.page, 'Alice second');
  await writesSettled(alice.page);
  await expect(bob.page.getByRole('alert').filter({ hasText: SUSPENDED })).toBeVisible();
  await expect(shareStatus(bob.page)).not.toHaveText(LIVE);

  // Nothing of Alice's was taken back: not on her screen, not in her database,
  // not for Carol, who joins after Bob's failure.
  await addClaim(alice.page, 'Alice third');
  await writesSettled(alice.page);
  const carol = await newUser(browser, users);
  await openLink(carol.page, links.edit);
  await expect(shareStatus(carol.page)).toHaveText(LIVE);
  await expect.poll(() => claimTexts(carol.page)).toEqual(['Alice first', 'Alice second', 'Alice third']);
  await expect(claimNode(alice.page, 'Alice second')).toBeVisible();
  expect(await claimTexts(alice.page)).toEqual(['Alice first', 'Alice second', 'Alice third']);
});
