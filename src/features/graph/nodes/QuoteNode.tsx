import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useMapStore } from '../../../store/useMapStore';
import { countRender } from '../renderCount';
import { anchorOf } from '../../../domain/derive/derive';
import type { QuoteFlowNode } from '../flowTypes';
import { ellipsize } from '../../../domain/vocabulary';
import { CompareMarkLabel, OpenThreads } from './OpenThreads';

const ANCHOR_WARNING = {
  relocated: 'The passage moved in its source',
  fuzzy: 'The passage no longer matches its source exactly',
  ambiguous: 'The passage is found more than once in its source',
  orphaned: 'The passage is no longer in its source',
} as const;

const shortTitle = (title: string) => ellipsize(title, 32);

/** A quote: its passage (clamped), its source, its grade and an anchor warning. */
function QuoteNodeComponent({ id }: NodeProps<QuoteFlowNode>) {
  countRender('quote');
  const quote = useMapStore((s) => s.doc?.quotes[id]);
  // Cached per quote and source record (anchorOf): worked out once, when the node is first drawn.
  const anchor = useMapStore((s) => {
    const q = s.doc?.quotes[id];
    return s.doc && q ? anchorOf(s.doc, q) : 'exact';
  });
  const sourceTitle = useMapStore((s) => (quote ? s.doc?.sources[quote.sourceId]?.title : undefined));
  const reliability = useMapStore((s) => (quote ? s.doc?.sources[quote.sourceId]?.reliability : undefined));
  if (!quote) return null;
  const grade = `${reliability ?? '–'}${quote.credibility ?? '–'}`;
  const warning = anchor === 'exact' ? null : ANCHOR_WARNING[anchor];
  return (
    <div className={`gn-quote-node${warning ? ' gn-has-warning' : ''}`}>
      <CompareMarkLabel id={id} />
      <p className="gn-node-text gn-quote-text">{quote.exact}</p>
      <div className="gn-quote-meta">
        <span className="gn-quote-source" title={sourceTitle}>
          {shortTitle(sourceTitle ?? 'Missing source')}
        </span>
        <span className="gn-quote-grade" title="Source reliability and quote credibility (Admiralty scale)">
          {grade}
        </span>
        <OpenThreads id={id} kind="quote" />
      </div>
      {warning && (
        <p className="gn-quote-warning">
          <span aria-hidden="true">⚠ </span>
          {warning}
        </p>
      )}
      <Handle type="source" position={Position.Bottom} className="gn-graph-handle" />
    </div>
  );
}

export const QuoteNode = memo(QuoteNodeComponent);
