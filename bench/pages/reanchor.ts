import { reanchorAll } from '../../src/domain/anchoring/anchor';
import { reanchorWorkload } from '../../src/domain/anchoring/benchCorpus';
import type { Quote } from '../../src/domain/schema';
import { reanchorEdited } from '../../src/store/anchorInWorker';
import s000 from '../../examples/sources/000_324fb6d2896b0adb.txt?raw';
import s001 from '../../examples/sources/001_43aeaf396ccd5d26.txt?raw';
import { param, report, round, timeMedian } from './benchKit';

/**
 * Issue 12: re-anchoring 1,000 quotes, each with 1–3 typos, in a 300 KB
 * source — on the main thread (the time), and through the worker as Save
 * source does it (the time, and the longest the page is blocked meanwhile).
 */
void report(async () => {
  const count = param('quotes', 1000);
  const w = reanchorWorkload(`${s000} ${s001}`, { size: param('kb', 300) * 1000, quotes: count });
  const quotes: Quote[] = w.quotes.map((q, i) => ({ id: `q_${i}`, sourceId: 'src_1', ...q, createdAt: '2026-01-01T00:00:00.000Z' }));
  const reflowed = w.text.replace(/\n/g, ' ').replace(/(.{70}\S*) /g, '$1\n');

  let statuses: Record<string, number> = {};
  const typosMs = await timeMedian(() => {
    const out = reanchorAll(w.edited, w.quotes);
    statuses = {};
    for (const o of out) statuses[o.result.status] = (statuses[o.result.status] ?? 0) + 1;
  }, 3, 1);
  const reflowMs = await timeMedian(() => reanchorAll(reflowed, w.quotes), 3, 1);

  // Through the worker, watching the main thread: long tasks, and the largest
  // gap between animation frames. The timings above ran as one long task;
  // let it end before watching.
  await new Promise((r) => setTimeout(r, 200));
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  let maxGap = 0;
  let last = performance.now();
  let watching = true;
  const tick = () => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    if (watching) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const t0 = performance.now();
  let progressEvents = 0;
  const outcomes = await reanchorEdited(w.edited, quotes, { onProgress: () => progressEvents++ });
  const workerMs = performance.now() - t0;
  watching = false;
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  const fuzzy = outcomes.filter((o) => o.status === 'fuzzy').length;

  const kb = round(w.text.length / 1000, 0);
  return [
    {
      name: `reanchorAll: ${count} quotes with 1-3 typos each, ${kb} KB source (main thread)`,
      value: round(typosMs),
      unit: 'ms',
      goal: '< 1000 ms',
      note: Object.entries(statuses)
        .map(([k, v]) => `${v} ${k}`)
        .join(', '),
    },
    { name: `reanchorAll: ${count} quotes in the same source rewrapped (main thread)`, value: round(reflowMs), unit: 'ms', goal: '< 1000 ms' },
    {
      name: `Save source path: ${count} quotes with typos re-anchored in the worker, wall time`,
      value: round(workerMs),
      unit: 'ms',
      note: `${fuzzy} fuzzy, ${progressEvents} progress messages`,
    },
    { name: 'longest main-thread task meanwhile', value: round(longest), unit: 'ms', goal: '< 100 ms' },
    { name: 'largest gap between frames meanwhile', value: round(maxGap), unit: 'ms', goal: '< 100 ms' },
  ];
});
