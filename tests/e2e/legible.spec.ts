/**
 * The map you can read (issue 11, the graph): a map opens on its thesis at a
 * readable zoom, `Fit all` shows the whole map with every claim's text still
 * legible (semantic zoom), a map without positions is laid out on import,
 * and the graph's keyboard and names work as a new user expects.
 *
 * Text size on screen = computed font-size × the viewport's zoom.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openExample, viewportSettled, graphOf, claimNode } from './fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];


/** The on-screen text size (px) of every claim node, as drawn now (overview label or detailed text). */
async function claimTextSizes(page: Page): Promise<{ id: string; px: number }[]> {
  return graphOf(page).evaluate((region) => {
    const viewport = region.querySelector<HTMLElement>('.react-flow__viewport')!;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    return [...region.querySelectorAll<HTMLElement>('.react-flow__node-claim')].map((node) => {
      const text =
        node.querySelector<HTMLElement>('.gn-overview-text') ?? node.querySelector<HTMLElement>('.gn-node-text')!;
      return { id: node.dataset['id']!, px: parseFloat(getComputedStyle(text).fontSize) * zoom };
    });
  });
}


for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('the example map opens readable on its thesis; Fit all keeps every claim legible', async ({ page }, info) => {
      await openExample(page);
      const thesis = claimNode(page, "Xi's diplomacy is shifting from offense to defense");
      await expect(thesis).toBeInViewport();
      await viewportSettled(page);
      const atOpen = await claimTextSizes(page);
      expect(atOpen).toHaveLength(17);
      for (const c of atOpen) expect(c.px, c.id).toBeGreaterThanOrEqual(11);
      await page.screenshot({ path: info.outputPath(`open-${size.width}.png`) });

      await graphOf(page).getByRole('button', { name: 'Fit all' }).click();
      await viewportSettled(page);
      const fitted = await claimTextSizes(page);
      for (const c of fitted) expect(c.px, c.id).toBeGreaterThanOrEqual(9);
      // The example's 17 claims lie too far apart to read whole beside the side
      // panels: Fit all stops at the smallest legible zoom, from the thesis
      // (face-overview.spec.ts checks a small map fitted whole).
      await expect(thesis).toBeInViewport();
      await page.screenshot({ path: info.outputPath(`fit-${size.width}.png`) });

      await graphOf(page).getByRole('button', { name: 'Zoom to thesis' }).click();
      await viewportSettled(page);
      await expect(thesis).toBeInViewport();
      for (const c of await claimTextSizes(page)) expect(c.px, c.id).toBeGreaterThanOrEqual(11);
    });
  });
}

const T = '2026-11-23T10:00:00.000Z';

/** A map file of 165 claims (a tree under one thesis) and 385 quotes, with no layout at all. */
function bigMapFile(): string {
  const sources = Array.from({ length: 11 }, (_, s) => {
    const sentences = Array.from({ length: 35 }, (_, i) => `Passage ${s}-${i} reports on the port and the loan. `);
    return { id: `src_${s}`, title: `Report ${s}`, text: sentences.join(''), addedAt: T, sentences };
  });
  const quotes = sources.flatMap((src) => {
    let at = 0;
    return src.sentences.map((sentence, i) => {
      const exact = sentence.trim();
      const start = at;
      const end = start + exact.length;
      at += sentence.length;
      return {
        id: `q_${src.id}_${i}`,
        sourceId: src.id,
        exact,
        prefix: src.text.slice(Math.max(0, start - 20), start),
        suffix: src.text.slice(end, end + 20),
        start,
        end,
        createdAt: T,
      };
    });
  });
  const claims = Array.from({ length: 165 }, (_, i) => ({
    id: `c_${i}`,
    text: i === 0 ? 'The big map thesis' : `Claim ${i} about the harbour and its trade`,
    kind: i === 0 ? 'thesis' : 'claim',
    createdAt: T,
    updatedAt: T,
  }));
  const links = [
    ...claims.slice(1).map((c, i) => ({ id: `l_c${i + 1}`, from: c.id, to: `c_${Math.floor(i / 4)}`, relation: i % 5 ? 'supports' : 'contradicts', createdAt: T })),
    ...quotes.map((q, i) => ({ id: `l_q${i}`, from: q.id, to: `c_${(i * 7) % 165}`, relation: i % 4 ? 'supports' : 'contradicts', createdAt: T })),
  ];
  return JSON.stringify({
    format: 'warrant.map',
    version: 1,
    exportedAt: T,
    map: { id: 'map_big_e2e', title: 'Big map without layout', createdAt: T, updatedAt: T },
    sources: sources.map(({ sentences: _s, ...src }) => src),
    quotes,
    claims,
    links,
  });
}

for (const size of SIZES) {
  test(`a 550-node map without layout, imported, opens legible and fits whole (${size.width}×${size.height})`, async ({ page }, info) => {
    await page.setViewportSize(size);
    await page.goto('/');
    const path = info.outputPath('big.warrant.json');
    writeFileSync(path, bigMapFile());
    await page.getByLabel('Import map file').setInputFiles(path);
    await expect(page.getByRole('heading', { level: 1, name: 'Big map without layout' })).toBeVisible();
    const thesis = claimNode(page, 'The big map thesis');
    await expect(thesis).toBeInViewport();
    await viewportSettled(page);
    const atOpen = await claimTextSizes(page);
    expect(atOpen.length).toBeGreaterThan(0);
    for (const c of atOpen) expect(c.px, c.id).toBeGreaterThanOrEqual(11);
    await page.screenshot({ path: info.outputPath(`big-open-${size.width}.png`) });

    await graphOf(page).getByRole('button', { name: 'Fit all' }).click();
    await viewportSettled(page);
    // Whole: every claim is drawn, inside the pane.
    const claims = graphOf(page).locator('.react-flow__node-claim');
    await expect(claims).toHaveCount(165);
    const pane = (await graphOf(page).boundingBox())!;
    const boxes = await claims.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(pane.x - 1);
      expect(b.y).toBeGreaterThanOrEqual(pane.y - 1);
      expect(b.x + b.width).toBeLessThanOrEqual(pane.x + pane.width + 1);
      expect(b.y + b.height).toBeLessThanOrEqual(pane.y + pane.height + 1);
    }
    // Laid out, not one row: the nodes span both ways.
    const xs = boxes.map((b) => b.x);
    const ys = boxes.map((b) => b.y);
    const w = Math.max(...xs) - Math.min(...xs);
    const h = Math.max(...ys) - Math.min(...ys);
    expect(w / h).toBeLessThan(6);
    expect(h / w).toBeLessThan(6);
    await page.screenshot({ path: info.outputPath(`big-fit-${size.width}.png`) });
  });
}

test('the overview folds quotes into a badge a claim, which opens them on click', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openExample(page);
  const graph = graphOf(page);
  await expect(graph.getByRole('group', { name: /^Quote: / }).first()).toBeAttached();
  await graph.getByRole('button', { name: 'Fit all' }).click();
  await viewportSettled(page);
  await expect(graph.getByRole('group', { name: /^Quote: / })).toHaveCount(0);
  const claim = claimNode(page, 'China seeks to reshape global governance in an authoritarian direction');
  // The badge counts what reaches the claim (as the Thesis check does); it opens the 8 quotes linked straight to it.
  const badge = claim.getByRole('button', { name: '12 for · 2 against' });
  await expect(badge).toHaveAttribute('aria-expanded', 'false');
  // Fit all shows the example from its thesis (too large to read whole): this claim may lie outside the view.
  await badge.dispatchEvent('click');
  await expect(badge).toHaveAttribute('aria-expanded', 'true');
  await expect(graph.getByRole('group', { name: /^Quote: / })).toHaveCount(8);
  await badge.dispatchEvent('click');
  await expect(graph.getByRole('group', { name: /^Quote: / })).toHaveCount(0);
  // Zoomed in again, every quote is back.
  await graph.getByRole('button', { name: 'Zoom to thesis' }).click();
  await expect(graph.getByRole('group', { name: /^Quote: / })).toHaveCount(62);
});

test('Delete removes the focused node, not the selected one; the focused node shows a ring', async ({ page }) => {
  await openExample(page);
  const selected = claimNode(page, "Xi's diplomacy is shifting from offense to defense");
  await selected.click();
  await expect(selected).toHaveClass(/selected/);
  const focused = graphOf(page).getByRole('group', { name: /^Quote: / }).first();
  await focused.focus();
  const outline = await focused.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  const name = await focused.getAttribute('aria-label');
  await page.keyboard.press('Delete');
  await expect(graphOf(page).getByRole('group', { name: name!, exact: true })).toHaveCount(0);
  await expect(selected).toBeVisible();
});

test('edges are named by relation, then their ends', async ({ page }) => {
  await openExample(page);
  const names = await graphOf(page)
    .locator('.react-flow__edge')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  // Every link is drawn (a linked argument adds one arrow from its junction).
  const links = (JSON.parse(readFileSync('examples/xi-diplomacy.warrant.json', 'utf8')) as { links: unknown[] }).links;
  expect(names.length).toBeGreaterThanOrEqual(links.length);
  for (const n of names) expect(n).toMatch(/^(supports|contradicts|undercuts|backs): .+ → .+$/);
  await expect(
    graphOf(page).getByRole('group', { name: "supports: Xi is cutting back on summits and trips abroad → Xi's diplomacy is shifting from offense to defense" }),
  ).toHaveCount(1);
});

test('New claim then Escape leaves nothing behind, and no undo step', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New map' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Untitled map' })).toBeVisible();
  const graph = graphOf(page);
  await graph.getByRole('button', { name: 'New claim' }).click();
  const editor = graph.getByRole('textbox', { name: 'Edit claim in graph' });
  await expect(editor).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(graph.getByRole('group', { name: /^Claim: / })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  // With text typed, the claim stays.
  await graph.getByRole('button', { name: 'New claim' }).click();
  await editor.fill('Kept');
  await editor.press('Enter');
  await expect(claimNode(page, 'Kept')).toBeVisible();
});

test('status messages clear themselves; the toolbar never strands its ? button', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openExample(page);
  const graph = graphOf(page);
  const find = graph.getByRole('searchbox', { name: 'Find in graph' });
  const help = graph.getByRole('button', { name: 'Show shortcuts' });
  const [f, h] = [(await find.boundingBox())!, (await help.boundingBox())!];
  expect(Math.abs(f.y + f.height / 2 - (h.y + h.height / 2))).toBeLessThan(4);
  await graph.getByRole('button', { name: 'More' }).click();
  await graph.getByRole('button', { name: 'Auto layout' }).click();
  await expect(graph.getByRole('status')).toHaveText('Layout done.');
  // Cleared (an empty status line is not drawn).
  await expect(graph.locator('p.graph-status')).toBeEmpty();
});

test('the relation chooser stays inside the graph pane, even dropped at its corner', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await page.getByRole('button', { name: 'New map' }).click();
  const graph = graphOf(page);
  await graph.getByRole('button', { name: 'New claim' }).click();
  const editor = graph.getByRole('textbox', { name: 'Edit claim in graph' });
  await editor.fill('Corner');
  await editor.press('Enter');
  const handle = claimNode(page, 'Corner').locator('.react-flow__handle.source');
  const from = (await handle.boundingBox())!;
  const pane = (await graph.boundingBox())!;
  // The bottom-right corner, clear of the mini map and the zoom controls.
  const to = { x: pane.x + pane.width - 8, y: pane.y + pane.height - 130 };
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 10, from.y + 10, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
  const chooser = graph.getByRole('dialog', { name: 'New linked claim' });
  await expect(chooser).toBeVisible();
  const b = (await chooser.boundingBox())!;
  expect(b.x).toBeGreaterThanOrEqual(pane.x);
  expect(b.y).toBeGreaterThanOrEqual(pane.y);
  expect(b.x + b.width).toBeLessThanOrEqual(pane.x + pane.width);
  expect(b.y + b.height).toBeLessThanOrEqual(pane.y + pane.height);
  await page.keyboard.press('Escape');
  await expect(chooser).toBeHidden();
});
