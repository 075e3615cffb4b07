import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { SHARE_STATUS_TEXT } from '../connection';
import { formatShareLink } from '../tokens';
import { mapStore } from '../../store/useMapStore';
import { shareStore, useShareStore } from '../useShareStore';

/** The app's address without its fragment: where share links point. */
const appUrl = () => window.location.href.replace(/#.*$/, '');

const DEFAULT_SERVER = 'ws://localhost:1234';

function validServer(text: string): string | null {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'ws:' || url.protocol === 'wss:' ? url.toString().replace(/\/$/, '') : null;
  } catch {
    return null;
  }
}

/** `Share` in the map's top bar, and the `Share map` dialog it opens. */
export function ShareButton() {
  const [open, setOpen] = useState(false);
  const shared = useShareStore((s) => s.share !== null);
  return (
    <>
      <button type="button" aria-haspopup="dialog" aria-pressed={shared} onClick={() => setOpen(true)}>
        Share
      </button>
      {open && <ShareDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function ShareDialog({ onClose }: { onClose: () => void }) {
  const share = useShareStore((s) => s.share);
  const status = useShareStore((s) => s.status);
  const [server, setServer] = useState(share?.server ?? DEFAULT_SERVER);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const editToken = share ? (share.role === 'owner' ? share.editToken : share.role === 'edit' ? share.token : undefined) : undefined;
  const reviewToken = share ? (share.role === 'owner' ? share.reviewToken : share.role === 'review' ? share.token : undefined) : undefined;
  const editLink = share && editToken ? formatShareLink(appUrl(), { server: share.server, doc: share.doc, token: editToken }) : null;
  const reviewLink = share && reviewToken ? formatShareLink(appUrl(), { server: share.server, doc: share.doc, token: reviewToken }) : null;

  async function start() {
    const url = validServer(server);
    if (!url) {
      setError('The server address starts with ws:// or wss://, for example ws://localhost:1234.');
      return;
    }
    setError(null);
    setBusy(true);
    const refused = await shareStore.getState().startSharing(url);
    setBusy(false);
    if (refused) setError(refused);
  }

  async function copy(link: string, what: string) {
    try {
      await navigator.clipboard.writeText(link);
      mapStore.getState().notify('info', `${what} copied.`);
    } catch {
      mapStore.getState().notify('error', `${what} could not be copied: select it in the box and copy it by hand.`);
    }
  }

  return (
    <Dialog title="Share map" onClose={onClose} className="share-dialog">
      {!share ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <p>Everyone with a link edits or reviews this map live. Each keeps the whole map in their browser and can work offline.</p>
          <label>
            Server address
            <input type="url" value={server} onChange={(e) => setServer(e.target.value)} spellCheck={false} aria-describedby="share-server-help" />
          </label>
          <p id="share-server-help" className="hint">
            A Warrant sharing server (<code>npm run server</code>), as ws://host:port or wss://host.
          </p>
          {error && (
            <p role="alert" className="error-text">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="submit" disabled={busy}>
              Start sharing
            </button>
            <button type="button" onClick={onClose}>
              Close
            </button>
          </div>
        </form>
      ) : (
        <div className="share-links">
          <p>
            Shared on <code>{share.server}</code>. <span className="share-dialog-status">{status ? SHARE_STATUS_TEXT[status] : ''}</span>
          </p>
          {editLink && <LinkRow kind="edit" name="Edit link" right="can change the map" link={editLink} copy={copy} />}
          {reviewLink && <LinkRow kind="review" name="Review link" right="can read and comment" link={reviewLink} copy={copy} />}
          <p className="hint">
            <span id="share-edit-right">The edit link lets its holder change the map.</span>{' '}
            <span id="share-review-right">The review link lets them read it and comment, nothing else.</span> Anyone with a link gets in: send it privately.
          </p>
          <label>
            Your name
            <input
              type="text"
              defaultValue={share.name ?? ''}
              maxLength={100}
              onBlur={(e) => void shareStore.getState().setName(e.target.value)}
            />
          </label>
          <div className="dialog-actions">
            <button type="button" className="danger" onClick={() => void shareStore.getState().stopSharing()}>
              Stop sharing
            </button>
            <button type="button" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** One share link: its name and what it allows, the link to select, and its Copy button. */
function LinkRow({ kind, name, right, link, copy }: { kind: 'edit' | 'review'; name: string; right: string; link: string; copy: (text: string, what: string) => Promise<void> | void }) {
  return (
    <div className={`share-link-row share-link-${kind}`}>
      <label>
        <span className="share-link-name">
          {name} <span className="share-link-right" aria-hidden="true">{right}</span>
        </span>
        <input type="text" readOnly value={link} aria-describedby={`share-${kind}-right`} onFocus={(e) => e.target.select()} />
      </label>
      <button type="button" onClick={() => void copy(link, name)}>
        Copy {name.toLowerCase()}
      </button>
    </div>
  );
}
