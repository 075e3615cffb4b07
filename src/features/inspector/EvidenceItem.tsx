import type { MapDoc } from '../../domain/change';
import { linkWeight, type Link } from '../../domain/schema';
import { admiraltyGrade } from './scales';
import { cutAtWord, gradeMeaning, WEIGHT_NAMES } from '../../domain/vocabulary';
import { select, selectNode } from './edit';

type Tables = Pick<MapDoc, 'claims' | 'quotes' | 'sources'>;

/**
 * One direct reason for or against a claim: the quote (with its source and
 * Admiralty grade) or claim at the link's `from`, which selects that node,
 * and the link's weight, which selects the link.
 */
export function EvidenceItem({ link, tables }: { link: Link; tables: Tables }) {
  const quote = tables.quotes[link.from];
  const claim = tables.claims[link.from];
  const weight = WEIGHT_NAMES[linkWeight(link)];
  let body;
  if (quote) {
    const source = tables.sources[quote.sourceId];
    const grade = admiraltyGrade(source?.reliability, quote.credibility);
    body = (
      <>
        <span className="ev-text">“{cutAtWord(quote.exact, 160)}”</span>
        <span className="ev-meta">
          {source?.title ?? 'Missing source'}
          {grade && (
            <>
              {' · '}
              <abbr className="grade" title={gradeMeaning(source?.reliability, quote.credibility)}>
                {grade}
              </abbr>
            </>
          )}
        </span>
      </>
    );
  } else if (claim) {
    body = (
      <>
        <span className="ev-text">{claim.text || 'Untitled claim'}</span>
        <span className="ev-meta">claim</span>
      </>
    );
  } else {
    return null;
  }
  return (
    <li className={`ev-item ev-${link.relation}`}>
      <button type="button" className="ev-node" onClick={() => selectNode(link.from)}>
        {body}
      </button>
      <button type="button" className="ev-link" onClick={() => select('link', link.id)}>
        {weight} link
      </button>
    </li>
  );
}
