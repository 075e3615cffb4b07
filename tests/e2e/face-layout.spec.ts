/**
 * A layout that reads (the graph's face): after Auto layout on the example
 * map, in either direction, lines run around the nodes they do not end at
 * (routed through the gaps), no junction marker covers a node, and the
 * undercutter sits by the link it attacks. Measured in the DOM, in flow
 * coordinates: edge paths sampled along their length against node boxes.
 */
import type { Page } from '@playwright/test';
import { test, expect, openExample, graphOf, viewportSettled } from './fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
const DIRECTIONS = [
  { value: 'TB', label: 'Top down' },
  { value: 'LR', label: 'Left to right' },
] as const;
/** How near (flow px) an undercutter's box stays to the middle of the link it attacks. */
const BESIDE = 320;

type Box = { id: string; kind: string; x: number; y: number; w: number; h: number };
type Line = { label: string; points: { x: number; y: number }[] };


/** Every node box and every edge line (40 points along its path), in flow coordinates. */
async function drawing(page: Page): Promise<{ boxes: Box[]; lines: Line[] }> {
  return graphOf(page).evaluate((region) => {
    const boxes = [...region.querySelectorAll<HTMLElement>('.react-flow__node')].map((n) => {
      const m = new DOMMatrixReadOnly(n.style.transform);
      const kind = n.classList.contains('react-flow__node-junction') ? 'junction' : n.classList.contains('react-flow__node-quote') ? 'quote' : 'claim';
      return { id: n.dataset['id']!, kind, x: m.e, y: m.f, w: n.offsetWidth, h: n.offsetHeight };
    });
    const lines = [...region.querySelectorAll<SVGGElement>('.react-flow__edge')].map((g) => {
      const path = g.querySelector<SVGPathElement>('path.react-flow__edge-path')!;
      const len = path.getTotalLength();
      const points = Array.from({ length: 41 }, (_, i) => {
        const p = path.getPointAtLength((len * i) / 40);
        return { x: p.x, y: p.y };
      });
      return { label: g.getAttribute('aria-label') ?? '', points };
    });
    return { boxes, lines };
  });
}

const inside = (p: { x: number; y: number }, b: Box, inset: number) =>
  p.x > b.x + inset && p.x < b.x + b.w - inset && p.y > b.y + inset && p.y < b.y + b.h - inset;
const near = (p: { x: number; y: number }, b: Box) => p.x >= b.x - 3 && p.x <= b.x + b.w + 3 && p.y >= b.y - 3 && p.y <= b.y + b.h + 3;
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

async function autoLayout(page: Page, direction: (typeof DIRECTIONS)[number]) {
  const graph = graphOf(page);
  await graph.getByRole('button', { name: 'More' }).click();
  await graph.getByRole('combobox', { name: 'Layout direction' }).selectOption(direction.value);
  await graph.getByRole('button', { name: 'Auto layout' }).click();
  await expect(graph.getByRole('status')).toHaveText('Layout done.');
  await viewportSettled(page);
  // Full detail, every node drawn (the example is under the culling size): what the lines are measured against.
  await graph.getByRole('button', { name: 'Zoom to thesis' }).click();
  await viewportSettled(page);
  await expect(graph.locator('.react-flow__node-quote').first()).toBeVisible();
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    for (const direction of DIRECTIONS) {
      test(`${direction.label}: lines between nodes keep off other nodes, junctions cover no text, the undercutter sits by its link`, async ({ page }, info) => {
        await openExample(page);
        await autoLayout(page, direction);
        const { boxes, lines } = await drawing(page);
        const nodes = boxes.filter((b) => b.kind !== 'junction');
        const junctions = boxes.filter((b) => b.kind === 'junction');
        expect(nodes).toHaveLength(79);
        expect(junctions).toHaveLength(1);
        expect(lines.length).toBeGreaterThan(70);

        // A line between two nodes (not a junction's, not one aimed at a link) runs through no node it does not end at.
        const plain = lines.filter(
          (l) => !/^(undercuts|backs):/.test(l.label) && !junctions.some((j) => near(l.points[0]!, j) || near(l.points[40]!, j)),
        );
        expect(plain.length).toBeGreaterThan(60);
        const through: string[] = [];
        for (const l of plain) {
          const ends = nodes.filter((n) => near(l.points[0]!, n) || near(l.points[40]!, n));
          for (const n of nodes) if (!ends.includes(n) && l.points.some((p) => inside(p, n, 4))) through.push(`${l.label} through ${n.id}`);
        }
        expect(through).toEqual([]);

        // Every line into the thesis, a junction's arrow included, keeps off the other nodes too. (A
        // junction's arrow may cross its own premises: a quote premise sits in the thesis's quote block.)
        const thesis = nodes.find((n) => n.id === 'c_thesis')!;
        for (const l of lines.filter((x) => near(x.points[40]!, thesis) && !/^(undercuts|backs):/.test(x.label))) {
          const from = boxes.find((b) => near(l.points[0]!, b))!;
          const premises = from.kind === 'junction' ? nodes.filter((n) => lines.some((x) => near(x.points[0]!, n) && near(x.points[40]!, from))) : [];
          const hit = nodes.filter((n) => n !== thesis && n !== from && !premises.includes(n) && l.points.some((p) => inside(p, n, 4)));
          expect(hit.map((n) => `${l.label} through ${n.id}`)).toEqual([]);
        }

        // No junction marker overlaps a claim or a quote.
        for (const j of junctions) expect(nodes.filter((n) => overlap(j, n)).map((n) => `${j.id} on ${n.id}`)).toEqual([]);

        // The undercutter is beside the link it attacks: its box near the line's end (the link's middle).
        const aimed = lines.filter((l) => /^undercuts:/.test(l.label));
        expect(aimed).toHaveLength(1);
        for (const l of aimed) {
          const from = nodes.find((n) => near(l.points[0]!, n))!;
          const end = l.points[40]!;
          const dx = Math.max(from.x - end.x, 0, end.x - (from.x + from.w));
          const dy = Math.max(from.y - end.y, 0, end.y - (from.y + from.h));
          expect(Math.hypot(dx, dy)).toBeLessThan(BESIDE);
        }

        await graphOf(page).getByRole('button', { name: 'Fit all' }).click();
        await viewportSettled(page);
        await page.screenshot({ path: info.outputPath(`layout-${direction.value}-${size.width}.png`) });
      });
    }
  });
}
