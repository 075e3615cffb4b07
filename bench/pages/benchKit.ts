/**
 * The page side of the benchmark protocol: a page sets `window.__bench` to
 * `{ done: true, results }` (or `{ done: true, error }`) and bench/run.mjs
 * collects it. Pages read their size from the query string.
 */
export type BenchResult = {
  name: string;
  value: number;
  unit: string;
  /** The figure of the baseline the goal is measured against. */
  baseline?: number;
  ratio?: number;
  goal?: string;
  note?: string;
};

declare global {
  interface Window {
    __bench?: { done: boolean; results: BenchResult[]; error?: string };
  }
}

export function param(name: string, fallback: number): number {
  const v = new URLSearchParams(window.location.search).get(name);
  return v === null ? fallback : Number(v);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs `fn` `runs` times (after `warmup` unmeasured runs) and returns the median time in ms. */
export async function timeMedian(fn: () => unknown | Promise<unknown>, runs = 5, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

export async function report(run: () => Promise<BenchResult[]>): Promise<void> {
  const out = document.getElementById('out');
  try {
    const results = await run();
    window.__bench = { done: true, results };
    if (out) out.textContent = JSON.stringify(results, null, 2);
  } catch (e) {
    window.__bench = { done: true, results: [], error: String((e as Error)?.stack ?? e) };
    if (out) out.textContent = String(e);
  }
}

/** Waits for the browser to paint twice: what was rendered is on screen. */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/**
 * Long tasks (the browser's own threshold, 50 ms) while `fn` runs and until
 * the page has been idle for two seconds after it: their durations, in ms.
 */
export async function longTasks(fn: () => Promise<void>): Promise<number[]> {
  const seen: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen.push(e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  await fn();
  for (let quiet = 0; quiet < 4; ) {
    const before = seen.length;
    await new Promise((r) => setTimeout(r, 500));
    quiet = seen.length === before ? quiet + 1 : 0;
  }
  seen.push(...observer.takeRecords().map((e) => e.duration));
  observer.disconnect();
  return seen;
}

/** Polls `get` until it gives a value; throws after `ms` naming `what`. */
export async function until<T>(what: string, get: () => T | null | undefined, ms = 600_000): Promise<T> {
  const t0 = performance.now();
  for (;;) {
    const v = get();
    if (v) return v;
    if (performance.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
