/**
 * Versions and comparison: the header's `History` toggle and region (save a
 * version, compare one with the current map or restore it as a copy, compare
 * with a map file), and the `Changes` region of an open comparison, where
 * the chosen changes are taken as one undo step.
 */
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { MapDoc } from '../../domain/change';
import { takeChanges } from '../../domain/compare';
import { parseMapFile } from '../../domain/format/parse';
import { Dialog } from '../../components/Dialog';
import { mapStore, useMapStore } from '../../store/useMapStore';
import { AUTO_VERSION_EVERY_MS, lastAutoVersionAt, listVersions, loadVersion, restoreVersionAsCopy } from '../../storage/versions';
import { saveStoredVersion } from '../../storage/versionInWorker';
import type { VersionListing } from '../../storage/rows';
import { classifyStorageError } from '../../storage/errors';
import { compareInWorker } from './compareClient';
import { addedMarks } from './addedMarks';
import { itemText, thesisText } from './describeItem';
import { useReviewUi } from './reviewStore';
import { useCompareMarks, type CompareMark } from '../../store/compareMarks';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const notify = (kind: 'info' | 'error', text: string) => mapStore.getState().notify(kind, text);

/**
 * Saves the open map as a version: its queued writes first, then the stored
 * map, read, serialized and written in a worker (a map with megabytes of
 * source text would otherwise hold the page for seconds).
 */
async function saveOpenMap(name: string, kind: 'named' | 'auto'): Promise<VersionListing | null> {
  const { doc } = mapStore.getState();
  if (!doc) return null;
  try {
    await mapStore.getState().whenSettled();
    return await saveStoredVersion(doc.map.id, name, kind);
  } catch (e) {
    notify('error', `The version was not saved: ${classifyStorageError(e).message}`);
    return null;
  }
}

/**
 * At most one automatic version an hour while the map is edited: the first
 * edit after an hour without one saves the stored map (with that edit, or
 * just before it, as the write and the worker's read fall).
 */
function useHourlyVersions(): void {
  const mapId = useMapStore((s) => s.doc?.map.id);
  useEffect(() => {
    if (!mapId) return;
    let last: number | null = null;
    let saving = false;
    let stopped = false;
    void lastAutoVersionAt(mapId).then((at) => {
      last = at ? Date.parse(at) : 0;
    });
    const unsubscribe = mapStore.subscribe((state, prev) => {
      if (stopped || saving || last === null || state.doc === prev.doc || !prev.doc || prev.doc.map.id !== mapId || state.doc?.map.id !== mapId) return;
      if (Date.now() - last < AUTO_VERSION_EVERY_MS) return;
      saving = true;
      last = Date.now();
      // Out of the listener: it may run inside the write that changed the
      // store, whose transaction must not wait on another one. The stored
      // map is saved, in a worker: the edit that fired this may be in it.
      setTimeout(() => {
        void saveStoredVersion(mapId, 'While editing', 'auto')
          .catch((e: unknown) => console.warn('Warrant: could not save the hourly version', e))
          .finally(() => {
            saving = false;
          });
      }, 0);
    });
    return () => {
      stopped = true;
      unsubscribe();
    };
  }, [mapId]);
}

export function HistoryButton() {
  const open = useReviewUi((s) => s.historyOpen);
  useHourlyVersions();
  return (
    <button type="button" aria-pressed={open} onClick={() => useReviewUi.getState().toggleHistory()}>
      History
    </button>
  );
}

/** Compares the open map with `other` in the worker, and opens the Changes region. */
async function openComparison(title: string, other: MapDoc): Promise<void> {
  const current = mapStore.getState().doc;
  if (!current) return;
  try {
    const result = await compareInWorker(current, other);
    useReviewUi.getState().setComparison({ title, other, result, selected: new Set() });
    if (useReviewUi.getState().historyOpen) useReviewUi.getState().toggleHistory();
  } catch (e) {
    notify('error', `The maps could not be compared: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function HistoryRegion() {
  const open = useReviewUi((s) => s.historyOpen);
  const mapId = useMapStore((s) => s.doc?.map.id);
  const [versions, setVersions] = useState<VersionListing[] | null>(null);
  const [naming, setNaming] = useState(false);
  const [seq, setSeq] = useState(0);
  useEffect(() => {
    if (!open || !mapId) return;
    let live = true;
    void listVersions(mapId).then((v) => live && setVersions(v));
    return () => {
      live = false;
    };
  }, [open, mapId, seq]);
  if (!open || !mapId) return null;
  const refresh = () => setSeq((n) => n + 1);

  const compareWith = async (v: VersionListing) => {
    const doc = await loadVersion(v.id);
    if (!doc) notify('error', `The version “${v.name}” can no longer be read.`);
    else await openComparison(`Version “${v.name || when(v.savedAt)}”`, doc);
  };
  const restore = async (v: VersionListing) => {
    try {
      const id = await restoreVersionAsCopy(v.id);
      if (!id) notify('error', `The version “${v.name}” can no longer be read.`);
      else {
        notify('info', `Restored the version “${v.name || when(v.savedAt)}” as a copy.`);
        window.location.hash = `#/map/${encodeURIComponent(id)}`;
      }
    } catch (e) {
      notify('error', `The version was not restored: ${classifyStorageError(e).message}`);
    }
  };
  const fromFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const parsed = parseMapFile(await file.text());
    if (parsed.kind !== 'ok') notify('error', `“${file.name}” cannot be compared: ${parsed.message}`);
    else await openComparison(`File “${file.name}”`, parsed.doc);
  };

  return (
    <aside aria-label="History" className="review-region history-region">
      <div className="review-head">
        <h2>History</h2>
        <button type="button" onClick={() => useReviewUi.getState().toggleHistory()}>
          Close
        </button>
      </div>
      <div className="history-actions">
        <button type="button" onClick={() => setNaming(true)}>
          Save version
        </button>
        <label className="file-button">
          Compare with file
          <input type="file" accept=".json,application/json" onChange={(e) => void fromFile(e)} />
        </label>
      </div>
      {versions === null ? (
        <p role="status">Reading versions…</p>
      ) : versions.length === 0 ? (
        <p className="hint">No versions yet. Save one before a review; Warrant also saves one by itself before a Replace on import, before taking changes, and hourly while you edit.</p>
      ) : (
        <ul aria-label="Versions" className="review-list">
          {versions.map((v) => (
            <li key={v.id} className="version">
              <span className="review-text">{v.name || 'Untitled version'}</span>
              <span className="review-meta">
                <time dateTime={v.savedAt}>{when(v.savedAt)}</time> · {v.kind === 'auto' ? 'saved by Warrant' : 'saved by you'} · {v.counts.claims} claims, {v.counts.quotes} quotes, {v.counts.links} links
              </span>
              <span className="thread-actions">
                <button type="button" aria-label={`Compare with current: ${v.name || when(v.savedAt)}`} onClick={() => void compareWith(v)}>
                  Compare with current
                </button>
                <button type="button" aria-label={`Restore as copy: ${v.name || when(v.savedAt)}`} onClick={() => void restore(v)}>
                  Restore as copy
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {naming && (
        <SaveVersionDialog
          onClose={() => setNaming(false)}
          onSaved={() => {
            setNaming(false);
            refresh();
          }}
        />
      )}
    </aside>
  );
}

function SaveVersionDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await saveOpenMap(name || 'Untitled version', 'named')) {
      notify('info', `Saved the version “${name.trim() || 'Untitled version'}”.`);
      onSaved();
    }
  };
  return (
    <Dialog title="Save version" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="comment-form">
        <label>
          Version name
          <input type="text" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </label>
        <div className="form-actions">
          <button type="submit">Save</button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The `Changes` region of an open comparison, beside the graph, which marks what it would add, change or remove. */
export function ChangesRegion() {
  const comparison = useReviewUi((s) => s.comparison);
  const current = useMapStore((s) => s.doc);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [comparison?.result]);
  useEffect(() => {
    const marks = new Map<string, CompareMark>();
    for (const item of comparison?.result.items ?? []) {
      if (item.currentId !== undefined && item.table !== 'comments') marks.set(item.currentId, item.kind === 'removed' ? 'removed' : 'changed');
    }
    // Added records are marked where they meet the current map: again when it changes.
    const added = comparison && current ? addedMarks(comparison.result.items, current, comparison.other) : new Map<string, string[]>();
    useCompareMarks.getState().setMarks(marks, added);
    return () => useCompareMarks.getState().setMarks(new Map());
  }, [comparison, current]);
  if (!comparison || !current) return null;
  const { result, other, selected } = comparison;
  const close = () => useReviewUi.getState().setComparison(null);

  const apply = async () => {
    const doc = mapStore.getState().doc;
    if (!doc) return;
    const taken = takeChanges(doc, result, selected);
    if (taken.taken.length === 0) {
      notify('error', `No change was taken: ${taken.refused[0]?.reason ?? 'none is selected'}.`);
      return;
    }
    if (!(await saveOpenMap('Before Apply selected changes', 'auto'))) return;
    const ok = await mapStore.getState().edit(() => taken.change, { label: 'Apply selected changes' });
    if (!ok) return;
    const refused = taken.refused.length ? ` ${taken.refused.length} not taken: ${taken.refused[0]!.reason}.` : '';
    notify('info', `Took ${taken.taken.length} ${taken.taken.length === 1 ? 'change' : 'changes'} as one step (Undo takes them back).${refused}`);
    close();
  };

  return (
    <section aria-label="Changes" className="changes-view">
      <div className="review-head">
        <h2 ref={heading} tabIndex={-1}>
          Changes: {comparison.title}
        </h2>
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
      {result.thesis.map((t) => (
        <p key={t.claimId} role="status" className="changes-thesis">
          {thesisText(t)}
        </p>
      ))}
      {result.items.length === 0 ? (
        <p className="hint">No differences: the two maps hold the same records.</p>
      ) : (
        <>
          <ul aria-label="Changes" className="changes-list">
            {result.items.map((item) => {
              const text = itemText(item, current, other);
              return (
                <li key={item.id} className={`change change-${item.kind}`}>
                  <span className="change-text">{text}</span>
                  <label className="change-take">
                    <input type="checkbox" checked={selected.has(item.id)} onChange={() => useReviewUi.getState().toggleSelected(item.id)} />
                    Take this change
                  </label>
                </li>
              );
            })}
          </ul>
          <div className="form-actions">
            <button type="button" onClick={() => void apply()} disabled={selected.size === 0}>
              Apply selected changes
            </button>
          </div>
        </>
      )}
    </section>
  );
}
