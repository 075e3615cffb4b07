import { signedWeight } from '../../domain/vocabulary';
import { briefText, plural } from '../../domain/vocabulary';

export type ChartRow = {
  sourceId: string;
  title: string;
  forWeight: number;
  againstWeight: number;
  /** Switched off in the "what if" check. */
  off: boolean;
};

const WIDTH = 640;
const LABEL_W = 210;
const ROW_H = 26;
const HEAD_H = 24;
const BAR_H = 16;
const CENTER = LABEL_W + (WIDTH - LABEL_W) / 2;
/** Width of one character of a value label (12 px tabular digits, with room to spare). */
const CHAR_W = 7.5;
/** Room for the value labels at each end: at least that of "+3.5", more for "+20.31" (weighed by grades). */
const valueRoom = (rows: readonly ChartRow[]): number =>
  Math.max(34, 8 + CHAR_W * Math.max(0, ...rows.map((r) => Math.max(signedWeight(r.forWeight).length, signedWeight(-r.againstWeight).length))));

/** What the chart shows, in words: its accessible name. */
export function chartSummary(rows: readonly ChartRow[]): string {
  if (rows.length === 0) return 'Evidence for and against by source: no evidence reaches this thesis.';
  const on = rows.filter((r) => !r.off);
  const forTotal = on.reduce((s, r) => s + r.forWeight, 0);
  const againstTotal = on.reduce((s, r) => s + r.againstWeight, 0);
  const top = (key: 'forWeight' | 'againstWeight') => {
    const best = [...on].sort((a, b) => b[key] - a[key])[0];
    return best && best[key] > 0 ? `“${briefText(best.title, 50)}” (${best[key]})` : 'none';
  };
  const off = rows.length - on.length;
  return (
    `Evidence for and against by source, ${plural(rows.length, 'source')}` +
    (off ? ` (${off} switched off)` : '') +
    `: weight ${forTotal} for and ${againstTotal} against. Most for: ${top('forWeight')}. Most against: ${top('againstWeight')}.`
  );
}

/**
 * A diverging bar chart, one row per source: against to the left (red,
 * hatched), for to the right (green, solid), each with its number, so colour
 * is never the only cue. The table after it is the text alternative.
 */
export function EvidenceChart({ rows }: { rows: readonly ChartRow[] }) {
  const max = Math.max(1, ...rows.map((r) => (r.off ? 0 : Math.max(r.forWeight, r.againstWeight))));
  const half = (WIDTH - LABEL_W) / 2 - valueRoom(rows);
  const scale = half / max;
  const height = HEAD_H + rows.length * ROW_H + 6;
  return (
    <figure className="evidence-chart">
      <svg role="img" aria-label={chartSummary(rows)} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        <defs>
          <pattern id="against-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="var(--contra, #b3261e)" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#fff" strokeWidth="2" />
          </pattern>
        </defs>
        <text x={CENTER - 6} y={15} textAnchor="end" className="chart-head">◀ Against</text>
        <text x={CENTER + 6} y={15} className="chart-head">For ▶</text>
        {rows.map((r, i) => {
          const y = HEAD_H + i * ROW_H;
          const against = r.off ? 0 : r.againstWeight * scale;
          const pro = r.off ? 0 : r.forWeight * scale;
          return (
            <g key={r.sourceId} className={r.off ? 'chart-row is-off' : 'chart-row'}>
              <text x={0} y={y + ROW_H / 2 + 4} className="chart-label">
                {briefText(r.title, 30)}
                {r.off ? ' (off)' : ''}
              </text>
              <rect x={CENTER - against} y={y + (ROW_H - BAR_H) / 2} width={against} height={BAR_H} fill="url(#against-hatch)" />
              <rect x={CENTER} y={y + (ROW_H - BAR_H) / 2} width={pro} height={BAR_H} className="bar-for" />
              {!r.off && (
                <>
                  <text x={CENTER - against - 4} y={y + ROW_H / 2 + 4} textAnchor="end" className="chart-value">
                    {signedWeight(-r.againstWeight)}
                  </text>
                  <text x={CENTER + pro + 4} y={y + ROW_H / 2 + 4} className="chart-value">
                    {signedWeight(r.forWeight)}
                  </text>
                </>
              )}
            </g>
          );
        })}
        <line x1={CENTER} x2={CENTER} y1={HEAD_H - 4} y2={height} className="chart-axis" />
      </svg>
      <table className="visually-hidden">
        <caption>Evidence weight by source</caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">For</th>
            <th scope="col">Against</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.sourceId}>
              <th scope="row">{r.title}</th>
              <td>{r.off ? 'switched off' : r.forWeight}</td>
              <td>{r.off ? 'switched off' : r.againstWeight}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
