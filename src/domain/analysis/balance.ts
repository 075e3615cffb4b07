/**
 * A claim's direct balance and status (docs/file-format.md, "Meaning"): only the
 * links that end at the claim count, not evidence further down the chains
 * (that is `evidenceFor`).
 */
import type { MapDoc } from '../change';
import { linkGraph, type LinkGraph } from './graph';
import type { AnalysisOptions } from './weights';

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

/**
 * Adds the links ending at claim `c` to a balance: a fully undercut link
 * (weight 0) counts for nothing, and a linked argument (format version 2
 * group) counts once, with its weight, however many co-premises it has.
 */
function addIncoming(g: LinkGraph, c: number, balance: Balance, include: (l: number) => boolean = () => true): void {
  let seen: Set<number> | undefined;
  for (let k = g.inStart[c]!; k < g.inStart[c + 1]!; k++) {
    const l = g.inLinks[k]!;
    if (g.units[l] === 0 || !include(l)) continue;
    const group = g.groupOf[l]!;
    if (group >= 0) {
      seen ??= new Set();
      if (seen.has(group)) continue;
      seen.add(group);
    }
    if (g.sign[l]! > 0) {
      balance.forWeight = Math.round((balance.forWeight + g.weight[l]!) * 100) / 100;
      balance.forCount++;
    } else {
      balance.againstWeight = Math.round((balance.againstWeight + g.weight[l]!) * 100) / 100;
      balance.againstCount++;
    }
  }
}

/**
 * The direct balance of one claim; an unknown id has an empty balance.
 * `include` leaves links out (by graph index), e.g. those of disabled quotes.
 */
export function directBalance(doc: MapDoc, claimId: string, options?: AnalysisOptions, include?: (g: LinkGraph, l: number) => boolean): Balance {
  const balance = emptyBalance();
  const g = linkGraph(doc, options);
  const c = g.claimIndex.get(claimId);
  if (c === undefined) return balance;
  addIncoming(g, c, balance, include && ((l) => include(g, l)));
  return balance;
}

export function claimStatus(doc: MapDoc, claimId: string, options?: AnalysisOptions): ClaimStatus {
  return statusOf(directBalance(doc, claimId, options));
}

/**
 * Every claim's balance and status in one pass over the links, for the graph
 * view of a whole map. Links with a missing end are left out, as everywhere
 * in analysis.
 */
export function allBalances(doc: MapDoc, options?: AnalysisOptions): Record<string, ClaimBalance> {
  const out: Record<string, ClaimBalance> = {};
  const g = linkGraph(doc, options);
  for (let c = 0; c < g.claimIds.length; c++) {
    const b = emptyBalance();
    addIncoming(g, c, b);
    out[g.claimIds[c]!] = { ...b, status: statusOf(b) };
  }
  return out;
}
