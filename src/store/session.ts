/**
 * What the user is looking at, not what the map holds: the selection, the
 * source in the reader, one-off requests to flash a quote or centre a node,
 * and the app-wide notices. None of it is stored or sent to other tabs.
 *
 * Notices belong to the app, not to one map: a notice raised on the map list
 * ("Imported as a copy…") is still shown after the map it names is opened.
 */
import type { MapDoc } from '../domain/change';

export type SelectionKind = 'claim' | 'quote' | 'source' | 'link';
export type Selection = { kind: SelectionKind; id: string } | null;
export type Notice = { id: number; kind: 'error' | 'info'; text: string };

/** At most this many notices stand at once; older ones give way. */
const MAX_NOTICES = 5;

export type SessionState = {
  selection: Selection;
  /** The source shown in the reader. */
  openSourceId: string | null;
  /** A quote to scroll to and flash in the reader; the number changes on each request. */
  flash: { quoteId: string; seq: number } | null;
  /** A node the graph should centre and select; the number changes on each request. */
  reveal: { nodeId: string; seq: number } | null;
  notices: Notice[];
};

export type SessionActions = {
  select(selection: Selection): void;
  openSource(sourceId: string | null): void;
  showInSource(quoteId: string): void;
  /** Selects a claim or quote and asks the graph to centre it. */
  showInGraph(nodeId: string): void;
  notify(kind: Notice['kind'], text: string): void;
  dismissNotice(id: number): void;
};

/** The view of one map, reset when another map opens; notices are not part of it. */
export const initialView = (): Omit<SessionState, 'notices'> => ({
  selection: null,
  openSourceId: null,
  flash: null,
  reveal: null,
});

/** The selection still names something in the doc, or null. */
export function validSelection(doc: MapDoc, selection: Selection): Selection {
  if (!selection) return null;
  const table = { claim: doc.claims, quote: doc.quotes, source: doc.sources, link: doc.links }[selection.kind];
  return selection.id in table ? selection : null;
}

type Host = SessionState & { doc: MapDoc | null };

/** The session slice of a zustand store whose state also holds the open `doc`. */
export function createSession(
  set: (patch: Partial<SessionState> | ((s: Host) => Partial<SessionState>)) => void,
  get: () => Host,
): SessionState & SessionActions {
  let noticeSeq = 0;
  let requestSeq = 0;
  return {
    ...initialView(),
    notices: [],

    select(selection) {
      const doc = get().doc;
      const patch: Partial<SessionState> = { selection };
      if (selection?.kind === 'source') patch.openSourceId = selection.id;
      if (selection?.kind === 'quote' && doc) {
        const q = doc.quotes[selection.id];
        if (q) patch.openSourceId = q.sourceId;
      }
      set(patch);
    },

    openSource(sourceId) {
      set({ openSourceId: sourceId });
    },

    showInSource(quoteId) {
      const q = get().doc?.quotes[quoteId];
      if (!q) return;
      set({ openSourceId: q.sourceId, flash: { quoteId, seq: ++requestSeq } });
    },

    showInGraph(nodeId) {
      const doc = get().doc;
      if (!doc) return;
      const kind = nodeId in doc.claims ? 'claim' : nodeId in doc.quotes ? 'quote' : null;
      if (!kind) return;
      set({ selection: { kind, id: nodeId }, reveal: { nodeId, seq: ++requestSeq } });
    },

    notify(kind, text) {
      const notice = { id: ++noticeSeq, kind, text };
      set((s) => ({ notices: [...s.notices.slice(-(MAX_NOTICES - 1)), notice] }));
    },

    dismissNotice(id) {
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },
  };
}
