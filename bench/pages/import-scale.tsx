/**
 * Importing the largest map the format allows (`?entities=N`, up to
 * 199,999 records), in the whole app, as the start screen does: the file is
 * read in the import worker, stored, and the map opened. The figure is the
 * longest main-thread task from the import's start until the map is drawn
 * and the page is idle, beside a bare baseline in the same run (JSON.parse
 * of the same file on the main thread, the least a page could do with it).
 * The goal is no main-thread task over 100 ms.
 */
import { createRoot } from 'react-dom/client';
import '../../src/app/app.css';
import { App } from '../../src/app/App';
import { mapHref } from '../../src/app/useRoute';
import { importFile } from '../../src/features/maps/importFile';
import { mapStore } from '../../src/store/useMapStore';
import { serializeMap } from '../../src/domain/format/serialize';
import { generateMap } from '../../src/test/testMaps';
import { longTasks, param, report, round, until, type BenchResult } from './benchKit';

void report(async () => {
  const wanted = param('entities', 199_999);
  // Claims, quotes (a source per 20) and links in the proportions of a real map.
  const claims = Math.round(wanted * 0.25);
  const quotes = Math.round(wanted * 0.475);
  const sources = Math.ceil(quotes / 20);
  const links = wanted - claims - quotes - sources;
  const doc = generateMap({ claims, quotes, links, seed: 23 });
  const entities = Object.keys(doc.claims).length + Object.keys(doc.quotes).length + Object.keys(doc.links).length + Object.keys(doc.sources).length;
  const text = serializeMap(doc);
  await new Promise((r) => setTimeout(r, 1000));

  const bareTasks = await longTasks(async () => {
    JSON.parse(text);
  });

  createRoot(document.getElementById('root')!).render(<App />);
  await until('the start screen', () => document.querySelector('main, [role="main"]'));
  await new Promise((r) => setTimeout(r, 1000));
  const t0 = performance.now();
  let opened = 0;
  const appTasks = await longTasks(async () => {
    performance.mark('import-start');
    const outcome = await importFile(text, 'largest.warrant.json');
    performance.mark('import-stored');
    if (outcome.kind !== 'imported') throw new Error(`import: ${outcome.kind}`);
    location.hash = mapHref(outcome.mapId).replace(/^[^#]*/, '');
    await until('the map', () => mapStore.getState().status === 'ready');
    await until('the graph', () => document.querySelector('.react-flow__renderer'));
    performance.mark('map-drawn');
    opened = performance.now() - t0;
  });
  const longest = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);
  const bare = longest(bareTasks);
  const app = longest(appTasks);
  return [
    { name: `JSON.parse of the ${entities}-record file (${round(text.length / 1e6)} MB), bare`, value: round(bare), unit: 'ms' },
    {
      name: `import and open a ${entities}-record map: longest main-thread task`,
      value: round(app),
      unit: 'ms',
      baseline: round(bare),
      ratio: bare ? round(app / bare, 2) : undefined,
      goal: '< 100 ms',
      note: `${appTasks.length} long tasks (${appTasks.map((t) => Math.round(t)).join(', ')} ms); map open after ${round(opened / 1000)} s`,
    },
  ] satisfies BenchResult[];
});
