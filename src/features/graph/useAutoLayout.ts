/** Auto layout: the compact layout computed in a worker, applied as one change (one undo step). */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { mapStore } from '../../store/useMapStore';
import { moveNodes } from '../../domain/edits';
import { isLiveLink } from '../../domain/analysis/graph';
import { aimedLinks, groupsOf, startLayout, type LayoutPhase, type LayoutRun } from './layout';
import { useRoutes } from './routes';
import { useGraphUi } from './graphUi';
import { CLAIM_HEIGHT, NODE_WIDTH, QUOTE_HEIGHT, type EvidenceFlowEdge, type FlowNode } from './flowTypes';

export function useAutoLayout(setStatus: (message: string, sticky?: boolean) => void, fitAll: () => void) {
  const rf = useReactFlow<FlowNode, EvidenceFlowEdge>();
  const [progress, setProgress] = useState<{ phase: LayoutPhase; step: number } | null>(null);
  const run = useRef<LayoutRun | null>(null);

  const autoLayout = useCallback(async () => {
    if (run.current) return;
    const current = mapStore.getState().doc;
    if (!current) return;
    const input = {
      nodes: rf.getNodes().map((n) => ({
        id: n.id,
        width: n.measured?.width ?? NODE_WIDTH,
        height: n.measured?.height ?? (n.type === 'quote' ? QUOTE_HEIGHT : CLAIM_HEIGHT),
      })),
      edges: Object.values(current.links)
        .filter((l) => isLiveLink(current, l))
        .map((l) => ({ from: l.from, to: l.to })),
      aimed: aimedLinks(current),
      groups: groupsOf(current),
      direction: useGraphUi.getState().direction,
    };
    const r = startLayout(input, (phase, step) => setProgress({ phase, step }));
    run.current = r;
    setProgress({ phase: 'Building graph', step: 0 });
    setStatus('Laying out the graph…', true);
    try {
      const result = await r.promise;
      if (!result) {
        setStatus('Layout cancelled.');
        return;
      }
      if (!mapStore.getState().doc) return;
      // Routes first: the edges drawn after the move find theirs fresh.
      useRoutes.getState().set(result);
      await mapStore.getState().edit((doc) => moveNodes(doc, result.positions), { label: 'Auto layout' });
      setStatus('Layout done.');
      requestAnimationFrame(() => fitAll());
    } catch (e) {
      mapStore.getState().notify('error', `Auto layout failed: ${(e as Error).message}`);
      setStatus('');
    } finally {
      run.current = null;
      setProgress(null);
    }
  }, [rf, setStatus, fitAll]);
  useEffect(() => () => run.current?.cancel(), []);

  const cancel = useCallback(() => run.current?.cancel(), []);
  return { autoLayout, progress, cancel };
}
