/**
 * Graph edits that compose the builders of edits.ts into ONE change (one undo
 * step, one write).
 */
import { applyChange, type Change, type MapDoc } from './change';
import { addLink, newClaim } from './edits';
import type { Position, Relation } from './schema';

export type LinkedClaimInput = {
  position: Position;
  relation: Relation;
  text?: string;
} & (
  /** The new claim is the conclusion: `from` (a claim or quote) supports or contradicts it. */
  | { from: string; to?: undefined }
  /** The new claim is the reason: it supports or contradicts the claim `to`. */
  | { to: string; from?: undefined }
);

/**
 * A new claim linked to an existing node, as one change: what a connection
 * dropped on empty canvas makes. Refused (with the reason) when the link would
 * be, e.g. a new claim offered as the conclusion of a missing node.
 */
export function newLinkedClaim(
  doc: MapDoc,
  input: LinkedClaimInput,
  now?: string,
): { ok: true; change: Change; claimId: string; linkId: string } | { ok: false; reason: string } {
  const claim = newClaim(doc, { text: input.text ?? '', position: input.position }, now);
  const withClaim = applyChange(doc, claim.change);
  const link =
    input.from !== undefined
      ? addLink(withClaim, { from: input.from, to: claim.id, relation: input.relation }, now)
      : addLink(withClaim, { from: claim.id, to: input.to, relation: input.relation }, now);
  if (!link.ok) return link;
  const change: Change = {
    mapId: doc.map.id,
    put: { ...claim.change.put, links: link.change.put.links ?? [] },
    delete: {},
  };
  return { ok: true, change, claimId: claim.id, linkId: link.id };
}
