/**
 * Making links: dragging from a handle (onto a node, onto the drop target at
 * the middle of an edge to aim at that link, or onto empty canvas for a new
 * linked claim) or with the keyboard (L, move to a claim or a link, Enter; or
 * U and pick a link from a list), then choosing the relation in a small
 * chooser at the drop point. Aimed at a link, Supports backs the inference and
 * Contradicts undercuts it (format version 2).
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useReactFlow, type FinalConnectionState } from '@xyflow/react';
import { mapStore } from '../../store/useMapStore';
import { isLinkId } from '../../domain/schema';
import { addLink } from '../../domain/edits';
import { newLinkedClaim } from '../../domain/graphEdits';
import { linkRefusal } from '../../domain/integrity';
import type { Position, Relation } from '../../domain/schema';
import type { MapDoc } from '../../domain/change';
import { briefText } from '../../domain/vocabulary';
import { useGraphUi } from './graphUi';
import { CLAIM_HEIGHT, NODE_WIDTH, type EvidenceFlowEdge, type FlowNode } from './flowTypes';

/** The class of the drop target at an edge's middle (edges/EvidenceEdge.tsx); `data-link` names the link. */
export const EDGE_DROP = 'gn-edge-drop';

/** A pending connection waiting for its relation: an existing pair (`to` a claim or a link), or a new claim. */
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

/** How the chooser and the status name one end of a link: a claim's or quote's words, or the link aimed at. */
export function endName(doc: MapDoc | null, id: string, max = 40): string {
  if (!doc) return id;
  const claim = doc.claims[id];
  if (claim) return `“${briefText(claim.text, max)}”`;
  const quote = doc.quotes[id];
  if (quote) return `“${briefText(quote.exact, max)}”`;
  const link = doc.links[id];
  if (link) return `the link ${endName(doc, link.from, 24)} → ${endName(doc, link.to, 24)}`;
  return id;
}

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
      // A drag from X onto Y means X → Y, whichever of X's dots it started from
      // (the top dot is a target handle: it made Y → X, silently). Only a quote
      // cannot be a link's end, so a drag from a claim onto a quote runs the one
      // way a link can: the chooser names both ends either way.
      const pair = (other: string) => {
        const doc = mapStore.getState().doc;
        return doc && doc.quotes[other] && !doc.quotes[fromNode.id] ? { from: other, to: fromNode.id } : { from: fromNode.id, to: other };
      };
      // The connection line ends under the pointer, and a selected edge may lie over a drop target:
      // look through both at what the drop is on.
      const stack = document.elementsFromPoint(point.clientX, point.clientY);
      const hit = stack.find((el) => !el.closest('.react-flow__connectionline'));
      const aimed = stack.find((el) => el.classList.contains(EDGE_DROP))?.getAttribute('data-link');
      if (aimed) {
        proposeLink(fromNode.id, aimed, x, y, fromNode.id);
        return;
      }
      if (state.isValid && state.toNode) {
        const { from, to } = pair(state.toNode.id);
        proposeLink(from, to, x, y, to);
        return;
      }
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
      if (!pending || !mapStore.getState().doc) return;
      const store = mapStore.getState();
      if (pending.kind === 'link') {
        const { from, to } = pending;
        const atLink = isLinkId(to);
        let refused = '';
        void store.edit(
          (doc) => {
            const r = addLink(doc, { from, to, relation });
            if (r.ok) return r.change;
            refused = r.reason;
            return null;
          },
          { label: atLink ? (relation === 'supports' ? 'Back link' : 'Undercut') : 'Link' },
        );
        const ends = `${endName(store.doc, from)} ${relation === 'supports' ? (atLink ? 'backs' : 'supports') : atLink ? 'undercuts' : 'contradicts'} ${endName(store.doc, to)}`;
        if (refused) store.notify('error', refused);
        else setStatus(atLink ? `${relation === 'supports' ? 'Backed' : 'Undercut'}: ${ends}.` : `Linked: ${ends}.`);
        closeChooser(pending.returnTo);
      } else {
        const input =
          pending.from !== undefined
            ? { from: pending.from, position: pending.position, relation }
            : { to: pending.to!, position: pending.position, relation };
        // Set by the build below, which the store runs at once.
        const result: { made: string | null } = { made: null };
        let refused = '';
        showAll();
        void store.edit(
          (doc) => {
            const r = newLinkedClaim(doc, input);
            if (!r.ok) {
              refused = r.reason;
              return null;
            }
            result.made = r.claimId;
            return r.change;
          },
          { label: 'New claim' },
        );
        const { made } = result;
        if (!made) {
          if (refused) store.notify('error', refused);
          closeChooser(pending.returnTo);
          return;
        }
        store.select({ kind: 'claim', id: made });
        setPending(null);
        useGraphUi.getState().edit(made, { fresh: true });
      }
    },
    [pending, closeChooser, setStatus, showAll],
  );

  /** The pending link the other way round, when that link may be made; else says why not. */
  const swap = useCallback(() => {
    if (!pending || pending.kind !== 'link' || isLinkId(pending.to)) return;
    const doc = mapStore.getState().doc;
    if (!doc) return;
    const reason = linkRefusal(doc, pending.to, pending.from);
    if (reason) {
      setStatus(`Cannot swap: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`);
      return;
    }
    setPending({ ...pending, from: pending.to, to: pending.from });
  }, [pending, setStatus]);

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
        `Linking from “${label.slice(0, 60)}”: move to a claim with the arrow keys or Tab, then press Enter; U aims at a link instead. Escape cancels.`,
        true,
      );
    },
    [setStatus],
  );

  /** Ends a keyboard link at `to`, a claim or a link, whose element `el` the chooser opens under. */
  const finishKeyboardLink = useCallback(
    (to: string, el: HTMLElement | null) => {
      const from = useGraphUi.getState().linkFrom;
      if (!from) return;
      const box = el?.getBoundingClientRect() ?? wrapperRef.current?.getBoundingClientRect();
      if (!box) return;
      const atLink = isLinkId(to);
      const { x, y } = localPoint(box.left + box.width / 2, atLink ? box.top + box.height / 2 : box.bottom);
      if (proposeLink(from, to, x, y, atLink ? from : to)) {
        setStatus(atLink ? 'Choose Supports to back the link or Contradicts to undercut it.' : 'Choose Supports or Contradicts.', true);
      }
    },
    [localPoint, proposeLink, setStatus, wrapperRef],
  );

  // A click on an edge's drop target while linking by keyboard ends the link there.
  useEffect(() => {
    const wrapper = wrapperRef.current;
    if (!wrapper) return;
    const onClick = (e: MouseEvent) => {
      const drop = (e.target as HTMLElement | null)?.closest?.<HTMLElement>(`.${EDGE_DROP}`);
      const link = drop?.dataset['link'];
      if (!drop || !link || !useGraphUi.getState().linkFrom) return;
      e.stopPropagation();
      finishKeyboardLink(link, drop);
    };
    wrapper.addEventListener('click', onClick);
    return () => wrapper.removeEventListener('click', onClick);
  }, [wrapperRef, finishKeyboardLink]);

  /** The source of a link being aimed with the `Aim at a link` dialog (U). */
  const [aimFrom, setAimFrom] = useState<string | null>(null);
  const openAim = useCallback((id: string) => {
    useGraphUi.getState().startLink(id);
    setAimFrom(id);
  }, []);
  const closeAim = useCallback(() => {
    const from = aimFrom;
    setAimFrom(null);
    useGraphUi.getState().startLink(null);
    setStatus('Link cancelled.');
    if (from) requestAnimationFrame(() => focusNode(from));
  }, [aimFrom, focusNode, setStatus]);
  const pickAim = useCallback(
    (link: string) => {
      setAimFrom(null);
      const el = wrapperRef.current?.querySelector<HTMLElement>(`.react-flow__edge[data-id="${CSS.escape(link)}"]`) ?? null;
      finishKeyboardLink(link, el);
    },
    [finishKeyboardLink, wrapperRef],
  );

  return {
    pending,
    onConnectEnd,
    closeChooser,
    choose,
    swap,
    cancelChooser,
    startKeyboardLink,
    finishKeyboardLink,
    aim: { from: aimFrom, open: openAim, close: closeAim, pick: pickAim },
  };
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
  atLink = false,
  ends,
  onSwap,
  onChoose,
  onCancel,
}: {
  x: number;
  y: number;
  newClaim: boolean;
  /** The link's two ends as the user reads them (`<from> → <to>`), for a link between existing nodes. */
  ends?: { from: string; to: string };
  /** Turns the pending link round (offered between two nodes, not when aimed at a link). */
  onSwap?: () => void;
  /** Aimed at a link: Supports backs it, Contradicts undercuts it. */
  atLink?: boolean;
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
  }, [x, y, ends?.from, ends?.to]);
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
      <div className="chooser-head">
        <p className="chooser-title">{makesClaim ? 'New claim, linked as' : atLink ? 'Aim at the link as' : 'Link as'}</p>
        {ends && (
          <p className="chooser-ends" aria-live="polite">
            {ends.from} → {ends.to}
          </p>
        )}
      </div>
      <button
        ref={first}
        type="button"
        className="chooser-supports"
        onClick={() => onChoose('supports')}
        title={atLink ? 'Backs the inference: says why it holds' : undefined}
      >
        Supports
      </button>
      <button
        type="button"
        className="chooser-contradicts"
        onClick={() => onChoose('contradicts')}
        title={atLink ? 'Undercuts the inference: this reason does not carry over here' : undefined}
      >
        Contradicts
      </button>
      {onSwap && (
        <button type="button" className="chooser-swap" onClick={onSwap} title="Make the link run the other way">
          Swap direction
        </button>
      )}
    </div>
  );
}
