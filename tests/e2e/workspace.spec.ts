import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, openExample, writesSettled, selectInReader, newMap } from './fixtures';

const SOURCE_FILE = 'examples/sources/000_324fb6d2896b0adb.txt';
const SENTENCE_1 =
  'On September 4, however, China’s Ministry of State Security (MSS) published an article laying out the conditions for a Biden-Xi meeting.';
const SENTENCE_2 = 'The unusual move by China’s MSS has so far gone largely unnoticed by the international media.';
const CLAIM = 'Beijing sets conditions for a Biden-Xi summit';

async function addSourceFromFile(page: Page, file: string): Promise<void> {
  await page.getByRole('button', { name: 'Add source' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add source' });
  await dialog.getByLabel('Load text file').setInputFiles(file);
  await expect(dialog.getByRole('textbox', { name: 'Text' })).not.toHaveValue('');
  await dialog.getByRole('button', { name: 'Save source' }).click();
  await expect(dialog).toBeHidden();
}

function readerText(page: Page): Locator {
  return page.getByRole('region', { name: 'Source text' }).getByRole('document');
}

/** Rows of a table in the app's IndexedDB (each test has a fresh browser context, so only this test's map). */
function storedCount(page: Page, table: string): Promise<number> {
  return page.evaluate(
    (table) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('warrant');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction(table, 'readonly').objectStore(table).count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
          count.onerror = () => reject(count.error);
        };
      }),
    table,
  );
}

async function seriousViolations(builder: AxeBuilder) {
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('add a source from a file, quote two sentences, undo/redo, and it all survives a reload', async ({ page }) => {
  await newMap(page);
  const reader = page.getByRole('region', { name: 'Source text' });
  const quoteButton = page.getByRole('button', { name: 'Quote selection' });

  await page.getByRole('button', { name: 'Add source' }).click();
  const addDialog = page.getByRole('dialog', { name: 'Add source' });
  await addDialog.getByLabel('Load text file').setInputFiles(SOURCE_FILE);
  // A .txt is titled by its first line, not by its file name ("000 324fb6d2896b0adb").
  await expect(addDialog.getByRole('textbox', { name: 'Title' })).toHaveValue('China Power');
  await expect(addDialog.getByRole('textbox', { name: 'Text' })).toHaveValue(/^China Power\n/);
  await addDialog.getByRole('textbox', { name: 'Title' }).fill('Xi’s diplomacy shifts to defense');
  await addDialog.getByRole('textbox', { name: 'Publisher' }).fill('The Diplomat');
  await addDialog.getByRole('combobox', { name: 'Reliability' }).selectOption('B');
  await addDialog.getByRole('button', { name: 'Save source' }).click();
  await expect(addDialog).toBeHidden();

  const sources = page.getByRole('region', { name: 'Sources' });
  await expect(sources.getByRole('button', { name: /Xi’s diplomacy shifts to defense/ })).toContainText('0 quotes');
  await expect(reader.getByRole('heading', { name: 'Xi’s diplomacy shifts to defense' })).toBeVisible();
  await expect(quoteButton).toBeDisabled();

  // First sentence: a new claim it supports.
  await selectInReader(page, SENTENCE_1);
  await expect(quoteButton).toBeEnabled();
  await quoteButton.click();
  const linkDialog = page.getByRole('dialog', { name: 'Link quote' });
  await expect(linkDialog.locator('blockquote')).toHaveText(SENTENCE_1);
  await linkDialog.getByRole('textbox', { name: 'New claim text' }).fill(CLAIM);
  await linkDialog.getByRole('radio', { name: 'Supports' }).check();
  await linkDialog.getByRole('button', { name: 'Link quote' }).click();
  await expect(linkDialog).toBeHidden();
  const mark1 = reader.locator('mark', { hasText: SENTENCE_1 });
  await expect(mark1).toHaveText(SENTENCE_1);
  await expect(mark1).toHaveClass(/q-supports/);
  await expect(mark1).toHaveAttribute('title', `Quote: supports '${CLAIM}'`);
  await expect(mark1).toHaveAttribute('data-selected', ''); // the new quote is selected
  await expect(quoteButton).toBeDisabled(); // the text selection was cleared

  // Second sentence contradicts the same claim, chosen in the list.
  await selectInReader(page, SENTENCE_2);
  await quoteButton.click();
  await linkDialog.getByRole('textbox', { name: 'Filter claims' }).fill('biden');
  await linkDialog.getByRole('combobox', { name: 'Claim' }).selectOption({ label: CLAIM });
  await linkDialog.getByRole('radio', { name: 'Contradicts' }).check();
  await linkDialog.getByRole('combobox', { name: 'Weight' }).selectOption({ label: 'Strong' });
  await linkDialog.getByRole('button', { name: 'Link quote' }).click();
  await expect(linkDialog).toBeHidden();
  const mark2 = reader.locator('mark', { hasText: SENTENCE_2 });
  await expect(mark2).toHaveText(SENTENCE_2);
  await expect(mark2).toHaveClass(/q-contradicts/);
  await expect(reader.locator('mark')).toHaveCount(2);
  await expect(sources.getByRole('button', { name: /Xi’s diplomacy/ })).toContainText('2 quotes');

  // Clicking a mark selects its quote.
  await mark1.click();
  await expect(mark1).toHaveAttribute('data-selected', '');
  await expect(mark2).not.toHaveAttribute('data-selected', '');

  // One undo step per link.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(reader.locator('mark')).toHaveCount(1);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(reader.locator('mark')).toHaveCount(2);
  // The redo is in memory at once; its write lands a moment later.
  await expect.poll(() => storedCount(page, 'links')).toBe(2);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Untitled map' })).toBeVisible();
  await expect(sources.getByRole('button', { name: /Xi’s diplomacy shifts to defense/ })).toContainText('2 quotes');
  await expect(reader.locator('mark', { hasText: SENTENCE_1 })).toHaveAttribute('title', `Quote: supports '${CLAIM}'`);
  await expect(reader.locator('mark', { hasText: SENTENCE_2 })).toHaveAttribute('title', `Quote: contradicts '${CLAIM}'`);
});

test('keyboard only: Tab to the text, Shift+arrows to select, Q to quote, Enter to link', async ({ page }) => {
  await newMap(page);
  await addSourceFromFile(page, SOURCE_FILE);
  const reader = page.getByRole('region', { name: 'Source text' });
  const text = readerText(page);

  // Tab from the reader's toolbar (the disabled button is skipped) reaches the text.
  await reader.getByRole('link').or(reader.getByRole('heading')).first().waitFor();
  await text.focus();
  await expect(text).toBeFocused();
  for (let i = 0; i < 'China Power'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  expect(await page.evaluate(() => document.getSelection()?.toString())).toBe('China Power');
  await expect(page.getByRole('button', { name: 'Quote selection' })).toBeEnabled();

  await page.keyboard.press('q');
  const dialog = page.getByRole('dialog', { name: 'Link quote' });
  await expect(dialog).toBeVisible();
  const claimText = dialog.getByRole('textbox', { name: 'New claim text' });
  await expect(claimText).toBeFocused();
  await page.keyboard.type('The source is a China Power column');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('radio', { name: 'Supports' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('radio', { name: 'Contradicts' })).toBeChecked();
  await page.keyboard.press('Shift+Tab');
  await expect(claimText).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const mark = reader.locator('mark');
  await expect(mark).toHaveText('China Power');
  await expect(mark).toHaveClass(/q-contradicts/);

  // Ctrl+Shift+L is the other shortcut; Escape cancels without a change.
  await text.focus();
  await selectInReader(page, SENTENCE_2);
  await page.keyboard.press('Control+Shift+L');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(reader.locator('mark')).toHaveCount(1);
});

test('an HTML file loads as its readable text and none of its scripts run', async ({ page }) => {
  const file = join(mkdtempSync(join(tmpdir(), 'warrant-e2e-')), 'article.html');
  writeFileSync(
    file,
    `<!doctype html><html><head><title>An HTML article</title>
      <script>window.__pwned = 'head script'</script><style>p { color: red }</style></head>
      <body><h1>Big news</h1><p>First paragraph &amp; more&nbsp;text.</p>
      <script>window.__pwned = 'body script'</script>
      <img src="does-not-exist.png" onerror="window.__pwned = 'img handler'">
      <iframe srcdoc="<script>parent.__pwned = 'frame'</script>"></iframe>
      <p>Second <b>bold</b> paragraph.</p></body></html>`,
  );
  await newMap(page);
  await page.getByRole('button', { name: 'Add source' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add source' });
  await dialog.getByLabel('Load text file').setInputFiles(file);
  await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveValue('An HTML article');
  await expect(dialog.getByRole('textbox', { name: 'Text' })).toHaveValue(
    'Big news\n\nFirst paragraph & more text.\n\nSecond bold paragraph.',
  );
  await dialog.getByRole('button', { name: 'Save source' }).click();
  await expect(page.getByRole('region', { name: 'Source text' }).getByRole('document')).toHaveText(
    'Big news\n\nFirst paragraph & more text.\n\nSecond bold paragraph.',
  );
  await writesSettled(page);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

/** A one-page PDF with a title in its info dictionary (offsets computed, so pdf.js needs no repair). */
function minimalPdf(title: string, lines: string[]): Buffer {
  const content = `BT /F1 18 Tf 72 720 Td ${lines.map((l, i) => `${i ? '0 -28 Td ' : ''}(${l}) Tj`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Title (${title}) >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

test('a PDF loads through pdf.js and its worker: title from the metadata, the text of its page', async ({ page }) => {
  const file = join(mkdtempSync(join(tmpdir(), 'warrant-e2e-')), 'report.pdf');
  writeFileSync(file, minimalPdf('Quarterly security report', ['Line one of the report.', 'Line two follows here.']));
  await newMap(page);
  await page.getByRole('button', { name: 'Add source' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add source' });
  await dialog.getByLabel('Load text file').setInputFiles(file);
  await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveValue('Quarterly security report');
  await expect(dialog.getByRole('textbox', { name: 'Text' })).toHaveValue(/^Line one of the report\.\s+Line two follows here\.$/);
});

test('Add source validates: title and text required, URL http(s) only', async ({ page }) => {
  await newMap(page);
  await page.getByRole('button', { name: 'Add source' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add source' });
  await dialog.getByRole('textbox', { name: 'URL' }).fill('javascript:alert(1)');
  await dialog.getByRole('button', { name: 'Save source' }).click();
  const title = dialog.getByRole('textbox', { name: 'Title' });
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(title).toHaveAccessibleDescription('Give the source a title.');
  await expect(title).toBeFocused();
  await expect(dialog.getByRole('textbox', { name: 'URL' })).toHaveAccessibleDescription(/http:\/\/ or https:\/\//);
  await expect(dialog.getByRole('textbox', { name: 'Text' })).toHaveAttribute('aria-invalid', 'true');

  await title.fill('Typed source');
  await dialog.getByRole('textbox', { name: 'URL' }).fill('https://example.org/a');
  await dialog.getByRole('textbox', { name: 'Text' }).fill('Some pasted text.\r\nSecond line.');
  await dialog.getByRole('button', { name: 'Save source' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Source text' }).getByRole('link', { name: 'Original' })).toHaveAttribute(
    'href',
    'https://example.org/a',
  );
  await expect(page.getByRole('region', { name: 'Sources' }).getByRole('button', { name: /Typed source/ })).toBeVisible();
});

test('accessibility: the reader with quotes and both dialogs have no serious violations', async ({ page }) => {
  await newMap(page);
  await page.getByRole('button', { name: 'Add source' }).click();
  await expect(page.getByRole('dialog', { name: 'Add source' })).toBeVisible();
  await page.getByRole('dialog', { name: 'Add source' }).getByRole('button', { name: 'Save source' }).click(); // show the errors too
  expect(await seriousViolations(new AxeBuilder({ page }).include('dialog'))).toEqual([]);
  await page.getByRole('dialog', { name: 'Add source' }).getByRole('button', { name: 'Cancel' }).click();

  await addSourceFromFile(page, SOURCE_FILE);
  await selectInReader(page, SENTENCE_1);
  await page.getByRole('button', { name: 'Quote selection' }).click();
  const link = page.getByRole('dialog', { name: 'Link quote' });
  await link.getByRole('textbox', { name: 'New claim text' }).fill(CLAIM);
  await link.getByRole('button', { name: 'Link quote' }).click();
  await selectInReader(page, SENTENCE_2);
  await page.getByRole('button', { name: 'Quote selection' }).click();
  await expect(link).toBeVisible();
  expect(await seriousViolations(new AxeBuilder({ page }).include('dialog'))).toEqual([]);
  await link.getByRole('button', { name: 'Cancel' }).click();
  await expect(link).toBeHidden();

  await expect(page.getByRole('region', { name: 'Source text' }).locator('mark')).toHaveCount(1);
  expect(
    await seriousViolations(
      new AxeBuilder({ page }).include('section[aria-label="Sources"]').include('section[aria-label="Source text"]'),
    ),
  ).toEqual([]);
});

test('the example map: every source lists its quotes, and each opens in the reader with all of them marked', async ({ page }) => {
  await openExample(page);
  const sources = page.getByRole('region', { name: 'Sources' }).getByRole('list', { name: 'Source list' }).getByRole('button');
  await expect(sources).toHaveCount(5);
  const reader = page.getByRole('region', { name: 'Source text' });
  let total = 0;
  for (let i = 0; i < 5; i++) {
    const row = sources.nth(i);
    const count = Number(/(\d+) quotes?/.exec((await row.textContent()) ?? '')?.[1]);
    await row.click();
    await expect(row).toHaveAttribute('aria-current', 'true');
    const title = (await row.locator('.source-row-title').textContent()) ?? '';
    await expect(reader.getByRole('heading', { level: 2 })).toHaveText(title);
    // Every quote of the example is verbatim: marked in the text, none listed as not found.
    await expect(reader.getByRole('region', { name: 'Quotes not found in this text' })).toHaveCount(0);
    const marked = await reader.locator('mark').evaluateAll((marks) => new Set(marks.flatMap((m) => (m.getAttribute('data-quotes') ?? '').split(' '))).size);
    expect(marked).toBe(count);
    total += count;
  }
  expect(total).toBe(62);
});
