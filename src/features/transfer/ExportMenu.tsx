import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { mapStore } from '../../store/useMapStore';
import { Dialog } from '../../components/Dialog';
import { EXPORT_ITEMS, exportAndDownload, exportNotice, type ExportFormat } from './exporters';
import type { WholeGraph } from './graphImage';
import { ExportCancelled, WORKER_THRESHOLD, entityCount } from './exportJson';
import './transfer.css';

type Progress = { done: number; total: number };

/**
 * The map header's `Export` menu button (WAI-ARIA menu button pattern): Enter,
 * Space or ArrowDown open the menu on its first item, ArrowUp on its last;
 * arrows, Home and End move, Escape closes and gives focus back to the button,
 * Tab or a click outside closes. Each item downloads the open map in one format.
 * `wholeGraph` comes from the graph, through app/, for the images.
 */
export function ExportMenu({ wholeGraph }: { wholeGraph?: WholeGraph }) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const menuId = useId();
  const buttonId = useId();
  const progressTextId = useId();

  const openAt = (index: number) => {
    setActive(index);
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (open) itemRefs.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      if (!wrapRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [open]);

  async function run(format: ExportFormat) {
    close(true);
    if (abortRef.current) return; // one export at a time
    const { flush } = mapStore.getState();
    // The store applies edits at once and writes them behind; wait for them so
    // the file holds everything the user sees.
    await flush();
    const doc = mapStore.getState().doc;
    if (!doc) return;
    const controller = new AbortController();
    if (abortRef.current) return;
    abortRef.current = controller;
    setBusy(format);
    if (format === 'warrant' && entityCount(doc) >= WORKER_THRESHOLD) setProgress({ done: 0, total: 0 });
    try {
      await exportAndDownload(doc, format, {
        signal: controller.signal,
        onProgress: (done, total) => setProgress({ done, total }),
        wholeGraph,
      });
      // Foreign formats: say what the file does not keep (issue 13).
      const notice = await exportNotice(doc, format);
      if (notice) mapStore.getState().notify('info', notice);
    } catch (e) {
      if (e instanceof ExportCancelled) mapStore.getState().notify('info', 'Export cancelled.');
      else mapStore.getState().notify('error', `Export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      abortRef.current = null;
      setBusy(null);
      setProgress(null);
    }
  }

  const onMenuKeyDown = (e: KeyboardEvent) => {
    const n = EXPORT_ITEMS.length;
    const move = (i: number) => {
      e.preventDefault();
      setActive(((i % n) + n) % n);
    };
    switch (e.key) {
      case 'ArrowDown':
        return move(active + 1);
      case 'ArrowUp':
        return move(active - 1);
      case 'Home':
      case 'PageUp':
        return move(0);
      case 'End':
      case 'PageDown':
        return move(n - 1);
      case 'Escape':
        e.preventDefault();
        e.stopPropagation();
        return close(true);
      case 'Tab':
        return close(false);
      default:
        // Type-ahead: a letter moves to the next item starting with it.
        if (e.key.length === 1 && /\S/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
          const k = e.key.toLowerCase();
          for (let step = 1; step <= n; step++) {
            const i = (active + step) % n;
            if (EXPORT_ITEMS[i]!.label.toLowerCase().startsWith(k)) return move(i);
          }
        }
    }
  };

  const onButtonKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      openAt(0);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      openAt(EXPORT_ITEMS.length - 1);
    }
  };

  const busyLabel = busy ? EXPORT_ITEMS.find((i) => i.format === busy)?.label : null;

  return (
    <div className="export-menu" ref={wrapRef}>
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKeyDown}
      >
        Export
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-labelledby={buttonId}
          className="export-menu-list"
          onKeyDown={onMenuKeyDown}
          onBlur={(e) => {
            if (!wrapRef.current?.contains(e.relatedTarget as Node | null) && e.relatedTarget !== null) setOpen(false);
          }}
        >
          {EXPORT_ITEMS.map((item, i) => (
            <button
              key={item.format}
              ref={(el) => {
                itemRefs.current[i] = el;
              }}
              type="button"
              role="menuitem"
              tabIndex={i === active ? 0 : -1}
              aria-disabled={busy !== null || undefined}
              className="export-menu-item"
              onClick={() => void run(item.format)}
              onPointerMove={() => {
                if (i !== active) setActive(i);
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
      {busy && !progress && (
        <span role="status" className="export-status">
          Exporting {busyLabel}…
        </span>
      )}
      {progress && (
        <Dialog title="Exporting" onClose={() => abortRef.current?.abort()} className="export-progress-dialog">
          <p id={progressTextId}>
            {progress.total ? `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} records written` : 'Starting…'}
          </p>
          <progress
            aria-labelledby={progressTextId}
            value={progress.total ? progress.done : undefined}
            max={progress.total || undefined}
          />
          <div className="dialog-actions">
            <button type="button" onClick={() => abortRef.current?.abort()}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
