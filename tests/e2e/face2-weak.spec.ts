/**
 * The student's question in one screen: which evidence for the thesis is
 * weak? The For list of the example thesis was 33 grouped cards, about
 * twelve screens, with no filter and no sort. `Weak only` keeps the weak
 * evidence, `Sort by` (Weight, Source, Chain) orders it, and the sorted list
 * draws each piece in two short lines, so the 13 weak pieces fit the panel.
 */
import type { Locator } from '@playwright/test';
import { test, expect, openExample } from './fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
const THESIS = "Xi's diplomacy is shifting from offense to defense";

/** The height of the nearest scrolling box round `el`, and `el`'s own height. */
async function heightInScroller(el: Locator) {
  return el.evaluate((node) => {
    let box: HTMLElement | null = node.parentElement;
    while (box && !/(auto|scroll)/.test(getComputedStyle(box).overflowY)) box = box.parentElement;
    return { list: node.getBoundingClientRect().height, view: box ? box.clientHeight : window.innerHeight };
  });
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('Weak only and Sort by list the weak evidence for the thesis in one screen', async ({ page }, info) => {
      await openExample(page);
      await page.getByRole('button', { name: 'Thesis check' }).click();
      const panel = page.getByRole('region', { name: 'Thesis check' });
      await panel.getByRole('combobox', { name: 'Thesis' }).selectOption({ label: THESIS });
      await panel.getByRole('radio', { name: 'For' }).check();
      await expect(panel.getByRole('status').filter({ hasText: 'Showing' })).toHaveText('Showing all 33 for');

      await panel.getByRole('checkbox', { name: 'Weak only' }).check();
      await expect(panel.getByRole('status').filter({ hasText: 'Showing' })).toHaveText('Showing 13 weak of 33 for');
      // Still grouped by source by default: every quote row shown is weak and for.
      const grouped = panel.locator('.quote-evidence');
      await expect(grouped).toHaveCount(13);
      for (const text of await grouped.allInnerTexts()) {
        expect(text).toContain('+ For');
        expect(text).toContain('(weak)');
      }

      const sortBy = panel.getByRole('combobox', { name: 'Sort by' });
      await expect(sortBy.getByRole('option')).toHaveText(['Weight', 'Source', 'Chain']);
      await sortBy.selectOption({ label: 'Chain' });
      const list = panel.getByRole('list', { name: 'Evidence by chain' });
      const rows = list.getByRole('listitem').filter({ has: page.getByRole('checkbox') });
      await expect(rows).toHaveCount(13);
      // Evidence through the same claims stands together: each chain is one run.
      const chains = await rows.evaluateAll((lis) => lis.map((li) => li.querySelector('[aria-label="Chain to the thesis"]')!.textContent));
      const runs = chains.filter((c, i) => i === 0 || c !== chains[i - 1]);
      expect(new Set(runs).size, `chains in runs: ${runs.join(' | ')}`).toBe(runs.length);

      // The whole weak list fits in the panel's view: one screen.
      await list.scrollIntoViewIfNeeded();
      const { list: listHeight, view } = await heightInScroller(list);
      expect(listHeight).toBeLessThanOrEqual(view);
      await page.screenshot({ path: info.outputPath(`weak-${size.width}.png`) });

      // Sorted by weight with the filter off: all 33, heaviest first.
      await panel.getByRole('checkbox', { name: 'Weak only' }).uncheck();
      await sortBy.selectOption({ label: 'Weight' });
      const byWeight = panel.getByRole('list', { name: 'Evidence by weight' }).getByRole('listitem').filter({ has: page.getByRole('checkbox') });
      await expect(byWeight).toHaveCount(33);
      const weights = (await byWeight.locator('.row-weight').allInnerTexts()).map((t) => Number(/weight ([\d.]+)/.exec(t)![1]));
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
      expect(weights.at(-1)).toBe(1);

      // A row keeps the card's actions: switching a quote off changes the total.
      const forTotal = panel.locator('.total-for dd');
      const before = await forTotal.innerText();
      await byWeight.last().getByRole('checkbox').uncheck();
      await expect(forTotal).not.toHaveText(before);
    });
  });
}
