/**
 * The smaller defects of the graph's face, each at both sizes: a new claim
 * left with Escape or Enter and no word stays behind as "(no text yet)"; Details keeps the last
 * record's scroll and cuts the next one's heading; Tab out of a link's Note
 * lands on Delete link.
 */
import type { Page } from '@playwright/test';
import { test, expect, openExample, newMap, graphOf, claimNode, addClaim } from './fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
const THESIS = "Xi's diplomacy is shifting from offense to defense";
const details = (page: Page) => page.getByRole('region', { name: 'Details' });

/** The scrollTop of the nearest scrolling box round the Details heading. */
const detailsScroll = (page: Page) =>
  details(page)
    .getByRole('heading', { level: 2 })
    .first()
    .evaluate((h) => {
      let el = h.parentElement;
      while (el && !/(auto|scroll)/.test(getComputedStyle(el).overflowY)) el = el.parentElement;
      return el ? el.scrollTop : -1;
    });

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('New claim then Escape, or Enter without a word, leaves no empty claim', async ({ page }) => {
      await newMap(page);
      const graph = graphOf(page);
      const claims = graph.getByRole('group', { name: /^Claim: / });
      await graph.getByRole('button', { name: 'New claim' }).click();
      const editor = graph.getByRole('textbox', { name: 'Edit claim in graph' });
      await expect(editor).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(editor).toHaveCount(0);
      await expect(claims).toHaveCount(0);
      await expect(graph).not.toContainText('(no text yet)');

      await graph.locator('.graph-canvas').focus();
      await page.keyboard.press('n');
      await expect(editor).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(claims).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();

      // Enter on an empty new claim makes nothing either.
      await graph.getByRole('button', { name: 'New claim' }).click();
      await expect(editor).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(editor).toHaveCount(0);
      await expect(claims).toHaveCount(0);
      await expect(graph).not.toContainText('(no text yet)');
    });

    test('Details starts each record at its heading, whatever the last one was scrolled to', async ({ page }) => {
      await openExample(page);
      await claimNode(page, THESIS).click();
      await expect(details(page).getByRole('heading', { name: 'Thesis', level: 2 })).toBeVisible();
      await details(page).getByRole('button', { name: 'Claim view', exact: true }).scrollIntoViewIfNeeded();
      expect(await detailsScroll(page)).toBeGreaterThan(0);
      // Another record as long: the claim of the summits, from the thesis's For list in its details.
      await details(page).getByRole('region', { name: /^For/ }).getByRole('button', { name: /Xi is cutting back on summits/ }).first().click();
      await expect(details(page).getByRole('heading', { level: 2 })).toHaveText('Claim');
      await expect(details(page).getByRole('heading', { level: 2 })).toBeInViewport({ ratio: 0.9 });
      expect(await detailsScroll(page)).toBe(0);
    });

    test('Tab out of a link’s Note goes on to the link’s fields, not onto Delete link', async ({ page }) => {
      await openExample(page);
      const edge = graphOf(page).getByRole('group', { name: /^supports: Xi is cutting back on summits and trips abroad → / }).first();
      await edge.focus();
      await page.keyboard.press('Enter');
      const note = details(page).getByRole('textbox', { name: 'Note' });
      await note.focus();
      await page.keyboard.press('Tab');
      await expect(details(page).getByRole('button', { name: 'Delete link' })).not.toBeFocused();
      await expect(details(page).getByRole('textbox', { name: 'Scheme' })).toBeFocused();
    });

    test('Weigh by grades: the chart’s numbers stand whole inside the chart', async ({ page }, info) => {
      await openExample(page);
      await page.getByRole('button', { name: 'Thesis check' }).click();
      const check = page.getByRole('region', { name: 'Thesis check' });
      await check.getByRole('combobox', { name: 'Thesis' }).selectOption({ label: THESIS });
      await check.getByRole('checkbox', { name: 'Weigh by grades' }).check();
      const chart = check.getByRole('img', { name: /^Evidence for and against by source/ });
      await expect(chart.locator('.chart-value').filter({ hasText: /\.\d\d$/ }).first()).toBeVisible();
      const values = await chart.evaluate((svg) => {
        const width = (svg as SVGSVGElement).viewBox.baseVal.width;
        return [...svg.querySelectorAll<SVGTextElement>('.chart-value')].map((t) => {
          const b = t.getBBox();
          return { text: t.textContent, inside: b.x >= 0 && b.x + b.width <= width };
        });
      });
      expect(values.length).toBeGreaterThan(0);
      expect(values.filter((v) => !v.inside)).toEqual([]);
      await chart.screenshot({ path: info.outputPath(`chart-${size.width}.png`) });
    });

    test('search results wrap, and each shows its matched word', async ({ page }, info) => {
      await openExample(page);
      await page.getByRole('button', { name: 'Search' }).click();
      const dialog = page.getByRole('dialog', { name: 'Search' });
      await dialog.getByRole('searchbox').fill('summitry');
      const results = dialog.getByRole('list', { name: 'Results' });
      await expect(results.getByRole('button').first()).toBeVisible();
      const cut = await results.evaluate((list) => {
        const box = list.getBoundingClientRect();
        return [...list.querySelectorAll('button')].flatMap((b) => {
          const r = b.getBoundingClientRect();
          const hit = b.querySelector('mark')?.getBoundingClientRect();
          const text = b.querySelector('.search-result-text')!.getBoundingClientRect();
          const problems = [];
          if (r.right > box.right + 0.5) problems.push('wider than the list');
          if (!hit || hit.right > text.right + 0.5 || hit.bottom > text.bottom + 0.5) problems.push('matched word not shown');
          return problems.map((p) => `${b.textContent!.slice(0, 40)}: ${p}`);
        });
      });
      expect(cut).toEqual([]);
      await page.screenshot({ path: info.outputPath(`search-${size.width}.png`) });
    });

    test('keyboard linking: after L the arrows reach a node not linked to anything', async ({ page }) => {
      await newMap(page);
      await addClaim(page, 'Alpha');
      await addClaim(page, 'Beta');
      const alpha = claimNode(page, 'Alpha');
      const beta = claimNode(page, 'Beta');
      const a = (await alpha.boundingBox())!;
      const b = (await beta.boundingBox())!;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const arrow = Math.abs(dx) > Math.abs(dy) ? (dx > 0 ? 'ArrowRight' : 'ArrowLeft') : dy > 0 ? 'ArrowDown' : 'ArrowUp';
      await alpha.focus();
      await page.keyboard.press('l');
      await page.keyboard.press(arrow);
      await expect(beta).toBeFocused();
      await page.keyboard.press('Enter');
      const chooser = graphOf(page).getByRole('dialog', { name: 'Link as' });
      await expect(chooser).toContainText('“Alpha” → “Beta”');
      await chooser.getByRole('button', { name: 'Supports' }).click();
      await expect(graphOf(page).getByRole('group', { name: 'supports: Alpha → Beta', exact: true })).toHaveCount(1);
    });

    test('a loaded text file is titled by its first real line, not by boilerplate', async ({ page }) => {
      await newMap(page);
      await page.getByRole('button', { name: 'Add source' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add source' });
      await dialog.getByLabel('Load text file').setInputFiles({
        name: 'cap-report.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from(
          'This report was published in Center for American Progress,\nMapping China’s Global Governance Ambitions\nBy Melanie Hart and Blaine Johnson\nthat can be spun many different ways.\n',
        ),
      });
      await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveValue('Mapping China’s Global Governance Ambitions');
    });

    test('the Evidence matrix keeps its Diagnosticity column in sight with the side panels open', async ({ page }, info) => {
      await openExample(page);
      await page.getByRole('button', { name: 'Evidence matrix' }).click();
      const matrix = page.getByRole('region', { name: 'Evidence matrix' });
      const head = matrix.getByRole('columnheader', { name: 'Diagnosticity' });
      await expect(head).toBeVisible();
      const [cell, wrap] = await Promise.all([head.boundingBox(), matrix.locator('.matrix-wrap').boundingBox()]);
      expect(cell!.x).toBeGreaterThanOrEqual(wrap!.x);
      expect(cell!.x + cell!.width).toBeLessThanOrEqual(wrap!.x + wrap!.width + 0.5);
      // Its figures too, in the first row.
      const first = matrix.locator('tbody .diagnosticity').first();
      const figure = (await first.boundingBox())!;
      expect(figure.x + figure.width).toBeLessThanOrEqual(wrap!.x + wrap!.width + 0.5);
      await page.screenshot({ path: info.outputPath(`matrix-${size.width}.png`) });
    });
  });
}
