import type { Page } from '@playwright/test';
import { test, expect, openExample, writesSettled, graphOf, claimNode } from './fixtures';

/**
 * The open map's one change stream, seen from the browser: every write
 * reaches the other tabs without its caller having to remember it, and
 * typing only ever moves forward for whoever is watching.
 */
const TITLE = "Is Xi's diplomacy turning defensive?";
const THESIS = "Xi's diplomacy is shifting from offense to defense";
const REASON = 'Xi is cutting back on summits and trips abroad';
const details = (page: Page) => page.getByRole('region', { name: 'Details' });
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

test('a map renamed from the start screen while another tab has it open: that tab follows, and its next edit is kept', async ({ page, context }) => {
  await openExample(page);
  const start = await context.newPage();
  await start.goto('/');
  await start.getByRole('button', { name: `Rename ${TITLE}`, exact: true }).click();
  const rename = start.getByRole('dialog', { name: 'Rename map' });
  await rename.getByRole('textbox', { name: 'Map title' }).fill('Renamed on the start screen');
  await rename.getByRole('button', { name: 'Save' }).click();
  await expect(start.getByRole('list', { name: 'Maps' }).getByRole('link', { name: 'Renamed on the start screen' })).toBeVisible();

  // The open tab shows the new title without a reload...
  await expect(heading(page, 'Renamed on the start screen')).toBeVisible();
  // ...and its next edit is written, not refused as "changed in another tab".
  await details(page).getByRole('button', { name: THESIS }).click();
  await details(page).getByRole('textbox', { name: 'Claim text' }).fill(`${THESIS} (edited after the rename)`);
  await writesSettled(page);
  await expect(page.getByRole('alert').filter({ hasText: 'another tab' })).toHaveCount(0);
  await page.reload();
  await expect(heading(page, 'Renamed on the start screen')).toBeVisible();
  await expect(claimNode(page, `${THESIS} (edited after the rename)`)).toBeVisible();
  await start.close();
});

test('Enter in the in-graph claim editor sends the final text once, never the text it started from', async ({ page }) => {
  await openExample(page);
  // Listen to the tab channel as another tab would (a second channel object of this page hears this page's posts).
  await page.evaluate(() => {
    const heard: unknown[] = [];
    (window as unknown as { heard: unknown[] }).heard = heard;
    new BroadcastChannel('warrant').onmessage = (e: MessageEvent) => heard.push(e.data);
  });
  const claimTexts = () =>
    page.evaluate(() =>
      (window as unknown as { heard: Array<{ type: string; change?: { put: { claims?: Array<{ text: string }> } } }> }).heard
        .filter((m) => m.type === 'change')
        .map((m) => m.change?.put.claims?.[0]?.text ?? '(another record)'),
    );
  const find = graphOf(page).getByRole('searchbox', { name: 'Find in graph' });
  await find.fill('summits and trips');
  await find.press('Enter');
  await expect(claimNode(page, REASON)).toBeInViewport();
  await claimNode(page, REASON).dblclick();
  const editor = graphOf(page).getByRole('textbox', { name: 'Edit claim in graph' });
  await expect(editor).toBeFocused();
  // A trailing space, which Enter trims: Enter has one real change to send.
  await editor.fill('Xi travels abroad less often ');
  await writesSettled(page);
  await expect.poll(claimTexts).toContain('Xi travels abroad less often ');
  const before = (await claimTexts()).length;

  await editor.press('Enter');
  await expect(claimNode(page, 'Xi travels abroad less often')).toBeVisible();
  await writesSettled(page);
  // A marker edit after it: the channel keeps one tab's order, so once the
  // marker is heard, everything Enter sent has been heard.
  const MARKER = 'Xi travels abroad less often (marker)';
  await claimNode(page, 'Xi travels abroad less often').click();
  await details(page).getByRole('textbox', { name: 'Claim text' }).fill(MARKER);
  await expect.poll(claimTexts).toContain(MARKER);
  const heard = await claimTexts();
  expect(heard.slice(before, heard.indexOf(MARKER))).toEqual(['Xi travels abroad less often']);

  // Escape after typing takes this editing back: the text it opened with, and no undo step of its own.
  await claimNode(page, MARKER).focus();
  await page.keyboard.press('Enter');
  await expect(editor).toBeFocused();
  await editor.fill('Something else');
  await editor.press('Escape');
  await expect(claimNode(page, MARKER)).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(claimNode(page, 'Xi travels abroad less often')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(claimNode(page, REASON)).toBeVisible();
});

test('a tab left on a map deleted in another tab finds it again once it is imported again', async ({ page, context }) => {
  await openExample(page);
  const start = await context.newPage();
  await start.goto('/');
  await start.getByRole('button', { name: `Delete ${TITLE}`, exact: true }).click();
  await start.getByRole('alertdialog', { name: 'Delete map?' }).getByRole('button', { name: 'Delete map' }).click();
  await expect(heading(page, 'Map not found')).toBeVisible();

  await start.getByRole('button', { name: 'Open example map' }).click();
  await expect(heading(start, TITLE)).toBeVisible();
  await expect(heading(page, TITLE)).toBeVisible();
  await expect(claimNode(page, REASON)).toBeVisible();
  await start.close();
});
