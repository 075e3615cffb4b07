/**
 * The graph's edits that are not linking: a new claim at the centre of the
 * view, joining the selected links into one argument and breaking arguments
 * apart. Each goes through the store's `edit` door, built against the doc as
 * it is at that moment, and is one undo step.
 */
import { useCallback, useEffect, type RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import { mapStore } from '../../store/useMapStore';
import { breakArguments, groupLinks, moveNodes, newClaim } from '../../domain/edits';
import type { MapDoc } from '../../domain/change';
import { freeSpot } from './placement';
import { useGraphUi } from './graphUi';
import { CLAIM_HEIGHT, NODE_WIDTH, QUOTE_HEIGHT, type EvidenceFlowEdge, type FlowNode } from './flowTypes';

type CommandDeps = {
  wrapperRef: RefObject<HTMLDivElement | null>;
  collapsed: ReadonlySet<string> | null;
  /** In the far view, the nodes drawn on the canvas (hidden in React Flow, yet in the way of a new claim). */
  drawn: ReadonlySet<string> | null;
  /** Focus mode's shown nodes, or null for the whole map. */
  visible: ReadonlySet<string> | null;
  setStatus: (message: string, sticky?: boolean) => void;
  /** Leaves focus mode, so that a new claim is seen. */
  showAll: () => void;
};

/** Every link of the linked arguments `ids` belong to, and `ids` themselves. */
function withCoPremises(doc: MapDoc, ids: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const id of ids) {
    const l = doc.links[id];
    if (!l) continue;
    out.add(id);
    if (l.group === undefined) continue;
    for (const m of Object.values(doc.links)) if (m.group === l.group && m.to === l.to && m.relation === l.relation) out.add(m.id);
  }
  return out;
}

export function useGraphCommands({ wrapperRef, collapsed, drawn, visible, setStatus, showAll }: CommandDeps) {
  const rf = useReactFlow<FlowNode, EvidenceFlowEdge>();

  /** The links the user has picked: selected edges (a junction's arrow stands for its argument). */
  const selectedLinks = useCallback((): string[] => {
    return rf
      .getEdges()
      .filter((e) => e.selected && !e.hidden)
      .map((e) => e.data?.link ?? e.id);
  }, [rf]);

  const newClaimAtCentre = useCallback(() => {
    const box = wrapperRef.current?.getBoundingClientRect();
    if (!box || !mapStore.getState().doc) return;
    const c = rf.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
    const boxes = rf
      .getNodes()
      .filter((n) => !n.hidden || collapsed?.has(n.id) || (!!drawn && (!visible || visible.has(n.id))))
      .map((n) => ({
        ...n.position,
        w: n.measured?.width ?? NODE_WIDTH,
        h: n.measured?.height ?? (n.type === 'quote' ? QUOTE_HEIGHT : CLAIM_HEIGHT),
      }));
    const want = { x: Math.round(c.x - NODE_WIDTH / 2), y: Math.round(c.y - CLAIM_HEIGHT / 2) };
    const position = freeSpot(want, { w: NODE_WIDTH, h: CLAIM_HEIGHT }, boxes);
    let id = '';
    showAll();
    void mapStore.getState().edit(
      (doc) => {
        const r = newClaim(doc, { position });
        id = r.id;
        return r.change;
      },
      { label: 'New claim' },
    );
    if (!id) return;
    mapStore.getState().select({ kind: 'claim', id });
    useGraphUi.getState().edit(id, { fresh: true });
  }, [rf, collapsed, drawn, visible, wrapperRef, showAll]);

  /** The selected links joined into one linked argument. */
  const linkAsOne = useCallback(() => {
    const current = mapStore.getState().doc;
    if (!current) return;
    const ids = [...withCoPremises(current, selectedLinks())];
    if (ids.length < 2) {
      setStatus('Select two or more links to the same claim (Shift+click, or Shift+Space on each), then Link as one argument.');
      return;
    }
    const tried = groupLinks(current, ids);
    if (!tried.ok) {
      setStatus(tried.reason);
      return;
    }
    void mapStore.getState().edit(
      (doc) => {
        const r = groupLinks(doc, ids);
        return r.ok ? r.change : null;
      },
      { label: 'Link as one argument' },
    );
    setStatus(`Joined ${ids.length} links into one argument.`);
  }, [selectedLinks, setStatus]);

  /**
   * The arguments of the selected links, of the link selected in Details (a
   * click on a junction selects its first link) and of `focused` (a junction
   * or an edge) broken into separate reasons.
   */
  const breakArgument = useCallback(
    (focused: string | null) => {
      const current = mapStore.getState().doc;
      if (!current) return;
      const ids = selectedLinks();
      const selection = mapStore.getState().selection;
      if (selection?.kind === 'link') ids.push(selection.id);
      if (focused) {
        const node = rf.getNode(focused);
        const edge = node ? undefined : rf.getEdge(focused);
        if (node?.type === 'junction') ids.push(node.data.link);
        else if (edge) ids.push(edge.data?.link ?? edge.id);
      }
      const count = new Set(ids.flatMap((id) => {
        const l = current.links[id];
        return l?.group !== undefined ? [`${l.to} ${l.relation} ${l.group}`] : [];
      })).size;
      if (!count) {
        setStatus('Focus or select a linked argument (its junction or one of its links), then press Shift+G to break it apart.');
        return;
      }
      void mapStore.getState().edit((doc) => breakArguments(doc, ids), { label: 'Break argument' });
      setStatus(count === 1 ? 'Broke the argument into separate reasons.' : `Broke ${count} arguments into separate reasons.`);
    },
    [rf, selectedLinks, setStatus],
  );

  return { newClaimAtCentre, linkAsOne, breakArgument };
}

/** A map opened with many nodes that have no place keeps the places it was drawn with (not an undo step). */
export function useKeepOpeningPlaces(nodes: readonly FlowNode[], doc: MapDoc) {
  useEffect(() => {
    const missing = nodes.filter((n) => n.type !== 'junction' && !doc.layout[n.id]);
    if (missing.length > 20) {
      const positions = Object.fromEntries(missing.map((n) => [n.id, n.position]));
      void mapStore.getState().edit((d) => moveNodes(d, positions), { label: 'Layout', source: 'system' });
    }
    // Once, when the map opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
