import { generateMap } from '../../src/test/testMaps';
import { allBalances } from '../../src/domain/analysis/balance';
import { evidenceFor } from '../../src/domain/analysis/evidence';
import { analyzeWarnings } from '../../src/domain/analysis/warnings';
import { defaultHypotheses, evidenceMatrix } from '../../src/domain/analysis/matrix';
import { param, report, round, timeMedian } from './benchKit';

/** Analysis of a large map: each figure is the median of 5 runs after a warm-up. */
void report(async () => {
  const claims = param('claims', 5000);
  const doc = generateMap({ claims, quotes: param('quotes', 20000), links: param('links', 25000), seed: 5 });
  const thesis = Object.values(doc.claims).find((c) => c.kind === 'thesis')!.id;
  const hyps = defaultHypotheses(doc).slice(0, 8);
  const balances = await timeMedian(() => allBalances(doc));
  const evidence = await timeMedian(() => evidenceFor(doc, thesis));
  const warnings = await timeMedian(() => analyzeWarnings(doc, { thesisId: thesis }));
  const matrix = await timeMedian(() => evidenceMatrix(doc, hyps));
  const all = balances + evidence + warnings;
  return [
    { name: `allBalances, ${claims} claims`, value: round(balances), unit: 'ms' },
    { name: 'evidenceFor a thesis', value: round(evidence), unit: 'ms' },
    { name: 'analyzeWarnings for a thesis', value: round(warnings), unit: 'ms' },
    { name: 'thesis check in all (balances + evidence + warnings)', value: round(all), unit: 'ms', goal: '< 200 ms' },
    { name: `evidenceMatrix, ${hyps.length} hypotheses`, value: round(matrix), unit: 'ms' },
  ];
});
