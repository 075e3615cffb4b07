/**
 * Builds the sharing server (and the sharing benchmark) for Node 20, which
 * cannot run TypeScript itself: `npm run server` builds, then starts dist-server/main.mjs.
 * Packages stay external (better-sqlite3 is native); our own modules are bundled.
 */
import { defineConfig } from 'vite';
import { resolve } from 'node:path';

export default defineConfig({
  build: {
    ssr: true,
    target: 'node20',
    outDir: resolve(import.meta.dirname, '../dist-server'),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'main.ts'),
        'share-bench': resolve(import.meta.dirname, '../bench/share/shareBench.ts'),
      },
      output: { format: 'es', entryFileNames: '[name].mjs' },
    },
  },
  publicDir: false,
  logLevel: 'warn',
});
