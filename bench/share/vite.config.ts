/**
 * Builds the remote-update cost harness (bench/share/remoteCost.ts) for Node,
 * as server/vite.config.ts builds the sharing bench: our modules bundled,
 * packages external (the command is in that file's header).
 */
import { defineConfig } from 'vite';
import { resolve } from 'node:path';

export default defineConfig({
  build: {
    ssr: true,
    target: 'node20',
    outDir: resolve(import.meta.dirname, '../../.bench-tmp/remote-cost'),
    emptyOutDir: true,
    rollupOptions: {
      input: { 'remote-cost': resolve(import.meta.dirname, 'remoteCost.ts') },
      output: { format: 'es', entryFileNames: '[name].mjs' },
    },
  },
  publicDir: false,
  logLevel: 'warn',
});
