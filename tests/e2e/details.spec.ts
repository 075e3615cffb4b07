import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openExample, writesSettled } from './fixtures';

/** The Details region on the example map: editing, undo/redo, deleting, Show in source, persistence, axe. */

const THESIS = "Xi's diplomacy is shifting from offense to defense";
const QUOTE_START = 'At its core, national security is a defensive concept';

const details = (page: Page) => page.getByRole('region', { name: 'Details' });
const forList = (page: Page) => details(page).getByRole('region', { name: /^For/ });
const againstList = (page: Page) => details(page).getByRole('region', { name: /^Against/ });

async function selectThesis(page: Page) {
  const d = details(page);
  // With nothing selected the panel lists the theses; from a claim, a link's ends lead back.
  await d.getByRole('button', { name: THESIS }).click();
  await expect(d.getByRole('textbox', { name: 'Claim text' })).toHaveValue(THESIS);
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('section[aria-label="Details"]').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Writes go to IndexedDB right after the in-memory edit: wait until they have landed before reloading. */
const settle = writesSettled;

test('editing a claim: typing is one undo step; Undo/Redo buttons and Ctrl+Z outside fields; the edit persists', async ({ page }) => {
  await openExample(page);
  await expect(details(page).getByRole('textbox', { name: 'Map title' })).toHaveValue("Is Xi's diplomacy turning defensive?");
  await selectThesis(page);
  const text = details(page).getByRole('textbox', { name: 'Claim text' });

  // Type into the middle: the caret must stay where it is while the store re-renders.
  await text.click();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 0; i < "Xi's".length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type(' recent');
  await expect(text).toHaveValue("Xi's recent diplomacy is shifting from offense to defense");
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' now');
  const edited = "Xi's recent diplomacy is shifting from offense to defense now";
  await expect(text).toHaveValue(edited);
  // The graph and the map heading are elsewhere; the status shows here.
  await expect(details(page)).toContainText('Contested');

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(text).toHaveValue(THESIS);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(text).toHaveValue(edited);

  // Ctrl+Z outside a text field undoes the map edit.
  await details(page).getByRole('heading', { name: 'Thesis', level: 2 }).click();
  await expect(text).not.toBeFocused();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(text).toHaveValue(THESIS);
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(text).toHaveValue(edited);

  await details(page).getByRole('textbox', { name: 'Tags' }).fill('security, defense');
  await details(page).getByRole('combobox', { name: 'Kind' }).selectOption('Claim');
  await expect(details(page).getByRole('heading', { level: 2, name: 'Claim' })).toBeVisible();
  await details(page).getByRole('combobox', { name: 'Kind' }).selectOption('Thesis');

  await settle(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: "Is Xi's diplomacy turning defensive?" })).toBeVisible();
  await details(page).getByRole('button', { name: edited }).click();
  await expect(details(page).getByRole('textbox', { name: 'Claim text' })).toHaveValue(edited);
  await expect(details(page).getByRole('textbox', { name: 'Tags' })).toHaveValue('security, defense');
});

test('a claim lists its evidence for and against; a link changed to Contradicts moves to Against, and persists', async ({ page }) => {
  await openExample(page);
  await selectThesis(page);
  await expect(forList(page)).toContainText('For (4)');
  await expect(againstList(page)).toContainText('Against (3)');
  // The quote is shown with its source and its Admiralty grade.
  const quote = forList(page).getByRole('button', { name: new RegExp(QUOTE_START) });
  await expect(quote).toContainText('Xi Jinping’s Diplomacy Is Shifting from Offense to Defense');
  await expect(quote).toContainText(/B\d/);

  // The strongest reason for is first; its weight button opens the link.
  await forList(page).getByRole('button', { name: 'Strong link' }).click();
  await expect(details(page).getByRole('heading', { level: 2, name: 'Link' })).toBeVisible();
  await expect(details(page)).toContainText('Xi is cutting back on summits and trips abroad');
  const supports = details(page).getByRole('radio', { name: 'Supports' });
  const contradicts = details(page).getByRole('radio', { name: 'Contradicts' });
  await expect(supports).toBeChecked();
  await contradicts.check();
  await expect(contradicts).toBeChecked();
  await details(page).getByRole('combobox', { name: 'Weight' }).selectOption('Weak');

  // Back to the thesis through the link's end.
  await details(page).getByRole('button', { name: new RegExp(THESIS) }).click();
  await expect(forList(page)).toContainText('For (3)');
  await expect(againstList(page)).toContainText('Against (4)');
  await expect(againstList(page).getByRole('button', { name: /cutting back on summits/ })).toBeVisible();

  await settle(page);
  await page.reload();
  await selectThesis(page);
  await expect(againstList(page).getByRole('button', { name: /cutting back on summits/ })).toBeVisible();
});

test('Delete quote, then Undo brings it back with its link', async ({ page }) => {
  await openExample(page);
  await selectThesis(page);
  await forList(page).getByRole('button', { name: new RegExp(QUOTE_START) }).click();
  await expect(details(page).getByRole('heading', { level: 2, name: 'Quote' })).toBeVisible();
  await expect(details(page).locator('blockquote')).toContainText(QUOTE_START);
  await details(page).getByRole('combobox', { name: 'Credibility' }).selectOption('1');
  await details(page).getByRole('textbox', { name: 'Note' }).fill('Checked against the original.');

  await details(page).getByRole('button', { name: 'Delete quote' }).click();
  // The selection is gone: the panel shows the map again.
  await expect(details(page).getByRole('textbox', { name: 'Map title' })).toBeVisible();
  await selectThesis(page);
  await expect(forList(page)).toContainText('For (3)');
  await expect(forList(page).getByRole('button', { name: new RegExp(QUOTE_START) })).toHaveCount(0);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(forList(page)).toContainText('For (4)');
  await forList(page).getByRole('button', { name: new RegExp(QUOTE_START) }).click();
  await expect(details(page).getByRole('combobox', { name: 'Credibility' })).toHaveValue('1');
  await expect(details(page).getByRole('textbox', { name: 'Note' })).toHaveValue('Checked against the original.');
});

test('a mark in the source text selects its quote; Show in source scrolls the mark into view', async ({ page }) => {
  await openExample(page);
  const reader = page.getByRole('region', { name: 'Source text' });
  const lastMark = reader.locator('mark').last();
  await lastMark.scrollIntoViewIfNeeded();
  await lastMark.click();
  await expect(details(page).getByRole('heading', { level: 2, name: 'Quote' })).toBeVisible();
  const passage = (await details(page).locator('blockquote').innerText()).trim();
  expect(passage.length).toBeGreaterThan(0);

  // From the quote to one of its claims, through its link.
  const linkButton = details(page).getByRole('region', { name: 'Links' }).getByRole('button').first();
  await linkButton.click();
  await expect(details(page).getByRole('heading', { level: 2, name: 'Link' })).toBeVisible();
  await details(page).getByRole('button', { name: new RegExp(passage.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
  await expect(details(page).getByRole('heading', { level: 2, name: 'Quote' })).toBeVisible();

  // Scroll the reader away from the mark, then ask for it.
  await lastMark.evaluate((el) => {
    for (let p = el.parentElement; p; p = p.parentElement) p.scrollTop = 0;
  });
  await expect(lastMark).not.toBeInViewport();
  await details(page).getByRole('link', { name: 'Show in source' }).click();
  await expect(lastMark).toBeInViewport();
  await expect(page).toHaveURL(/#\/map\//);
});

test('the source of a quote: edit and save, Delete source asks first', async ({ page }) => {
  await openExample(page);
  await selectThesis(page);
  await forList(page).getByRole('button', { name: new RegExp(QUOTE_START) }).click();
  await details(page).getByRole('button', { name: 'Xi Jinping’s Diplomacy Is Shifting from Offense to Defense' }).click();
  await expect(details(page).getByRole('heading', { level: 2, name: 'Source' })).toBeVisible();
  const url = details(page).getByRole('textbox', { name: 'URL' });
  await url.fill('javascript:alert(1)');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(details(page).getByRole('button', { name: 'Save source' })).toBeDisabled();
  await url.fill('https://thediplomat.com/');
  await expect(url).not.toHaveAttribute('aria-invalid');
  const text = details(page).getByRole('textbox', { name: 'Text' });
  const original = await text.inputValue();
  await text.fill('Preface added by the analyst.\n\n' + original);
  await details(page).getByRole('combobox', { name: 'Reliability' }).selectOption('A');
  await details(page).getByRole('button', { name: 'Save source' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Source saved: \d+ quotes moved\./ })).toBeVisible();

  await details(page).getByRole('button', { name: 'Delete source' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete source?' });
  await expect(confirm).toContainText('quotes');
  const axe = await new AxeBuilder({ page }).include('[role=alertdialog]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await details(page).getByRole('button', { name: 'Delete source' }).click();
  await confirm.getByRole('button', { name: 'Delete source' }).click();
  await expect(details(page).getByRole('textbox', { name: 'Map title' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Sources' })).not.toContainText('Xi Jinping’s Diplomacy Is Shifting');
  await page.getByRole('button', { name: 'Undo' }).click();
  await selectThesis(page);
  await expect(forList(page).getByRole('button', { name: new RegExp(QUOTE_START) })).toBeVisible();
});

test('axe finds nothing serious in Details with each kind selected', async ({ page }) => {
  await openExample(page);
  expect(await seriousViolations(page)).toEqual([]);
  await selectThesis(page);
  expect(await seriousViolations(page)).toEqual([]);
  await forList(page).getByRole('button', { name: new RegExp(QUOTE_START) }).click();
  await expect(details(page).getByRole('heading', { level: 2, name: 'Quote' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await details(page).getByRole('region', { name: 'Links' }).getByRole('button').first().click();
  await expect(details(page).getByRole('heading', { level: 2, name: 'Link' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await details(page).getByRole('button', { name: new RegExp(QUOTE_START) }).click();
  await details(page).getByRole('button', { name: 'Xi Jinping’s Diplomacy Is Shifting from Offense to Defense' }).click();
  await expect(details(page).getByRole('heading', { level: 2, name: 'Source' })).toBeVisible();
  await details(page).getByRole('textbox', { name: 'URL' }).fill('ftp://example.org');
  expect(await seriousViolations(page)).toEqual([]);
});
