/// <reference lib="webworker" />
/** Runs dagre off the main thread; see layout.ts. */
import { layoutGraph, type LayoutInput, type LayoutMessage } from './layout';

const post = (msg: LayoutMessage) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);

self.onmessage = (e: MessageEvent<LayoutInput>) => {
  try {
    const positions = layoutGraph(e.data, (phase, step) => post({ type: 'progress', progress: { phase, step } }));
    post({ type: 'done', result: positions });
  } catch (err) {
    post({ type: 'error', message: (err as Error).message ?? String(err) });
  }
};
