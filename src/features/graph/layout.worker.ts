/// <reference lib="webworker" />
/** Runs dagre off the main thread; see layout.ts. */
import { layoutWithRoutes, type LayoutInput, type LayoutMessage } from './layout';

const post = (msg: LayoutMessage) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);

self.onmessage = (e: MessageEvent<LayoutInput>) => {
  try {
    const result = layoutWithRoutes(e.data, (phase, step) => post({ type: 'progress', progress: { phase, step } }));
    post({ type: 'done', result });
  } catch (err) {
    post({ type: 'error', message: (err as Error).message ?? String(err) });
  }
};
