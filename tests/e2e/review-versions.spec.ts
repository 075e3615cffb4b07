import type { Page } from '@playwright/test';
import { test, expect, openExample, addClaim, claimNode, graphOf, writesSettled } from './fixtures';

/**
 * Versions and compare in the browser: save a version, edit, compare with
 * the version, take the changes of the edited map's file as one undo step,
 * and restore a version as a copy.
 */

const TITLE = "Is Xi's diplomacy turning defensive?";
const NEW_CLAIM = 'A reviewer adds this claim';

async function exportJson(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menu').getByRole('menuitem', { name: 'JSON', exact: true }).click();
  return (await downloading).path();
}

test('save a version, edit, compare, take the changes from a file, restore as a copy', async ({ page }) => {
  await openExample(page);
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const history = page.getByRole('complementary', { name: 'History' });
  await history.getByRole('button', { name: 'Save version' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save version' });
  await dialog.getByRole('textbox', { name: 'Version name' }).fill('Before the review');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  const versions = history.getByRole('list', { name: 'Versions' });
  await expect(versions.getByRole('listitem')).toHaveCount(1);
  await expect(versions).toContainText('Before the review');
  await history.getByRole('button', { name: 'Close' }).click();

  // Edit, and keep the edited map as a file (a reviewer's export).
  await addClaim(page, NEW_CLAIM);
  await writesSettled(page);
  const file = await exportJson(page);

  // Compared with the version, the new claim is what the version lacks.
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await history.getByRole('button', { name: 'Compare with current: Before the review' }).click();
  const changes = page.getByRole('region', { name: 'Changes' });
  const list = changes.getByRole('list', { name: 'Changes' });
  await expect(list.getByRole('listitem').filter({ hasText: `Removed claim: “${NEW_CLAIM}”` })).toHaveCount(1);
  await expect(changes.getByRole('status').first()).toContainText('Thesis “');
  // The graph marks what the comparison would remove, while it is open.
  await expect(claimNode(page, NEW_CLAIM)).toContainText('Removed in the comparison');
  await changes.getByRole('button', { name: 'Close' }).click();
  await expect(claimNode(page, NEW_CLAIM)).not.toContainText('Removed in the comparison');

  // Back to the version's content (undo the text, then the new claim), then take the claim from the file.
  const claims = graphOf(page).getByRole('group', { name: /^Claim: / });
  const before = await claims.count();
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(claimNode(page, NEW_CLAIM)).toHaveCount(0);
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(claims).toHaveCount(before - 1);
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await history.getByLabel('Compare with file').setInputFiles(file);
  const added = list.getByRole('listitem').filter({ hasText: `Added claim: “${NEW_CLAIM}”` });
  await expect(added).toHaveCount(1);
  await added.getByRole('checkbox', { name: 'Take this change' }).check();
  await changes.getByRole('button', { name: 'Apply selected changes' }).click();
  await expect(changes).toHaveCount(0);
  await expect(claimNode(page, NEW_CLAIM)).toBeVisible();
  // One undo step takes it back.
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(claimNode(page, NEW_CLAIM)).toHaveCount(0);
  await writesSettled(page);

  // Warrant saved versions by itself: before applying, and at the first edit of the hour.
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await expect(versions.getByRole('listitem')).toHaveCount(3);
  await expect(versions.getByRole('listitem').filter({ hasText: 'Before Apply selected changes' })).toContainText('saved by Warrant');
  await expect(versions.getByRole('listitem').filter({ hasText: 'While editing' })).toContainText('saved by Warrant');

  // Restore as copy opens a new map beside this one.
  await history.getByRole('button', { name: 'Restore as copy: Before the review' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${TITLE} (copy)` })).toBeVisible();
});
