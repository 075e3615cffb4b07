/**
 * What a claim's overview badge counts: every quote whose evidence reaches the
 * claim through chains of links, for and against, with its weight — the same
 * balance the Thesis check shows for it (domain/analysis/evidence.ts). The
 * quotes linked straight to a claim would understate a thesis held up by
 * sub-claims (it read `1 for · 0 against` while contested 53 against 44).
 *
 * Worked out per claim only when its badge is drawn (the overview draws the
 * claims in view), once per version of the links.
 */
import type { MapDoc } from '../../domain/change';
import { evidenceFor } from '../../domain/analysis/evidence';
import type { Balance } from '../../domain/analysis/balance';

type Entry = { claims: MapDoc['claims']; quotes: MapDoc['quotes']; byClaim: Map<string, Balance> };
const cache = new WeakMap<object, Entry>();

export function reachingBalance(doc: MapDoc, claimId: string): Balance {
  let entry = cache.get(doc.links);
  if (!entry || entry.claims !== doc.claims || entry.quotes !== doc.quotes) {
    entry = { claims: doc.claims, quotes: doc.quotes, byClaim: new Map() };
    cache.set(doc.links, entry);
  }
  let b = entry.byClaim.get(claimId);
  if (!b) entry.byClaim.set(claimId, (b = evidenceFor(doc, claimId).totals));
  return b;
}
