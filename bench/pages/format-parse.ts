import { parseMapFile } from '../../src/domain/format/parse';
import { serializeMap } from '../../src/domain/format/serialize';
import { generateMap } from '../../src/test/testMaps';
import { param, report, round, timeMedian } from './benchKit';

/** parseMapFile on a generated file of about `mb` MB against JSON.parse of the same text. */
void report(async () => {
  const targetChars = param('mb', 20) * 1024 * 1024;
  // Size the map so that its file is about the target size.
  let scale = 1;
  let text = '';
  for (let i = 0; i < 6; i++) {
    const doc = generateMap({ claims: Math.round(1000 * scale), quotes: Math.round(4000 * scale), links: Math.round(5000 * scale), seed: 7 });
    text = serializeMap(doc);
    if (Math.abs(text.length - targetChars) / targetChars < 0.1) break;
    scale *= targetChars / text.length;
  }
  const check = parseMapFile(text);
  if (check.kind !== 'ok') throw new Error(`generated file refused: ${JSON.stringify(check).slice(0, 500)}`);
  const jsonMs = await timeMedian(() => JSON.parse(text), 9, 2);
  const parseMs = await timeMedian(() => parseMapFile(text), 9, 2);
  const entities =
    Object.keys(check.doc.sources).length + Object.keys(check.doc.quotes).length + Object.keys(check.doc.claims).length + Object.keys(check.doc.links).length;
  return [
    {
      name: `parseMapFile, ${round(text.length / 1024 / 1024)} MB file (${entities} entities)`,
      value: round(parseMs),
      unit: 'ms',
      baseline: round(jsonMs),
      ratio: round(parseMs / jsonMs, 2),
      goal: '≤ 2× JSON.parse',
    },
  ];
});
