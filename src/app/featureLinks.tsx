/**
 * What one feature lends another, wired here: features never import each
 * other (docs/architecture.md), so app/ hands each the pieces it shows of
 * another, as render props and functions.
 */
import type { ClaimTools } from '../features/inspector/ClaimDetails';
import type { ReaderTools } from '../features/sources/Reader';
import { EvidenceFinderSection } from '../features/search/EvidenceFinder';
import { NextRelevantButton } from '../features/search/NextRelevantButton';
import { LinkQuoteDialog } from '../features/sources/LinkQuoteDialog';
import { CommentThreads } from '../features/review/Review';

export { withWholeGraph } from '../features/graph/graphUi';

/** A claim's details: the evidence finder, whose `Quote this` opens `Link quote` with the passage and the claim chosen. */
export const claimTools: ClaimTools = (claimId) => (
  <EvidenceFinderSection
    claimId={claimId}
    renderQuoteDialog={(passage, close) => <LinkQuoteDialog passage={passage} claimId={claimId} keepSelection onClose={close} onLinked={close} />}
  />
);

/** The reader's toolbar: the stepper to the next relevant unquoted paragraph. */
export const readerTools: ReaderTools = (sourceId) => <NextRelevantButton sourceId={sourceId} />;

/** The review threads of a record (or of the map) in its details. */
export const commentTools = (on: string) => <CommentThreads on={on} />;
