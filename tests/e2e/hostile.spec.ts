import { mkdtempSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { XSS_PAYLOADS, prototypeKeysFile, refusedFiles, xssMap } from './hostile';
import type { Page } from '@playwright/test';

async function importBuffer(page: Page, name: string, content: string | Buffer) {
  await page.getByLabel('Import map file').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
  });
}

async function expectNothingRan(page: Page) {
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    polluted: ({} as Record<string, unknown>)['polluted'],
    scriptLinks: document.querySelectorAll('a[href^="javascript:" i], a[href^="data:" i], a[href^="vbscript:" i]').length,
    iframes: document.querySelectorAll('iframe').length,
  }));
  expect(state).toEqual({ pwned: undefined, polluted: undefined, scriptLinks: 0, iframes: 0 });
}

test('a map with script payloads in every field imports and renders inert', async ({ page }) => {
  await page.goto('/');
  await importBuffer(page, 'hostile.warrant.json', JSON.stringify(xssMap()));
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText('Hostile <script>');
  // Text, not markup: every payload shows as the characters it is.
  const sources = page.getByRole('region', { name: 'Sources' });
  await expect(sources).toContainText('<svg onload=');
  await sources.getByRole('button', { name: /^Source 0 / }).click();
  await expect(page.getByRole('region', { name: 'Source text' })).toContainText('<img src=x onerror=');
  await expectNothingRan(page);
  const claims = page.getByRole('region', { name: 'Argument graph' }).getByRole('group', { name: /^Claim: / });
  if ((await claims.count()) > 0) {
    await claims.first().click();
    await expect(page.getByRole('region', { name: 'Details' })).toContainText('<');
  }
  for (const name of ['Thesis check', 'Evidence matrix']) {
    await page.getByRole('button', { name, exact: true }).click();
    await expect(page.getByRole('region', { name })).toBeVisible();
    await expectNothingRan(page);
  }
  await page.getByRole('link', { name: 'All maps' }).click();
  await expect(page.getByRole('list', { name: 'Maps' })).toContainText(XSS_PAYLOADS[0]!);
  await expectNothingRan(page);
});

test('hostile and broken files are refused whole with their problems, and nothing is written', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  const files = refusedFiles();
  // With the 10 payloads of xssMap, the prototype-key file and the huge file: 35 hostile inputs.
  expect(files.length).toBeGreaterThanOrEqual(23);
  for (const file of files) {
    await importBuffer(page, file.name, file.content);
    const dialog = page.getByRole('alertdialog', { name: 'Import failed' });
    await expect(dialog, file.name).toBeVisible();
    await expect(dialog, file.name).toContainText(file.expect);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(page.getByRole('list', { name: 'Maps' }).getByRole('listitem')).toHaveCount(0);
  await expectNothingRan(page);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});

test('prototype keys in a file pollute nothing', async ({ page }) => {
  await page.goto('/');
  await importBuffer(page, 'proto.warrant.json', prototypeKeysFile());
  await expect(page.getByRole('heading', { level: 1, name: "Is Xi's diplomacy turning defensive?" })).toBeVisible();
  await expectNothingRan(page);
});

test('a file over 100 MB is refused at once with a clear message', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'warrant-huge-'));
  const path = join(dir, 'huge.warrant.json');
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  writeSync(fd, '{"format":"warrant.map","version":1,"pad":"');
  for (let i = 0; i < 101; i++) writeSync(fd, chunk);
  writeSync(fd, '"}');
  closeSync(fd);
  await page.goto('/');
  await page.getByLabel('Import map file').setInputFiles(path);
  const dialog = page.getByRole('alertdialog', { name: 'Import failed' });
  await expect(dialog).toContainText('larger than 100 MB');
  // The tab is still alive and answering.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: 'New map' })).toBeEnabled();
});
