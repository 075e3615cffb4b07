import { useLayoutEffect, useRef, type ReactNode } from 'react';
import type { MapState } from '../../store/mapStore';
import { useMapStore } from '../../store/useMapStore';
import { ClaimDetails, type ClaimTools } from './ClaimDetails';
import { LinkDetails } from './LinkDetails';
import { MapDetails } from './MapDetails';
import { QuoteDetails } from './QuoteDetails';
import { SourceDetails } from './SourceDetails';
import './inspector.css';

/** Does the selection still name a record of the open map? */
function selectedExists(s: MapState): boolean {
  const sel = s.selection;
  const doc = s.doc;
  if (!sel || !doc) return false;
  const table = { claim: doc.claims, quote: doc.quotes, source: doc.sources, link: doc.links }[sel.kind];
  return sel.id in table;
}

/**
 * The Details region: what is selected, editable in place. Every field edit
 * is one store action; the panel re-renders from the store. When the
 * selected record disappears (deleted, undone, another tab) it falls back to
 * the map's own details. Each kind is keyed by id, so drafts and dialogs of
 * one record never leak into the next. `claimTools` is what other features
 * add to a claim's details, handed down from app/.
 */
export function DetailsPanel({ claimTools, commentTools }: { claimTools?: ClaimTools; commentTools?: (on: string) => ReactNode }) {
  const anchor = useRef<HTMLDivElement>(null);
  const kind = useMapStore((s) => s.selection?.kind);
  const id = useMapStore((s) => s.selection?.id);
  // Another record's details start at their heading: the panel's scroller
  // kept the last one's position and cut the new heading off.
  useLayoutEffect(() => {
    for (let el = anchor.current?.parentElement; el; el = el.parentElement) {
      const overflow = getComputedStyle(el).overflowY;
      if (overflow === 'auto' || overflow === 'scroll') {
        el.scrollTop = 0;
        return;
      }
    }
  }, [kind, id]);
  return (
    // display: contents: a handle on the panel's scroller that adds no box to the layout.
    <div ref={anchor} className="details-anchor" style={{ display: 'contents' }}>
      <Details claimTools={claimTools} />
      {commentTools && <CommentsOfSelection tools={commentTools} />}
    </div>
  );
}

/** The review threads of what the details show (the map when nothing is selected), lent by app/. */
function CommentsOfSelection({ tools }: { tools: (on: string) => ReactNode }) {
  const on = useMapStore((s) => (s.selection && selectedExists(s) ? s.selection.id : s.doc?.map.id));
  return on === undefined ? null : <div key={on}>{tools(on)}</div>;
}

function Details({ claimTools }: { claimTools?: ClaimTools }) {
  const selection = useMapStore((s) => s.selection);
  const exists = useMapStore(selectedExists);
  const hasDoc = useMapStore((s) => s.doc !== null);
  if (!hasDoc) return null;
  if (!selection || !exists) return <MapDetails />;
  switch (selection.kind) {
    case 'claim':
      return <ClaimDetails key={selection.id} id={selection.id} tools={claimTools} />;
    case 'quote':
      return <QuoteDetails key={selection.id} id={selection.id} />;
    case 'source':
      return <SourceDetails key={selection.id} id={selection.id} />;
    case 'link':
      return <LinkDetails key={selection.id} id={selection.id} />;
  }
}
