/**
 * The claim view's data (docs/ui-names.md, "Claim view"): the reasons and evidence of
 * one claim split into For and Against, and the chain that leads from a
 * thesis down to it. This is how a reader moves through an argument one
 * claim at a time, as on Kialo: the cards under a claim, a click to go down,
 * a breadcrumb to go back up.
 */
import type { MapDoc } from '../change';
import { gradeText } from '../vocabulary';
import { linkGraph } from './graph';
import type { Sign } from './evidence';

type CardBase = {
  /** The link from the card's claim or quote to the claim shown. */
  linkId: string;
  /** +1 supports the claim shown, −1 contradicts it. */
  sign: Sign;
  /** The link's weight, 1–3 (absent means 2). */
  weight: number;
};

export type ClaimCard = CardBase & {
  kind: 'claim';
  claimId: string;
  text: string;
  isThesis: boolean;
  /** The card's own reasons and evidence, for a hint of what lies below it. */
  forCount: number;
  againstCount: number;
};

export type QuoteCard = CardBase & {
  kind: 'quote';
  quoteId: string;
  sourceId: string;
  exact: string;
  sourceTitle: string;
  /** The Admiralty grade, `B2`, with `–` for an unrated half. */
  grade: string;
};

export type Card = ClaimCard | QuoteCard;

export type ClaimColumns = { for: Card[]; against: Card[] };

/**
 * The direct reasons (claims) and evidence (quotes) of a claim, split by the
 * relation of their link: reasons first, then by weight (strongest first),
 * then in map order. An unknown claim has none.
 */
export function claimColumns(doc: MapDoc, claimId: string): ClaimColumns {
  const g = linkGraph(doc);
  const out: ClaimColumns = { for: [], against: [] };
  const c = g.claimIndex.get(claimId);
  if (c === undefined) return out;
  const counts = (index: number) => {
    let forCount = 0;
    let againstCount = 0;
    for (let k = g.inStart[index]!, end = g.inStart[index + 1]!; k < end; k++) {
      if (g.sign[g.inLinks[k]!]! > 0) forCount++;
      else againstCount++;
    }
    return { forCount, againstCount };
  };
  const order = new Map<Card, number>();
  for (let k = g.inStart[c]!, end = g.inStart[c + 1]!; k < end; k++) {
    const l = g.inLinks[k]!;
    const link = g.links[l]!;
    const sign = g.sign[l]! as Sign;
    const weight = g.weight[l]!;
    const from = g.fromClaim[l]!;
    let card: Card;
    if (from >= 0) {
      const claim = doc.claims[g.claimIds[from]!]!;
      card = { kind: 'claim', linkId: link.id, sign, weight, claimId: claim.id, text: claim.text, isThesis: claim.kind === 'thesis', ...counts(from) };
    } else {
      const quote = doc.quotes[link.from]!;
      const source = doc.sources[quote.sourceId];
      card = {
        kind: 'quote',
        linkId: link.id,
        sign,
        weight,
        quoteId: quote.id,
        sourceId: quote.sourceId,
        exact: quote.exact,
        sourceTitle: source?.title || (source ? 'Untitled source' : 'Missing source'),
        grade: gradeText(source?.reliability, quote.credibility),
      };
    }
    order.set(card, k);
    (sign > 0 ? out.for : out.against).push(card);
  }
  const rank = (a: Card, b: Card) =>
    (a.kind === b.kind ? 0 : a.kind === 'claim' ? -1 : 1) || b.weight - a.weight || order.get(a)! - order.get(b)!;
  out.for.sort(rank);
  out.against.sort(rank);
  return out;
}

export type ChainStep = {
  claimId: string;
  /**
   * How this step's claim bears on the step above it: +1 supports, −1
   * contradicts; 0 for the first step, which has nothing above.
   */
  sign: Sign | 0;
  /** How this step's claim bears on the first step, signs multiplied down the chain. */
  net: Sign;
};

/**
 * The shortest chain of claim links from a thesis down to `claimId`, thesis
 * first: the claim view's breadcrumb. A claim that is a thesis, or from which
 * no thesis is reached, stands alone.
 */
export function chainFromThesis(doc: MapDoc, claimId: string): ChainStep[] {
  const g = linkGraph(doc);
  const start = g.claimIndex.get(claimId);
  if (start === undefined) return [];
  const isThesis = (c: number) => doc.claims[g.claimIds[c]!]?.kind === 'thesis';
  // Breadth-first up the outgoing claim links: the first thesis met is the nearest.
  const via = new Int32Array(g.claimIds.length).fill(-2); // link taken to reach a claim; -1 for the start
  via[start] = -1;
  const queue = [start];
  let found = isThesis(start) ? start : -1;
  for (let head = 0; head < queue.length && found < 0; head++) {
    const u = queue[head]!;
    for (let k = g.outStart[u]!, end = g.outStart[u + 1]!; k < end; k++) {
      const l = g.outLinks[k]!;
      const v = g.toClaim[l]!;
      if (via[v] !== -2) continue;
      via[v] = l;
      if (isThesis(v)) {
        found = v;
        break;
      }
      queue.push(v);
    }
  }
  if (found < 0) return [{ claimId, sign: 0, net: 1 }];
  return stepsOf(g, via, found, start);
}

/** The chain from `top` down to `bottom` along the recorded links, with signs. */
function stepsOf(g: ReturnType<typeof linkGraph>, via: Int32Array, top: number, bottom: number): ChainStep[] {
  const steps: ChainStep[] = [{ claimId: g.claimIds[top]!, sign: 0, net: 1 }];
  // Walking from top down: the claim below `u` is the `from` of the link that reached u.
  const down: number[] = [];
  for (let u = top; u !== bottom; ) {
    const l = via[u]!;
    down.push(l);
    u = g.fromClaim[l]!;
  }
  let net: Sign = 1;
  for (const l of down) {
    const sign = g.sign[l]! as Sign;
    net = (net * sign) as Sign;
    steps.push({ claimId: g.claimIds[g.fromClaim[l]!]!, sign, net });
  }
  return steps;
}

/** The sign of the claim link from `from` to `to`, or null when there is none (supports wins a tie). */
function linkSign(g: ReturnType<typeof linkGraph>, from: string, to: string): Sign | null {
  const f = g.claimIndex.get(from);
  const t = g.claimIndex.get(to);
  if (f === undefined || t === undefined) return null;
  let sign: Sign | null = null;
  for (let k = g.outStart[f]!, end = g.outStart[f + 1]!; k < end; k++) {
    const l = g.outLinks[k]!;
    if (g.toClaim[l] !== t) continue;
    if (g.sign[l]! > 0) return 1;
    sign = -1;
  }
  return sign;
}

/**
 * The steps of a chain of claim ids (top first), with their signs. A chain
 * the map no longer holds (a claim or link deleted since) becomes the last
 * claim's own chain from a thesis; an empty one stays empty.
 */
export function chainSteps(doc: MapDoc, ids: readonly string[]): ChainStep[] {
  const last = ids[ids.length - 1];
  if (last === undefined) return [];
  const g = linkGraph(doc);
  if (!(ids[0]! in doc.claims)) return chainFromThesis(doc, last);
  const steps: ChainStep[] = [{ claimId: ids[0]!, sign: 0, net: 1 }];
  for (let i = 1; i < ids.length; i++) {
    const sign = linkSign(g, ids[i]!, ids[i - 1]!);
    if (sign === null) return chainFromThesis(doc, last);
    steps.push({ claimId: ids[i]!, sign, net: (steps[i - 1]!.net * sign) as Sign });
  }
  return steps;
}

/**
 * The chain extended by one claim below its last step, when that claim is a
 * direct reason of the last step and not already on the chain (a cycle);
 * otherwise the claim's own chain from a thesis.
 */
export function chainDown(doc: MapDoc, ids: readonly string[], claimId: string): string[] {
  const last = ids[ids.length - 1];
  if (last !== undefined && !ids.includes(claimId) && linkSign(linkGraph(doc), claimId, last) !== null) return [...ids, claimId];
  return chainFromThesis(doc, claimId).map((s) => s.claimId);
}
