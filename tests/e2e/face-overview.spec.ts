/**
 * One overview that is right at every zoom (the graph's face): zoomed out,
 * each claim is a label inside its own box, with text and badge legible on
 * screen (at least 9 px), the badge telling the balance the Thesis check
 * tells; Fit all fits everything, labels included, and never leaves a map of
 * fewer than 50 claims in a drawing that cannot be read.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openExample, graphOf, claimNode, zoomOf, viewportSettled } from './fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
const THESIS = "Xi's diplomacy is shifting from offense to defense";


type Drawn = {
  id: string;
  node: { x: number; y: number; w: number; h: number };
  label: { x: number; y: number; w: number; h: number } | null;
  text: { y: number; h: number; px: number; cut: boolean } | null;
  badgePx: number | null;
};

/** Every claim as drawn now: its node box, its overview label and text, and the on-screen size of text and badge. */
async function drawnClaims(page: Page): Promise<Drawn[]> {
  return graphOf(page).evaluate((region) => {
    const viewport = region.querySelector<HTMLElement>('.react-flow__viewport')!;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    };
    return [...region.querySelectorAll<HTMLElement>('.react-flow__node-claim')].map((node) => {
      const label = node.querySelector('.gn-overview');
      const text = node.querySelector<HTMLElement>('.gn-overview-text');
      const badge = node.querySelector<HTMLElement>('.gn-evidence-badge');
      return {
        id: node.dataset['id']!,
        node: box(node),
        label: label ? box(label) : null,
        text: text
          ? {
              ...box(text),
              px: parseFloat(getComputedStyle(text).fontSize) * zoom,
              // A line cut in half: the clamped paragraph shows a part of a line.
              cut: ((r) => Math.abs(r - Math.round(r)) > 0.1)(text.clientHeight / parseFloat(getComputedStyle(text).lineHeight)),
            }
          : null,
        badgePx: badge ? parseFloat(getComputedStyle(badge).fontSize) * zoom : null,
      };
    });
  });
}

/**
 * Asserts the overview drawing reads: labels inside their boxes, text and
 * badges ≥ 9 px, and (`whole`) every claim in the pane.
 */
async function expectLegibleOverview(page: Page, claims: number, whole = true) {
  const pane = (await graphOf(page).boundingBox())!;
  const drawn = await drawnClaims(page);
  expect(drawn).toHaveLength(claims);
  for (const c of drawn) {
    expect(c.label, `${c.id} is drawn as an overview label`).not.toBeNull();
    const { node, label, text } = { node: c.node, label: c.label!, text: c.text! };
    expect(label.x, c.id).toBeGreaterThanOrEqual(node.x - 1);
    expect(label.y, c.id).toBeGreaterThanOrEqual(node.y - 1);
    expect(label.x + label.w, c.id).toBeLessThanOrEqual(node.x + node.w + 1);
    expect(label.y + label.h, c.id).toBeLessThanOrEqual(node.y + node.h + 1);
    expect(text.y + text.h, `${c.id}: text within its label`).toBeLessThanOrEqual(label.y + label.h + 1);
    expect(text.px, c.id).toBeGreaterThanOrEqual(9);
    if (c.badgePx !== null) expect(c.badgePx, `${c.id} badge`).toBeGreaterThanOrEqual(9);
    expect(text.cut, `${c.id}: no line cut in half`).toBe(false);
    if (!whole) continue;
    expect(node.x).toBeGreaterThanOrEqual(pane.x - 1);
    expect(node.y).toBeGreaterThanOrEqual(pane.y - 1);
    expect(node.x + node.w).toBeLessThanOrEqual(pane.x + pane.width + 1);
    expect(node.y + node.h).toBeLessThanOrEqual(pane.y + pane.height + 1);
  }
}

const T = '2026-11-23T10:00:00.000Z';

/** A small map file: a thesis, six claims under it, two quotes each, no layout (laid out on import). */
function smallMapFile(): string {
  const text = Array.from({ length: 14 }, (_, i) => `Sentence ${i} says something about the port. `).join('');
  const claims = Array.from({ length: 7 }, (_, i) => ({
    id: `c_${i}`,
    text: i === 0 ? 'The port deal serves the lender more than the borrower' : `Reason ${i}: the loan terms favour the lender in clause ${i}`,
    kind: i === 0 ? 'thesis' : 'claim',
    createdAt: T,
    updatedAt: T,
  }));
  const quotes = Array.from({ length: 12 }, (_, i) => {
    const exact = `Sentence ${i} says something about the port.`;
    const start = text.indexOf(exact);
    return { id: `q_${i}`, sourceId: 'src_0', exact, prefix: text.slice(Math.max(0, start - 20), start), suffix: text.slice(start + exact.length, start + exact.length + 20), start, end: start + exact.length, createdAt: T };
  });
  const links = [
    ...claims.slice(1).map((c, i) => ({ id: `l_c${i}`, from: c.id, to: 'c_0', relation: i % 3 === 2 ? 'contradicts' : 'supports', createdAt: T })),
    ...quotes.map((q, i) => ({ id: `l_q${i}`, from: q.id, to: `c_${1 + (i % 6)}`, relation: i % 4 === 3 ? 'contradicts' : 'supports', createdAt: T })),
  ];
  return JSON.stringify({
    format: 'warrant.map',
    version: 1,
    exportedAt: T,
    map: { id: 'map_small_face', title: 'Small map', createdAt: T, updatedAt: T },
    sources: [{ id: 'src_0', title: 'Port report', text, addedAt: T }],
    quotes,
    claims,
    links,
  });
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('a small map fitted or laid out shows every claim as a legible label inside its box', async ({ page }, info) => {
      await page.goto('/');
      const path = info.outputPath('small.warrant.json');
      writeFileSync(path, smallMapFile());
      await page.getByLabel('Import map file').setInputFiles(path);
      await expect(page.getByRole('heading', { level: 1, name: 'Small map' })).toBeVisible();
      const graph = graphOf(page);
      await graph.getByRole('button', { name: 'Fit all' }).click();
      await viewportSettled(page);
      expect(await zoomOf(page)).toBeLessThan(0.7);
      await expectLegibleOverview(page, 7);
      await page.screenshot({ path: info.outputPath(`small-fit-${size.width}.png`) });

      await graph.getByRole('button', { name: 'More' }).click();
      await graph.getByRole('button', { name: 'Auto layout' }).click();
      await expect(graph.getByRole('status')).toHaveText('Layout done.');
      await viewportSettled(page);
      await expectLegibleOverview(page, 7);
      await page.screenshot({ path: info.outputPath(`small-layout-${size.width}.png`) });
    });

    test('the example fitted: labels legible in their boxes, the thesis badge as the Thesis check counts', async ({ page }, info) => {
      await openExample(page);
      await page.getByRole('button', { name: 'Thesis check' }).click();
      const panel = page.getByRole('region', { name: 'Thesis check' });
      await panel.getByRole('combobox', { name: 'Thesis' }).selectOption({ label: THESIS });
      const forCount = Number((await panel.locator('.total-for dd').innerText()).match(/(\d+) quotes?/)![1]);
      const againstCount = Number((await panel.locator('.total-against dd').innerText()).match(/(\d+) quotes?/)![1]);
      await panel.getByRole('button', { name: 'Close thesis check' }).click();

      // Its 17 claims lie 2,600 flow px apart (room for 62 quotes): whole, no label could be read.
      await graphOf(page).getByRole('button', { name: 'Fit all' }).click();
      await viewportSettled(page);
      await expect(graphOf(page).getByRole('status')).toHaveText(
        'Too large to read whole here: shown from its thesis at the smallest legible zoom.',
      );
      await expect(claimNode(page, THESIS)).toBeInViewport();
      await expectLegibleOverview(page, 17, false);
      await expect(claimNode(page, THESIS).locator('.gn-evidence-badge')).toHaveText(`${forCount} for · ${againstCount} against`);
      await page.screenshot({ path: info.outputPath(`example-fit-${size.width}.png`) });
    });
  });
}
