import { generateMap } from '../../src/test/testMaps';
import { applyChange, type MapDoc } from '../../src/domain/change';
import { compareMaps } from '../../src/domain/compare';
import { rekeyDoc } from '../../src/domain/rekey';
import { compareInWorker } from '../../src/features/review/compareClient';
import { param, report, round, timeMedian } from './benchKit';

/**
 * Comparing two maps of 5,000 nodes each (claims + quotes): a reviewer's
 * edited copy matched by id, and the same under fresh ids (matched by
 * content, the slow path). The baseline is a bare structured clone of both
 * maps, what merely handing them to a worker costs. Medians of 5 runs.
 */
void report(async () => {
  const claims = param('claims', 1000);
  const quotes = param('quotes', 4000);
  const current = generateMap({ claims, quotes, links: param('links', 6000), seed: 7 });
  const edited = editSome(current);
  const copy = rekeyDoc(edited);
  const baseline = await timeMedian(() => structuredClone({ current, copy }));
  const byId = await timeMedian(() => compareMaps(current, edited));
  const byContent = await timeMedian(() => compareMaps(current, copy));
  const worker = await timeMedian(() => compareInWorker(current, copy));
  const items = compareMaps(current, copy).items.length;
  return [
    { name: `baseline: structured clone of both maps (${claims + quotes} nodes each)`, value: round(baseline), unit: 'ms' },
    { name: 'compareMaps, edited copy, same ids', value: round(byId), unit: 'ms', baseline: round(baseline), ratio: round(byId / baseline, 2) },
    { name: `compareMaps, edited copy under fresh ids (${items} items)`, value: round(byContent), unit: 'ms', baseline: round(baseline), ratio: round(byContent / baseline, 2) },
    { name: 'compare in the worker, fresh ids, round trip', value: round(worker), unit: 'ms', baseline: round(baseline), ratio: round(worker / baseline, 2), goal: '< 1000 ms' },
  ];
});

/** Every 50th claim reworded, every 40th link reweighted, every 100th quote removed with its links. */
function editSome(doc: MapDoc): MapDoc {
  const put = {
    claims: Object.values(doc.claims).filter((_, i) => i % 50 === 0).map((c) => ({ ...c, text: `${c.text} (reworded)` })),
    links: Object.values(doc.links).filter((_, i) => i % 40 === 0).map((l) => ({ ...l, weight: l.weight === 3 ? (1 as const) : (3 as const) })),
  };
  let next = applyChange(doc, { mapId: doc.map.id, put, delete: {} });
  const gone = new Set(Object.keys(next.quotes).filter((_, i) => i % 100 === 0));
  const links = Object.values(next.links).filter((l) => gone.has(l.from)).map((l) => l.id);
  next = applyChange(next, { mapId: doc.map.id, put: {}, delete: { quotes: [...gone], links } });
  return next;
}
