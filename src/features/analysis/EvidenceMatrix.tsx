import { memo, useMemo, useState } from 'react';
import { useViewDoc } from '../../store/derived';
import { mapStore, useMapStore } from '../../store/useMapStore';
import type { MapDoc } from '../../domain/change';
import { linkWeight } from '../../domain/schema';
import { matrixOf } from '../../domain/derive/derive';
import { defaultHypotheses, sortRows, type MatrixCell, type MatrixRow } from '../../domain/analysis/matrix';
import { briefText, plural } from '../../domain/vocabulary';
import { CELL_CHOICES, cellChoiceOf, directLinkChoice, setDirectLink, type CellChoice } from '../../domain/directLink';
import { signText } from '../../domain/vocabulary';
import { WeighByGrades } from './WeighByGrades';
import './analysis.css';

/** Rows rendered at once: a 20,000-quote map shows pages of this many, never all. */
export const MATRIX_PAGE = 100;
/** Hypothesis checkboxes shown before "Show all claims". */
const CLAIMS_SHOWN = 40;
const MAX_DIAGNOSTICITY = 6;

type SortBy = 'diagnosticity' | 'source';

const cellText = (cell: Pick<MatrixCell, 'sign' | 'weight'>) => `${signText(cell.sign)}${cell.weight}`;

/**
 * Sets the direct link quote → hypothesis to the cell's menu value
 * (domain/directLink.ts), as one undo step.
 */
function editDirectLink(quoteId: string, hypothesisId: string, value: CellChoice): void {
  const { doc, edit, notify } = mapStore.getState();
  if (!doc) return;
  const r = setDirectLink(doc, quoteId, hypothesisId, directLinkChoice(value));
  if (r.kind === 'refused') notify('error', r.reason);
  // Built against the doc of this moment; `edit` runs it now, on that same doc.
  else if (r.kind === 'change') void edit((now) => (now === doc ? r.change : null), { label: r.label });
}

/**
 * Heuer's Analysis of Competing Hypotheses as a table: quotes against the
 * chosen hypotheses, with each row's diagnosticity and each hypothesis's
 * inconsistency. Every cell's menu edits the direct link between the quote
 * and the hypothesis.
 */
export function EvidenceMatrix({ onClose }: { onClose: () => void }) {
  const doc = useViewDoc();
  const [chosen, setChosen] = useState<readonly string[] | null>(null);
  const [sortBy, setSortBy] = useState<SortBy>('diagnosticity');
  const [limit, setLimit] = useState(MATRIX_PAGE);
  const [allClaims, setAllClaims] = useState(false);
  // Weigh evidence by source reliability and quote credibility (docs/analysis.md).
  const [byGrades, setByGrades] = useState(false);

  const defaults = useMemo(() => (doc ? defaultHypotheses(doc) : []), [doc]);
  const hypotheses = useMemo(() => (doc ? (chosen ?? defaults).filter((id) => id in doc.claims) : []), [doc, chosen, defaults]);
  const matrix = useMemo(
    () => (doc ? matrixOf(doc, hypotheses, byGrades ? { weighByGrades: true } : undefined) : null),
    [doc, hypotheses, byGrades],
  );
  // Quotes are numbered in reading order, so a number stays with its quote whatever the sort.
  const numbers = useMemo(() => new Map(matrix?.rows.map((r, i) => [r.quoteId, i + 1])), [matrix]);
  // Keyed on the sources, not the doc: a keystroke in a claim keeps the shared matrix (domain/derive) and this order.
  const sources = doc?.sources;
  const sorted = useMemo(() => (sources && matrix ? sortRows(matrix.rows, sortBy, sources) : []), [sources, matrix, sortBy]);

  if (!doc || !matrix) return null;
  const claims = Object.values(doc.claims);
  const selected = new Set(hypotheses);
  const listed = [...claims.filter((c) => selected.has(c.id)), ...claims.filter((c) => !selected.has(c.id))];
  const shownClaims = allClaims ? listed : listed.slice(0, Math.max(CLAIMS_SHOWN, hypotheses.length));
  const toggle = (id: string, on: boolean) => {
    const next = hypotheses.filter((h) => h !== id);
    if (on) next.push(id);
    setChosen(next);
  };
  const rows = sorted.slice(0, limit);
  const maxInconsistency = Math.max(1, ...hypotheses.map((h) => matrix.inconsistency[h] ?? 0));
  const hypothesisName = (id: string) => briefText(doc.claims[id]?.text ?? '', 60);

  return (
    <div className="analysis-panel evidence-matrix">
      <div className="analysis-toolbar">
        <h2 className="analysis-title">Evidence matrix</h2>
        <label className="inline-field">
          Sort by
          <select value={sortBy} onChange={(e) => setSortBy(e.target.value as SortBy)}>
            <option value="diagnosticity">Diagnosticity</option>
            <option value="source">Source</option>
          </select>
        </label>
        <WeighByGrades checked={byGrades} onChange={setByGrades} />
        <button type="button" onClick={() => setChosen(null)} disabled={chosen === null}>
          Default hypotheses
        </button>
        <button type="button" onClick={onClose}>
          Close evidence matrix
        </button>
      </div>

      {/* Folded by default: the rows, not the settings, are what the matrix is for, and they start in view. */}
      <div className="matrix-settings-row">
      <details className="matrix-settings">
        <summary>
          Hypotheses: {hypotheses.length} of {plural(claims.length, 'claim')}
        </summary>
        <fieldset className="hypotheses">
          <legend>Hypotheses</legend>
          {claims.length === 0 ? (
            <p className="placeholder">This map has no claims yet.</p>
          ) : (
            <div className="hypothesis-list">
              {shownClaims.map((c) => (
                <label key={c.id} className="switch" title={c.text}>
                  <input type="checkbox" checked={selected.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
                  {c.kind === 'thesis' ? 'Thesis: ' : ''}
                  {briefText(c.text, 60)}
                </label>
              ))}
            </div>
          )}
          {!allClaims && listed.length > shownClaims.length && (
            <button type="button" onClick={() => setAllClaims(true)}>
              Show all {listed.length} claims
            </button>
          )}
        </fieldset>
      </details>
      <details className="matrix-settings">
        <summary>How to read the matrix</summary>
        <p className="hint">
          Each cell is the quote’s evidence for the hypothesis: + supports, − contradicts, with its weight (1 weak … 3 strong). A solid
          cell is a direct link (click it to select the link); a dashed one reaches the hypothesis through other claims; the menu beside
          it sets the direct link. Diagnosticity: how differently a quote bears on the hypotheses (0–6). Inconsistency: the weighted
          evidence against a hypothesis — in ACH the hypothesis with the least is the most likely. Weigh by grades scales evidence from a quote by its source’s reliability
          and its credibility (A and 1 count fully, E and 5 a quarter); the menus still show the links as set.
        </p>
      </details>
      </div>

      {hypotheses.length === 0 ? (
        <p className="placeholder">Choose at least one hypothesis.</p>
      ) : (
        <div className="matrix-wrap">
          <table className="matrix">
            <caption>Evidence matrix</caption>
            <thead>
              <tr>
                <th scope="col">Quote</th>
                {hypotheses.map((h) => (
                  <th key={h} scope="col" title={doc.claims[h]?.text}>
                    <span className="clamp">
                      {doc.claims[h]?.kind === 'thesis' ? 'Thesis: ' : ''}
                      {briefText(doc.claims[h]?.text ?? '', 70)}
                    </span>
                  </th>
                ))}
                <th scope="col">Diagnosticity</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <MatrixRowView
                  key={row.quoteId}
                  doc={doc}
                  row={row}
                  number={numbers.get(row.quoteId) ?? 0}
                  hypotheses={hypotheses}
                  hypothesisName={hypothesisName}
                />
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Inconsistency (weighted evidence against)</th>
                {hypotheses.map((h) => {
                  const value = matrix.inconsistency[h] ?? 0;
                  return (
                    <td key={h} className="bar-cell">
                      <span className="bar bar-against" aria-hidden="true">
                        <span style={{ width: `${(value / maxInconsistency) * 100}%` }} />
                      </span>
                      {value}
                    </td>
                  );
                })}
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <div className="matrix-more">
        <p role="status">
          Showing {rows.length} of {plural(sorted.length, 'quote')}
        </p>
        {sorted.length > rows.length && (
          <button type="button" onClick={() => setLimit((n) => n + MATRIX_PAGE)}>
            Show more
          </button>
        )}
      </div>
    </div>
  );
}

type RowProps = {
  doc: MapDoc;
  row: MatrixRow;
  number: number;
  hypotheses: readonly string[];
  hypothesisName: (id: string) => string;
};

const MatrixRowView = memo(function MatrixRowView({ doc, row, number, hypotheses, hypothesisName }: RowProps) {
  const select = useMapStore((s) => s.select);
  const quote = doc.quotes[row.quoteId];
  const source = doc.sources[row.sourceId];
  return (
    <tr>
      <th scope="row">
        <span className="quote-no">Quote {number}</span>
        <span className="clamp clamp-2" title={quote?.exact}>
          {quote?.exact}
        </span>
        <span className="quote-source">{source?.title ?? 'Missing source'}</span>
      </th>
      {hypotheses.map((h) => {
        const cell = row.cells[h] ?? null;
        const name = `Quote ${number} vs ${hypothesisName(h)}`;
        // The menu shows the link as stored: the cell's figure may be lowered by undercuts or scaled by grades.
        const link = cell?.linkId ? doc.links[cell.linkId] : undefined;
        const direct: CellChoice = link ? cellChoiceOf(link.relation === 'supports' ? 1 : -1, linkWeight(link)) : '';
        const tone = cell ? (cell.sign > 0 ? 'cell-for' : 'cell-against') : '';
        return (
          <td key={h} className="matrix-cell">
            {cell?.linkId ? (
              <button
                type="button"
                className={`cell-value ${tone}`}
                aria-label={`${cellText(cell)}: select the link of quote ${number} to ${hypothesisName(h)}`}
                onClick={() => select({ kind: 'link', id: cell.linkId! })}
              >
                {cellText(cell)}
              </button>
            ) : cell ? (
              <span
                className={`cell-value cell-indirect ${tone}`}
                title={`Indirect: quote ${number} ${cell.sign > 0 ? 'supports' : 'contradicts'} this hypothesis through a chain of other claims (weakest link ${cell.weight}); it has no direct link.`}
              >
                {cellText(cell)}
              </span>
            ) : null}
            <select
              className="cell-select"
              aria-label={name}
              value={direct}
              onChange={(e) => editDirectLink(row.quoteId, h, e.target.value as CellChoice)}
            >
              {CELL_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </td>
        );
      })}
      <td className="bar-cell">
        <span className="bar" aria-hidden="true">
          <span style={{ width: `${(row.diagnosticity / MAX_DIAGNOSTICITY) * 100}%` }} />
        </span>
        <span className="diagnosticity">{row.diagnosticity}</span>
      </td>
    </tr>
  );
});
