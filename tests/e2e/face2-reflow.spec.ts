/**
 * Reader: `Reflow` joins hard-wrapped lines into paragraphs for display
 * (the example's "Mapping China's Global Governance Ambitions" reads as
 * PDF-style lines in a narrow column), without changing the stored text or
 * any quote's range: the highlights land on the same characters, and a
 * passage chosen across a joined line is the stored one.
 */
import type { Locator } from '@playwright/test';
import { test, expect, openExample, selectInReader } from './fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

/** The reader's text, its height, and each highlighted run as [offset, text, the quotes covering it]. */
async function readerState(doc: Locator) {
  return doc.evaluate((root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let text = '';
    const marks: [number, string, string][] = [];
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const mark = n.parentElement?.closest('mark');
      const id = mark?.getAttribute('data-quotes') ?? '';
      const last = marks.at(-1);
      // A highlight drawn in several pieces (one per block) is one run of characters.
      if (mark && last && last[2] === id && last[0] + last[1].length === text.length) last[1] += n.data;
      else if (mark) marks.push([text.length, n.data, id]);
      text += n.data;
    }
    return { text, marks, height: root.scrollHeight };
  });
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('Reflow joins hard-wrapped lines for reading; the text and every quote stay where they were', async ({ page }, info) => {
      await openExample(page);
      const reader = page.getByRole('region', { name: 'Source text' });
      await expect(reader.getByRole('heading', { name: /Mapping China’s Global Governance Ambitions/ })).toBeVisible();
      const doc = reader.getByRole('document');
      const before = await readerState(doc);
      expect(before.text).toContain('“build a\ncommunity of shared future');
      expect(before.marks.length).toBeGreaterThan(0);

      const reflow = reader.getByRole('checkbox', { name: 'Reflow' });
      await expect(reflow).not.toBeChecked();
      await reflow.check();
      await expect(doc).toContainText('“build a community of shared future');
      const after = await readerState(doc);
      // Same length, same characters but the joined line breaks.
      expect(after.text).toHaveLength(before.text.length);
      const changed = [...after.text].flatMap((c, i) => (c === before.text[i] ? [] : [`${JSON.stringify(before.text[i])}→${JSON.stringify(c)}`]));
      expect(new Set(changed)).toEqual(new Set(['"\\n"→" "']));
      expect(after.text.split('\n').length).toBeLessThan(before.text.split('\n').length / 2);
      // The title lines above the body are short: they keep their breaks.
      expect(after.text).toContain('Mapping China’s Global Governance Ambitions\nDemocracies Still Have Leverage');
      expect(after.height).toBeLessThan(before.height);
      // Every highlight covers the same characters of the same quote.
      expect(after.marks.map(([at, t, id]) => [at, t.length, id])).toEqual(before.marks.map(([at, t, id]) => [at, t.length, id]));
      expect(after.marks.map(([, t]) => t)).toEqual(before.marks.map(([at, t]) => after.text.slice(at, at + t.length)));
      await page.screenshot({ path: info.outputPath(`reflow-${size.width}.png`) });

      // A selection across a joined line counts the stored characters.
      await selectInReader(page, 'build a community');
      await expect(reader.locator('.reader-hint')).toHaveText('17 characters selected');

      // Off again: the text as stored.
      await reflow.uncheck();
      expect((await readerState(doc)).text).toBe(before.text);
    });
  });
}
