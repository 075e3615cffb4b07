import { useAppUpdate } from './useAppUpdate';

/** "A new version is ready": offered, never forced. */
export function UpdateBanner() {
  const { needsReload, update, dismiss } = useAppUpdate();
  if (!needsReload) return null;
  return (
    <div className="banner" role="status">
      <span>A new version of Warrant is ready. Your work is saved; reload when it suits you.</span>
      <button type="button" onClick={update}>
        Reload to update
      </button>
      <button type="button" onClick={dismiss}>
        Later
      </button>
    </div>
  );
}
