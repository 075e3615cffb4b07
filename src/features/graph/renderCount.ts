/**
 * Benchmarks count node renders. The flag is read once when the module loads
 * (a bench page sets `window.__countRenders = true` before loading the app), so
 * in the app the check is one constant branch per render.
 */
declare global {
  interface Window {
    __countRenders?: boolean;
    __renderCounts?: Record<string, number>;
  }
}

const COUNTING = typeof window !== 'undefined' && window.__countRenders === true;

export function countRender(kind: string): void {
  if (!COUNTING) return;
  const counts = (window.__renderCounts ??= {});
  counts[kind] = (counts[kind] ?? 0) + 1;
}
