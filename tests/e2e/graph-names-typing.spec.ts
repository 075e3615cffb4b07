/**
 * Names follow the words as they are typed: a claim node's name and the
 * names of its edges (`Claim: …`, `supports: <from> → <to>`) come from the
 * store's text, not from the canvas's node and edge objects (a keystroke
 * keeps those, so React Flow does no work per key in a large map). Typing
 * in Details, typing in the graph's own editor, undoing, and selecting the
 * node afterwards (its wrapper drawn again) all leave the names current.
 */
import type { Page } from '@playwright/test';
import { test, expect, newMap, addClaim, graphOf, claimNode, centre, drag } from './fixtures';

const edge = (page: Page, name: string) => graphOf(page).getByRole('group', { name, exact: true });

test('a claim’s node and edge names follow its text, typed in Details or in the graph, and undone', async ({ page }) => {
  await newMap(page);
  await addClaim(page, 'Alpha');
  await addClaim(page, 'Beta');
  await drag(page, await centre(claimNode(page, 'Alpha').locator('.react-flow__handle.source')), await centre(claimNode(page, 'Beta')));
  await graphOf(page).getByRole('dialog', { name: 'Link as' }).getByRole('button', { name: 'Supports' }).click();
  await expect(edge(page, 'supports: Alpha → Beta')).toHaveCount(1);

  // Typed in Details, key by key.
  await claimNode(page, 'Alpha').click();
  const text = page.getByRole('textbox', { name: 'Claim text' });
  await text.focus();
  await text.press('End');
  await page.keyboard.type(' one', { delay: 30 });
  await expect(claimNode(page, 'Alpha one')).toHaveCount(1);
  await expect(edge(page, 'supports: Alpha one → Beta')).toHaveCount(1);
  await expect(claimNode(page, 'Alpha')).toHaveCount(0);

  // Typed in the node's own editor.
  await claimNode(page, 'Beta').dblclick();
  const editor = graphOf(page).getByRole('textbox', { name: 'Edit claim in graph' });
  await expect(editor).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type(' two', { delay: 30 });
  await editor.press('Enter');
  await expect(claimNode(page, 'Beta two')).toHaveCount(1);
  await expect(edge(page, 'supports: Alpha one → Beta two')).toHaveCount(1);

  // Undone: the names go back with the words.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(claimNode(page, 'Beta')).toHaveCount(1);
  await expect(edge(page, 'supports: Alpha one → Beta')).toHaveCount(1);

  // Selecting draws the node's wrapper again: its name stays the current one.
  await claimNode(page, 'Beta').click();
  await expect(page.getByRole('textbox', { name: 'Claim text' })).toHaveValue('Beta');
  await edge(page, 'supports: Alpha one → Beta').focus();
  await page.keyboard.press('Enter');
  await expect(edge(page, 'supports: Alpha one → Beta')).toHaveCount(1);
  await expect(claimNode(page, 'Beta')).toHaveCount(1);
  await expect(claimNode(page, 'Alpha one')).toHaveCount(1);
});
