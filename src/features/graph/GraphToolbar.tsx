/** The graph's toolbar (New claim, layout, view, focus, find, shortcuts). Its status line is a bar under the canvas (GraphCanvas). */
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { Panel } from '@xyflow/react';
import { mapStore, READ_ONLY_TITLE, useMapStore, useReadOnly } from '../../store/useMapStore';
import { command, commandTitle, runCommand, type CommandEnv, type CommandId } from '../../commands/commands';
import { ariaChord } from '../../commands/keys';
import type { MapDoc } from '../../domain/change';
import { findNodes, focusChoices } from './graphQueries';
import { ellipsize, plural } from '../../domain/vocabulary';
import { useGraphUi } from './graphUi';
import type { LayoutDirection, LayoutPhase } from './layout';
import { LAYOUT_PHASES } from './layout';

type ToolbarProps = {
  findRef: RefObject<HTMLInputElement | null>;
  setStatus: (message: string, sticky?: boolean) => void;
  visible: ReadonlySet<string> | null;
  focusId: string;
  onFocus: (id: string) => void;
  goTo: (id: string, focus: boolean) => void;
  /** The command list's environment: each command button runs its command through it. */
  env: CommandEnv;
};

/**
 * A command's button: label, tooltip, keys and read-only rule all from the
 * command list. `children` replaces the visible text (the label then names
 * it for assistive technology).
 */
function CommandButton({ env, id, onRun, children }: { env: CommandEnv; id: CommandId; onRun?: () => void; children?: string }) {
  const readOnly = useReadOnly();
  const c = command(id);
  const off = (readOnly && !c.readOnlyOk) || (c.enabled ? !c.enabled(env) : false);
  return (
    <button
      type="button"
      onClick={() => {
        onRun?.();
        runCommand(env, id);
      }}
      disabled={off}
      title={commandTitle(c, readOnly, READ_ONLY_TITLE)}
      aria-label={children === undefined ? undefined : c.label}
      aria-keyshortcuts={c.keys.length ? c.keys.map(ariaChord).join(' ') : undefined}
    >
      {children ?? c.label}
    </button>
  );
}

/** What waits under More, named from the command list. */
const MORE_TITLE = `${command('autoLayout').label}, direction, ${command('linkAsOne').label}, Focus`;

export function GraphToolbar({ findRef, ...p }: ToolbarProps) {
  const claims = useMapStore((s) => s.doc?.claims);
  const direction = useGraphUi((s) => s.direction);
  const [more, setMore] = useState(false);
  // The Focus list (a claim an option) is built only while the menu is open: a large map opens faster.
  const choices = useMemo(() => (claims && more ? focusChoices({ claims } as MapDoc) : []), [claims, more]);
  const [query, setQuery] = useState('');
  const matchIndex = useRef(-1);

  const findNext = () => {
    const current = mapStore.getState().doc;
    if (!current) return;
    const matches = findNodes(current, query, p.visible);
    if (!matches.length) {
      p.setStatus(query.trim() ? 'No match.' : '');
      return;
    }
    matchIndex.current = (matchIndex.current + 1) % matches.length;
    p.goTo(matches[matchIndex.current]!, false);
    p.setStatus(`Match ${matchIndex.current + 1} of ${matches.length}.`);
  };

  const moreRef = useRef<HTMLSpanElement>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!more) return;
    // A press anywhere else closes the menu.
    const close = (e: PointerEvent) => {
      if (!moreRef.current?.contains(e.target as Node)) setMore(false);
    };
    document.addEventListener('pointerdown', close, true);
    return () => document.removeEventListener('pointerdown', close, true);
  }, [more]);
  const closeMenu = () => setMore(false);

  return (
    <Panel position="top-left" className="graph-toolbar">
      {/* One row at 1280×720 with every panel open: what is used less waits under More. */}
      <div role="toolbar" aria-label="Graph tools" className="graph-tools">
        <CommandButton env={p.env} id="newClaim" />
        <CommandButton env={p.env} id="fitAll" />
        <CommandButton env={p.env} id="zoomToThesis" />
        <span className="graph-group">
          <input
            ref={findRef}
            type="search"
            className="graph-find"
            aria-label="Find in graph"
            placeholder="Find (/)"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              matchIndex.current = -1;
              const current = mapStore.getState().doc;
              const n = current ? findNodes(current, e.target.value, p.visible).length : 0;
              p.setStatus(
                e.target.value.trim() ? (n ? `${plural(n, 'match', 'matches')}: Enter goes to the next.` : 'No match.') : '',
              );
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                findNext();
              }
            }}
          />
          <CommandButton env={p.env} id="showShortcuts">
            ?
          </CommandButton>
        </span>
        <span className="graph-more" ref={moreRef}>
          <button
            ref={moreButton}
            type="button"
            aria-expanded={more}
            aria-controls={more ? 'graph-more-tools' : undefined}
            className={p.focusId ? 'graph-more-on' : undefined}
            title={`${MORE_TITLE}${p.focusId ? ' (on: a claim)' : ''}`}
            onClick={() => setMore((m) => !m)}
          >
            More <span aria-hidden="true">▾</span>
          </button>
          {more && (
            <div
              id="graph-more-tools"
              role="group"
              aria-label="More graph tools"
              className="graph-more-menu"
              onKeyDown={(e) => {
                if (e.key !== 'Escape') return;
                e.stopPropagation();
                setMore(false);
                moreButton.current?.focus();
              }}
            >
              <CommandButton env={p.env} id="autoLayout" onRun={closeMenu} />
              <label className="graph-field">
                <span>Direction</span>
                <select
                  aria-label="Layout direction"
                  title={`Direction of ${command('autoLayout').label}`}
                  value={direction}
                  onChange={(e) => useGraphUi.getState().setDirection(e.target.value as LayoutDirection)}
                >
                  <option value="LR">Left to right</option>
                  <option value="TB">Top down</option>
                </select>
              </label>
              <CommandButton env={p.env} id="linkAsOne" onRun={closeMenu} />
              <label className="graph-field">
                <span>Focus</span>
                <select aria-label="Focus on" value={p.focusId} onChange={(e) => p.onFocus(e.target.value)}>
                  <option value="">Whole map</option>
                  {choices.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.thesis ? 'Thesis: ' : ''}
                      {c.text ? ellipsize(c.text, 70) : '(no text)'}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          )}
        </span>
      </div>
    </Panel>
  );
}

/** Progress of a running auto layout, with its Cancel. */
export function LayoutProgress({ phase, step, onCancel }: { phase: LayoutPhase; step: number; onCancel: () => void }) {
  return (
    <Panel position="top-center" className="graph-progress">
      <div role="group" aria-label="Layout progress">
        <span>
          Auto layout: {phase} ({step + 1}/{LAYOUT_PHASES.length})
        </span>
        <progress max={LAYOUT_PHASES.length} value={step + 1} aria-label="Layout progress" />
        <button type="button" onClick={onCancel}>
          Cancel layout
        </button>
      </div>
    </Panel>
  );
}
