/**
 * Views that show the whole argument. The Claim view drew two jointly linked
 * premises as independent cards and an undercut link as a bare weight; the
 * Evidence matrix dropped an undercut quote without a word ("Showing 4 of 4
 * quotes" on a 5-quote map); Details said "For 7 · against 2 (summed link
 * weights)" where the Thesis check said "Against weight 0" of the same thesis.
 *
 * The map is the example with one more undercutter: Mao's "retreat" quote
 * also undercuts a quote's only link (to "China's state-security apparatus
 * …"), as strongly as that link, so the quote carries nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, claimNode } from './fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
const THESIS = "Xi's diplomacy is shifting from offense to defense";
const SCHEME = 'Argument From Verbal Classification';
const STATE_SECURITY = 'China’s state-security apparatus has stepped into high-level diplomacy';
const MAO = /^Undercut by “As a student of Mao Zedong/;

function undercutExample(): string {
  const file = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../examples/xi-diplomacy.warrant.json'), 'utf8'));
  file.links.push({ id: 'l_900', from: 'q_diplomat_16', to: 'l_019', relation: 'contradicts', weight: 2, createdAt: '2026-11-27T10:00:00.000Z' });
  return JSON.stringify(file);
}

async function openUndercutExample(page: Page, path: string) {
  await page.goto('/');
  writeFileSync(path, undercutExample());
  await page.getByLabel('Import map file').setInputFiles(path);
  await expect(page.getByRole('heading', { level: 1, name: "Is Xi's diplomacy turning defensive?" })).toBeVisible();
}

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function claimViewOf(page: Page, text: string) {
  await page.getByRole('button', { name: 'Search' }).click();
  const dialog = page.getByRole('dialog', { name: 'Search' });
  await dialog.getByRole('searchbox').fill(text.slice(0, 40));
  await dialog.getByRole('list', { name: 'Claims' }).getByRole('button').filter({ hasText: text.slice(0, 30) }).first().click();
  await expect(region(page, 'Details').getByRole('textbox', { name: 'Claim text' })).toHaveValue(text);
  await region(page, 'Details').getByRole('button', { name: 'Claim view', exact: true }).click();
  const view = region(page, 'Claim view');
  await expect(view.getByRole('heading', { level: 3 }).first()).toContainText(text.slice(0, 30));
  return view;
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('the Claim view shows a linked argument as one card and says what undercuts a link', async ({ page }, info) => {
      await openUndercutExample(page, info.outputPath('undercut.warrant.json'));
      const view = await claimViewOf(page, THESIS);
      const forList = view.getByRole('list', { name: 'For', exact: true });
      const argument = forList.getByRole('group', { name: `Linked argument: ${SCHEME}` });
      await expect(argument).toHaveCount(1);
      await expect(argument).toContainText(SCHEME);
      const premises = argument.getByRole('list', { name: 'Premises' }).getByRole('button');
      await expect(premises).toHaveCount(2);
      await expect(premises.first()).toContainText('Xi places national security at the center of foreign policy');
      await expect(premises.nth(1)).toContainText('At its core, national security is a defensive concept');
      // The premises are no longer cards of their own beside the argument.
      await expect(forList.locator(':scope > li > button', { hasText: 'Xi places national security at the center' })).toHaveCount(0);

      // The summits link is undercut by Mao's retreat: the card says so, and what is left of its weight.
      const summits = forList.getByRole('button', { name: /^Xi is cutting back on summits and trips abroad/ });
      await expect(summits).toContainText('moderate, weakened from strong');
      await expect(summits.locator('.card-attack')).toHaveText(MAO);
      await page.screenshot({ path: info.outputPath(`claim-view-${size.width}.png`) });

      // A quote whose only link is undercut to nothing says so, and by what.
      await view.getByRole('button', { name: 'Close claim view' }).click();
      const down = await claimViewOf(page, STATE_SECURITY);
      const dead = down.getByRole('button', { name: /^“?What is unusual is for a security or intelligence/ });
      await expect(dead).toContainText('undercut: carries no weight');
      await expect(dead.locator('.card-attack')).toHaveText(MAO);
      await expect(dead.locator('.weight')).not.toHaveText('0');
    });

    test('the Evidence matrix lists an undercut quote as undercut, with the reason', async ({ page }, info) => {
      await openUndercutExample(page, info.outputPath('undercut.warrant.json'));
      await page.getByRole('button', { name: 'Evidence matrix' }).click();
      const matrix = region(page, 'Evidence matrix');
      await expect(matrix.getByRole('status')).toHaveText(/^Showing 61 of 61 quotes, and 1 undercut quote with no weight$/);
      const row = matrix.getByRole('row', { name: /What is unusual is for a security or intelligence/ });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(`Undercut: its link to “${STATE_SECURITY.slice(0, 40)}`);
      await expect(row).toContainText('undercut by “As a student of Mao Zedong');
      await row.scrollIntoViewIfNeeded();
      await page.screenshot({ path: info.outputPath(`matrix-${size.width}.png`) });
    });

    test('Details and the Thesis check give the same weights in the same words', async ({ page }, info) => {
      await openUndercutExample(page, info.outputPath('undercut.warrant.json'));
      await claimNode(page, THESIS).click();
      const details = region(page, 'Details');
      const direct = await details.locator('.balance-numbers').innerText();
      const chains = await details.locator('.chains').innerText();
      expect(direct).toMatch(/^By direct links: \d+ for, \d+ against \(weight [\d.]+ for, [\d.]+ against\)$/);

      await page.getByRole('button', { name: 'Thesis check' }).click();
      const check = region(page, 'Thesis check');
      await check.getByRole('combobox', { name: 'Thesis' }).selectOption({ label: THESIS });
      await expect(check.locator('.thesis-status')).toContainText(direct.replace(/^By /, ''));
      const forText = await check.locator('.total-for dd').innerText();
      const againstText = await check.locator('.total-against dd').innerText();
      expect(chains).toBe(`Quote evidence through chains: for ${forText}; against ${againstText}.`);
      await expect(check.getByRole('heading', { name: 'Quote evidence through chains' })).toBeVisible();
    });
  });
}
