import { Component, useState, type ReactNode } from 'react';
import { MAPS_HREF } from './useRoute';
import { TrashView } from '../features/maps/TrashView';

type Props = { children: ReactNode };
type State = { error: Error | null };

/**
 * Catches an error thrown while a screen renders, so that one bad record or
 * a bug never blanks the whole app: it says what happened, and keeps the map
 * list and the Trash one click away. Mounted with a `key` of the route, so
 * going elsewhere tries again.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return <ScreenFailed error={this.state.error} onRetry={() => this.setState({ error: null })} />;
  }
}

function ScreenFailed({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const [showTrash, setShowTrash] = useState(false);
  return (
    <main className="map-list screen-failed">
      <h1>Something went wrong</h1>
      <div role="alert">
        <p>This screen could not be shown. Your maps are still stored in this browser.</p>
        <p>
          What happened: <code>{error.message || error.name}</code>
        </p>
      </div>
      <div className="toolbar">
        <a
          href={MAPS_HREF}
          onClick={() => {
            // Already on the map list: the hash does not change, so try again by hand.
            if (window.location.hash === MAPS_HREF || window.location.hash === '') onRetry();
          }}
        >
          All maps
        </a>
        <button type="button" onClick={onRetry}>
          Try again
        </button>
        <button type="button" aria-pressed={showTrash} onClick={() => setShowTrash((v) => !v)}>
          Trash
        </button>
      </div>
      {showTrash && (
        <SafeTrash>
          <TrashView onClose={() => setShowTrash(false)} />
        </SafeTrash>
      )}
    </main>
  );
}

/** The Trash inside the fallback has its own boundary: if it fails too, the message above stays. */
class SafeTrash extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render(): ReactNode {
    return this.state.failed ? <p role="alert">The Trash could not be shown either.</p> : this.props.children;
  }
}
