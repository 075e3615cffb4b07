/**
 * Typing latency in the whole app, key to next paint, as the Event Timing API
 * reports it (the browser's own figure for an interaction: from the key's
 * hardware time to the frame painted after its handlers): in the thesis's
 * `Claim text` (Details) and in the graph's in-node editor, beside a bare
 * textarea on the same page in the same run.
 *
 * Keys are real: the page asks bench/run.mjs to type (`window.__benchKeys`),
 * which it does with Playwright's keyboard, one key every KEY_GAP ms so each
 * key has a frame of its own. A key whose interaction stays under the
 * observer's 16 ms threshold gets no entry: it counts as 16 ms (one frame).
 */
import { createRoot } from 'react-dom/client';
import '../../src/app/app.css';
import { App } from '../../src/app/App';
import { mapHref } from '../../src/app/useRoute';
import { importFile, loadExampleText } from '../../src/features/maps/importFile';
import { createMap } from '../../src/storage/writes';
import { mapStore } from '../../src/store/useMapStore';
import { useGraphUi } from '../../src/features/graph/graphUi';
import { benchMap } from './graph-kit';
import { generateMap } from '../../src/test/testMaps';
import { median, nextPaint, report, round, until, type BenchResult } from './benchKit';

const ALL_KEYS = 'the quick brown fox jumps over the lazy dog ';
/** `?keys=N` types fewer keys (the largest maps). */
const KEYS = ALL_KEYS.slice(0, Number(new URLSearchParams(location.search).get('keys') ?? ALL_KEYS.length));
const KEY_GAP = 90;
const FLOOR = 16;

declare global {
  interface Window {
    __benchKeys?: { seq: number; text: string; delay: number };
    __benchKeysDone?: number;
  }
}

let seq = 0;
/** Has the runner type `text` into whatever has focus, and waits until it has. */
async function typeKeys(text: string): Promise<void> {
  const mine = ++seq;
  window.__benchKeys = { seq: mine, text, delay: KEY_GAP };
  while (window.__benchKeysDone !== mine) await new Promise((r) => setTimeout(r, 50));
}

/** Chromium's entry; TypeScript's DOM types lack `interactionId` (Event Timing level 1 has it). */
type KeyTiming = PerformanceEventTiming & { interactionId?: number };

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/**
 * Waits until the page has run no long task for `ms` (at most `limit`): a
 * large map goes on settling after it opens (anchoring, placement, the
 * search index, a version), and a key's figures are about the key.
 */
async function quiet(ms = 1500, limit = 120_000): Promise<void> {
  const t0 = performance.now();
  let last = t0;
  const observer = new PerformanceObserver((list) => {
    if (list.getEntries().length) last = performance.now();
  });
  observer.observe({ type: 'longtask' });
  while (performance.now() - last < ms && performance.now() - t0 < limit) await new Promise((r) => setTimeout(r, 100));
  observer.disconnect();
}

/** The longest main-thread task seen while the keys were typed, and in the second after. */
let longestTask = 0;

/** Types KEYS into `field` and returns each key's latency (ms), key to next paint; sets `longestTask`. */
async function latencies(field: HTMLTextAreaElement | HTMLInputElement): Promise<number[]> {
  await quiet();
  field.focus();
  field.setSelectionRange(field.value.length, field.value.length);
  await nextPaint();
  const entries: KeyTiming[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...(list.getEntries() as KeyTiming[])));
  observer.observe({ type: 'event', durationThreshold: FLOOR } as PerformanceObserverInit);
  const tasks: PerformanceEntry[] = [];
  const taskObserver = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  taskObserver.observe({ type: 'longtask' });
  const from = performance.now();
  await typeKeys(KEYS);
  // Entries arrive after the frame they end at has been painted; what a key
  // set off (the deferred graph, a measured size) runs within the second.
  await nextPaint();
  await new Promise((r) => setTimeout(r, 1000));
  entries.push(...(observer.takeRecords() as KeyTiming[]));
  observer.disconnect();
  tasks.push(...taskObserver.takeRecords());
  taskObserver.disconnect();
  longestTask = Math.max(0, ...tasks.filter((t) => t.startTime >= from).map((t) => t.duration));
  const byInteraction = new Map<number, number>();
  for (const e of entries) {
    if ((e.name !== 'keydown' && e.name !== 'keypress' && e.name !== 'input' && e.name !== 'beforeinput') || !e.interactionId) continue;
    byInteraction.set(e.interactionId, Math.max(byInteraction.get(e.interactionId) ?? 0, e.duration));
  }
  const out = [...byInteraction.values()];
  while (out.length < KEYS.length) out.push(FLOOR);
  return out;
}

function bareTextarea(): HTMLTextAreaElement {
  const el = document.createElement('textarea');
  el.setAttribute('aria-label', 'Bare textarea');
  el.style.cssText = 'position:fixed;left:8px;bottom:8px;width:300px;height:60px;z-index:20';
  document.body.appendChild(el);
  return el;
}

function labelled(name: string): HTMLTextAreaElement | null {
  for (const el of document.querySelectorAll('textarea')) {
    const label = el.getAttribute('aria-label') ?? [...(el.labels ?? [])].map((l) => l.textContent).join(' ');
    if (label.trim() === name) return el;
  }
  return null;
}

void report(async () => {
  const which = new URLSearchParams(location.search).get('map') ?? 'example';
  let mapId: string;
  if (which === 'example') {
    const outcome = await importFile(await loadExampleText(), 'xi-diplomacy.warrant.json');
    if (outcome.kind !== 'imported') throw new Error(`example import: ${outcome.kind}`);
    mapId = outcome.mapId;
  } else if (which.startsWith('claims')) {
    // Claims only (the scale figure: a key typed in a 50,000-claim map), in a chain of support, laid out by the app.
    const claims = Number(which.slice('claims'.length));
    mapId = (await createMap(generateMap({ claims, quotes: 0, links: claims - 1, seed: 11 }))).mapId;
  } else {
    mapId = (await createMap(benchMap(Number(which)))).mapId;
  }
  location.hash = mapHref(mapId).replace(/^[^#]*/, '');
  createRoot(document.getElementById('root')!).render(<App />);
  const doc = await until('the map', () => (mapStore.getState().status === 'ready' ? mapStore.getState().doc : null));
  const claims = Object.values(doc.claims);
  const claim = claims.find((c) => c.kind === 'thesis') ?? claims[0]!;
  const nodes = Object.keys(doc.claims).length + Object.keys(doc.quotes).length;

  const bare = bareTextarea();
  const bareRuns = await latencies(bare);

  mapStore.getState().select({ kind: 'claim', id: claim.id });
  const details = await until('Claim text', () => labelled('Claim text'));
  const detailsRuns = await latencies(details);
  const detailsLongest = longestTask;

  details.blur();
  useGraphUi.getState().edit(claim.id);
  const editor = await until('the graph editor', () => labelled('Edit claim in graph'));
  const graphRuns = await latencies(editor);
  const graphLongest = longestTask;

  bareRuns.push(...(await latencies(bare)));
  const b50 = median(bareRuns);
  const b95 = percentile(bareRuns, 95);
  const rows: BenchResult[] = [{ name: `typing, bare textarea (${which} page), p50 / p95`, value: round(b50), unit: 'ms', note: `p95 ${round(b95)} ms, ${bareRuns.length} keys` }];
  for (const [where, runs, longest] of [
    ['Claim text (Details)', detailsRuns, detailsLongest],
    ['graph editor', graphRuns, graphLongest],
  ] as const) {
    const p50 = median(runs);
    const p95 = percentile(runs, 95);
    rows.push(
      { name: `typing p50, ${where}, ${which} map (${nodes} nodes)`, value: round(p50), unit: 'ms', baseline: round(b50), ratio: round(p50 / b50, 2), goal: '≤ 1.5× bare' },
      { name: `typing p95, ${where}, ${which} map (${nodes} nodes)`, value: round(p95), unit: 'ms', baseline: round(b95), ratio: round(p95 / b95, 2), goal: '< 2× bare', note: `max ${round(Math.max(...runs))} ms, ${runs.length} keys` },
      { name: `typing, longest task, ${where}, ${which} map (${nodes} nodes)`, value: round(longest), unit: 'ms', goal: '< 100 ms', note: 'longtask entries from the first key to a second after the last; 0: none over 50 ms' },
    );
  }
  return rows;
});
