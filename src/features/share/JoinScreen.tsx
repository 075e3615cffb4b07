import { useEffect } from 'react';
import { parseShareLink, type ShareLink } from '../../share/tokens';
import { shareStore, useShareStore } from '../../store/useShareStore';

/**
 * The `#/join?server=…&map=…&token=…` route: opens the local copy of a shared
 * map, or fetches it from the server first. `onJoined` goes to the map.
 */
export function JoinScreen({ hash, onJoined, mapsHref }: { hash: string; onJoined: (mapId: string) => void; mapsHref: string }) {
  const link: ShareLink | null = parseShareLink(hash);
  const joining = useShareStore((s) => s.joining);
  const key = link ? `${link.server} ${link.doc} ${link.token}` : '';
  useEffect(() => {
    const parsed = parseShareLink(hash);
    if (!parsed) return;
    let cancelled = false;
    void shareStore
      .getState()
      .join(parsed)
      .then((mapId) => {
        if (mapId && !cancelled) onJoined(mapId);
      });
    return () => {
      cancelled = true;
    };
    // Run once per link, not per render of the same link.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return (
    <main className="map-loading join-screen">
      <h1>Open shared map</h1>
      {!link ? (
        <p role="alert">This share link is incomplete or damaged. Ask for the link again.</p>
      ) : joining.phase === 'failed' ? (
        <p role="alert">{joining.message}</p>
      ) : (
        <p role="status">Connecting to {link.server}…</p>
      )}
      <a href={mapsHref}>All maps</a>
    </main>
  );
}
