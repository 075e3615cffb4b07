import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { mapStore, useMapStore } from '../../../store/useMapStore';
import { normalizeText, updateClaim } from '../../../domain/edits';
import type { ApplyOptions } from '../../../store/mapStore';
import { useGraphUi } from '../graphUi';
import { countRender } from '../renderCount';
import { CLAIM_HEIGHT, OVERVIEW_ZOOM, overviewLines, type ClaimFlowNode } from '../flowTypes';
import { reachingBalance } from '../reachingBalance';
import { MAX_CLAIM_TEXT } from '../../../domain/schema';
import { CompareMarkLabel, OpenThreads } from './OpenThreads';
import { claimLabel } from '../toFlow';

const STATUS_TEXT = {
  unsupported: 'Unsupported',
  supported: 'Supported',
  contested: 'Contested',
  contradicted: 'Contradicted',
} as const;

/**
 * A claim: its text, kind, status and a for/against bar of its direct balance.
 * Zoomed out (semantic zoom), it shows instead a label inside its own box:
 * its text in type that stays legible on screen, over its status colour, and
 * an evidence badge with the balance the Thesis check gives it (every quote
 * reaching it); the badge opens the quotes folded into it (those linked
 * straight to it) on click.
 */
function ClaimNodeComponent({ id, data }: NodeProps<ClaimFlowNode>) {
  countRender('claim');
  const claim = useMapStore((s) => s.doc?.claims[id]);
  // The node's name (ui.md: `Claim: ` + its text) is set here, from the
  // store, not carried on the React Flow node: a node object that changed
  // with every keystroke made React Flow walk all nodes of the map per key.
  // React Flow's wrapper is given no aria-label, so nothing else writes it.
  const root = useRef<HTMLDivElement>(null);
  const text = claim?.text;
  useLayoutEffect(() => {
    const wrapper = root.current?.closest('.react-flow__node');
    if (wrapper && text !== undefined) wrapper.setAttribute('aria-label', claimLabel(text));
  }, [text]);
  const editing = useGraphUi((s) => s.editingId === id);
  const linkSource = useGraphUi((s) => s.linkFrom === id);
  const expanded = useGraphUi((s) => s.expanded.has(id));
  // An image export draws the full-detail map whatever the zoom (withWholeGraph).
  const capturing = useGraphUi((s) => s.capturing);
  const overview = useStore((s) => s.transform[2] < OVERVIEW_ZOOM) && !editing && !capturing;
  // Whole lines only: the label's text stops at the last line its box holds.
  const lines = useStore((s) =>
    overview ? overviewLines(s.transform[2], s.nodeLookup.get(id)?.measured.height ?? CLAIM_HEIGHT, data.thesis) : 0,
  );
  // A string, so an edit elsewhere that leaves this balance as it was re-renders nothing.
  const reachKey = useMapStore((s) => {
    if (!overview || !s.doc) return '';
    const b = reachingBalance(s.doc, id);
    return `${b.forCount} ${b.againstCount} ${b.forWeight} ${b.againstWeight}`;
  });
  if (!claim) return null;
  const total = data.forWeight + data.againstWeight;
  const forShare = total ? (data.forWeight / total) * 100 : 0;
  const quotes = data.forCount + data.againstCount;
  const [forCount, againstCount, forWeight, againstWeight] = reachKey
    ? reachKey.split(' ').map(Number)
    : [data.forCount, data.againstCount, data.forWeight, data.againstWeight];
  const shown = { forCount: forCount!, againstCount: againstCount!, forWeight: forWeight!, againstWeight: againstWeight! };
  const balance = `${shown.forCount} for · ${shown.againstCount} against`;
  const weights = `weight ${shown.forWeight} for, ${shown.againstWeight} against`;
  // Only quotes linked straight to the claim fold into it: with none, the badge is a plain balance.
  const badge =
    quotes > 0 ? (
      <button
        type="button"
        className="gn-evidence-badge nodrag"
        aria-expanded={expanded}
        title={`${expanded ? 'Fold the quotes into this badge' : 'Show the quotes'} (${weights})`}
        onClick={(e) => {
          e.stopPropagation();
          useGraphUi.getState().toggleExpanded(id);
        }}
      >
        {balance}
      </button>
    ) : (
      shown.forCount + shown.againstCount > 0 && (
        <span className="gn-evidence-badge is-static" title={weights}>
          {balance}
        </span>
      )
    );

  return (
    <div
      ref={root}
      className={`gn-claim-node gn-status-${data.status}${linkSource ? ' gn-is-link-source' : ''}${overview && !expanded ? ' gn-is-overview' : ''}`}
    >
      {overview && !expanded && (
        <div className="gn-overview">
          {badge}
          <p className="gn-overview-text" title={claim.text} style={{ WebkitLineClamp: lines, lineClamp: lines }}>
            {claim.text || '(no text yet)'}
          </p>
        </div>
      )}
      {overview && expanded && <div className="gn-overview-badge-open">{badge}</div>}
      <Handle type="target" position={Position.Top} className="gn-graph-handle" />
      <div className="gn-node-head">
        <span className="gn-node-kind">{data.thesis ? 'Thesis' : 'Claim'}</span>
        <span className="gn-node-status">{STATUS_TEXT[data.status]}</span>
        <OpenThreads id={id} kind="claim" />
      </div>
      <CompareMarkLabel id={id} />
      {editing ? (
        <ClaimEditor id={id} text={claim.text} />
      ) : (
        <p className="gn-node-text">{claim.text || <span className="gn-node-empty">(no text yet)</span>}</p>
      )}
      <div
        className="gn-balance-bar"
        title={`For ${data.forWeight} · against ${data.againstWeight}`}
        aria-hidden="true"
      >
        {total > 0 && (
          <>
            <span className="gn-balance-for" style={{ width: `${forShare}%` }} />
            <span className="gn-balance-against" style={{ width: `${100 - forShare}%` }} />
          </>
        )}
      </div>
      <Handle type="source" position={Position.Bottom} className="gn-graph-handle" />
    </div>
  );
}

/** Numbers the editing sessions, so each one coalesces into undo steps of its own. */
let editSeq = 0;

/**
 * The in-place editor. Each keystroke is written at once and goes forward
 * only, through the one way typing is coalesced (a coalesceKey, as in the
 * Details field): other tabs and collaborators see the text grow, never jump
 * back. The key names this editing session, so its steps never merge with
 * an earlier edit of the claim; Enter or leaving writes the trimmed text,
 * Escape takes this session's steps back (the text the editor opened with).
 */
function ClaimEditor({ id, text }: { id: string; text: string }) {
  const [value, setValue] = useState(text);
  const [original] = useState(text);
  const [typing] = useState((): ApplyOptions => ({ label: 'Edit claim', coalesceKey: `claim-text:${id}:${++editSeq}` }));
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);
  useEffect(() => {
    // A node just added is invisible until React Flow has measured it, and an
    // invisible element cannot take focus: try again for a few frames.
    let frame = 0;
    let tries = 0;
    const focus = () => {
      const el = ref.current;
      if (!el) return;
      el.focus({ preventScroll: true });
      if (document.activeElement === el) el.setSelectionRange(el.value.length, el.value.length);
      else if (++tries < 30) frame = requestAnimationFrame(focus);
    };
    focus();
    return () => cancelAnimationFrame(frame);
  }, []);

  const setText = (next: string) =>
    void mapStore.getState().edit((doc) => (doc.claims[id] && doc.claims[id].text !== next ? updateClaim(doc, id, { text: next }) : null), typing);

  /** Undoes this session's typing steps, then (`andCreation`) the step that made the claim. */
  const takeBack = async (andCreation: boolean) => {
    const top = () => mapStore.getState().undoStack.at(-1);
    while (top()?.coalesceKey === typing.coalesceKey) {
      if (!(await mapStore.getState().undo())) return;
    }
    if (andCreation && top()?.change.put.claims?.some((c) => c.id === id)) await mapStore.getState().undo();
  };

  /** `byKey`: Enter or Escape; a blur (a click into Details, say) keeps even an empty new claim to be written there. */
  const finish = (commit: boolean, byKey = false) => {
    if (done.current) return;
    done.current = true;
    const next = normalizeText(value).trim();
    const { editingFresh } = useGraphUi.getState();
    if ((!commit || byKey) && editingFresh && original === '' && !next) {
      // A claim just made and left by Escape or Enter without a word: take it away again, as if never made.
      void takeBack(true);
      const canvas = ref.current?.closest<HTMLElement>('.graph-canvas');
      useGraphUi.getState().edit(null);
      canvas?.focus({ preventScroll: true });
      return;
    }
    if (commit) setText(next);
    else void takeBack(false);
    // Back to the node, so the keyboard carries on from where it was.
    const nodeEl = ref.current?.closest<HTMLElement>('.react-flow__node');
    useGraphUi.getState().edit(null);
    nodeEl?.focus({ preventScroll: true });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    e.stopPropagation();
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      finish(true, true);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      finish(false, true);
    }
  };

  return (
    <textarea
      ref={ref}
      className="gn-node-editor nodrag nopan nowheel"
      aria-label="Edit claim in graph"
      maxLength={MAX_CLAIM_TEXT}
      value={value}
      rows={3}
      onChange={(e) => {
        setValue(e.target.value);
        setText(normalizeText(e.target.value));
      }}
      onKeyDown={onKeyDown}
      onBlur={() => {
        // A blur caused by the editor closing itself is not a second commit.
        if (useGraphUi.getState().editingId === id) finish(true);
      }}
    />
  );
}

export const ClaimNode = memo(ClaimNodeComponent);
