/**
 * The thesis check: weaknesses of a map worth a reader's attention. Each
 * warning names what it is about in plain English and lists the ids involved,
 * so the UI can select them.
 *
 * With `thesisId`, only what bears on that thesis is checked: claims "on the
 * way" are the thesis and every claim from which a chain of links (of any
 * relation) leads to it, and quotes on the way are those linked to such a
 * claim. An unknown thesis has nothing on the way. Disabled sources and quotes
 * are treated as absent throughout (the "what if" check).
 */
import type { MapDoc } from '../change';
import type { Quote } from '../schema';
import { quoteEnabled, type EvidenceOptions } from './evidence';
import { linkGraph, type LinkGraph } from './graph';
import { briefText, plural } from '../vocabulary';
import type { AnchorStatus } from '../anchoring/anchor';
import { anchorStatusOf } from '../derive/derive';

export type { AnchorStatus };

export type WarningKind =
  | 'unsupported-claim'
  | 'single-source'
  | 'low-reliability-only'
  | 'circular-support'
  | 'quote-not-anchored'
  /** Format version 2: a reason whose inference undercutters have cut to nothing. */
  | 'undercut-reason';

export type Warning = { kind: WarningKind; message: string; ids: string[] };

export type WarningOptions = EvidenceOptions & {
  thesisId?: string;
  /**
   * How each quote's anchor stands; defaults to the one status the graph and
   * the reader show too (`anchorStatusOf`, domain/derive: real re-anchoring).
   */
  anchorStatus?: (quoteId: string) => AnchorStatus;
};

const NONE = -1;
const MANY = -2;

/**
 * Supporting evidence of every (claim, sign) state, propagated forward from
 * the quotes along claim-to-claim links with signs multiplying: which sources
 * (none, exactly one, many), whether any quote, whether any quote that is not
 * low-reliability. Each value can only grow a bounded number of times (a
 * lattice of height 3 for sources, 2 for the flags), so the worklist runs in
 * linear time and terminates on cycles.
 */
function propagateSupport(doc: MapDoc, g: LinkGraph, options: EvidenceOptions | undefined) {
  const states = g.claimIds.length * 2;
  const source = new Int32Array(states).fill(NONE);
  const any = new Uint8Array(states);
  const strong = new Uint8Array(states);
  const sourceIds: string[] = [];
  const sourceIndex = new Map<string, number>();
  const queued = new Uint8Array(states);
  const queue: number[] = [];

  const join = (v: number, src: number, anyQ: number, strongQ: number): void => {
    const before = source[v]!;
    const after = before === NONE ? src : src === NONE || src === before ? before : MANY;
    let changed = after !== before;
    source[v] = after;
    if (anyQ && !any[v]) {
      any[v] = 1;
      changed = true;
    }
    if (strongQ && !strong[v]) {
      strong[v] = 1;
      changed = true;
    }
    if (changed && !queued[v]) {
      queued[v] = 1;
      queue.push(v);
    }
  };

  for (let l = 0; l < g.links.length; l++) {
    if (g.fromClaim[l]! >= 0 || g.units[l] === 0) continue;
    const quote = doc.quotes[g.links[l]!.from]!;
    if (!quoteEnabled(quote, options)) continue;
    let src = sourceIndex.get(quote.sourceId);
    if (src === undefined) {
      src = sourceIds.length;
      sourceIndex.set(quote.sourceId, src);
      sourceIds.push(quote.sourceId);
    }
    join(g.toClaim[l]! * 2 + (g.sign[l]! < 0 ? 1 : 0), src, 1, isWeak(doc, quote) ? 0 : 1);
  }
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    queued[u] = 0;
    const c = u >> 1;
    const s = u & 1 ? -1 : 1;
    for (let k = g.outStart[c]!; k < g.outStart[c + 1]!; k++) {
      const l = g.outLinks[k]!;
      if (g.units[l] === 0) continue; // fully undercut: carries nothing
      const v = g.toClaim[l]! * 2 + (s * g.sign[l]! < 0 ? 1 : 0);
      join(v, source[u]!, any[u]!, strong[u]!);
    }
  }
  return { source, any, strong, sourceIds };
}

/** Low reliability: a source graded E (unreliable) or F (cannot be judged), or a quote of credibility 5 (improbable). */
function isWeak(doc: MapDoc, quote: Quote): boolean {
  const reliability = doc.sources[quote.sourceId]?.reliability;
  return reliability === 'E' || reliability === 'F' || quote.credibility === 5;
}

/** Claims from which a chain of links leads to `root`, and `root` itself. */
function onTheWay(g: LinkGraph, root: number): Uint8Array {
  const seen = new Uint8Array(g.claimIds.length);
  seen[root] = 1;
  const queue = [root];
  for (let head = 0; head < queue.length; head++) {
    const c = queue[head]!;
    for (let k = g.inStart[c]!; k < g.inStart[c + 1]!; k++) {
      const from = g.fromClaim[g.inLinks[k]!]!;
      if (from >= 0 && !seen[from]) {
        seen[from] = 1;
        queue.push(from);
      }
    }
  }
  return seen;
}

/**
 * Strongly connected components of the supports links between claims, by
 * Tarjan's algorithm with an explicit stack (a 5,000-claim chain would
 * overflow the call stack if recursive). Returns the components that are
 * cycles: more than one claim, or one claim supporting itself.
 */
export function supportCycles(g: LinkGraph): number[][] {
  const n = g.claimIds.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const selfLoop = new Uint8Array(n);
  const stack: number[] = [];
  const callNode: number[] = [];
  const callEdge: number[] = [];
  const cycles: number[][] = [];
  let counter = 0;

  const enter = (v: number) => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
    callNode.push(v);
    callEdge.push(g.outStart[v]!);
  };

  for (let r = 0; r < n; r++) {
    if (index[r] !== -1) continue;
    enter(r);
    while (callNode.length) {
      const top = callNode.length - 1;
      const v = callNode[top]!;
      const e = callEdge[top]!;
      if (e < g.outStart[v + 1]!) {
        callEdge[top] = e + 1;
        const l = g.outLinks[e]!;
        if (g.sign[l]! < 0) continue;
        const w = g.toClaim[l]!;
        if (w === v) selfLoop[v] = 1;
        if (index[w] === -1) enter(w);
        else if (onStack[w] && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      callNode.pop();
      callEdge.pop();
      if (callNode.length) {
        const p = callNode[callNode.length - 1]!;
        if (low[v]! < low[p]!) low[p] = low[v]!;
      }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || selfLoop[v]) cycles.push(component.sort((a, b) => a - b));
      }
    }
  }
  return cycles;
}

function listClaims(doc: MapDoc, ids: readonly string[], max = 3): string {
  const named = ids.slice(0, max).map((id) => `“${briefText(doc.claims[id]!.text, 40)}”`);
  const rest = ids.length - named.length;
  if (rest > 0) return `${named.join(', ')} and ${plural(rest, 'more claim')}`;
  return named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]!}`;
}

const anchorProblem: Record<Exclude<AnchorStatus, 'exact' | 'relocated'>, string> = {
  fuzzy: 'only approximately matches',
  ambiguous: 'matches several places in',
  orphaned: 'can no longer be found in',
};

/** Every warning about the map (or, with `thesisId`, about what bears on that thesis). */
export function analyzeWarnings(doc: MapDoc, options?: WarningOptions): Warning[] {
  const g = linkGraph(doc);
  const n = g.claimIds.length;
  let scope: Uint8Array | undefined;
  let thesis = -1;
  if (options?.thesisId !== undefined) {
    thesis = g.claimIndex.get(options.thesisId) ?? -1;
    scope = thesis >= 0 ? onTheWay(g, thesis) : new Uint8Array(n);
  }
  const inScope = (c: number) => !scope || scope[c] === 1;
  const claimText = (c: number) => `“${briefText(doc.claims[g.claimIds[c]!]!.text)}”`;
  const warnings: Warning[] = [];

  // unsupported-claim: no incoming supports from anything still in play.
  const supported = new Uint8Array(n);
  for (let l = 0; l < g.links.length; l++) {
    if (g.sign[l]! < 0 || g.units[l] === 0) continue;
    if (g.fromClaim[l]! < 0 && !quoteEnabled(doc.quotes[g.links[l]!.from]!, options)) continue;
    supported[g.toClaim[l]!] = 1;
  }
  for (let c = 0; c < n; c++) {
    if (!supported[c] && inScope(c)) {
      warnings.push({
        kind: 'unsupported-claim',
        message: `Nothing supports ${claimText(c)}.`,
        ids: [g.claimIds[c]!],
      });
    }
  }

  const support = propagateSupport(doc, g, options);
  for (let c = 0; c < n; c++) {
    const src = support.source[c * 2]!;
    if (src < 0 || !inScope(c)) continue;
    const sourceId = support.sourceIds[src]!;
    const title = doc.sources[sourceId]?.title;
    warnings.push({
      kind: 'single-source',
      message: `All the evidence supporting ${claimText(c)} comes from one source${title ? `, “${briefText(title)}”` : ''}.`,
      ids: [g.claimIds[c]!, sourceId],
    });
  }
  for (let c = 0; c < n; c++) {
    if (thesis >= 0 ? c !== thesis : !inScope(c)) continue;
    if (!support.any[c * 2] || support.strong[c * 2]) continue;
    warnings.push({
      kind: 'low-reliability-only',
      message: `The evidence supporting ${claimText(c)} comes only from unreliable sources (graded E or F) or improbable quotes (credibility 5).`,
      ids: [g.claimIds[c]!],
    });
  }

  for (const component of supportCycles(g)) {
    if (!inScope(component[0]!)) continue; // one member on the way means all are
    const ids = component.map((c) => g.claimIds[c]!);
    warnings.push({
      kind: 'circular-support',
      message:
        ids.length === 1
          ? `${listClaims(doc, ids)} supports itself: circular reasoning.`
          : `${listClaims(doc, ids)} support each other in a circle: circular reasoning.`,
      ids,
    });
  }

  // undercut-reason: a link on the way whose inference is undercut to nothing.
  let undercutBy: Map<string, string[]> | undefined;
  const groupsWarned = new Set<number>();
  for (let l = 0; l < g.links.length; l++) {
    if (g.units[l] !== 0 || !inScope(g.toClaim[l]!)) continue;
    const group = g.groupOf[l]!;
    if (group >= 0) {
      if (groupsWarned.has(group)) continue; // one warning per linked argument
      groupsWarned.add(group);
    }
    if (!undercutBy) {
      undercutBy = new Map();
      for (const u of Object.values(doc.links)) {
        if (u.relation !== 'contradicts' || !(u.to in doc.links)) continue;
        const list = undercutBy.get(u.to);
        if (list) list.push(u.id);
        else undercutBy.set(u.to, [u.id]);
      }
    }
    const link = g.links[l]!;
    const from = doc.claims[link.from]?.text ?? doc.quotes[link.from]?.exact ?? '';
    const by = undercutBy.get(link.id) ?? [];
    warnings.push({
      kind: 'undercut-reason',
      message: `The reason “${briefText(from, 40)}” ${link.relation === 'supports' ? 'for' : 'against'} ${claimText(g.toClaim[l]!)} is fully undercut: it carries nothing.`,
      ids: [link.id, ...by],
    });
  }

  const anchorStatus = options?.anchorStatus ?? anchorStatusOf(doc);
  let quotesInScope: Set<string> | undefined;
  if (scope) {
    quotesInScope = new Set();
    for (let l = 0; l < g.links.length; l++) {
      if (g.fromClaim[l]! < 0 && scope[g.toClaim[l]!]) quotesInScope.add(g.links[l]!.from);
    }
  }
  for (const quote of Object.values(doc.quotes)) {
    if (!quoteEnabled(quote, options) || (quotesInScope && !quotesInScope.has(quote.id))) continue;
    const status = anchorStatus(quote.id);
    if (status === 'exact' || status === 'relocated') continue;
    const title = doc.sources[quote.sourceId]?.title;
    warnings.push({
      kind: 'quote-not-anchored',
      message: `The quote “${briefText(quote.exact, 40)}” ${anchorProblem[status]} ${title !== undefined ? `the source “${briefText(title)}”` : 'its source, which is missing'}.`,
      ids: [quote.id, quote.sourceId],
    });
  }
  return warnings;
}
