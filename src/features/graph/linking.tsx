/**
 * Making links: dragging from a handle (onto a node, or onto empty canvas for
 * a new linked claim) or with the keyboard (L, move, Enter), then choosing
 * the relation in a small chooser at the drop point.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useReactFlow, type FinalConnectionState } from '@xyflow/react';
import { mapStore } from '../../store/useMapStore';
import { addLink } from '../../domain/edits';
import { newLinkedClaim } from '../../domain/graphEdits';
import { linkRefusal } from '../../domain/integrity';
import type { Position, Relation } from '../../domain/schema';
import { useGraphUi } from './graphUi';
import { CLAIM_HEIGHT, NODE_WIDTH, type EvidenceFlowEdge, type FlowNode } from './flowTypes';

/** A pending connection waiting for its relation: an existing pair, or a new claim. */
export type Pending =
  | { kind: 'link'; from: string; to: string; x: number; y: number; returnTo: string }
  | { kind: 'new'; from?: string; to?: string; position: Position; x: number; y: number; returnTo: string };

type LinkingDeps = {
  wrapperRef: RefObject<HTMLDivElement | null>;
  focusNode: (id: string) => void;
  setStatus: (message: string, sticky?: boolean) => void;
  /** Leaves focus mode, so that a new claim is seen. */
  showAll: () => void;
};

export function useLinking({ wrapperRef, focusNode, setStatus, showAll }: LinkingDeps) {
  const rf = useReactFlow<FlowNode, EvidenceFlowEdge>();
  const [pending, setPending] = useState<Pending | null>(null);
  const localPoint = useCallback(
    (clientX: number, clientY: number) => {
      const box = wrapperRef.current?.getBoundingClientRect();
      return { x: clientX - (box?.left ?? 0), y: clientY - (box?.top ?? 0) };
    },
    [wrapperRef],
  );

  /** Offers the relation chooser for from → to, or says why the link is refused. */
  const proposeLink = useCallback(
    (from: string, to: string, x: number, y: number, returnTo: string) => {
      const current = mapStore.getState().doc;
      if (!current) return false;
      const reason = linkRefusal(current, from, to);
      if (reason) {
        mapStore.getState().notify('error', reason);
        setStatus(reason);
        return false;
      }
      setPending({ kind: 'link', from, to, x, y, returnTo });
      return true;
    },
    [setStatus],
  );

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      const fromNode = state.fromNode;
      if (!fromNode) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const { x, y } = localPoint(point.clientX, point.clientY);
      const fromSource = state.fromHandle?.type !== 'target';
      const pair = (other: string) => (fromSource ? { from: fromNode.id, to: other } : { from: other, to: fromNode.id });
      if (state.isValid && state.toNode) {
        const { from, to } = pair(state.toNode.id);
        proposeLink(from, to, x, y, to);
        return;
      }
      const hit = document.elementFromPoint(point.clientX, point.clientY);
      const onNode = hit?.closest<HTMLElement>('.react-flow__node');
      const otherId = onNode?.dataset['id'];
      if (otherId) {
        if (otherId === fromNode.id) return; // dropped back where it started: nothing meant
        const { from, to } = pair(otherId);
        proposeLink(from, to, x, y, to);
        return;
      }
      if (!hit?.closest('.react-flow__pane')) return;
      const at = rf.screenToFlowPosition({ x: point.clientX, y: point.clientY });
      const position = { x: at.x - NODE_WIDTH / 2, y: fromSource ? at.y - CLAIM_HEIGHT / 2 : at.y };
      setPending(
        fromSource
          ? { kind: 'new', from: fromNode.id, position, x, y, returnTo: fromNode.id }
          : { kind: 'new', to: fromNode.id, position, x, y, returnTo: fromNode.id },
      );
    },
    [localPoint, proposeLink, rf],
  );

  const closeChooser = useCallback(
    (returnTo?: string) => {
      setPending(null);
      useGraphUi.getState().startLink(null);
      if (returnTo) requestAnimationFrame(() => focusNode(returnTo));
    },
    [focusNode],
  );

  const choose = useCallback(
    (relation: Relation) => {
      const current = mapStore.getState().doc;
      if (!pending || !current) return;
      const store = mapStore.getState();
      if (pending.kind === 'link') {
        const r = addLink(current, { from: pending.from, to: pending.to, relation });
        if (!r.ok) {
          store.notify('error', r.reason);
          closeChooser(pending.returnTo);
          return;
        }
        void store.apply(r.change, { label: 'Link' });
        setStatus(`Linked: ${relation}.`);
        closeChooser(pending.returnTo);
      } else {
        const input =
          pending.from !== undefined
            ? { from: pending.from, position: pending.position, relation }
            : { to: pending.to!, position: pending.position, relation };
        const r = newLinkedClaim(current, input);
        if (!r.ok) {
          store.notify('error', r.reason);
          closeChooser(pending.returnTo);
          return;
        }
        showAll();
        void store.apply(r.change, { label: 'New claim' });
        store.select({ kind: 'claim', id: r.claimId });
        setPending(null);
        useGraphUi.getState().edit(r.claimId, { fresh: true });
      }
    },
    [pending, closeChooser, setStatus, showAll],
  );

  const cancelChooser = useCallback(() => {
    if (!pending) return;
    closeChooser(pending.returnTo);
    setStatus('Link cancelled.');
  }, [pending, closeChooser, setStatus]);

  const startKeyboardLink = useCallback(
    (id: string) => {
      const current = mapStore.getState().doc;
      const label = current?.claims[id]?.text ?? current?.quotes[id]?.exact ?? id;
      useGraphUi.getState().startLink(id);
      setStatus(
        `Linking from “${label.slice(0, 60)}”: move to a claim with the arrow keys or Tab, then press Enter. Escape cancels.`,
        true,
      );
    },
    [setStatus],
  );

  const finishKeyboardLink = useCallback(
    (to: string, el: HTMLElement) => {
      const from = useGraphUi.getState().linkFrom;
      if (!from) return;
      const box = el.getBoundingClientRect();
      const { x, y } = localPoint(box.left + box.width / 2, box.bottom);
      if (proposeLink(from, to, x, y, to)) setStatus('Choose Supports or Contradicts.', true);
    },
    [localPoint, proposeLink, setStatus],
  );

  return { pending, onConnectEnd, closeChooser, choose, cancelChooser, startKeyboardLink, finishKeyboardLink };
}

/** Space kept between the chooser and the pane's edge. */
const EDGE = 6;

/**
 * The small chooser at the drop point: Supports or Contradicts; Escape
 * cancels. It stays inside the graph pane: near an edge it moves in, and near
 * the bottom it opens above the point.
 */
export function RelationChooser({
  x,
  y,
  newClaim: makesClaim,
  onChoose,
  onCancel,
}: {
  x: number;
  y: number;
  newClaim: boolean;
  onChoose: (r: Relation) => void;
  onCancel: () => void;
}) {
  const first = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState({ left: x, top: y + 8 });
  useLayoutEffect(() => {
    const el = box.current;
    const pane = el?.offsetParent as HTMLElement | null;
    if (!el || !pane) return;
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    const left = Math.min(Math.max(x - w / 2, EDGE), Math.max(EDGE, pane.clientWidth - w - EDGE));
    const below = y + 8;
    const top = below + h + EDGE > pane.clientHeight ? Math.max(EDGE, y - 8 - h) : below;
    setAt({ left, top });
  }, [x, y]);
  useEffect(() => first.current?.focus(), []);
  return (
    <div
      ref={box}
      className="graph-chooser"
      role="dialog"
      aria-label={makesClaim ? 'New linked claim' : 'Link as'}
      style={{ left: at.left, top: at.top }}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <p className="chooser-title">{makesClaim ? 'New claim, linked as' : 'Link as'}</p>
      <button ref={first} type="button" className="chooser-supports" onClick={() => onChoose('supports')}>
        Supports
      </button>
      <button type="button" className="chooser-contradicts" onClick={() => onChoose('contradicts')}>
        Contradicts
      </button>
    </div>
  );
}
