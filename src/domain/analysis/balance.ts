/**
 * A claim's direct balance and status (map-format.md, "Meaning"): only the
 * links that end at the claim count, not evidence further down the chains
 * (that is `evidenceFor`).
 */
import type { MapDoc } from '../change';
import { linkWeight } from '../schema';
import { isLiveLink, linkGraph } from './graph';

export type Balance = {
  /** Summed weight of incoming supports (absent weight counts 2). */
  forWeight: number;
  /** Summed weight of incoming contradicts. */
  againstWeight: number;
  forCount: number;
  againstCount: number;
};

/** `unsupported`: no incoming link · `supported`: supports only · `contested`: both · `contradicted`: contradicts only. */
export type ClaimStatus = 'unsupported' | 'supported' | 'contested' | 'contradicted';

export type ClaimBalance = Balance & { status: ClaimStatus };

export const emptyBalance = (): Balance => ({ forWeight: 0, againstWeight: 0, forCount: 0, againstCount: 0 });

export function statusOf(balance: Balance): ClaimStatus {
  if (balance.forCount > 0) return balance.againstCount > 0 ? 'contested' : 'supported';
  return balance.againstCount > 0 ? 'contradicted' : 'unsupported';
}

/** The direct balance of one claim; an unknown id has an empty balance. */
export function directBalance(doc: MapDoc, claimId: string): Balance {
  const balance = emptyBalance();
  const g = linkGraph(doc);
  const c = g.claimIndex.get(claimId);
  if (c === undefined) return balance;
  for (let k = g.inStart[c]!; k < g.inStart[c + 1]!; k++) {
    const l = g.inLinks[k]!;
    if (g.sign[l]! > 0) {
      balance.forWeight += g.weight[l]!;
      balance.forCount++;
    } else {
      balance.againstWeight += g.weight[l]!;
      balance.againstCount++;
    }
  }
  return balance;
}

export function claimStatus(doc: MapDoc, claimId: string): ClaimStatus {
  return statusOf(directBalance(doc, claimId));
}

/**
 * Every claim's balance and status in one pass over the links, for the graph
 * view of a whole map. Links with a missing end are left out, as everywhere
 * in analysis.
 */
export function allBalances(doc: MapDoc): Record<string, ClaimBalance> {
  const out: Record<string, ClaimBalance> = {};
  for (const id of Object.keys(doc.claims)) out[id] = { ...emptyBalance(), status: 'unsupported' };
  for (const link of Object.values(doc.links)) {
    if (!isLiveLink(doc, link)) continue;
    const b = out[link.to]!;
    if (link.relation === 'supports') {
      b.forWeight += linkWeight(link);
      b.forCount++;
    } else {
      b.againstWeight += linkWeight(link);
      b.againstCount++;
    }
  }
  for (const b of Object.values(out)) b.status = statusOf(b);
  return out;
}
