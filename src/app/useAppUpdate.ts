import { useEffect, useRef, useState } from 'react';
import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the service worker that lets Warrant start offline, and reports
 * when a new version is waiting. The update is applied only when the user
 * asks (`update()`), never in the middle of an edit.
 */
export function useAppUpdate(): { needsReload: boolean; update: () => void; dismiss: () => void } {
  const [needsReload, setNeedsReload] = useState(false);
  const updater = useRef<((reload?: boolean) => Promise<void>) | null>(null);
  useEffect(() => {
    if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
    updater.current = registerSW({
      onNeedRefresh: () => setNeedsReload(true),
    });
  }, []);
  return {
    needsReload,
    update: () => void updater.current?.(true),
    dismiss: () => setNeedsReload(false),
  };
}
