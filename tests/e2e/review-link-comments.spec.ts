/**
 * A review link may comment and do nothing else: a reviewer posts a comment
 * with a verdict on a claim, the author sees it live, replies and resolves,
 * the reviewer sees both live; every other edit control stays unavailable on
 * the review link, and nothing but the comments changes.
 */
import type { Page } from '@playwright/test';
import { addClaim, claimNode, expect, graphOf, newMap, test } from './fixtures';
import { dumpDatabase } from './hostile';
import { newUser, openLink, share, shareServerForFile, sharedRecords, shareStatus, type User } from './shareKit';

// Its own port: the other sharing specs use E2E_SHARE_PORT and the ones after it.
const PORT = Number(process.env['E2E_SHARE_PORT'] ?? 4421) + 6;
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
const CLAIM = 'Tariffs lowered prices';
const READ_ONLY_NOTICE = 'This map is open for review (read-only): it cannot be changed here.';

const users: User[] = [];
const server = shareServerForFile(PORT, users);

const details = (page: Page) => page.getByRole('region', { name: 'Details' });
const threads = (page: Page) => details(page).getByRole('region', { name: 'Comments' });

/** Sets the name others see, in the Share map dialog. */
async function setName(page: Page, name: string) {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share map' });
  await dialog.getByRole('textbox', { name: 'Your name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Your name' }).blur();
  await dialog.getByRole('button', { name: 'Close' }).click();
}

for (const size of SIZES) {
  test(`a reviewer comments on a review link, the author answers and resolves, live both ways, at ${size.width}×${size.height}`, async ({ browser }, info) => {
    test.setTimeout(120_000);
    const author = await newUser(browser, users);
    const reviewer = await newUser(browser, users);
    await author.page.setViewportSize(size);
    await reviewer.page.setViewportSize(size);
    await newMap(author.page, '/?e2e');
    await addClaim(author.page, CLAIM);
    const links = await share(author.page, server().url);
    await setName(author.page, 'Alice Author');

    await openLink(reviewer.page, links.review);
    const page = reviewer.page;
    await expect(shareStatus(page)).toHaveText('Read-only');
    await setName(page, 'Rita Reviewer');
    const before = sharedRecords(await dumpDatabase(page));

    // The reviewer comments with a verdict.
    await claimNode(page, CLAIM).click();
    await threads(page).getByRole('button', { name: 'Comment', exact: true }).click();
    await threads(page).getByRole('textbox', { name: 'Comment' }).fill('Which prices, and compared with when?');
    await threads(page).getByRole('combobox', { name: 'Verdict' }).selectOption({ label: 'Needs evidence' });
    await threads(page).getByRole('button', { name: 'Post comment' }).click();
    const mine = threads(page).getByRole('article', { name: 'Thread by Rita Reviewer' });
    await expect(mine).toContainText('Which prices, and compared with when?');
    await expect(mine).toContainText('Needs evidence');

    // The author sees it live: the node's count, and the thread in the claim's details.
    const count = claimNode(author.page, CLAIM).getByRole('button', { name: '1 open thread' });
    await expect(count).toBeVisible();
    await claimNode(author.page, CLAIM).click();
    const theirs = threads(author.page).getByRole('article', { name: 'Thread by Rita Reviewer' });
    await expect(theirs).toContainText('Needs evidence');
    await theirs.getByRole('button', { name: 'Reply', exact: true }).click();
    await theirs.getByRole('textbox', { name: 'Reply' }).fill('Consumer prices, 2019 against 2023.');
    await theirs.getByRole('button', { name: 'Post reply' }).click();
    await theirs.getByRole('button', { name: 'Resolve' }).click();
    await expect(theirs.getByRole('button', { name: 'Reopen' })).toBeVisible();

    // The reviewer sees the reply and the resolution live.
    await expect(mine.getByRole('list', { name: 'Replies' })).toContainText('Consumer prices, 2019 against 2023.');
    await expect(mine.getByRole('list', { name: 'Replies' })).toContainText('Alice Author');
    await expect(mine.getByRole('button', { name: 'Reopen' })).toBeVisible();
    await expect(claimNode(page, CLAIM).getByRole('button', { name: /open thread/ })).toHaveCount(0);

    // The reviewer may reopen too; the author sees it.
    await mine.getByRole('button', { name: 'Reopen' }).click();
    await expect(theirs.getByRole('button', { name: 'Resolve' })).toBeVisible();

    // Nothing else can be changed on the review link.
    await expect(graphOf(page).getByRole('button', { name: 'New claim' })).toBeDisabled();
    await expect(details(page).getByRole('textbox', { name: 'Claim text' })).toBeDisabled();
    await expect(details(page).getByRole('button', { name: 'Delete claim' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Add source' })).toBeDisabled();
    await claimNode(page, CLAIM).dblclick();
    await expect(graphOf(page).getByRole('textbox', { name: 'Edit claim in graph' })).toHaveCount(0);
    await expect(page.getByText(READ_ONLY_NOTICE)).toHaveCount(0);
    await expect(shareStatus(page)).toHaveText('Read-only');
    // The records other than comments are as they were.
    expect(sharedRecords(await dumpDatabase(page))).toEqual(before);

    // The Review region lists the thread for the reviewer too.
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    const list = page.getByRole('complementary', { name: 'Review' }).getByRole('list', { name: 'Comments' });
    await expect(list).toContainText('Rita Reviewer');
    await expect(list).toContainText('Needs evidence');
    await page.screenshot({ path: info.outputPath(`review-link-reviewer-${size.width}.png`) });
  });
}
