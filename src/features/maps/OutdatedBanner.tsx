import { useOutdated } from './useOutdated';
import './outdatedBanner.css';

/**
 * Shown when another tab upgraded Warrant: this tab's database connection is
 * closed (it would otherwise block the upgrade or write with old code), so the
 * user must reload. Mounted once, in App.
 */
export function OutdatedBanner({ reload = () => window.location.reload() }: { reload?: () => void }) {
  const outdated = useOutdated();
  if (!outdated) return null;
  return (
    <div role="alert" className="outdated-banner">
      <p>Warrant was updated in another tab. Reload to continue.</p>
      <button type="button" onClick={reload}>
        Reload
      </button>
    </div>
  );
}
