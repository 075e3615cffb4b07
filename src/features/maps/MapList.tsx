import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { plural } from '../../domain/vocabulary';
import { useLiveQuery } from 'dexie-react-hooks';
import { listMaps } from '../../storage/queries';
import { createMap, deleteMap, duplicateMap, renameMap } from '../../storage/mapWrites';
import { emptyDoc } from '../../domain/change';
import { newMapId } from '../../domain/ids';
import { mapHref, navigate } from '../../app/useRoute';
import { mapStore } from '../../store/useMapStore';
import { Dialog } from '../../components/Dialog';
import { ImportFailedDialog, MapExistsDialog } from './ImportDialogs';
import { TrashView } from './TrashView';
import { StorageMeter } from './StorageMeter';
import { importFile, loadExampleText, resolveConflict, type ImportOutcome, type ImportProgress } from './importFile';
import { IMPORT_ACCEPT } from '../../formats/formats';
import { ImportSummaryDialog } from './ImportSummaryDialog';
import { MAX_FILE_CHARS as MAX_FILE_BYTES } from '../../domain/format/parse';
import { MAX_TITLE } from '../../domain/schema';
import { NoRoomInTrashError } from '../../storage/errors';

type MapItem = Awaited<ReturnType<typeof listMaps>>[number];

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const STAGE_TEXT: Record<string, string> = { parsing: 'reading and checking', converting: 'converting', saving: 'saving' };

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** `extraActions`: controls of other features for the start screen's bar, handed down by app/. */
export function MapList({ extraActions }: { extraActions?: ReactNode } = {}) {
  const maps = useLiveQuery(() => listMaps(), []);
  const fileInput = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  /** Aborts the import being read; null while nothing can be cancelled. */
  const [cancel, setCancel] = useState<AbortController | null>(null);
  const [dragging, setDragging] = useState(false);
  const [showTrash, setShowTrash] = useState(false);
  const [renaming, setRenaming] = useState<MapItem | null>(null);
  const [deleting, setDeleting] = useState<MapItem | null>(null);
  /** A map whose delete found no room for its Trash copy: deleted only on a second yes. */
  const [noRoom, setNoRoom] = useState<MapItem | null>(null);

  const report = (e: unknown, what: string) =>
    mapStore.getState().notify('error', `${what} failed: ${(e as Error).message ?? String(e)}`);

  const finish = (result: ImportOutcome) => {
    if (result.kind === 'cancelled') {
      mapStore.getState().notify('info', `Import of ${result.fileName} cancelled: nothing was saved.`);
    } else if (result.kind === 'imported') {
      for (const n of result.notices) mapStore.getState().notify('info', n);
      navigate(mapHref(result.mapId));
    } else setOutcome(result);
  };

  async function importFiles(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      // Refused before reading: a huge file never reaches memory or the parser.
      setOutcome({ kind: 'failed', fileName: file.name, message: 'This file is larger than 100 MB, the most Warrant imports.', problems: [] });
      if (fileInput.current) fileInput.current.value = '';
      return;
    }
    const size = sizeText(file.size);
    setBusy(`Importing ${file.name} (${size}): reading…`);
    if (fileInput.current) fileInput.current.value = '';
    await runImport(file.name, size, (progress) => file.text().then((text) => importFile(text, file.name, progress)));
  }

  /**
   * Runs an import with a status line that follows its stages and a Cancel
   * button that works until the file is read (writing is one short
   * transaction, all or nothing).
   */
  /** The file that met a map of the same id, imported again as the user chose. */
  function importAgain(conflict: Extract<ImportOutcome, { kind: 'conflict' }>, onConflict: 'replace' | 'copy') {
    setOutcome(null);
    // The file as read is kept in the outcome: it is saved now, not read again.
    void runImport(conflict.fileName, sizeText(conflict.size), (p) => resolveConflict(conflict, onConflict, p));
  }

  async function runImport(fileName: string, size: string, run: (progress: ImportProgress) => Promise<ImportOutcome>) {
    const controller = new AbortController();
    setCancel(controller);
    const onStage = (stage: string) => {
      if (stage === 'saving') setCancel(null);
      setBusy(`Importing ${fileName} (${size}): ${STAGE_TEXT[stage] ?? stage}…`);
    };
    try {
      finish(await run({ signal: controller.signal, onStage }));
    } catch (e) {
      setOutcome({ kind: 'failed', fileName, message: `The file could not be read: ${(e as Error).message}`, problems: [] });
    } finally {
      setBusy(null);
      setCancel(null);
    }
  }

  async function openExample() {
    setBusy('Loading the example map…');
    try {
      const text = await loadExampleText();
      // The example opens where it already is: another identical "(copy)" on every click only piled up maps.
      const result = await importFile(text, 'xi-diplomacy.warrant.json');
      if (result.kind === 'conflict') navigate(mapHref(result.mapId));
      else finish(result);
    } catch (e) {
      report(e, 'Opening the example');
    } finally {
      setBusy(null);
    }
  }

  async function newMap() {
    const now = new Date().toISOString();
    try {
      const doc = emptyDoc({ id: newMapId(), title: 'Untitled map', createdAt: now, updatedAt: now });
      await createMap(doc);
      navigate(mapHref(doc.map.id));
    } catch (e) {
      report(e, 'Creating the map');
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void importFiles(e.dataTransfer.files);
  };

  return (
    <main
      className={`map-list ${dragging ? 'is-dragging' : ''}`}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header className="map-list-header">
        <h1>Warrant</h1>
        <p className="tagline">Argument maps with their evidence: every claim linked to the quotes that back it or cut against it.</p>
      </header>
      <div className="toolbar">
        <button type="button" onClick={() => void newMap()}>
          New map
        </button>
        <button type="button" onClick={() => void openExample()}>
          Open example map
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import map
        </button>
        <input
          ref={fileInput}
          type="file"
          aria-label="Import map file"
          accept={IMPORT_ACCEPT}
          // Hidden from the accessibility tree: the `Import map` button is the
          // control; a visible second "Import map…" button would confuse both
          // screen readers and name-based lookups.
          hidden
          onChange={(e) => void importFiles(e.target.files)}
        />
        <button type="button" aria-pressed={showTrash} onClick={() => setShowTrash((v) => !v)}>
          Trash
        </button>
        {extraActions}
        {/* Cancel stands before the status: the status text changes at each
            stage, and a button after it would move under the pointer. */}
        {busy && cancel && (
          <button type="button" onClick={() => cancel.abort()}>
            Cancel import
          </button>
        )}
        {busy && (
          <span role="status" className="busy">
            {busy}
          </span>
        )}
      </div>
      {showTrash && <TrashView onClose={() => setShowTrash(false)} />}
      {maps && maps.length === 0 && (
        <section className="empty-state" aria-label="Getting started">
          <p>Load articles and reports as sources, quote the passages that matter, and link each quote to the claims it supports or contradicts.</p>
          <p>Then see, for any thesis, which evidence backs it, which cuts against it, and what is weak. Start with the example map, or drop a map file here.</p>
        </section>
      )}
      <ul aria-label="Maps" className="maps">
        {maps?.map((m) => (
          <li key={m.id} className="map-item">
            <a href={mapHref(m.id)} className="map-title">
              {m.title || 'Untitled map'}
            </a>
            <span className="map-counts">
              {plural(m.counts.sources, 'source')} · {plural(m.counts.quotes, 'quote')} · {plural(m.counts.claims, 'claim')} ·{' '}
              {plural(m.counts.links, 'link')}
            </span>
            <span className="map-updated">changed {dateFormat.format(new Date(m.updatedAt))}</span>
            <span className="map-actions">
              <button type="button" aria-label={`Rename ${m.title || 'Untitled map'}`} onClick={() => setRenaming(m)}>
                Rename
              </button>
              <button
                type="button"
                aria-label={`Duplicate ${m.title || 'Untitled map'}`}
                onClick={() => void duplicateMap(m.id).catch((e: unknown) => report(e, 'Duplicating'))}
              >
                Duplicate
              </button>
              <button type="button" aria-label={`Delete ${m.title || 'Untitled map'}`} onClick={() => setDeleting(m)}>
                Delete
              </button>
            </span>
          </li>
        ))}
      </ul>
      <StorageMeter />
      {outcome?.kind === 'converted' && (
        <ImportSummaryDialog
          outcome={outcome}
          onClose={() => setOutcome(null)}
          onOpen={() => {
            setOutcome(null);
            navigate(mapHref(outcome.mapId));
          }}
        />
      )}
      {outcome?.kind === 'failed' && <ImportFailedDialog outcome={outcome} onClose={() => setOutcome(null)} />}
      {outcome?.kind === 'conflict' && (
        <MapExistsDialog
          outcome={outcome}
          onClose={() => setOutcome(null)}
          onReplace={() => importAgain(outcome, 'replace')}
          onCopy={() => importAgain(outcome, 'copy')}
        />
      )}
      {renaming && (
        <RenameDialog
          item={renaming}
          onClose={() => setRenaming(null)}
          onSave={(title) => {
            setRenaming(null);
            void renameMap(renaming.id, title.trim() || 'Untitled map').catch((e: unknown) => report(e, 'Renaming'));
          }}
        />
      )}
      {deleting && (
        <Dialog title="Delete map?" role="alertdialog" onClose={() => setDeleting(null)}>
          <p>
            “{deleting.title}” and its {plural(deleting.counts.sources, 'source')}, {plural(deleting.counts.quotes, 'quote')} and{' '}
            {plural(deleting.counts.claims, 'claim')} will be moved to the Trash, where it is kept for 30 days.
          </p>
          <div className="dialog-actions">
            <button
              type="button"
              className="danger"
              onClick={() => {
                const item = deleting;
                setDeleting(null);
                void deleteMap(item.id).catch((e: unknown) => {
                  if (e instanceof NoRoomInTrashError) setNoRoom(item);
                  else report(e, 'Deleting');
                });
              }}
            >
              Delete map
            </button>
            <button type="button" onClick={() => setDeleting(null)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
      {noRoom && (
        <Dialog title="Delete for good?" role="alertdialog" onClose={() => setNoRoom(null)}>
          <p>There is no room to keep a copy in the Trash. Delete for good?</p>
          <p>
            “{noRoom.title}” would be deleted from this browser and could not be restored. To keep it, cancel and export it first, or
            free space by emptying the Trash.
          </p>
          <div className="dialog-actions">
            <button
              type="button"
              className="danger"
              onClick={() => {
                const id = noRoom.id;
                setNoRoom(null);
                void deleteMap(id, undefined, { forGood: true })
                  .then((result) => {
                    if (result) mapStore.getState().notify('info', 'The map was deleted for good.');
                  })
                  .catch((e: unknown) => report(e, 'Deleting'));
              }}
            >
              Delete for good
            </button>
            <button type="button" onClick={() => setNoRoom(null)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </main>
  );
}

function RenameDialog({ item, onClose, onSave }: { item: MapItem; onClose: () => void; onSave: (title: string) => void }) {
  const [title, setTitle] = useState(item.title);
  return (
    <Dialog title="Rename map" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSave(title);
        }}
      >
        <label>
          Map title
          <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={MAX_TITLE} />
        </label>
        <div className="dialog-actions">
          <button type="submit">Save</button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
