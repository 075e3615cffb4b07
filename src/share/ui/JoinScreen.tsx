import { useEffect } from 'react';
import { Dialog } from '../../components/Dialog';
import { parseShareLink, type ShareLink } from '../tokens';
import { shareStore, useShareStore } from '../useShareStore';

/**
 * The `#/join?server=…&map=…&token=…` route: opens the local copy of a shared
 * map, or fetches it from the server first. A link to a server this browser
 * has not shared with asks first, naming the server: a link is only text, and
 * whoever wrote it chose where it connects. `onJoined` goes to the map,
 * `onCancel` back to the map list.
 */
export function JoinScreen({
  hash,
  onJoined,
  onCancel,
  mapsHref,
}: {
  hash: string;
  onJoined: (mapId: string) => void;
  onCancel: () => void;
  mapsHref: string;
}) {
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

  const connect = () => {
    if (!link) return;
    void shareStore
      .getState()
      .join(link, { trustServer: true })
      .then((mapId) => {
        if (mapId) onJoined(mapId);
      });
  };

  return (
    <main className="map-loading join-screen">
      <h1>Open shared map</h1>
      {!link ? (
        <p role="alert">This share link is incomplete or damaged. Ask for the link again.</p>
      ) : joining.phase === 'failed' ? (
        <p role="alert">{joining.message}</p>
      ) : joining.phase === 'confirm' ? (
        <p>Waiting for your answer…</p>
      ) : (
        <p role="status">Connecting to {link.server}…</p>
      )}
      <a href={mapsHref}>All maps</a>
      {link && joining.phase === 'confirm' && (
        <Dialog title="Connect to a new sharing server?" role="alertdialog" onClose={onCancel} initialFocus=".join-cancel">
          <p>
            This link opens a map kept on <code className="join-server" style={{ overflowWrap: "anywhere" }}>{joining.server}</code>, a sharing server this browser has not used
            before.
          </p>
          <p>
            Connect only if you trust whoever sent the link. The map opens as a new map of its own: none of your maps is sent, and your
            shared maps keep their servers.
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={connect}>
              Connect and open
            </button>
            <button type="button" className="join-cancel" onClick={onCancel}>
              Don’t connect
            </button>
          </div>
        </Dialog>
      )}
    </main>
  );
}
