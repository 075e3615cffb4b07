/**
 * Format version 2 in the graph and in Details: the example map's linked
 * argument (a junction named `Argument: <scheme>`) and its undercut (an edge
 * named `undercuts: …` aimed at the middle of the edge it attacks); editing a
 * link's Scheme and Group, each one undo step, and what that does to the
 * Thesis check.
 */
import type { Page } from '@playwright/test';
import { test, expect, openExample, writesSettled } from './fixtures';

const SCHEME = 'Argument From Verbal Classification';
const graphOf = (page: Page) => page.getByRole('region', { name: 'Argument graph' });
const details = (page: Page) => page.getByRole('region', { name: 'Details' });
const junction = (page: Page, name: string) => graphOf(page).getByRole('group', { name: `Argument: ${name}`, exact: true });

test('the example map draws its linked argument through a junction and its undercut as an edge aimed at an edge', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openExample(page);
  const j = junction(page, SCHEME);
  await expect(j).toHaveCount(1);
  await expect(j).toContainText(SCHEME);
  const undercut = graphOf(page).getByRole('group', { name: /^undercuts: As a student of Mao Zedong.* → Xi is cutting back on summits and trips abroad → / });
  await expect(undercut).toHaveCount(1);
  // The junction's arrow goes on to the thesis.
  await expect(graphOf(page).getByRole('group', { name: new RegExp(`^supports: Argument: ${SCHEME} → `) })).toHaveCount(1);

  // Selecting the undercut shows its target as the inference it attacks.
  await undercut.focus();
  await page.keyboard.press('Enter');
  await expect(details(page).getByText(/the inference Xi is cutting back on summits and trips abroad →/)).toBeVisible();
  await expect(details(page).getByText('Missing', { exact: true })).toHaveCount(0);

  await j.focus();
  await expect(j).toBeInViewport();
  await graphOf(page).screenshot({ path: 'test-results/argument-1440.png' });
});

test('Details edits a link’s Scheme and Group, each one undo step, and the Thesis check follows the rules', async ({ page }) => {
  await openExample(page);
  await page.getByRole('button', { name: 'Thesis check' }).click();
  const check = page.getByRole('region', { name: 'Thesis check' });
  const forTotal = check.locator('.total-for dd');
  await expect(forTotal).toHaveText(/^weight \d+/);
  const before = (await forTotal.textContent())!;
  // The graph and the Thesis check share the view: each look switches tabs.
  const views = page.getByRole('tablist', { name: 'Views' });
  const toGraph = () => views.getByRole('tab', { name: 'Argument graph' }).click();
  const totalIs = async (want: string, same: boolean) => {
    await views.getByRole('tab', { name: 'Thesis check' }).click();
    if (same) await expect(forTotal).toHaveText(want);
    else await expect(forTotal).not.toHaveText(want);
    await toGraph();
  };
  await toGraph();

  // Selecting the junction selects the argument's first link.
  await junction(page, SCHEME).click();
  const scheme = details(page).getByRole('textbox', { name: 'Scheme' });
  await expect(scheme).toHaveValue(SCHEME);
  await scheme.fill('Argument From Sign');
  await scheme.press('Enter');
  await expect(junction(page, 'Argument From Sign')).toHaveCount(1);
  await expect(junction(page, SCHEME)).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(junction(page, SCHEME)).toHaveCount(1);

  // Out of the group: the argument of two is gone, each reason counts on its own.
  const group = details(page).getByRole('combobox', { name: 'Group' });
  await expect(group).toHaveValue('g:Security is defensive');
  await group.selectOption({ label: 'Not in a linked argument' });
  await expect(junction(page, SCHEME)).toHaveCount(0);
  // Both co-premises are equally strong: the weakest-premise rule takes nothing, the totals stay.
  await totalIs(before, true);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(junction(page, SCHEME)).toHaveCount(1);
  await totalIs(before, true);

  // Back in: Redo brings the ungrouped state, and joining again by the combobox is one step.
  await junction(page, SCHEME).click();
  await expect(group).toHaveValue('g:Security is defensive');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(junction(page, SCHEME)).toHaveCount(0);
  await expect(group).toHaveValue('');
  const labels = await group.locator('option').allTextContents();
  const partner = labels.find((l) => /^Join with (“At its core|Xi places national security)/.test(l));
  expect(partner).toBeDefined();
  await group.selectOption({ label: partner! });
  await expect(junction(page, SCHEME)).toHaveCount(1);
  await totalIs(before, true);

  // Without the undercut the summitry inference carries its full weight again: the totals change, and Undo restores them.
  const undercut = graphOf(page).getByRole('group', { name: /^undercuts: / });
  await undercut.focus();
  await page.keyboard.press('Delete');
  await expect(undercut).toHaveCount(0);
  await totalIs(before, false);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(undercut).toHaveCount(1);
  await totalIs(before, true);
  await writesSettled(page);
});

test('Link as one argument (toolbar button and G) says what to select when fewer than two links are selected', async ({ page }) => {
  await openExample(page);
  const graph = graphOf(page);
  const message = page.getByText(/Select two or more links to the same claim/);
  await graph.getByRole('button', { name: 'More' }).click();
  await graph.getByRole('button', { name: 'Link as one argument' }).click();
  await expect(message).toBeVisible();
  await graph.getByRole('group', { name: 'Claim: Xi’s diplomatic offensive is meeting setbacks and low returns', exact: true }).focus();
  await page.keyboard.press('g');
  await expect(message).toBeVisible();
  await expect(junction(page, 'linked')).toHaveCount(0);
});
