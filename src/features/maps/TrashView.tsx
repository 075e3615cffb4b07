import { useId, useState } from 'react';
import { plural } from '../../domain/vocabulary';
import { useLiveQuery } from 'dexie-react-hooks';
import { deleteFromTrash, emptyTrash, listTrash, restoreFromTrash, type TrashListItem } from '../../storage/trash';
import { TRASH_KEEP_DAYS } from '../../storage/rows';
import { broadcastChange, broadcastMapsChanged, TAB_ID } from '../../storage/channel';
import { classifyStorageError, TrashRestoreError } from '../../storage/errors';
import { mapStore, READ_ONLY_TITLE, useMapStore } from '../../store/useMapStore';
import { Dialog } from '../../components/Dialog';
import './trash.css';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const DAY_MS = 24 * 60 * 60 * 1000;

function titleOf(item: TrashListItem): string {
  return item.title || (item.kind === 'map' ? 'Untitled map' : 'Untitled source');
}

function contents(item: TrashListItem): string {
  const { sources, quotes, claims, links } = item.counts;
  if (item.kind === 'source') return `${plural(quotes, 'quote')}, ${plural(links, 'link')}`;
  return `${plural(sources, 'source')}, ${plural(quotes, 'quote')}, ${plural(claims, 'claim')}, ${plural(links, 'link')}`;
}

/** What "Delete forever" is about to delete: one entry, or all of them. */
type Pending = { kind: 'one'; item: TrashListItem } | { kind: 'all'; count: number };

/**
 * The trash: maps deleted or replaced by an import, and sources deleted from
 * a map, kept TRASH_KEEP_DAYS days. Each entry can be restored whole or
 * deleted for good. Self-contained: reads the trash live (this tab and
 * others), reports through the app's notices.
 */
export function TrashView({ onClose }: { onClose: () => void }) {
  const items = useLiveQuery(() => listTrash(), []);
  const [pending, setPending] = useState<Pending | null>(null);
  const [working, setWorking] = useState<string | null>(null);
  const headingId = useId();
  // Restoring into the map open by a review link would bypass the refusal the store gives every edit.
  const readOnlyMap = useMapStore((s) => (s.readOnly ? s.mapId : null));
  const notify = (kind: 'info' | 'error', text: string) => mapStore.getState().notify(kind, text);

  async function restore(item: TrashListItem) {
    setWorking(item.id);
    try {
      const result = await restoreFromTrash(item.id);
      if (result.kind === 'map') broadcastMapsChanged([result.mapId]);
      else broadcastChange({ mapId: result.mapId, change: result.change, revision: result.revision, tabId: TAB_ID });
      for (const n of result.notices) notify('info', n);
    } catch (e) {
      notify('error', e instanceof TrashRestoreError ? e.message : classifyStorageError(e, `Restoring “${titleOf(item)}”`).message);
    } finally {
      setWorking(null);
    }
  }

  async function deleteForever(p: Pending) {
    setPending(null);
    try {
      if (p.kind === 'one') await deleteFromTrash(p.item.id);
      else await emptyTrash();
    } catch (e) {
      notify('error', classifyStorageError(e, p.kind === 'one' ? `Deleting “${titleOf(p.item)}” forever` : 'Emptying the Trash').message);
    }
  }

  return (
    <section className="trash" aria-labelledby={headingId}>
      <header className="trash-header">
        <h2 id={headingId}>Trash</h2>
        <div className="trash-actions">
          {items && items.length > 0 && (
            <button type="button" className="danger" onClick={() => setPending({ kind: 'all', count: items.length })}>
              Delete all forever
            </button>
          )}
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </header>
      <p className="trash-note">
        Deleted maps and sources, and maps replaced by an import, are kept here for {TRASH_KEEP_DAYS} days.
      </p>
      {items && items.length === 0 && <p className="trash-empty">Nothing in the Trash.</p>}
      {items && items.length > 0 && (
        <ul className="trash-items" aria-label="Deleted items">
          {items.map((item) => (
            <li key={item.id} className="trash-item">
              <span className="trash-kind">{item.kind === 'map' ? 'Map' : 'Source'}</span>
              <span className="trash-title">{titleOf(item)}</span>
              <span className="trash-map">
                {item.kind === 'source' ? `from the map “${item.mapTitle}” · ` : ''}
                {contents(item)}
              </span>
              <span className="trash-when">
                {item.reason === 'replaced' ? 'replaced by an import' : 'deleted'}{' '}
                <time dateTime={item.deletedAt}>{dateFormat.format(new Date(item.deletedAt))}</time> · kept until{' '}
                {dayFormat.format(new Date(Date.parse(item.deletedAt) + TRASH_KEEP_DAYS * DAY_MS))}
              </span>
              <span className="trash-item-actions">
                <button
                  type="button"
                  aria-label={`Restore ${titleOf(item)}`}
                  disabled={working === item.id || item.mapId === readOnlyMap}
                  title={item.mapId === readOnlyMap ? READ_ONLY_TITLE : undefined}
                  onClick={() => void restore(item)}
                >
                  Restore
                </button>
                <button type="button" aria-label={`Delete forever ${titleOf(item)}`} onClick={() => setPending({ kind: 'one', item })}>
                  Delete forever
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {pending && (
        <Dialog title="Delete forever?" role="alertdialog" onClose={() => setPending(null)}>
          <p>
            {pending.kind === 'one'
              ? `“${titleOf(pending.item)}” will be deleted from this browser for good. It cannot be restored afterwards.`
              : `${plural(pending.count, 'item')} in the Trash will be deleted from this browser for good. They cannot be restored afterwards.`}
          </p>
          <div className="dialog-actions">
            <button type="button" className="danger" onClick={() => void deleteForever(pending)}>
              Delete forever
            </button>
            <button type="button" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
