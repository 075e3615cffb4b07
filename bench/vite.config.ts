/**
 * Benchmark pages: each bench/pages/*.html is a page that measures something
 * in the production build and reports through `window.__bench` (see run.mjs).
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const pagesDir = resolve(import.meta.dirname, 'pages');
const input = Object.fromEntries(
  readdirSync(pagesDir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => [f.replace(/\.html$/, ''), resolve(pagesDir, f)]),
);

export default defineConfig({
  root: pagesDir,
  plugins: [react()],
  // The app's PWA registration (useAppUpdate) is not built here: see pages/noServiceWorker.ts.
  resolve: { alias: { 'virtual:pwa-register': resolve(pagesDir, 'noServiceWorker.ts') } },
  worker: { format: 'es' },
  build: { outDir: resolve(import.meta.dirname, '../dist-bench'), emptyOutDir: true, rollupOptions: { input } },
  preview: { port: 4399 },
});
