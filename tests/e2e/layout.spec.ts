import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect, openExample, selectInReader } from './fixtures';

/**
 * The workspace fits the window at the two sizes users judge it at: the page
 * itself never scrolls (each region scrolls itself), no dialog overflows, and
 * the panels keep the sizes the user gave them.
 */

const THESIS = "Xi's diplomacy is shifting from offense to defense";
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
] as const;

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const toggle = (page: Page, name: string) => page.getByRole('group', { name: 'Panels' }).getByRole('button', { name, exact: true });

/** The document is exactly the window: nothing scrolled, the top bar at the top. */
async function expectPageFits(page: Page, after: string): Promise<void> {
  const m = await page.evaluate(() => ({
    scrollHeight: document.documentElement.scrollHeight,
    scrollWidth: document.documentElement.scrollWidth,
    height: window.innerHeight,
    width: window.innerWidth,
    scrolled: window.scrollY + document.documentElement.scrollTop + document.body.scrollTop,
    headerTop: document.querySelector('.map-header')?.getBoundingClientRect().top ?? 0,
    shellTop: document.querySelector('.map-screen')?.getBoundingClientRect().top ?? 0,
  }));
  expect(m.scrollHeight, `document height after ${after}`).toBe(m.height);
  expect(m.scrollWidth, `document width after ${after}`).toBe(m.width);
  expect(m.scrolled, `page scroll after ${after}`).toBe(0);
  expect(m.headerTop, `top bar after ${after}`).toBeGreaterThanOrEqual(0);
  expect(m.shellTop, `map screen after ${after}`).toBe(m.headerTop);
}

/** The dialog does not scroll sideways, and every control in it lies inside it and inside the window. */
async function expectDialogFits(page: Page, dialog: Locator, what: string): Promise<void> {
  await expect(dialog).toBeVisible();
  const problems = await dialog.evaluate((d) => {
    const out: string[] = [];
    if (d.scrollWidth > d.clientWidth + 1) out.push(`dialog scrolls sideways: ${d.scrollWidth} > ${d.clientWidth}`);
    const box = d.getBoundingClientRect();
    if (box.right > innerWidth || box.bottom > innerHeight || box.left < 0 || box.top < 0) out.push('dialog outside the window');
    for (const el of d.querySelectorAll<HTMLElement>('button, input, select, textarea')) {
      const type = (el as HTMLInputElement).type;
      if (type === 'file' || type === 'hidden' || !el.offsetParent) continue;
      const r = el.getBoundingClientRect();
      const name = el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.getAttribute('name') ?? el.tagName;
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) out.push(`${name}: sideways outside the dialog (${Math.round(r.left)}–${Math.round(r.right)})`);
      if (r.right > innerWidth || r.left < 0) out.push(`${name}: outside the window`);
    }
    // Every button can be brought into view inside the dialog and is then wholly in the window.
    for (const b of d.querySelectorAll<HTMLElement>('.dialog-actions button')) {
      const r = b.getBoundingClientRect();
      if (r.bottom > innerHeight || r.bottom > box.bottom + 0.5) out.push(`${b.textContent}: below the visible dialog (${Math.round(r.bottom)} > ${Math.round(Math.min(innerHeight, box.bottom))})`);
    }
    return out;
  });
  expect(problems, what).toEqual([]);
}

/** Is the element's box inside its scrolling ancestor's visible area? */
function insideScroller(el: Element): boolean {
  let p = el.parentElement;
  while (p && !(p.scrollHeight > p.clientHeight && /auto|scroll/.test(getComputedStyle(p).overflowY))) p = p.parentElement;
  if (!p) return false;
  const a = el.getBoundingClientRect();
  const b = p.getBoundingClientRect();
  return a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
}

async function width(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not rendered');
  return box.width;
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('the page never scrolls, whatever the user opens', async ({ page }) => {
      await openExample(page);
      await expectPageFits(page, 'opening the map');

      // With every panel open the graph has at least half the width.
      const graph = region(page, 'Argument graph');
      expect(await width(graph)).toBeGreaterThanOrEqual(size.width / 2);
      await expect(page.getByRole('main')).toBeVisible();

      // Show in source, from a quote's details: only the text scrolls.
      const reader = region(page, 'Source text');
      const lastMark = reader.locator('mark').last();
      await lastMark.scrollIntoViewIfNeeded();
      await lastMark.click();
      await reader.getByRole('document').evaluate((el) => el.scrollTo({ top: 0 }));
      await region(page, 'Details').getByRole('link', { name: 'Show in source' }).click();
      await expect(lastMark).toBeInViewport();
      await expectPageFits(page, 'Show in source');

      for (const name of ['Thesis check', 'Evidence matrix']) {
        await page.getByRole('button', { name, exact: true }).click();
        await expect(region(page, name)).toBeVisible();
        await expectPageFits(page, `opening ${name}`);
        // Over the graph, not beside it: the reader keeps its width.
        expect(await width(region(page, name))).toBeGreaterThanOrEqual(size.width / 2);
        expect(await width(reader)).toBeGreaterThan(300);
      }
      // The matrix's first rows are in view without scrolling.
      const firstRow = region(page, 'Evidence matrix').getByRole('table', { name: 'Evidence matrix' }).locator('tbody tr').first();
      await expect(firstRow).toBeInViewport();
      const cellMenu = region(page, 'Evidence matrix').getByRole('combobox', { name: /^Quote \d+ vs / }).first();
      expect(await width(cellMenu)).toBeGreaterThanOrEqual(24);

      await page.getByRole('tab', { name: 'Argument graph' }).click();
      await graph.getByRole('group', { name: `Claim: ${THESIS}` }).click();
      await region(page, 'Details').getByRole('button', { name: 'Claim view', exact: true }).click();
      await expect(region(page, 'Claim view')).toBeVisible();
      await expectPageFits(page, 'opening the claim view');

      await toggle(page, 'Graph only').click();
      await expect(toggle(page, 'Graph only')).toHaveAttribute('aria-pressed', 'true');
      await expect(graph).toBeVisible();
      for (const name of ['Sources', 'Source text', 'Details']) await expect(region(page, name)).toHaveCount(0);
      expect(await width(graph)).toBeGreaterThanOrEqual(size.width - 2);
      await expectPageFits(page, 'Graph only');
      await toggle(page, 'Graph only').click();
      await expect(region(page, 'Details')).toBeVisible();
      // Graph only ended: the tab that was in front (the claim view) is in front again; back to the graph.
      await expect(region(page, 'Claim view')).toBeVisible();
      await page.getByRole('tab', { name: 'Argument graph' }).click();

      for (const name of ['Sources', 'Source text', 'Details']) {
        await toggle(page, name).click();
        await expect(toggle(page, name)).toHaveAttribute('aria-pressed', 'false');
        await expect(region(page, name)).toHaveCount(0);
        await expectPageFits(page, `hiding ${name}`);
      }
      for (const name of ['Sources', 'Source text', 'Details']) {
        await toggle(page, name).click();
        await expect(region(page, name)).toBeVisible();
        await expectPageFits(page, `showing ${name}`);
      }
      expect(await width(graph)).toBeGreaterThanOrEqual(size.width / 2);
    });

    test('Add source and Link quote fit the window, and focus returns to the work after each', async ({ page }) => {
      await openExample(page);
      // A claim longer than 75 characters once pushed the Link quote dialog sideways ("Link qu").
      const long = `${THESIS}, and it does so while claiming the opposite at every summit it attends`;
      await region(page, 'Argument graph').getByRole('group', { name: `Claim: ${THESIS}` }).click();
      await region(page, 'Details').getByRole('textbox', { name: 'Claim text' }).fill(long);
      await region(page, 'Details').getByRole('textbox', { name: 'Claim text' }).blur();
      await page.getByRole('button', { name: 'Add source' }).click();
      const add = page.getByRole('dialog', { name: 'Add source' });
      await expectDialogFits(page, add, 'Add source');
      await expectPageFits(page, 'opening Add source');
      await add.getByRole('textbox', { name: 'Title' }).fill('Typed source');
      await add.getByRole('textbox', { name: 'Text', exact: true }).fill('A sentence to quote from the typed source.\n\nAnother one.');
      await add.getByRole('button', { name: 'Save source' }).click();
      await expect(add).toBeHidden();
      // Focus lands on the new source, not on the page body.
      await expect(region(page, 'Sources').getByRole('button', { name: /Typed source/ })).toBeFocused();

      await selectInReader(page, 'A sentence to quote');
      await page.getByRole('button', { name: 'Quote selection' }).click();
      const link = page.getByRole('dialog', { name: 'Link quote' });
      await expectDialogFits(page, link, 'Link quote');
      // The longest claim chosen: the dialog still fits and its button is whole.
      const claim = link.getByRole('combobox', { name: 'Claim' });
      const labels = await claim.locator('option').allTextContents();
      const longest = labels.reduce((a, b) => (b.length > a.length ? b : a));
      expect(longest.length).toBeGreaterThan(100);
      await claim.selectOption({ label: longest });
      await expectDialogFits(page, link, 'Link quote with the longest claim');
      await expect(link.getByRole('button', { name: 'Link quote' })).toHaveText('Link quote');
      await link.getByRole('button', { name: 'Link quote' }).click();
      await expect(link).toBeHidden();
      await expect(region(page, 'Source text').getByRole('document')).toBeFocused();
      await expectPageFits(page, 'Link quote');
    });

    test('panel choices and sizes are remembered across a reload', async ({ page }) => {
      await openExample(page);
      const graph = region(page, 'Argument graph');
      await toggle(page, 'Details').click();
      await expect(region(page, 'Details')).toHaveCount(0);
      // Widen the left column from the keyboard, as the separator allows.
      const separator = page.getByRole('separator', { name: 'Resize the sources column' });
      const before = await width(region(page, 'Source text'));
      await separator.focus();
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
      await expect.poll(() => width(region(page, 'Source text'))).toBeGreaterThan(before + 20);
      const resized = await width(region(page, 'Source text'));
      const graphWidth = await width(graph);

      await page.reload();
      await expect(page.getByRole('heading', { level: 1, name: "Is Xi's diplomacy turning defensive?" })).toBeVisible();
      await expect(toggle(page, 'Details')).toHaveAttribute('aria-pressed', 'false');
      await expect(region(page, 'Details')).toHaveCount(0);
      await expect.poll(() => width(region(page, 'Source text'))).toBeCloseTo(resized, -1);
      expect(Math.abs((await width(graph)) - graphWidth)).toBeLessThan(4);

      await toggle(page, 'Details').click();
      await expect(region(page, 'Details')).toBeVisible();
      await page.reload();
      await expect(region(page, 'Details')).toBeVisible();
      await expect(toggle(page, 'Details')).toHaveAttribute('aria-pressed', 'true');
    });
  });
}

test.describe('at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('a drag-selection in the reader does not move the text, and counts in the singular', async ({ page }) => {
    await openExample(page);
    const text = region(page, 'Source text').getByRole('document');
    const box = (await text.boundingBox())!;
    const hint = region(page, 'Source text').locator('.reader-hint');
    await expect(hint).toHaveText('Select a passage to quote it.');
    const x = box.x + 40;
    const y = box.y + 60;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 120, y, { steps: 4 });
    await expect(hint).toHaveText(/\d+ characters selected/);
    // The text did not move under the pointer when the hint changed.
    expect((await text.boundingBox())!.y).toBe(box.y);
    await page.mouse.move(x + 200, y + 40, { steps: 4 });
    await page.mouse.up();
    expect((await text.boundingBox())!.y).toBe(box.y);

    await selectInReader(page, 'T');
    await expect(hint).toHaveText('1 character selected');
  });

  test('choosing a quote elsewhere brings it into view in the reader', async ({ page }) => {
    await openExample(page);
    await region(page, 'Argument graph').getByRole('group', { name: `Claim: ${THESIS}` }).click();
    await region(page, 'Details').getByRole('button', { name: 'Claim view', exact: true }).click();
    const view = region(page, 'Claim view');
    const card = view.locator('button.card-quote').first();
    const passage = (await card.locator('.card-passage').innerText()).replace(/[“”…]/g, '').slice(0, 30);
    await card.click();
    const mark = region(page, 'Source text').locator('mark[data-selected]').first();
    await expect(mark).toContainText(passage.slice(0, 12));
    await expect.poll(() => mark.evaluate(insideScroller)).toBe(true);
    await expectPageFits(page, 'choosing a quote in the claim view');
  });

  test('the claim view goes down the chain with For and Against, and the breadcrumb leads back', async ({ page }) => {
    await openExample(page);
    await region(page, 'Argument graph').getByRole('group', { name: `Claim: ${THESIS}` }).click();
    await region(page, 'Details').getByRole('button', { name: 'Claim view', exact: true }).click();
    const view = region(page, 'Claim view');
    await expect(view.getByRole('heading', { name: 'For', exact: true })).toBeVisible();
    await expect(view.getByRole('heading', { name: 'Against', exact: true })).toBeVisible();
    const against = view.getByRole('list', { name: 'Against' });
    const claimCard = against.locator('.card-claim').first();
    const claimText = (await claimCard.locator('.card-text').innerText()).trim();
    await claimCard.click();
    const crumbs = view.getByRole('navigation', { name: 'Chain from the thesis' }).getByRole('listitem');
    await expect(crumbs).toHaveCount(2);
    await expect(crumbs.nth(1)).toContainText('−');
    await expect(view.getByRole('heading', { level: 3 }).first()).toContainText(claimText.slice(0, 30));
    await expect(view).toContainText('counts against the thesis');
    // The details follow the claim shown.
    await expect(region(page, 'Details').getByRole('textbox', { name: 'Claim text' })).toHaveValue(claimText);
    await crumbs.first().getByRole('button').click();
    await expect(crumbs).toHaveCount(1);
    await expect(view.getByRole('heading', { level: 3 }).first()).toContainText(THESIS);

    // The new controls: the claim view, the view tabs, the panel toggles and the separators.
    const result = await new AxeBuilder({ page })
      .include('section[aria-label="Claim view"]')
      .include('.stage-tabs')
      .include('.map-header')
      .include('[role="separator"]')
      .analyze();
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    expect(serious).toEqual([]);
  });

  test('the thesis check filters its evidence For, Against or Both', async ({ page }) => {
    await openExample(page);
    await page.getByRole('button', { name: 'Thesis check', exact: true }).click();
    const panel = region(page, 'Thesis check');
    const signs = panel.locator('.reach .sign');
    await expect(panel.getByRole('radio', { name: 'Both' })).toBeChecked();
    const all = await signs.count();
    await panel.getByRole('radio', { name: 'For' }).check();
    await expect(signs.filter({ hasText: 'Against' })).toHaveCount(0);
    const pro = await signs.count();
    await panel.getByRole('radio', { name: 'Against' }).check();
    await expect(signs.filter({ hasText: 'For' })).toHaveCount(0);
    const contra = await signs.count();
    expect(pro + contra).toBe(all);
    expect(contra).toBeGreaterThan(0);
    // Each step of a chain shows its sign.
    await expect(panel.getByRole('list', { name: 'Chain to the thesis' }).first().locator('.step-sign').first()).toHaveText(/^[+−]$/);
  });
});

test('Open example map twice opens the one example, not another "(copy)"', async ({ page }) => {
  await openExample(page);
  await page.getByRole('link', { name: 'All maps' }).click();
  await page.getByRole('button', { name: 'Open example map' }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Is Xi's diplomacy turning defensive?" })).toBeVisible();
  await page.getByRole('link', { name: 'All maps' }).click();
  await expect(page.getByRole('list', { name: 'Maps' }).getByRole('listitem')).toHaveCount(1);
});
