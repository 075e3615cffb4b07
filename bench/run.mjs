#!/usr/bin/env node
/**
 * npm run bench: builds the benchmark pages (bench/pages/*.html) for
 * production, serves them with `vite preview`, and visits each page (once per
 * variant listed in its <meta name="bench-variants">) in the system Chromium.
 * Each page reports through window.__bench; the figures are printed and saved
 * to bench/results.json.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const PORT = Number(process.env.BENCH_PORT ?? 4399);
const only = process.argv.slice(2); // page names to run, all when empty

function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`No Chromium found (${candidates.join(', ')}). Install it: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  return found;
}

const pages = readdirSync(join(here, 'pages'))
  .filter((f) => f.endsWith('.html'))
  .map((f) => f.replace(/\.html$/, ''))
  .filter((name) => only.length === 0 || only.includes(name));

const jobs = pages.flatMap((name) => {
  const html = readFileSync(join(here, 'pages', `${name}.html`), 'utf8');
  const m = /<meta name="bench-variants" content="([^"]*)"/.exec(html);
  // BENCH_VARIANTS='?map=claims50000&keys=5' runs other variants than the page lists (the scale figures).
  const listed = process.env.BENCH_VARIANTS ?? (m ? m[1] : '');
  const variants = listed.split(';').map((v) => v.trim()).filter(Boolean);
  if (variants.length === 0) variants.push('');
  return variants.map((q) => ({ name, url: `${name}.html${q}` }));
});

console.log('== building benchmark pages');
execFileSync('npx', ['vite', 'build', '-c', 'bench/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });

const server = spawn('npx', ['vite', 'preview', '-c', 'bench/vite.config.ts', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], {
  cwd: root,
  stdio: 'ignore',
  detached: true,
});
const stop = () => {
  try {
    process.kill(-server.pid);
  } catch {
    /* already gone */
  }
};
process.on('exit', stop);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${PORT}/`);
      if (r.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

/**
 * Waits for the page's figures. A page may ask for real keys meanwhile
 * (`window.__benchKeys = { seq, text, delay }`, pages/typing.tsx): Event
 * Timing measures only trusted input, so the runner types them with
 * Playwright's keyboard into whatever has focus and answers with
 * `window.__benchKeysDone = seq`.
 */
async function untilDone(page) {
  const deadline = Date.now() + 10 * 60_000;
  let served = 0;
  while (Date.now() < deadline) {
    // A page may go on to another address (pages/reader-open.tsx): its context is gone for a moment.
    const state = await page
      .evaluate(() => ({ done: window.__bench?.done === true, keys: window.__benchKeys ?? null }))
      .catch(() => ({ done: false, keys: null }));
    if (state.done) return;
    if (state.keys && state.keys.seq > served) {
      served = state.keys.seq;
      await page.keyboard.type(state.keys.text, { delay: state.keys.delay });
      await page.evaluate((seq) => {
        window.__benchKeysDone = seq;
      }, served);
      continue;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the page did not finish in 10 minutes');
}

const all = [];
let failed = false;
try {
  await waitForServer();
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  for (const job of jobs) {
    // A fresh context per job: its own IndexedDB, no warm caches from another job.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`  [${job.name}] page error: ${e}`));
    const t0 = Date.now();
    process.stdout.write(`== ${job.url} … `);
    try {
      await page.goto(`http://127.0.0.1:${PORT}/${job.url}`);
      await untilDone(page);
      const bench = await page.evaluate(() => window.__bench);
      if (bench.error) throw new Error(bench.error);
      console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
      for (const r of bench.results) all.push({ page: job.url, ...r });
    } catch (e) {
      failed = true;
      console.log('FAILED');
      console.error(String(e?.message ?? e).slice(0, 2000));
    }
    await context.close();
  }
  await browser.close();
} finally {
  stop();
}

// Sharing: clients in Node against the sharing server on loopback (bench/share/shareBench.ts).
if (only.length === 0 || only.includes('share')) {
  console.log('== share (server build, then clients on loopback)');
  const out = join(root, '.bench-tmp-share.json');
  try {
    execFileSync('npx', ['vite', 'build', '-c', 'server/vite.config.ts'], { cwd: root, stdio: 'inherit' });
    execFileSync(process.execPath, [join(root, 'dist-server/share-bench.mjs'), '--json', out], { cwd: root, stdio: 'inherit' });
    for (const r of JSON.parse(readFileSync(out, 'utf8'))) all.push({ page: 'share', ...r });
  } catch (e) {
    failed = true;
    console.error(String(e?.message ?? e).slice(0, 2000));
  }
}

const fmt = (r) => {
  const base = r.baseline !== undefined ? ` (baseline ${r.baseline} ${r.unit}, ratio ${r.ratio}×)` : '';
  const goal = r.goal ? `  goal: ${r.goal}` : '';
  return `  ${r.name}: ${r.value} ${r.unit}${base}${goal}${r.note ? `  — ${r.note}` : ''}`;
};
console.log('\n== results');
for (const r of all) console.log(fmt(r));
writeFileSync(join(here, 'results.json'), JSON.stringify({ at: new Date().toISOString(), results: all }, null, 2) + '\n');
console.log('\nsaved to bench/results.json');
if (failed) process.exit(1);
