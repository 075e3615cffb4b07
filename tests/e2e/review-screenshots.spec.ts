import { writeFile } from 'node:fs/promises';
import { test, expect, openExample, EXAMPLE_TEXT } from './fixtures';
import { applyChange } from '../../src/domain/change';
import { addCommentChange } from '../../src/domain/comments';
import { parseMapFile } from '../../src/domain/format/parse';
import { serializeMap } from '../../src/domain/format/serialize';

/**
 * The README's picture of reviewing a map: the Changes of a reviewer's copy
 * of the example map. Written to docs/ when SCREENSHOTS=1, to the test
 * output otherwise (see screenshots.spec.ts).
 */

const SIZES = [
  { width: 1440, height: 900, suffix: '' },
  { width: 1280, height: 720, suffix: '-1280' },
] as const;

const target = (name: string, outputPath: (name: string) => string) =>
  process.env['SCREENSHOTS'] === '1' ? new URL(`../../docs/${name}`, import.meta.url).pathname : outputPath(name);

/** The example as a reviewer sends it back: a claim reworded, a link weakened, a new objection, two comments. */
function reviewersCopy(): string {
  const parsed = parseMapFile(EXAMPLE_TEXT);
  if (parsed.kind !== 'ok') throw new Error('the example map does not read');
  let doc = parsed.doc;
  const at = '2026-12-03T09:00:00.000Z';
  const thesis = Object.values(doc.claims).find((c) => c.kind === 'thesis')!;
  const other = Object.values(doc.claims).find((c) => c.kind === 'claim')!;
  const link = Object.values(doc.links).find((l) => l.to === thesis.id && l.weight === 3) ?? Object.values(doc.links)[0]!;
  doc = applyChange(doc, {
    mapId: doc.map.id,
    put: {
      claims: [
        { ...other, text: `${other.text}, at least in public`, updatedAt: at },
        { id: 'c_reviewer', text: 'Defensive rhetoric can cover offensive aims', kind: 'claim', createdAt: at, updatedAt: at },
      ],
      links: [
        { ...link, weight: 1 },
        { id: 'l_reviewer', from: 'c_reviewer', to: thesis.id, relation: 'contradicts', createdAt: at },
      ],
    },
    delete: {},
  });
  doc = applyChange(doc, addCommentChange(doc, { on: thesis.id, author: 'Ada Reviewer', text: 'Defense of what, exactly?', verdict: 'disputed', now: at }));
  doc = applyChange(doc, addCommentChange(doc, { on: doc.map.id, author: 'Ada Reviewer', text: 'Needs a second source on summitry.', verdict: 'needsEvidence', now: at }));
  return serializeMap(doc, at);
}

for (const size of SIZES) {
  test.describe(`review screenshots at ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('the changes of a reviewer’s copy', async ({ page }, info) => {
      const file = info.outputPath('reviewed.warrant.json');
      await writeFile(file, reviewersCopy());
      await openExample(page);
      await page.getByRole('button', { name: 'History', exact: true }).click();
      await page.getByRole('complementary', { name: 'History' }).getByLabel('Compare with file').setInputFiles(file);
      const changes = page.getByRole('region', { name: 'Changes' });
      const list = changes.getByRole('list', { name: 'Changes' });
      await expect(list.getByRole('listitem').filter({ hasText: 'Added claim: “Defensive rhetoric can cover offensive aims”' })).toHaveCount(1);
      await expect(list.getByRole('listitem').filter({ hasText: /^Reworded claim:/ })).toHaveCount(1);
      await expect(list.getByRole('listitem').filter({ hasText: /^Added comment:/ })).toHaveCount(2);
      await list.getByRole('listitem').filter({ hasText: 'Added claim:' }).getByRole('checkbox', { name: 'Take this change' }).check();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: target(`screenshot-changes${size.suffix}.png`, (n) => info.outputPath(n)) });
    });
  });
}
