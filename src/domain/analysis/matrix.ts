/**
 * The evidence matrix of Heuer's Analysis of Competing Hypotheses: one row
 * per quote, one column per hypothesis, each cell the quote's signed evidence
 * for that hypothesis, direct or through chains of claims (the same signed
 * widest-path search as `evidenceFor`, one search per hypothesis).
 *
 * Definitions:
 *
 * - **Cell**: when the quote links directly to the hypothesis, that link
 *   (sign, weight, `linkId`): the analyst's explicit judgment outranks an
 *   inference through other claims. Otherwise the evidence found through
 *   chains. When chains give both signs, the stronger one; on a tie, against
 *   (ACH weighs disconfirming evidence: a quote that cuts both ways must not
 *   look like clean support). No evidence: `null`.
 * - **Value** of a cell: `sign × weight` (−3 … +3); an empty cell is 0.
 * - **Diagnosticity** of a row: max − min of its values across the
 *   hypotheses (0 … 6). Evidence that bears equally on every hypothesis —
 *   consistent with all, or inconsistent with all — scores 0: it cannot tell
 *   them apart, however strong it is. With one hypothesis it is always 0.
 * - **Inconsistency** of a hypothesis: the summed weight of the cells against
 *   it. ACH ranks hypotheses by the evidence against them, not for them.
 */
import type { MapDoc } from '../change';
import type { Source } from '../schema';
import { compareStrings, compareTitles, quoteEnabled, searchEvidence, type EvidenceOptions, type Sign } from './evidence';
import { linkGraph } from './graph';

export type MatrixCell = {
  sign: Sign;
  weight: number;
  /** Set when the quote links directly to the hypothesis. */
  linkId?: string;
};

export type MatrixRow = {
  quoteId: string;
  sourceId: string;
  cells: Record<string, MatrixCell | null>;
  diagnosticity: number;
};

export type EvidenceMatrix = {
  /** Quotes with evidence for at least one hypothesis, in reading order (source title, position in the source). */
  rows: MatrixRow[];
  inconsistency: Record<string, number>;
};

export function evidenceMatrix(doc: MapDoc, hypothesisIds: readonly string[], options?: EvidenceOptions): EvidenceMatrix {
  const g = linkGraph(doc, options);
  const hypotheses = [...new Set(hypothesisIds)];
  const byQuote = new Map<string, MatrixRow>();
  const inconsistency: Record<string, number> = {};

  const rowOf = (quoteId: string, sourceId: string): MatrixRow => {
    let row = byQuote.get(quoteId);
    if (!row) {
      const cells: Record<string, MatrixCell | null> = {};
      for (const h of hypotheses) cells[h] = null;
      byQuote.set(quoteId, (row = { quoteId, sourceId, cells, diagnosticity: 0 }));
    }
    return row;
  };

  for (const h of hypotheses) {
    inconsistency[h] = 0;
    const root = g.claimIndex.get(h);
    if (root === undefined) continue;
    for (const hit of searchEvidence(doc, g, root, options).hits) {
      const row = rowOf(hit.quote.id, hit.quote.sourceId);
      const cell = row.cells[h];
      if (!cell || hit.weight > cell.weight || (hit.weight === cell.weight && hit.sign < 0)) {
        row.cells[h] = { sign: hit.sign, weight: hit.weight };
      }
    }
    // Direct links win over chains (module comment).
    for (let k = g.inStart[root]!; k < g.inStart[root + 1]!; k++) {
      const l = g.inLinks[k]!;
      if (g.fromClaim[l]! >= 0 || g.units[l] === 0) continue; // a fully undercut link says nothing
      const link = g.links[l]!;
      const quote = doc.quotes[link.from]!;
      if (!quoteEnabled(quote, options)) continue;
      rowOf(quote.id, quote.sourceId).cells[h] = { sign: g.sign[l]! as Sign, weight: g.weight[l]!, linkId: link.id };
    }
  }

  const rows = [...byQuote.values()];
  for (const row of rows) {
    let max = -Infinity;
    let min = Infinity;
    for (const h of hypotheses) {
      const cell = row.cells[h];
      const value = cell ? cell.sign * cell.weight : 0;
      if (value > max) max = value;
      if (value < min) min = value;
      if (cell && cell.sign < 0) inconsistency[h] = Math.round((inconsistency[h]! + cell.weight) * 100) / 100;
    }
    row.diagnosticity = max - min;
  }
  const start = (quoteId: string) => doc.quotes[quoteId]?.start ?? 0;
  rows.sort((a, b) => start(a.quoteId) - start(b.quoteId) || compareStrings(a.quoteId, b.quoteId));
  return { rows: sortRows(rows, 'source', doc.sources), inconsistency };
}

/**
 * The default hypotheses: every thesis, then every claim that directly
 * contradicts a thesis (its rival), each once, in doc order.
 */
export function defaultHypotheses(doc: MapDoc): string[] {
  const g = linkGraph(doc);
  const theses = g.claimIds.filter((id) => doc.claims[id]!.kind === 'thesis');
  const out = new Set(theses);
  for (const id of theses) {
    const c = g.claimIndex.get(id)!;
    for (let k = g.inStart[c]!; k < g.inStart[c + 1]!; k++) {
      const l = g.inLinks[k]!;
      if (g.sign[l]! < 0 && g.fromClaim[l]! >= 0) out.add(g.claimIds[g.fromClaim[l]!]!);
    }
  }
  return [...out];
}

/**
 * Rows sorted for display, without changing the input. `diagnosticity`: most
 * diagnostic first, ties by source title; `source`: by source title. Both
 * keep the given order within a source (stable sort), and `evidenceMatrix`
 * gives rows in reading order, so quotes of one source stay in text order.
 */
export function sortRows(
  rows: readonly MatrixRow[],
  by: 'diagnosticity' | 'source',
  sources: Readonly<Record<string, Pick<Source, 'title'>>>,
): MatrixRow[] {
  const title = (id: string) => sources[id]?.title ?? '';
  const bySource = (a: MatrixRow, b: MatrixRow) =>
    compareTitles(title(a.sourceId), title(b.sourceId)) || compareStrings(a.sourceId, b.sourceId);
  const compare =
    by === 'diagnosticity' ? (a: MatrixRow, b: MatrixRow) => b.diagnosticity - a.diagnosticity || bySource(a, b) : bySource;
  return [...rows].sort(compare);
}
