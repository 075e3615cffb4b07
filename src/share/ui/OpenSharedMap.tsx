import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { parseShareLink } from '../tokens';

/**
 * `Open shared map` on the start screen: takes a share link and goes to its
 * join route, which opens (or fetches) the map. `onOpen` receives the link's
 * fragment (`#/join?…`).
 */
export function OpenSharedMap({ onOpen }: { onOpen: (hash: string) => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const link = parseShareLink(text);
    if (!link) {
      setError('This is not a Warrant share link. It looks like https://…/#/join?server=…&map=…&token=…');
      return;
    }
    setOpen(false);
    onOpen(text.trim().slice(text.trim().indexOf('#/join?')));
  };
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Open shared map
      </button>
      {open && (
        <Dialog title="Open shared map" onClose={() => setOpen(false)}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <label>
              Share link
              <input type="text" value={text} spellCheck={false} onChange={(e) => setText(e.target.value)} />
            </label>
            {error && (
              <p role="alert" className="error-text">
                {error}
              </p>
            )}
            <div className="dialog-actions">
              <button type="submit">Open</button>
              <button type="button" onClick={() => setOpen(false)}>
                Cancel
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
