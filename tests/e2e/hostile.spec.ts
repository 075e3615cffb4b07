import { mkdtempSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { XSS_PAYLOADS, dumpDatabase, example, expectDatabaseSound, pdfWithTitle, prototypeKeysFile, putRows, refusedFiles, xssMap, type Dump } from './hostile';
import { EXAMPLE_TEXT, openExample } from './fixtures';
import { MAX_CLAIM_TEXT, MAX_PUBLISHED_AT, MAX_TITLE } from '../../src/domain/schema';
import { serializeMap } from '../../src/domain/format/serialize';
import { generateMap } from '../../src/test/testMaps';
import type { Page } from '@playwright/test';

/** Each hostile step must be answered within this: a freeze fails the expect. */
/**
 * How soon the page must answer in the time-budget tests (tagged @budget:
 * their own Playwright project, run alone after the rest, playwright.config.ts).
 */
const ANSWER = { timeout: 5_000 };

/**
 * After a hostile step: the app still renders (a heading and a way to the
 * map list), nothing stored before is lost, every stored map still exports
 * to a file its own import takes, and every Trash entry still restores.
 */
async function expectSound(page: Page, before?: Dump) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(expectDatabaseSound(await dumpDatabase(page), before)).toEqual([]);
}

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

test('a file over 100 MB is refused at once with a clear message', { tag: '@budget' }, async ({ page }) => {
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

// ------------------------------------------------------------ issue 17: data loss, corruption, freezes

const EXAMPLE_TITLE = "Is Xi's diplomacy turning defensive?";
const EXAMPLE_THESIS = (JSON.parse(EXAMPLE_TEXT) as { claims: Array<{ text: string; kind: string }> }).claims.find((c) => c.kind === 'thesis')!.text;
const details = (page: Page) => page.getByRole('region', { name: 'Details' });
const graph = (page: Page) => page.getByRole('region', { name: 'Argument graph' });

async function openFirstSourceDetails(page: Page) {
  await page.getByRole('list', { name: 'Source list' }).getByRole('button').first().click();
  await expect(details(page).getByRole('button', { name: 'Save source' })).toBeVisible();
}

test.describe('item 2: every field keeps to its limit at entry', () => {
  test('Add source: Title takes 1,000 characters, Published 100; the map still exports', async ({ page }) => {
    await openExample(page);
    const before = await dumpDatabase(page);
    await page.getByRole('button', { name: 'Add source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add source' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill('T'.repeat(1500));
    await dialog.getByRole('textbox', { name: 'Published' }).fill('P'.repeat(150));
    await dialog.getByRole('textbox', { name: 'Author' }).fill('A'.repeat(1500));
    await dialog.getByRole('textbox', { name: 'Text' }).fill('A short source text.');
    await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveValue('T'.repeat(MAX_TITLE));
    await expect(dialog.getByRole('textbox', { name: 'Published' })).toHaveValue('P'.repeat(MAX_PUBLISHED_AT));
    await dialog.getByRole('button', { name: 'Save source' }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(async () => (await dumpDatabase(page)).sources.length).toBe(before.sources.length + 1);
    const dump = await dumpDatabase(page);
    const added = dump.sources.find((s) => (s['title'] as string).startsWith('TTT'))!;
    expect((added['title'] as string).length).toBe(MAX_TITLE);
    expect((added['publishedAt'] as string).length).toBe(MAX_PUBLISHED_AT);
    await expectSound(page, before);
  });

  test('an HTML <title> of 3,000 characters is cut to 1,000, with a notice', async ({ page }) => {
    await openExample(page);
    await page.getByRole('button', { name: 'Add source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add source' });
    await dialog.getByLabel('Load text file').setInputFiles({
      name: 'long-title.html',
      mimeType: 'text/html',
      buffer: Buffer.from(`<html><head><title>${'Long title '.repeat(273)}</title></head><body><p>Body text.</p></body></html>`),
    });
    await expect(dialog.getByRole('status')).toContainText('cut to the first 1,000');
    const title = await dialog.getByRole('textbox', { name: 'Title' }).inputValue();
    expect(title.length).toBeLessThanOrEqual(MAX_TITLE);
    expect(title.startsWith('Long title Long title')).toBe(true);
    await dialog.getByRole('button', { name: 'Save source' }).click();
    await expect(dialog).toBeHidden();
    await expectSound(page);
  });

  test('a PDF Info Title of 2,500 characters is cut to 1,000, with a notice', async ({ page }) => {
    await openExample(page);
    await page.getByRole('button', { name: 'Add source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add source' });
    await dialog.getByLabel('Load text file').setInputFiles({ name: 'long-title.pdf', mimeType: 'application/pdf', buffer: pdfWithTitle('PDF title '.repeat(250)) });
    await expect(dialog.getByRole('status')).toContainText('cut to the first 1,000', { timeout: 10_000 });
    const title = await dialog.getByRole('textbox', { name: 'Title' }).inputValue();
    expect(title.length).toBeLessThanOrEqual(MAX_TITLE);
    expect(title.startsWith('PDF title PDF title')).toBe(true);
    await expect(dialog.getByRole('textbox', { name: 'Text' })).toHaveValue(/Body text\./);
    await dialog.getByRole('button', { name: 'Save source' }).click();
    await expect(dialog).toBeHidden();
    await expectSound(page);
  });

  test('Link quote: New claim text takes 10,000 characters', async ({ page }) => {
    await openExample(page);
    const reader = page.getByRole('region', { name: 'Source text' });
    await page.getByRole('list', { name: 'Source list' }).getByRole('button').first().click();
    await expect(reader.locator('mark').first()).toBeVisible();
    await reader.getByRole('document').evaluate((root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let node = walker.nextNode() as Text | null;
      while (node && node.data.trim().length < 20) node = walker.nextNode() as Text | null;
      if (!node) throw new Error('no text in the reader');
      document.getSelection()!.setBaseAndExtent(node, 0, node, 15);
    });
    await page.getByRole('button', { name: 'Quote selection' }).click();
    const dialog = page.getByRole('dialog', { name: 'Link quote' });
    const field = dialog.getByRole('textbox', { name: 'New claim text' });
    await field.fill('x'.repeat(12_000));
    await expect(field).toHaveValue('x'.repeat(MAX_CLAIM_TEXT));
    await dialog.getByRole('button', { name: 'Link quote' }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(async () => (await dumpDatabase(page)).claims.some((c) => c['text'] === 'x'.repeat(MAX_CLAIM_TEXT))).toBe(true);
    await expectSound(page);
  });

  test('the in-graph claim editor takes 10,000 characters', async ({ page }) => {
    await openExample(page);
    // The thesis: the map opens on it, so it is in view (the first claim in
    // the DOM may be anywhere on the canvas, out of view).
    const node = graph(page).getByRole('group', { name: `Claim: ${EXAMPLE_THESIS}`, exact: true });
    await expect(node).toBeInViewport();
    await node.dblclick();
    const editor = graph(page).getByRole('textbox', { name: 'Edit claim in graph' });
    await expect(editor).toBeFocused();
    await editor.fill('y'.repeat(15_000));
    await expect(editor).toHaveValue('y'.repeat(MAX_CLAIM_TEXT));
    await editor.press('Enter');
    await expect.poll(async () => (await dumpDatabase(page)).claims.some((c) => c['text'] === 'y'.repeat(MAX_CLAIM_TEXT))).toBe(true);
    await expectSound(page);
  });

  test('the Trash lists a source whose title is over 1,000 characters, and restores it', async ({ page }) => {
    await openExample(page);
    const dump = await dumpDatabase(page);
    const mapId = dump.maps[0]!['id'] as string;
    const source = { ...dump.sources.find((s) => s['mapId'] === mapId)! };
    delete source['mapId'];
    const long = 'An old source title stored before the limit. '.repeat(40);
    source['id'] = 'src_stored_long';
    source['title'] = long;
    await putRows(page, {
      trash: [
        {
          id: 'trash_long_title',
          kind: 'source',
          mapId,
          title: long,
          mapTitle: EXAMPLE_TITLE,
          deletedAt: new Date().toISOString(),
          reason: 'deleted',
          counts: { sources: 1, quotes: 0, claims: 0, links: 0 },
          payload: { source, quotes: [], links: [], layout: [] },
        },
      ],
    });
    await page.getByRole('link', { name: 'All maps' }).click();
    await page.getByRole('button', { name: 'Trash' }).click();
    const items = page.getByRole('list', { name: 'Deleted items' });
    await expect(items).toContainText('An old source title stored before the limit.');
    await items.getByRole('button', { name: /^Restore An old source title/ }).click();
    await expect(items).toHaveCount(0);
    const after = await dumpDatabase(page);
    const restored = after.sources.find((s) => s['id'] === 'src_stored_long')!;
    expect((restored['title'] as string).length).toBe(MAX_TITLE);
    await expectSound(page);
  });
});

test.describe('item 3: with storage full, Delete map asks before deleting for good', () => {
  test('no room for the Trash copy: "Delete for good?" — Cancel keeps the map, yes deletes it', async ({ page }) => {
    // The Trash table refuses every write, as a full disk does.
    await page.addInitScript(() => {
      const add = IDBObjectStore.prototype.add;
      const put = IDBObjectStore.prototype.put;
      const full = function (this: IDBObjectStore) {
        if (this.name === 'trash' && (window as unknown as { __full?: boolean }).__full) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
      };
      IDBObjectStore.prototype.add = function (...args: Parameters<typeof add>) {
        full.call(this);
        return add.apply(this, args);
      };
      IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
        full.call(this);
        return put.apply(this, args);
      };
    });
    await openExample(page);
    await page.getByRole('link', { name: 'All maps' }).click();
    const before = await dumpDatabase(page);
    await page.evaluate(() => ((window as unknown as { __full?: boolean }).__full = true));
    const maps = page.getByRole('list', { name: 'Maps' });
    await maps.getByRole('button', { name: `Delete ${EXAMPLE_TITLE}` }).click();
    await page.getByRole('alertdialog', { name: 'Delete map?' }).getByRole('button', { name: 'Delete map' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Delete for good?' });
    await expect(ask).toContainText('There is no room to keep a copy in the Trash. Delete for good?');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect(maps.getByRole('listitem')).toHaveCount(1);
    await expectSound(page, before);

    await maps.getByRole('button', { name: `Delete ${EXAMPLE_TITLE}` }).click();
    await page.getByRole('alertdialog', { name: 'Delete map?' }).getByRole('button', { name: 'Delete map' }).click();
    await ask.getByRole('button', { name: 'Delete for good' }).click();
    await expect(maps.getByRole('listitem')).toHaveCount(0);
    await expect(page.getByText('The map was deleted for good.')).toBeVisible();
    await expectSound(page);
  });
});

test.describe('item 4: a save in another tab keeps this tab\'s unsaved source edits', () => {
  test('the draft stays, the other field updates, and the form says the source changed elsewhere', async ({ page, context }) => {
    await openExample(page);
    const other = await context.newPage();
    await other.goto(page.url());
    await expect(other.getByRole('heading', { level: 1, name: EXAMPLE_TITLE })).toBeVisible();
    await openFirstSourceDetails(page);
    await openFirstSourceDetails(other);
    const title = details(page).getByRole('textbox', { name: 'Title' });
    await title.fill('My unsaved title');
    await details(other).getByRole('textbox', { name: 'Publisher' }).fill('Changed in the other tab');
    await details(other).getByRole('button', { name: 'Save source' }).click();
    await expect(details(page).getByRole('textbox', { name: 'Publisher' })).toHaveValue('Changed in the other tab');
    await expect(title).toHaveValue('My unsaved title');
    await expect(details(page).getByRole('status').filter({ hasText: 'changed elsewhere' })).toBeVisible();
    await details(page).getByRole('button', { name: 'Save source' }).click();
    await expect
      .poll(async () => (await dumpDatabase(page)).sources.some((s) => s['title'] === 'My unsaved title' && s['publisher'] === 'Changed in the other tab'))
      .toBe(true);
    await expectSound(page);
    await other.close();
  });
});

test.describe('item 7: no id or URL blanks the app', () => {
  test('a stored map id with a lone surrogate: the start screen lists it and opens it', async ({ page }) => {
    await page.goto('/');
    const file = example();
    const id = 'map_lone\ud800x';
    const now = new Date().toISOString();
    await putRows(page, { maps: [{ ...file.map, id, title: 'Lone surrogate map', revision: 0, createdAt: now, updatedAt: now }] });
    await page.reload();
    const maps = page.getByRole('list', { name: 'Maps' });
    await expect(maps.getByRole('link', { name: 'Lone surrogate map' })).toBeVisible();
    await maps.getByRole('link', { name: 'Lone surrogate map' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Lone surrogate map' })).toBeVisible();
    await page.getByRole('link', { name: 'All maps' }).click();
    await expect(maps).toBeVisible();
  });

  test('#/map/% and other broken escapes show a page, and the map list is one click away', async ({ page }) => {
    for (const hash of ['#/map/%', '#/map/%E0%A4', '#/map/%ud800']) {
      await page.goto(`/${hash}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.getByRole('link', { name: 'All maps' }).click();
      await expect(page.getByRole('button', { name: 'New map' })).toBeVisible();
    }
  });

  test('a quote id with a newline and quote marks: clicking it in the graph and the reader blanks nothing', async ({ page }) => {
    await openExample(page);
    const dump = await dumpDatabase(page);
    const mapId = dump.maps[0]!['id'] as string;
    const quote = dump.quotes.find((q) => q['mapId'] === mapId)!;
    const oldId = quote['id'] as string;
    const newId = 'q_line\nbreak "quoted" \\ ]';
    const rows: Partial<Dump> = {
      quotes: [{ ...quote, id: newId }],
      links: dump.links.filter((l) => l['from'] === oldId).map((l) => ({ ...l, from: newId })),
      layout: dump.layout.filter((p) => p['id'] === oldId).map((p) => ({ ...p, id: newId })),
    };
    await putRows(page, rows);
    await page.evaluate(
      ([mapId, oldId]) =>
        new Promise<void>((resolve) => {
          const open = indexedDB.open('warrant');
          open.onsuccess = () => {
            const tx = open.result.transaction(['quotes', 'layout'], 'readwrite');
            tx.objectStore('quotes').delete([mapId!, oldId!]);
            tx.objectStore('layout').delete([mapId!, oldId!]);
            tx.oncomplete = () => resolve();
          };
        }),
      [mapId, oldId],
    );
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: EXAMPLE_TITLE })).toBeVisible();
    // The quote with the hostile id: Find centres it (the map opens on its thesis).
    const words = (quote['exact'] as string).slice(0, 40);
    const find = graph(page).getByRole('searchbox', { name: 'Find in graph' });
    await find.fill(words);
    await find.press('Enter');
    const pattern = words.slice(0, 20).trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    const node = graph(page).getByRole('group', { name: new RegExp(`^Quote: ${pattern}`) }).first();
    await expect(node).toBeInViewport();
    await node.click();
    await expect(details(page)).toBeVisible();
    await page.getByRole('region', { name: 'Source text' }).locator('mark').first().click();
    await expectSound(page);
  });
});

test.describe('item 8: foreign files are read in a worker, within a budget', () => {
  const bomb = () => {
    const lines = ['===', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g'], ['i', 'h']]) {
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    return [...lines, '===', '', '[A]: x', '  + [B]: y', ''].join('\n');
  };

  test('a YAML alias bomb in Argdown front matter is refused at once, naming the aliases', { tag: '@budget' }, async ({ page }) => {
    await page.goto('/');
    expect(Buffer.byteLength(bomb())).toBeLessThan(1000);
    await importBuffer(page, 'bomb.argdown', bomb());
    const dialog = page.getByRole('alertdialog', { name: 'Import failed' });
    await expect(dialog).toContainText('aliases', ANSWER);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('list', { name: 'Maps' }).getByRole('listitem')).toHaveCount(0);
    await expectSound(page);
  });

  test('a line of 200,000 "[" keeps the page answering, can be cancelled, and is refused past the budget', { tag: '@budget' }, async ({ page }) => {
    await page.goto('/');
    await importBuffer(page, 'brackets.argdown', '['.repeat(200_000));
    await expect(page.getByRole('status').filter({ hasText: 'Importing brackets.argdown' })).toBeVisible(ANSWER);
    // The page answers while the worker reads.
    await page.getByRole('button', { name: 'Trash' }).click();
    await expect(page.getByRole('heading', { name: 'Trash' })).toBeVisible(ANSWER);
    const dialog = page.getByRole('alertdialog', { name: 'Import failed' });
    await expect(dialog).toContainText('longer than 4 seconds', { timeout: 10_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();

    await importBuffer(page, 'brackets.argdown', '['.repeat(200_000));
    await page.getByRole('button', { name: 'Cancel import' }).click(ANSWER);
    await expect(page.getByText('Import of brackets.argdown cancelled: nothing was saved.')).toBeVisible(ANSWER);
    await expect(page.getByRole('list', { name: 'Maps' }).getByRole('listitem')).toHaveCount(0);
    await expectSound(page);
  });

  test('an Argdown syntax error is reported with its own message', async ({ page }) => {
    await page.goto('/');
    await importBuffer(page, 'broken.argdown', '===\ntitle: [unclosed\n===\n\n[A]: x\n  + [B]: y\n');
    const dialog = page.getByRole('alertdialog', { name: 'Import failed' });
    await expect(dialog).toContainText(/Argdown (syntax error at line \d+|could not be read)/);
    await expect(dialog).not.toContainText('not in a format Warrant reads');
    await expectSound(page);
  });
});

test.describe('item 9: HTML is reduced on the DOM, fast, without hidden text', () => {
  test('600 KB of `<a"` loads at once', { tag: '@budget' }, async ({ page }) => {
    await openExample(page);
    await page.getByRole('button', { name: 'Add source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add source' });
    await dialog.getByLabel('Load text file').setInputFiles({
      name: 'backtrack.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<p>hello</p>' + '<a"'.repeat(200_000)),
    });
    await expect(dialog.getByRole('textbox', { name: 'Text' })).toHaveValue('hello', ANSWER);
    await expectSound(page);
  });

  test('text the page hides is left out of the source', async ({ page }) => {
    await openExample(page);
    await page.getByRole('button', { name: 'Add source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add source' });
    await dialog.getByLabel('Load text file').setInputFiles({
      name: 'hidden.html',
      mimeType: 'text/html',
      buffer: Buffer.from(`<html><head><title>Hidden</title><style>.sr { display: none }</style></head><body>
        <p>Seen.</p><p hidden>Hidden attribute.</p><p style="display:none">Display none.</p><span class="sr">By class.</span>
        <div style="font-size:0">Zero font.</div><p style="visibility:hidden">Invisible.</p><p>Also seen.</p></body></html>`),
    });
    await expect(dialog.getByRole('textbox', { name: 'Text' })).toHaveValue('Seen.\n\nAlso seen.');
  });
});

test.describe('item 11: a large map file is read in a worker, with progress and Cancel', () => {
  test('a 50 MB map can be cancelled while it is read, writing nothing; a 5 MB one imports while the page answers', { tag: '@budget' }, async ({ page }) => {
    test.setTimeout(180_000);
    // Few records, long texts: the file is big, the map stays quick to show.
    const bigFile = (appendix: number) => {
      const doc = generateMap({ claims: 60, quotes: 60, links: 100, sources: 2, seed: 17 });
      for (const s of Object.values(doc.sources)) s.text += '\n\n' + 'A long appendix sentence that no quote points into. '.repeat(appendix);
      return serializeMap(doc);
    };
    const huge = bigFile(482_000);
    expect(huge.length).toBeGreaterThan(50_000_000);
    await page.goto('/');
    await importBuffer(page, 'huge.warrant.json', huge);
    await expect(page.getByRole('status').filter({ hasText: 'Importing huge.warrant.json' })).toBeVisible(ANSWER);
    await page.getByRole('button', { name: 'Cancel import' }).click(ANSWER);
    await expect(page.getByText('Import of huge.warrant.json cancelled: nothing was saved.')).toBeVisible(ANSWER);
    expect((await dumpDatabase(page)).maps).toHaveLength(0);

    const big = bigFile(48_000);
    expect(big.length).toBeGreaterThan(5_000_000);
    // The import worker's script is held until the page has answered a
    // click: on a loaded machine the import could otherwise finish (and open
    // the map, taking the Trash button away) before the click.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/import\.worker[^/]*\.js/, async (route) => {
      await held;
      await route.continue();
    });
    await importBuffer(page, 'big.warrant.json', big);
    await expect(page.getByRole('status').filter({ hasText: 'Importing big.warrant.json' })).toBeVisible(ANSWER);
    // The page answers while the import is under way.
    await page.getByRole('button', { name: 'Trash' }).click(ANSWER);
    await expect(page.getByRole('heading', { name: 'Trash' })).toBeVisible(ANSWER);
    await expect(page.getByRole('status').filter({ hasText: 'Importing big.warrant.json' })).toBeVisible();
    release();
    await expect(page.getByRole('link', { name: 'All maps' })).toBeVisible({ timeout: 60_000 });
    await expectSound(page);
  });
});

test.describe('item 12: messages and exports', () => {
  test('the JSON Canvas export escapes claim text for Markdown', async ({ page }) => {
    await openExample(page);
    const node = graph(page).getByRole('group', { name: /^Claim: / }).first();
    await node.dblclick();
    const editor = graph(page).getByRole('textbox', { name: 'Edit claim in graph' });
    await editor.fill('[click](javascript:alert(1)) <img src=x onerror=1> # not a heading');
    await editor.press('Enter');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menu').getByRole('menuitem', { name: 'JSON Canvas', exact: true }).click();
    const download = await downloading;
    const canvas = JSON.parse((await import('node:fs')).readFileSync(await download.path(), 'utf8')) as { nodes: Array<{ text: string }> };
    const text = canvas.nodes.map((n) => n.text).find((t) => t.includes('click'))!;
    expect(text).toBe('\\[click\\]\\(javascript:alert\\(1\\)\\) \\<img src\\=x onerror\\=1\\> \\# not a heading');
    await expectSound(page);
  });

  test('a quote starting inside an emoji shows the emoji whole', async ({ page }) => {
    await openExample(page);
    const dump = await dumpDatabase(page);
    const quote = dump.quotes[0]!;
    const source = dump.sources.find((s) => s['id'] === quote['sourceId'] && s['mapId'] === quote['mapId'])!;
    const text = source['text'] as string;
    const start = quote['start'] as number;
    // An emoji just before the quote, and the quote's start moved into its middle.
    const newText = `${text.slice(0, start)}😀${text.slice(start)}`;
    await putRows(page, {
      sources: [{ ...source, text: newText }],
      quotes: [{ ...quote, start: start + 1, end: (quote['end'] as number) + 2, exact: newText.slice(start + 1, (quote['end'] as number) + 2) }],
    });
    await page.reload();
    await page.getByRole('list', { name: 'Source list' }).getByRole('button', { name: new RegExp(`^${(source['title'] as string).slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
    const marks = page.getByRole('region', { name: 'Source text' }).locator('mark');
    await expect(marks.first()).toBeVisible();
    const broken = await marks.evaluateAll((els) => els.filter((e) => !(e.textContent ?? '').isWellFormed()).length);
    expect(broken).toBe(0);
  });
});

test.describe('item 7: an error boundary', () => {
  test('a map whose stored records break a screen shows what happened, with the map list and the Trash reachable', async ({ page }) => {
    await openExample(page);
    const dump = await dumpDatabase(page);
    const claim = dump.claims[0]!;
    // A record no version of Warrant writes: its text is not a string.
    await putRows(page, { claims: [{ ...claim, text: { not: 'a string' } }] });
    await page.reload();
    const failed = page.getByRole('heading', { level: 1, name: 'Something went wrong' });
    await expect(failed).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('What happened');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('button', { name: 'Trash' }).click();
    await expect(page.getByRole('heading', { name: 'Trash' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('error-boundary.png') });
    await page.getByRole('link', { name: 'All maps' }).click();
    await expect(page.getByRole('list', { name: 'Maps' })).toContainText(EXAMPLE_TITLE);
    // The damaged map still exports from the list's data: nothing else was touched.
    expect((await dumpDatabase(page)).maps).toHaveLength(1);
  });
});
