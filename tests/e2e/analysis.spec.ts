import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openExample } from './fixtures';

// The axe scans of a 62-row matrix take long on a loaded machine.
test.describe.configure({ timeout: 180_000 });

const THESIS = "Xi's diplomacy is shifting from offense to defense";

async function seriousViolations(page: Page, selector: string) {
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('Thesis check shows evidence for and against from several sources, and what-if changes the totals', async ({ page }) => {
  await openExample(page);
  await page.getByRole('button', { name: 'Thesis check' }).click();
  const panel = page.getByRole('region', { name: 'Thesis check' });
  await panel.getByRole('combobox', { name: 'Thesis' }).selectOption({ label: THESIS });
  await expect(panel.getByRole('heading', { name: THESIS })).toBeVisible();

  const sections = panel.getByRole('region', { name: /^Evidence from / });
  await expect(sections).toHaveCount(5);
  // Evidence for and against, each from at least four of the five sources.
  const withFor = sections.filter({ hasText: '+ For' });
  const withAgainst = sections.filter({ hasText: '− Against' });
  expect(await withFor.count()).toBeGreaterThanOrEqual(4);
  expect(await withAgainst.count()).toBeGreaterThanOrEqual(4);
  await expect(panel.getByRole('img', { name: /Evidence for and against by source, 5 sources/ })).toBeVisible();

  const forTotal = panel.locator('.total-for dd');
  const againstTotal = panel.locator('.total-against dd');
  await expect(forTotal).toHaveText('weight 53 · 33 quotes');
  await expect(againstTotal).toHaveText('weight 44 · 32 quotes');

  // What if: the Diplomat article did not count. The map itself stays as it is.
  const use = panel.getByRole('checkbox', { name: 'Use Xi Jinping’s Diplomacy Is Shifting from Offense to Defense' });
  await use.uncheck();
  await expect(forTotal).toHaveText('weight 27 · 19 quotes');
  await expect(againstTotal).toHaveText('weight 42 · 30 quotes');
  await expect(panel.getByRole('img', { name: /1 switched off/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();

  await panel.getByRole('button', { name: 'Reset' }).click();
  await expect(use).toBeChecked();
  await expect(forTotal).toHaveText('weight 53 · 33 quotes');

  // Show in graph selects the quote: its details open.
  await panel.getByRole('button', { name: /^Show in graph: / }).first().click();
  await expect(page.getByRole('region', { name: 'Details' }).getByRole('button', { name: 'Delete quote' })).toBeVisible();

  expect(await seriousViolations(page, 'section[aria-label="Thesis check"]')).toEqual([]);
});

test('Evidence matrix lists every quote, sorts by diagnosticity, and a cell edit is one undo step', async ({ page }) => {
  await openExample(page);
  await page.getByRole('button', { name: 'Evidence matrix' }).click();
  const panel = page.getByRole('region', { name: 'Evidence matrix' });
  const table = panel.getByRole('table', { name: 'Evidence matrix' });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(62);
  await expect(panel.getByRole('status')).toHaveText('Showing 62 of 62 quotes');

  await panel.getByRole('combobox', { name: 'Sort by' }).selectOption('Source');
  await panel.getByRole('combobox', { name: 'Sort by' }).selectOption('Diagnosticity');
  const values = (await table.locator('tbody .diagnosticity').allTextContents()).map(Number);
  expect(values).toHaveLength(62);
  expect(values[0]!).toBeGreaterThanOrEqual(values[values.length - 1]!);
  expect(values).toEqual([...values].sort((a, b) => b - a));

  // A cell with no direct link: link the quote to the hypothesis, then undo.
  const cell = panel.getByRole('combobox', { name: /^Quote \d+ vs / }).and(panel.locator('select:has(option[value=""]:checked)')).first();
  const name = (await cell.getAttribute('aria-label'))!;
  const row = table.locator('tbody tr').filter({ has: page.getByRole('combobox', { name, exact: true }) });
  const buttonsBefore = await row.getByRole('button').count();
  await cell.selectOption({ label: 'contradicts, strong' });
  await expect(panel.getByRole('combobox', { name, exact: true })).toHaveValue('-3');
  await expect(row.getByRole('button')).toHaveCount(buttonsBefore + 1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(panel.getByRole('combobox', { name, exact: true })).toHaveValue('');
  await expect(row.getByRole('button')).toHaveCount(buttonsBefore);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();

  expect(await seriousViolations(page, 'section[aria-label="Evidence matrix"]')).toEqual([]);
});
