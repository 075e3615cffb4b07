import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, openExample, claimNode, writesSettled } from './fixtures';
import { parseMapFile } from '../../src/domain/format/parse';

/**
 * Review threads in the browser: comment with a verdict on a claim, reply,
 * resolve and reopen, find it in the Review region, and keep it through
 * export, the Trash and import.
 */

const TITLE = "Is Xi's diplomacy turning defensive?";
const THESIS = "Xi's diplomacy is shifting from offense to defense";
const details = (page: Page) => page.getByRole('region', { name: 'Details' });
const threads = (page: Page) => details(page).getByRole('region', { name: 'Comments' });

async function exportJson(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menu').getByRole('menuitem', { name: 'JSON', exact: true }).click();
  const download = await downloading;
  return download.path();
}

test('comment with a verdict, reply, resolve; the thread survives export, Trash and import', async ({ page }) => {
  await openExample(page);
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  const review = page.getByRole('complementary', { name: 'Review' });
  await review.getByRole('textbox', { name: 'Your name' }).fill('Ada Reviewer');

  await claimNode(page, THESIS).click();
  await threads(page).getByRole('button', { name: 'Comment', exact: true }).click();
  await threads(page).getByRole('textbox', { name: 'Comment' }).fill('Defense of what, exactly?');
  await threads(page).getByRole('combobox', { name: 'Verdict' }).selectOption({ label: 'Disputed' });
  await threads(page).getByRole('button', { name: 'Post comment' }).click();
  const thread = threads(page).getByRole('article', { name: 'Thread by Ada Reviewer' });
  await expect(thread).toContainText('Defense of what, exactly?');
  await expect(thread).toContainText('Disputed');
  // The graph counts the node's open threads.
  await expect(claimNode(page, THESIS).getByRole('button', { name: '1 open thread' })).toBeVisible();

  await thread.getByRole('button', { name: 'Reply', exact: true }).click();
  await thread.getByRole('textbox', { name: 'Reply' }).fill('Of its gains in the region.');
  await thread.getByRole('button', { name: 'Post reply' }).click();
  await expect(thread.getByRole('list', { name: 'Replies' })).toContainText('Of its gains in the region.');

  // The Review region lists it while open; resolved, it moves to Resolved.
  const list = review.getByRole('list', { name: 'Comments' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Ada Reviewer');
  await expect(list).toContainText('Disputed');
  await thread.getByRole('button', { name: 'Resolve' }).click();
  await expect(thread.getByRole('button', { name: 'Reopen' })).toBeVisible();
  await expect(review).toContainText('No open threads.');
  await expect(claimNode(page, THESIS).getByRole('button', { name: /open thread/ })).toHaveCount(0);
  await review.getByRole('radio', { name: 'Resolved' }).check();
  await expect(list.getByRole('listitem')).toHaveCount(1);

  // A click on a thread selects what it is on.
  await page.keyboard.press('Escape');
  await list.getByRole('button').first().click();
  await expect(details(page).getByRole('textbox', { name: 'Claim text' })).toHaveValue(THESIS);

  // Undo reopens, redo resolves again: a comment is an edit like any other.
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(thread.getByRole('button', { name: 'Resolve' })).toBeVisible();
  await page.getByRole('button', { name: /^Redo/ }).click();
  await expect(thread.getByRole('button', { name: 'Reopen' })).toBeVisible();
  await writesSettled(page);

  // Export: the file holds the thread.
  const path = await exportJson(page);
  const parsed = parseMapFile(await readFile(path, 'utf8'));
  expect(parsed.kind).toBe('ok');
  if (parsed.kind !== 'ok') return;
  const comments = Object.values(parsed.doc.comments);
  expect(comments.map((c) => c.text).sort()).toEqual(['Defense of what, exactly?', 'Of its gains in the region.']);
  expect(comments.find((c) => c.replyTo === undefined)).toMatchObject({ verdict: 'disputed', author: 'Ada Reviewer' });

  // Trash and restore.
  await page.getByRole('link', { name: 'All maps' }).click();
  await page.getByRole('button', { name: `Delete ${TITLE}`, exact: true }).click();
  await page.getByRole('alertdialog', { name: 'Delete map?' }).getByRole('button', { name: 'Delete map' }).click();
  await page.getByRole('button', { name: 'Trash', exact: true }).click();
  const trash = page.getByRole('region', { name: 'Trash' });
  await trash.getByRole('button', { name: `Restore ${TITLE}`, exact: true }).click();
  await trash.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('list', { name: 'Maps' }).getByRole('link', { name: TITLE, exact: true }).click();
  await claimNode(page, THESIS).click();
  await expect(threads(page).getByRole('article', { name: 'Thread by Ada Reviewer' })).toContainText('Of its gains in the region.');

  // Import of the exported file, once the map is gone again.
  await page.getByRole('link', { name: 'All maps' }).click();
  await page.getByRole('button', { name: `Delete ${TITLE}`, exact: true }).click();
  await page.getByRole('alertdialog', { name: 'Delete map?' }).getByRole('button', { name: 'Delete map' }).click();
  await page.getByLabel('Import map file').setInputFiles(path);
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await claimNode(page, THESIS).click();
  const imported = threads(page).getByRole('article', { name: 'Thread by Ada Reviewer' });
  await expect(imported).toContainText('Defense of what, exactly?');
  await expect(imported.getByRole('button', { name: 'Reopen' })).toBeVisible();
});
