/**
 * Building format version 2 in the graph, by mouse and by keyboard: a linked
 * argument (two reasons joined into one) and an undercut (a link aimed at the
 * middle of a link), each one undo step, and the Thesis check following the
 * rules: a linked argument counts once; a fully undercut link carries
 * nothing, and undercutting one co-premise undercuts the whole argument.
 *
 * The map: a thesis with two reasons of weight 2, each backed by a quote of
 * weight 3, and a lone claim that will undercut. Its undercut (default weight
 * 2) takes all of a weight-2 link.
 */
import type { Page } from '@playwright/test';
import { test, expect, writesSettled } from './fixtures';
import { docFromRecords } from '../../src/domain/change';
import { serializeMap } from '../../src/domain/format/serialize';
import { makeClaim, makeLink, makeMap, makeQuote, makeSource } from '../../src/test/factories';

function buildMap() {
  const s = makeSource('src_a', 'Alpha saw it happen. Beta wrote it down. Gamma was elsewhere.', { title: 'Witnesses' });
  return docFromRecords({
    map: makeMap({ id: 'map_build', title: 'Building arguments' }),
    sources: [s],
    quotes: [makeQuote('q_a', s, 'Alpha saw it happen.'), makeQuote('q_b', s, 'Beta wrote it down.')],
    claims: [
      makeClaim('c_t', 'The thesis holds', { kind: 'thesis' }),
      makeClaim('c_a', 'Reason A'),
      makeClaim('c_b', 'Reason B'),
      makeClaim('c_u', 'The reasons do not carry over'),
    ],
    links: [
      makeLink('l_a', 'c_a', 'c_t', 'supports', { weight: 2 }),
      makeLink('l_b', 'c_b', 'c_t', 'supports', { weight: 2 }),
      makeLink('l_qa', 'q_a', 'c_a', 'supports', { weight: 3 }),
      makeLink('l_qb', 'q_b', 'c_b', 'supports', { weight: 3 }),
    ],
    layout: {
      c_t: { x: 0, y: 0 },
      c_a: { x: -260, y: 200 },
      c_b: { x: 260, y: 200 },
      c_u: { x: 0, y: 380 },
      q_a: { x: -520, y: 380 },
      q_b: { x: 520, y: 380 },
    },
  });
}

const graphOf = (page: Page) => page.getByRole('region', { name: 'Argument graph' });
const edge = (page: Page, name: string) => graphOf(page).getByRole('group', { name, exact: true });
const LINK_A = 'supports: Reason A → The thesis holds';
const LINK_B = 'supports: Reason B → The thesis holds';
const junction = (page: Page) => graphOf(page).getByRole('group', { name: 'Argument: linked', exact: true });
const undercut = (page: Page) => graphOf(page).getByRole('group', { name: /^undercuts: The reasons do not carry over → / });

async function openBuildMap(page: Page) {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await page.getByLabel('Import map file').setInputFiles({
    name: 'build.warrant.json',
    mimeType: 'application/json',
    buffer: Buffer.from(serializeMap(buildMap()), 'utf8'),
  });
  await expect(page.getByRole('heading', { level: 1, name: 'Building arguments' })).toBeVisible();
  // The whole pane for the graph, so the fitted map stays above the overview's zoom and shows its handles.
  await page.getByRole('button', { name: 'Graph only' }).click();
  await graphOf(page).getByRole('button', { name: 'Fit all' }).click();
  await expect(graphOf(page).getByRole('group', { name: 'Claim: The reasons do not carry over', exact: true })).toBeInViewport();
}

/** The Thesis check, in the Views tabs beside the graph: its status line and For total, then back to the graph. */
async function thesisCheck(page: Page): Promise<{ status: string; forTotal: string }> {
  const views = page.getByRole('tablist', { name: 'Views' });
  const tab = views.getByRole('tab', { name: 'Thesis check' });
  if ((await tab.count()) === 0) await page.getByRole('button', { name: 'Thesis check' }).click();
  else await tab.click();
  const check = page.getByRole('region', { name: 'Thesis check' });
  const status = (await check.locator('.thesis-status').textContent())!.replace(/\s+/g, ' ').trim();
  const forTotal = (await check.locator('.total-for dd').textContent())!.replace(/\s+/g, ' ').trim();
  await views.getByRole('tab', { name: 'Argument graph' }).click();
  return { status, forTotal };
}

const expectCheck = async (page: Page, status: RegExp, forTotal: string) =>
  expect
    .poll(async () => {
      const c = await thesisCheck(page);
      return status.test(c.status) ? c.forTotal : `status was “${c.status}”`;
    })
    .toBe(forTotal);

test('by mouse: Shift+click two links, Link as one argument, then drag an undercut onto a link’s middle; Undo each', async ({ page }) => {
  await openBuildMap(page);
  await expectCheck(page, /direct links: 2 for, 0 against/, 'weight 4 · 2 quotes');

  // A linked argument: it counts once, and its equal premises keep the weight.
  await edge(page, LINK_A).click();
  await edge(page, LINK_B).click({ modifiers: ['Shift'] });
  await graphOf(page).getByRole('button', { name: 'More' }).click();
  await graphOf(page).getByRole('button', { name: 'Link as one argument' }).click();
  await expect(junction(page)).toHaveCount(1);
  await expectCheck(page, /direct links: 1 for, 0 against/, 'weight 4 · 2 quotes');

  // An undercut of one co-premise's link, dragged from the undercutter's handle onto that link's middle.
  const handle = graphOf(page).locator('.react-flow__node[data-id="c_u"] .react-flow__handle.source');
  const h = (await handle.boundingBox())!;
  await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await page.mouse.down();
  await page.mouse.move(h.x + h.width / 2 + 30, h.y - 30, { steps: 4 });
  const drop = graphOf(page).locator('.gn-edge-drop[data-link="l_a"]');
  await expect(drop).toBeVisible();
  await page.screenshot({ path: 'test-results/argument-drop-1280.png' });
  const d = (await drop.boundingBox())!;
  await page.mouse.move(d.x + d.width / 2, d.y + d.height / 2, { steps: 8 });
  await page.mouse.up();
  const chooser = page.getByRole('dialog', { name: 'Link as' });
  await expect(chooser).toContainText('Aim at the link as');
  await chooser.getByRole('button', { name: 'Contradicts' }).click();
  await expect(undercut(page)).toHaveCount(1);
  await expect(graphOf(page).locator('.gn-edge-drop')).toHaveCount(0);
  // Undercutting one co-premise undercuts the argument: nothing reaches the thesis.
  await expectCheck(page, /direct links: 0 for, 0 against/, 'weight 0 · 0 quotes');

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(undercut(page)).toHaveCount(0);
  await expectCheck(page, /direct links: 1 for, 0 against/, 'weight 4 · 2 quotes');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(junction(page)).toHaveCount(0);
  await expectCheck(page, /direct links: 2 for, 0 against/, 'weight 4 · 2 quotes');

  // Without the argument, the same undercut takes only its own link.
  await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await page.mouse.down();
  await page.mouse.move(h.x + h.width / 2 + 30, h.y - 30, { steps: 4 });
  const d2 = (await drop.boundingBox())!;
  await page.mouse.move(d2.x + d2.width / 2, d2.y + d2.height / 2, { steps: 8 });
  await page.mouse.up();
  await chooser.getByRole('button', { name: 'Contradicts' }).click();
  await expect(undercut(page)).toHaveCount(1);
  await expectCheck(page, /direct links: 1 for, 0 against/, 'weight 2 · 1 quote');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expectCheck(page, /direct links: 2 for, 0 against/, 'weight 4 · 2 quotes');
  await writesSettled(page);
});

test('by keyboard: Space and Shift+Space select two links, G joins them, U aims an undercut, Shift+G breaks the argument; Ctrl+Z undoes each', async ({ page }) => {
  await openBuildMap(page);
  await edge(page, LINK_A).focus();
  await page.keyboard.press('Space');
  await edge(page, LINK_B).focus();
  await page.keyboard.press('Shift+Space');
  await page.keyboard.press('g');
  await expect(junction(page)).toHaveCount(1);
  await expectCheck(page, /direct links: 1 for, 0 against/, 'weight 4 · 2 quotes');

  // U: pick the link in the `Aim at a link` dialog, then Contradicts.
  await graphOf(page).getByRole('group', { name: 'Claim: The reasons do not carry over', exact: true }).focus();
  await page.keyboard.press('u');
  const aim = page.getByRole('dialog', { name: 'Aim at a link' });
  await expect(aim.getByRole('searchbox', { name: 'Filter links' })).toBeFocused();
  await aim.screenshot({ path: 'test-results/aim-dialog-1280.png' });
  await page.keyboard.type('Reason B thesis');
  await expect(aim.getByRole('list', { name: 'Links to aim at' }).getByRole('button')).toHaveCount(1);
  await page.keyboard.press('Tab');
  await expect(aim.getByRole('button', { name: LINK_B })).toBeFocused();
  await page.keyboard.press('Enter');
  const chooser = page.getByRole('dialog', { name: 'Link as' });
  await expect(chooser.getByRole('button', { name: 'Supports' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(undercut(page)).toHaveCount(1);
  await expectCheck(page, /direct links: 0 for, 0 against/, 'weight 0 · 0 quotes');
  await graphOf(page).getByRole('group', { name: 'Claim: The reasons do not carry over', exact: true }).focus();
  await page.keyboard.press('Control+z');
  await expect(undercut(page)).toHaveCount(0);
  await expectCheck(page, /direct links: 1 for, 0 against/, 'weight 4 · 2 quotes');

  // L, then a link instead of a claim: Enter on the focused link aims the new link at it.
  await graphOf(page).getByRole('group', { name: 'Claim: The reasons do not carry over', exact: true }).focus();
  await page.keyboard.press('l');
  await edge(page, LINK_A).focus();
  await page.keyboard.press('Enter');
  await expect(chooser).toContainText('Aim at the link as');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(undercut(page)).toHaveCount(1);
  await expectCheck(page, /direct links: 0 for, 0 against/, 'weight 0 · 0 quotes');
  await graphOf(page).getByRole('group', { name: 'Claim: The reasons do not carry over', exact: true }).focus();
  await page.keyboard.press('Control+z');
  await expect(undercut(page)).toHaveCount(0);

  // Arrow keys walk the graph as drawn: from a co-premise up to its junction, on up to the conclusion, and back.
  await graphOf(page).getByRole('group', { name: 'Claim: Reason A', exact: true }).focus();
  await page.keyboard.press('ArrowUp');
  await expect(junction(page)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(graphOf(page).getByRole('group', { name: 'Claim: The thesis holds', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(junction(page)).toBeFocused();

  // Shift+G on the junction breaks the argument: each reason counts again. Undo joins them again.
  await junction(page).focus();
  await page.keyboard.press('Shift+G');
  await expect(junction(page)).toHaveCount(0);
  await expectCheck(page, /direct links: 2 for, 0 against/, 'weight 4 · 2 quotes');
  await graphOf(page).getByRole('group', { name: 'Claim: Reason A', exact: true }).focus();
  await page.keyboard.press('Control+z');
  await expect(junction(page)).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(junction(page)).toHaveCount(0);
  await expectCheck(page, /direct links: 2 for, 0 against/, 'weight 4 · 2 quotes');
  await writesSettled(page);
});
