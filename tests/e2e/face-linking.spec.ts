/**
 * Links go where you drag: a drag from node X onto node Y proposes X → Y
 * whichever of X's dots it started from; the chooser names both ends and
 * offers `Swap direction`; the message after linking names them too. (From
 * the top dot it made Y → X, and nothing said which way.)
 */
import type { Locator } from '@playwright/test';
import { test, expect, newMap, addClaim, graphOf, claimNode, centre, drag } from './fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

const topDot = (node: Locator) => node.locator('.react-flow__handle.target');
const bottomDot = (node: Locator) => node.locator('.react-flow__handle.source');

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('a drag from either dot of X onto Y proposes X → Y, named, with Swap direction', async ({ page }, info) => {
      await newMap(page);
      await addClaim(page, 'Alpha');
      await addClaim(page, 'Beta');
      const alpha = claimNode(page, 'Alpha');
      const beta = claimNode(page, 'Beta');
      const chooser = graphOf(page).getByRole('dialog', { name: 'Link as' });

      // From Alpha's top dot onto the middle of Beta: Alpha → Beta.
      await drag(page, await centre(topDot(alpha)), await centre(beta));
      await expect(chooser).toContainText('“Alpha” → “Beta”');
      await page.screenshot({ path: info.outputPath(`chooser-${size.width}.png`) });
      // Turned round and back again.
      await chooser.getByRole('button', { name: 'Swap direction' }).click();
      await expect(chooser).toContainText('“Beta” → “Alpha”');
      await chooser.getByRole('button', { name: 'Swap direction' }).click();
      await expect(chooser).toContainText('“Alpha” → “Beta”');
      await chooser.getByRole('button', { name: 'Supports' }).click();
      await expect(graphOf(page).getByRole('status')).toHaveText('Linked: “Alpha” supports “Beta”.');
      await expect(graphOf(page).getByRole('group', { name: 'supports: Alpha → Beta', exact: true })).toHaveCount(1);

      // From Beta's bottom dot onto Alpha's top dot: Beta → Alpha, already linked the other way, so swapped first.
      await drag(page, await centre(bottomDot(beta)), await centre(topDot(alpha)));
      await expect(chooser).toContainText('“Beta” → “Alpha”');
      await chooser.getByRole('button', { name: 'Swap direction' }).click();
      // Alpha → Beta exists: the swap is refused and says why; the chooser keeps its direction.
      await expect(graphOf(page).getByRole('status')).toContainText('Cannot swap');
      await expect(chooser).toContainText('“Beta” → “Alpha”');
      await chooser.getByRole('button', { name: 'Contradicts' }).click();
      await expect(graphOf(page).getByRole('status')).toHaveText('Linked: “Beta” contradicts “Alpha”.');
      await expect(graphOf(page).getByRole('group', { name: 'contradicts: Beta → Alpha', exact: true })).toHaveCount(1);
    });
  });
}
