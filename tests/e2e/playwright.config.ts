import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';

const PORT = Number(process.env['E2E_PORT'] ?? 4319);
/** Several checkouts or sessions may build at once: each can preview its own output folder. */
const OUT_DIR = process.env['E2E_OUTDIR'] ?? 'dist';

/** Browser suite: the production build (vite build + vite preview) in the system Chromium. */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  // One browser at a time: several tests check that the page answers within
  // 5 s while it imports 5–50 MB, and on a 2-core machine a second browser
  // starves the first. One worker is slower but never flaky for time.
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: process.env['E2E_RESULTS'] ?? '../../test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${OUT_DIR}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
    cwd: '../..',
  },
});
