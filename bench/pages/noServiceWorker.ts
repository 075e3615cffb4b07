/**
 * Bench pages that mount the whole app (typing.tsx) run without a service
 * worker: offline start is not what they measure, and a worker caching the
 * bench build would only add noise. bench/vite.config.ts resolves the PWA
 * plugin's virtual module here; registering does nothing and no update ever
 * waits.
 */
export function registerSW(_options?: { onNeedRefresh?: () => void }): (reload?: boolean) => Promise<void> {
  return async () => {};
}
