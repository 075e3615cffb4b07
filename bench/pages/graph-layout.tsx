/**
 * Auto layout in the Web Worker (dagre; tight-tree ranker above 300 nodes):
 * time from starting the worker to having the positions.
 */
import { param, report, round } from './benchKit';
import { benchMap } from './graph-kit';
import { startLayout, NETWORK_SIMPLEX_LIMIT } from '../../src/features/graph/layout';
import { CLAIM_HEIGHT, NODE_WIDTH, QUOTE_HEIGHT } from '../../src/features/graph/flowTypes';

void report(async () => {
  const n = param('n', 1000);
  const doc = benchMap(n);
  const input = {
    nodes: [
      ...Object.keys(doc.claims).map((id) => ({ id, width: NODE_WIDTH, height: CLAIM_HEIGHT })),
      ...Object.keys(doc.quotes).map((id) => ({ id, width: NODE_WIDTH, height: QUOTE_HEIGHT })),
    ],
    edges: Object.values(doc.links).map((l) => ({ from: l.from, to: l.to })),
  };
  const phases: string[] = [];
  const t0 = performance.now();
  const result = await startLayout(input, (p) => phases.push(`${p}@${Math.round(performance.now() - t0)}ms`)).promise;
  const ms = performance.now() - t0;
  if (!result || Object.keys(result.positions).length !== n) throw new Error('layout incomplete');
  return [
    {
      name: `auto layout in the worker, ${n} nodes, ${input.edges.length} links`,
      value: round(ms),
      unit: 'ms',
      note: `ranker ${n < NETWORK_SIMPLEX_LIMIT ? 'network-simplex' : 'tight-tree'}; ${Object.keys(result.routes).length} routed lines; phases ${phases.join(', ')}`,
    },
  ];
});
