import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { mapStore, useMapStore } from '../../../store/useMapStore';
import { normalizeText, updateClaim } from '../../../domain/edits';
import type { ApplyOptions } from '../../../store/mapStore';
import { useGraphUi } from '../graphUi';
import { countRender } from '../renderCount';
import { OVERVIEW_ZOOM, type ClaimFlowNode } from '../flowTypes';
import { MAX_CLAIM_TEXT } from '../../../domain/schema';

const STATUS_TEXT = {
  unsupported: 'Unsupported',
  supported: 'Supported',
  contested: 'Contested',
  contradicted: 'Contradicted',
} as const;

/**
 * A claim: its text, kind, status and a for/against bar of its direct balance.
 * Zoomed out (semantic zoom), it also shows its text in large type over its
 * status colour, with its quotes folded into one evidence badge that opens
 * them on click.
 */
function ClaimNodeComponent({ id, data }: NodeProps<ClaimFlowNode>) {
  countRender('claim');
  const claim = useMapStore((s) => s.doc?.claims[id]);
  const editing = useGraphUi((s) => s.editingId === id);
  const linkSource = useGraphUi((s) => s.linkFrom === id);
  const expanded = useGraphUi((s) => s.expanded.has(id));
  const overview = useStore((s) => s.transform[2] < OVERVIEW_ZOOM) && !editing;
  if (!claim) return null;
  const total = data.forWeight + data.againstWeight;
  const forShare = total ? (data.forWeight / total) * 100 : 0;
  const quotes = data.forCount + data.againstCount;
  const badge = quotes > 0 && (
    <button
      type="button"
      className="gn-evidence-badge nodrag"
      aria-expanded={expanded}
      title={expanded ? 'Fold the quotes into this badge' : 'Show the quotes'}
      onClick={(e) => {
        e.stopPropagation();
        useGraphUi.getState().toggleExpanded(id);
      }}
    >
      {data.forCount} for · {data.againstCount} against
    </button>
  );
  return (
    <div
      className={`gn-claim-node gn-status-${data.status}${linkSource ? ' gn-is-link-source' : ''}${overview && !expanded ? ' gn-is-overview' : ''}`}
    >
      {overview && !expanded && (
        <div className="gn-overview" style={{ width: data.spread, maxHeight: data.drop }}>
          {badge}
          <p className="gn-overview-text" title={claim.text}>
            {claim.text || '(no text yet)'}
          </p>
        </div>
      )}
      {overview && expanded && <div className="gn-overview-badge-open">{badge}</div>}
      <Handle type="target" position={Position.Top} className="gn-graph-handle" />
      <div className="gn-node-head">
        <span className="gn-node-kind">{data.thesis ? 'Thesis' : 'Claim'}</span>
        <span className="gn-node-status">{STATUS_TEXT[data.status]}</span>
      </div>
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

  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    const next = normalizeText(value).trim();
    const { editingFresh } = useGraphUi.getState();
    if (!commit && editingFresh && original === '' && !next) {
      // A claim just made and left without a word: take it away again, as if never made.
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
      finish(true);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      finish(false);
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
