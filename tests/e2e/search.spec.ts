import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openExample } from './fixtures';
import { EXAMPLE_PATH, XSS_PAYLOADS } from './hostile';

/** Search (Ctrl+K) and the evidence finder, on the example map and on hostile text. */

type Example = { sources: { id: string; title: string; text: string }[]; claims: { id: string; text: string }[] };
const example = JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')) as Example;

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();

/**
 * For each source, a long word found once in all the sources together, so
 * the best hit can only be that source's paragraph.
 */
function wordPerSource(): { title: string; word: string }[] {
  const counts = new Map<string, number>();
  for (const s of example.sources) for (const w of fold(s.text).match(/\p{L}{9,}/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return example.sources.map((s) => {
    const word = (fold(s.text).match(/\p{L}{9,}/gu) ?? []).find((w) => counts.get(w) === 1);
    if (!word) throw new Error(`no unique word in ${s.id}`);
    return { title: s.title, word };
  });
}

const searchDialog = (page: Page) => page.getByRole('dialog', { name: 'Search' });
const reader = (page: Page) => page.getByRole('region', { name: 'Source text' });
const details = (page: Page) => page.getByRole('region', { name: 'Details' });

test('search finds a word in each of the five sources and Enter opens it in the reader', async ({ page }) => {
  await openExample(page);
  const words = wordPerSource();
  expect(words).toHaveLength(5);
  for (const [i, { title, word }] of words.entries()) {
    // The button once, Ctrl+K the other times.
    if (i === 0) await page.getByRole('button', { name: 'Search', exact: true }).click();
    else await page.keyboard.press('Control+k');
    const dialog = searchDialog(page);
    const box = dialog.getByRole('searchbox', { name: 'Search sources, quotes and claims' });
    await expect(box).toBeFocused();
    await box.fill(word);
    const sources = dialog.getByRole('list', { name: 'Results' }).getByRole('list', { name: 'Sources' });
    await expect(sources.getByRole('button').first()).toContainText(title);
    await expect(sources.getByRole('button').first().locator('mark').first()).toHaveText(new RegExp(word, 'i'));
    await box.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(reader(page).getByRole('heading', { level: 2 })).toHaveText(title);
    const block = reader(page).getByRole('document').locator('.reader-block', { hasText: new RegExp(word, 'i') }).first();
    await expect(block).toBeInViewport();
  }
});

test('a quote or claim hit selects its node', async ({ page }) => {
  await openExample(page);
  const claim = example.claims.find((c) => c.id === 'c_less_summitry')!;
  await page.keyboard.press('Control+k');
  await searchDialog(page).getByRole('searchbox').fill('summits trips abroad');
  await expect(searchDialog(page).getByRole('list', { name: 'Claims' }).getByRole('button').first()).toContainText(claim.text);
  await searchDialog(page).getByRole('list', { name: 'Claims' }).getByRole('button').first().click();
  await expect(details(page).getByRole('textbox', { name: 'Claim text' })).toHaveValue(claim.text);
});

test('Quote this links a suggested passage to the claim in one undo step', async ({ page }) => {
  await openExample(page);
  const claim = example.claims.find((c) => c.id === 'c_less_summitry')!;
  await page.keyboard.press('Control+k');
  await searchDialog(page).getByRole('searchbox').fill(claim.text);
  // The index answers from a worker: press Enter once the results are for this query.
  await expect(searchDialog(page).getByRole('list', { name: 'Results' }).getByRole('option').or(searchDialog(page).getByRole('list', { name: 'Results' }).getByRole('listitem')).first()).toContainText(claim.text);
  await searchDialog(page).getByRole('searchbox').press('Enter');
  await expect(details(page).getByRole('textbox', { name: 'Claim text' })).toHaveValue(claim.text);
  const forList = details(page).getByRole('region', { name: /^For/ });
  const before = await forList.getByRole('listitem').count();

  await details(page).getByRole('button', { name: 'Find evidence' }).click();
  const finder = details(page).getByRole('region', { name: 'Evidence finder' });
  const suggested = finder.getByRole('list', { name: 'Suggested passages' });
  await expect(suggested.getByRole('listitem')).toHaveCount(10);
  const first = suggested.getByRole('listitem').first();
  const passage = (await first.locator('.suggested-text').textContent())!.replace(/^“|”$/g, '').replace(/…$/, '');
  await first.getByRole('button', { name: 'Quote this' }).click();

  const dialog = page.getByRole('dialog', { name: 'Link quote' });
  await expect(dialog.getByRole('combobox', { name: 'Claim' })).toHaveValue(claim.id);
  await expect(dialog.getByRole('radio', { name: 'Supports' })).toBeFocused();
  await dialog.getByRole('radio', { name: 'Contradicts' }).check();
  await dialog.getByRole('button', { name: 'Link quote' }).click();
  await expect(dialog).toBeHidden();

  const against = details(page).getByRole('region', { name: /^Against/ });
  await expect(forList.getByRole('listitem')).toHaveCount(before);
  await expect(against.getByRole('listitem').filter({ hasText: passage.slice(0, 40) })).toHaveCount(1);
  // The claim stays selected and the finder no longer offers the passage.
  await expect(details(page).getByRole('textbox', { name: 'Claim text' })).toHaveValue(claim.text);
  await expect(suggested.getByText(passage.slice(0, 40))).toHaveCount(0);

  const undo = page.getByRole('button', { name: 'Undo' });
  await expect(undo).toHaveAttribute('title', 'Undo Link quote (Ctrl+Z)');
  await undo.click();
  await expect(against.getByRole('listitem').filter({ hasText: passage.slice(0, 40) })).toHaveCount(0);
  // One step took both the quote and its link: the quote is gone from the map too.
  await page.keyboard.press('Control+k');
  await searchDialog(page).getByRole('searchbox').fill(passage.slice(0, 60));
  await expect(searchDialog(page).getByRole('list', { name: 'Quotes' })).toHaveCount(0);
  await expect(searchDialog(page).getByRole('list', { name: 'Sources' })).toBeVisible();
});

test('a script payload in a source shows as text in the results', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New map' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Untitled map' })).toBeVisible();
  await page.getByRole('button', { name: 'Add source' }).click();
  const add = page.getByRole('dialog', { name: 'Add source' });
  await add.getByRole('textbox', { name: 'Title' }).fill('Hostile <b>source</b>');
  // Blank lines: each payload its own paragraph.
  const text = XSS_PAYLOADS.map((p) => `Payload marker ${p}`).join('\n\n');
  await add.getByRole('textbox', { name: 'Text' }).fill(text);
  await add.getByRole('button', { name: 'Save source' }).click();
  await expect(add).toBeHidden();

  await page.keyboard.press('Control+k');
  await searchDialog(page).getByRole('searchbox').fill('payload marker');
  const results = searchDialog(page).getByRole('list', { name: 'Results' });
  await expect(results.getByRole('button')).toHaveCount(XSS_PAYLOADS.length);
  await expect(results).toContainText('<img src=x onerror="window.__pwned=\'img\'">');
  await expect(results).toContainText('<script>window.__pwned = "script"</script>');
  await expect(results.locator('img, script, svg, iframe, a, style, details, b')).toHaveCount(0);
  // Matched words are marked, with the markup around them still text.
  await expect(results.locator('mark').first()).toHaveText(/payload/i);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

test('the Search dialog with results and the Evidence finder have no serious accessibility violations', async ({ page }) => {
  await openExample(page);
  const serious = async (selector: string) =>
    (await new AxeBuilder({ page }).include(selector).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  await page.keyboard.press('Control+k');
  await searchDialog(page).getByRole('searchbox').fill('russia partner');
  await expect(searchDialog(page).getByRole('list', { name: 'Quotes' })).toBeVisible();
  expect(await serious('dialog.search-dialog')).toEqual([]);
  await searchDialog(page).getByRole('list', { name: 'Claims' }).getByRole('button').first().click();
  await details(page).getByRole('button', { name: 'Find evidence' }).click();
  await expect(details(page).getByRole('list', { name: 'Suggested passages' })).toBeVisible();
  expect(await serious('section[aria-label="Details"]')).toEqual([]);
});
