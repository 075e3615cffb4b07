/**
 * The argument graph in the browser: linking by dragging, in-place editing,
 * deleting and undoing, auto layout that persists, focus mode, find, and the
 * whole create–link–delete cycle by keyboard alone.
 *
 * Roles: nodes and edges are React Flow's focusable elements, exposed as
 * role `group` named by their `ariaLabel` (`Claim: …`, `Quote: …`,
 * `supports: <from> → <to>` / `contradicts: …`). Edge names are matched from
 * their start, since a claim's name may contain the word "supports".
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect, openExample, newMap, addClaim, graphOf, claimNode, centre, drag } from './fixtures';

const edges = (page: Page, relation: 'supports' | 'contradicts') =>
  graphOf(page).getByRole('group', { name: new RegExp(`^${relation}: .* → `) });

const handle = (node: Locator, kind: 'source' | 'target') => node.locator(`.react-flow__handle.${kind}`);

/** The node's position on the canvas (flow coordinates), from React Flow's transform. */
const transformOf = (node: Locator) => node.evaluate((el) => (el as HTMLElement).style.transform);

test('linking two claims by dragging from handle to handle, with the relation chooser', async ({ page }) => {
  await newMap(page);
  await addClaim(page, 'Alpha');
  await addClaim(page, 'Beta');
  const alpha = claimNode(page, 'Alpha');
  const beta = claimNode(page, 'Beta');

  await drag(page, await centre(handle(beta, 'source')), await centre(handle(alpha, 'target')));
  const chooser = graphOf(page).getByRole('dialog', { name: 'Link as' });
  await expect(chooser).toBeVisible();
  await chooser.getByRole('button', { name: 'Supports' }).click();
  await expect(chooser).toBeHidden();
  await expect(edges(page, 'supports')).toHaveCount(1);

  // The same link again is refused, and the reason is shown.
  await drag(page, await centre(handle(beta, 'source')), await centre(handle(alpha, 'target')));
  await expect(graphOf(page).getByRole('status')).toHaveText('These two are already linked.');
  await expect(graphOf(page).getByRole('dialog', { name: 'Link as' })).toHaveCount(0);

  // Escape cancels the chooser.
  await drag(page, await centre(handle(alpha, 'source')), await centre(handle(beta, 'target')));
  await expect(chooser).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(chooser).toBeHidden();
  await expect(edges(page, 'supports')).toHaveCount(1);
  await expect(edges(page, 'contradicts')).toHaveCount(0);
});

test('dropping a connection on empty canvas makes a linked claim in one step', async ({ page }) => {
  await newMap(page);
  await addClaim(page, 'Alpha');
  const alpha = claimNode(page, 'Alpha');
  const from = await centre(handle(alpha, 'source'));
  await drag(page, from, { x: from.x + 10, y: from.y + 160 });
  const chooser = graphOf(page).getByRole('dialog', { name: 'New linked claim' });
  await chooser.getByRole('button', { name: 'Contradicts' }).click();
  const editor = graphOf(page).getByRole('textbox', { name: 'Edit claim in graph' });
  await expect(editor).toBeFocused();
  await editor.fill('Gamma');
  await editor.press('Enter');
  await expect(claimNode(page, 'Gamma')).toBeVisible();
  await expect(edges(page, 'contradicts')).toHaveCount(1);

  // Undo the text edit, then the claim and its link go together.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(claimNode(page, '')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(graphOf(page).getByRole('group', { name: /^Claim: / })).toHaveCount(1);
  await expect(edges(page, 'contradicts')).toHaveCount(0);
});

test('a claim is edited in place: double-click, type, Enter; Escape cancels', async ({ page }) => {
  await openExample(page);
  const node = claimNode(page, 'Xi is cutting back on summits and trips abroad');
  // The map opens on the thesis at a readable zoom; in a narrow pane this
  // reason may lie outside the view, so Find centres it first.
  const find = graphOf(page).getByRole('searchbox', { name: 'Find in graph' });
  await find.fill('summits and trips');
  await find.press('Enter');
  await expect(node).toBeInViewport();
  await node.dblclick();
  const editor = graphOf(page).getByRole('textbox', { name: 'Edit claim in graph' });
  await expect(editor).toBeFocused();
  await editor.fill('Xi travels abroad less often');
  await editor.press('Enter');
  await expect(claimNode(page, 'Xi travels abroad less often')).toBeVisible();
  await expect(editor).toHaveCount(0);

  // Enter on the focused node opens the editor too; Escape leaves the text as it was.
  const edited = claimNode(page, 'Xi travels abroad less often');
  await edited.focus();
  await page.keyboard.press('Enter');
  await expect(editor).toBeFocused();
  await editor.fill('Something else');
  await editor.press('Escape');
  await expect(claimNode(page, 'Xi travels abroad less often')).toBeVisible();
  await expect(edited).toBeFocused();

  // One undo step brings the old text back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(claimNode(page, 'Xi is cutting back on summits and trips abroad')).toBeVisible();
});

test('Delete removes the focused node with its links; Undo brings them back', async ({ page }) => {
  await openExample(page);
  const graph = graphOf(page);
  const node = claimNode(page, 'Xi is cutting back on summits and trips abroad');
  const nodesBefore = await graph.locator('.react-flow__node').count();
  const edgesBefore = await graph.locator('.react-flow__edge').count();
  await node.focus();
  await page.keyboard.press('Delete');
  await expect(node).toHaveCount(0);
  await expect(graph.locator('.react-flow__node')).toHaveCount(nodesBefore - 1);
  const edgesAfter = await graph.locator('.react-flow__edge').count();
  expect(edgesAfter).toBeLessThan(edgesBefore);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node).toBeVisible();
  await expect(graph.locator('.react-flow__edge')).toHaveCount(edgesBefore);
});

test('shift-click selects several nodes and one Delete removes them all', async ({ page }) => {
  await newMap(page);
  await addClaim(page, 'One');
  await addClaim(page, 'Two');
  await addClaim(page, 'Three');
  await claimNode(page, 'One').click();
  await claimNode(page, 'Two').click({ modifiers: ['Shift'] });
  await expect(graphOf(page).locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press('Delete');
  await expect(graphOf(page).getByRole('group', { name: /^Claim: / })).toHaveCount(1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(graphOf(page).getByRole('group', { name: /^Claim: / })).toHaveCount(3);
});

test('Auto layout moves the nodes, and the positions survive a reload', async ({ page }) => {
  await openExample(page);
  const thesis = claimNode(page, "Xi's diplomacy is shifting from offense to defense");
  const quote = graphOf(page).getByRole('group', { name: /^Quote: / }).first();
  const before = [await transformOf(thesis), await transformOf(quote)];
  await graphOf(page).getByRole('button', { name: 'More' }).click();
  await graphOf(page).getByRole('button', { name: 'Auto layout' }).click();
  await expect(graphOf(page).getByRole('status')).toHaveText('Layout done.');
  // The layout ends fitted in view, where quotes fold into badges: zoom in to see them.
  await graphOf(page).getByRole('button', { name: 'Zoom to thesis' }).click();
  const after = [await transformOf(thesis), await transformOf(quote)];
  expect(after).not.toEqual(before);
  // Left to right: theses first, evidence after.
  const x = (t: string) => Number(/translate\(([-\d.]+)px/.exec(t)?.[1]);
  expect(x(after[0]!)).toBeLessThanOrEqual(x(after[1]!));
  // One undo step for the whole layout.
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveAttribute('title', /Undo Auto layout/);

  await page.reload();
  await expect(thesis).toBeVisible();
  expect([await transformOf(thesis), await transformOf(quote)]).toEqual(after);
});

test('Focus on a claim shows only the nodes that bear on it', async ({ page }) => {
  const file = JSON.parse(readFileSync('examples/xi-diplomacy.warrant.json', 'utf8')) as {
    claims: { id: string; text: string }[];
    links: { from: string; to: string }[];
  };
  const target = file.claims.find((c) => c.id === 'c_russia_dependent')!;
  // The expected set: the claim and everything with a path of links to it.
  const bearing = new Set([target.id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const l of file.links) {
      if (bearing.has(l.to) && !bearing.has(l.from)) {
        bearing.add(l.from);
        grew = true;
      }
    }
  }
  await openExample(page);
  const graph = graphOf(page);
  const all = await graph.locator('.react-flow__node').count();
  await graph.getByRole('button', { name: 'More' }).click();
  await graph.getByRole('combobox', { name: 'Focus on' }).selectOption({ label: target.text });
  await expect(graph.locator('.react-flow__node')).toHaveCount(bearing.size);
  expect(bearing.size).toBeLessThan(all);
  await expect(claimNode(page, target.text)).toBeVisible();
  await graph.getByRole('combobox', { name: 'Focus on' }).selectOption({ label: 'Whole map' });
  // The whole map is fitted in view again: every claim is back (its quotes
  // may be folded into badges at that zoom, so claims are what is counted).
  await expect(graph.getByRole('group', { name: /^Claim: / })).toHaveCount(file.claims.length);
});

test('Find in graph selects and centres matches, and says when there is none', async ({ page }) => {
  await openExample(page);
  const graph = graphOf(page);
  const find = graph.getByRole('searchbox', { name: 'Find in graph' });
  await find.fill('SUMMITS AND TRIPS');
  await find.press('Enter');
  const node = claimNode(page, 'Xi is cutting back on summits and trips abroad');
  await expect(node).toHaveClass(/selected/);
  await expect(graph.getByRole('status')).toHaveText(/^Match 1 of \d+\.$/);
  await find.fill('no such words anywhere');
  await find.press('Enter');
  await expect(graph.getByRole('status')).toHaveText('No match.');
});

test('by keyboard alone: create, link and delete claims; shortcuts help', async ({ page }) => {
  await newMap(page);
  const graph = graphOf(page);
  // Tab into the graph region.
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const inside = await graph.evaluate((region) => region.contains(document.activeElement));
    if (inside) break;
  }
  const editor = graph.getByRole('textbox', { name: 'Edit claim in graph' });
  await page.keyboard.press('n');
  await expect(editor).toBeFocused();
  await page.keyboard.type('The harbour is full');
  await page.keyboard.press('Enter');
  await expect(claimNode(page, 'The harbour is full')).toBeFocused();

  await page.keyboard.press('n');
  await expect(editor).toBeFocused();
  await page.keyboard.type('Trade is booming');
  await page.keyboard.press('Enter');
  const harbour = claimNode(page, 'The harbour is full');
  const trade = claimNode(page, 'Trade is booming');
  await expect(trade).toBeFocused();

  // L starts a link from the focused claim; Tab moves to the target; Enter; Supports.
  await page.keyboard.press('l');
  await expect(graph.getByRole('status')).toContainText('Linking from');
  await page.keyboard.press('Shift+Tab');
  await expect(harbour).toBeFocused();
  await page.keyboard.press('Enter');
  const chooser = graph.getByRole('dialog', { name: 'Link as' });
  await expect(chooser.getByRole('button', { name: 'Supports' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(edges(page, 'supports')).toHaveCount(1);
  await expect(harbour).toBeFocused();

  // Arrows walk the link: Down from the conclusion reaches its evidence, Up comes back.
  await page.keyboard.press('ArrowDown');
  await expect(trade).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(harbour).toBeFocused();

  // Delete removes the focused claim and its link.
  const before = await harbour.evaluate((el) => (el as HTMLElement).style.transform);
  await page.keyboard.press('Delete');
  await expect(harbour).toHaveCount(0);
  await expect(edges(page, 'supports')).toHaveCount(0);
  expect(before).toMatch(/translate/);

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Start a link from the focused node');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('arrow keys do not move a selected node', async ({ page }) => {
  await openExample(page);
  const node = claimNode(page, 'Xi is cutting back on summits and trips abroad');
  // The map opens on its thesis: Find centres this reason before it is clicked.
  const find = graphOf(page).getByRole('searchbox', { name: 'Find in graph' });
  await find.fill('summits and trips');
  await find.press('Enter');
  await expect(node).toBeInViewport();
  await node.click();
  await expect(node).toHaveClass(/selected/);
  const before = await transformOf(node);
  await node.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  expect(await transformOf(node)).toBe(before);
});

test('the graph region has no serious or critical accessibility violations', async ({ page }) => {
  await openExample(page);
  await claimNode(page, 'Xi is cutting back on summits and trips abroad').click();
  const results = await new AxeBuilder({ page }).include('section[aria-label="Argument graph"]').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await graphOf(page).getByRole('button', { name: 'Show shortcuts' }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  const dialog = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(dialog.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});
