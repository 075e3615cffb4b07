import { useId, useMemo, useState } from 'react';
import { useViewDoc } from '../../store/derived';
import { useMapStore } from '../../store/useMapStore';
import type { MapDoc } from '../../domain/change';
import type { EvidenceItem } from '../../domain/analysis/evidence';
import { evidenceOf } from '../../domain/derive/derive';
import { analyzeWarnings, type Warning } from '../../domain/analysis/warnings';
import { briefText, directLinksText, evidenceSideText, plural } from '../../domain/vocabulary';
import { thesisStatus } from '../../domain/interchange/report';
import { weightWord } from '../../domain/vocabulary';
import { EvidenceChart, type ChartRow } from './EvidenceChart';
import { resolveThesis, useThesisChoice } from '../../store/thesisChoice';
import { gradeText, signText } from '../../domain/vocabulary';
import { WeighByGrades } from './WeighByGrades';
import './analysis.css';

/** Quotes listed per source before "Show all": a source with thousands of quotes must not stall the panel. */
const QUOTES_PER_SOURCE = 50;
/** Quote rows listed in all before "Show more sources" (a map may have a thousand sources). */
const QUOTES_SHOWN = 200;
/** Sources drawn in the chart: the ones with the most evidence. */
const CHART_SOURCES = 30;
const WARNINGS_SHOWN = 50;
/** Rows of the flat list (sorted by weight or chain) drawn before "Show more": a page, so a long list stays fast. */
const ROWS_PAGE = 40;
const EMPTY: ReadonlySet<string> = new Set();

function toggled(set: ReadonlySet<string>, id: string, on: boolean): ReadonlySet<string> {
  const next = new Set(set);
  if (on) next.delete(id);
  else next.add(id);
  return next;
}

/**
 * The thesis check: the evidence reaching a thesis for and against, by
 * source, with a chart, the warnings, and a "what if" switch per source and
 * per quote. The switches are local state: they change the analysis shown,
 * never the map.
 */
export function ThesisCheck({ onClose }: { onClose: () => void }) {
  const doc = useViewDoc();
  const [chosen, setChosen] = useThesisChoice();
  const [disabledSources, setDisabledSources] = useState<ReadonlySet<string>>(EMPTY);
  const [disabledQuotes, setDisabledQuotes] = useState<ReadonlySet<string>>(EMPTY);
  const [quoteBudget, setQuoteBudget] = useState(QUOTES_SHOWN);
  const [side, setSide] = useState<Side>('both');
  const [weakOnly, setWeakOnly] = useState(false);
  const [sortBy, setSortBy] = useState<SortBy>('source');
  const [rowBudget, setRowBudget] = useState(ROWS_PAGE);
  // Weigh evidence by source reliability and quote credibility (docs/analysis.md).
  const [byGrades, setByGrades] = useState(false);
  const thesisId = doc ? resolveThesis(doc, chosen) : null;

  // Everything that reaches the thesis, switches aside: the list keeps a
  // switched-off quote in place so it can be switched back on.
  const baseline = useMemo(
    () => (doc && thesisId ? evidenceOf(doc, thesisId, { weighByGrades: byGrades }) : null),
    [doc, thesisId, byGrades],
  );
  const live = useMemo(
    () => (doc && thesisId ? evidenceOf(doc, thesisId, { disabledSources, disabledQuotes, weighByGrades: byGrades }) : null),
    [doc, thesisId, disabledSources, disabledQuotes, byGrades],
  );
  const warnings = useMemo(
    () => (doc && thesisId ? analyzeWarnings(doc, { thesisId, disabledSources, disabledQuotes }) : []),
    [doc, thesisId, disabledSources, disabledQuotes],
  );
  // What the list shows: the chosen side, and only the weak evidence when asked.
  const shownItems = useMemo(
    () =>
      (baseline?.items ?? []).filter(
        (item) => !(side === 'for' ? item.sign < 0 : side === 'against' ? item.sign > 0 : false) && (!weakOnly || isWeak(item.weight)),
      ),
    [baseline, side, weakOnly],
  );
  const sideCount = useMemo(
    () => (baseline?.items ?? []).filter((item) => (side === 'for' ? item.sign > 0 : side === 'against' ? item.sign < 0 : true)).length,
    [baseline, side],
  );
  // The flat list for Sort by Weight or Chain (Source keeps the list grouped by source).
  const sortedItems = useMemo(() => (doc && sortBy !== 'source' ? sortEvidence(doc, shownItems, sortBy) : []), [doc, shownItems, sortBy]);
  // Items by source, then by quote (a quote reaching the thesis with both signs shows both chains), built once.
  const grouped = useMemo(() => {
    const out = new Map<string, Map<string, EvidenceItem[]>>();
    for (const item of shownItems) {
      let bySource = out.get(item.sourceId);
      if (!bySource) out.set(item.sourceId, (bySource = new Map()));
      const list = bySource.get(item.quoteId);
      if (list) list.push(item);
      else bySource.set(item.quoteId, [item]);
    }
    return out;
  }, [shownItems]);
  const liveBySource = useMemo(() => new Map(live?.bySource.map((b) => [b.sourceId, b])), [live]);
  const status = useMemo(
    () => (doc && thesisId ? thesisStatus(doc, thesisId, { disabledSources, disabledQuotes }) : null),
    [doc, thesisId, disabledSources, disabledQuotes],
  );

  if (!doc) return null;
  const claims = Object.values(doc.claims);
  const theses = claims.filter((c) => c.kind === 'thesis');
  const others = claims.filter((c) => c.kind !== 'thesis');
  const thesis = thesisId ? doc.claims[thesisId] : undefined;
  const anyOff = disabledSources.size > 0 || disabledQuotes.size > 0;
  const reset = () => {
    setDisabledSources(EMPTY);
    setDisabledQuotes(EMPTY);
  };

  // The chart keeps the sources with the most evidence, in the order of the list.
  const bySource = baseline?.bySource ?? [];
  const listed = side === 'both' && !weakOnly ? bySource : bySource.filter((b) => grouped.has(b.sourceId));
  const charted =
    bySource.length <= CHART_SOURCES
      ? null
      : new Set(
          [...bySource]
            .sort((a, b) => b.forWeight + b.againstWeight - (a.forWeight + a.againstWeight))
            .slice(0, CHART_SOURCES)
            .map((b) => b.sourceId),
        );
  const chartRows: ChartRow[] = bySource.filter((b) => !charted || charted.has(b.sourceId)).map((b) => {
    const now = liveBySource.get(b.sourceId);
    return {
      sourceId: b.sourceId,
      title: doc.sources[b.sourceId]?.title ?? 'Missing source',
      forWeight: now?.forWeight ?? 0,
      againstWeight: now?.againstWeight ?? 0,
      off: disabledSources.has(b.sourceId),
    };
  });

  return (
    <div className="analysis-panel thesis-check">
      <div className="analysis-toolbar no-print">
        <h2 className="analysis-title">Thesis check</h2>
        <label className="inline-field">
          Thesis
          <select value={thesisId ?? ''} onChange={(e) => setChosen(e.target.value || null)} disabled={claims.length === 0}>
            {!thesisId && <option value="">Choose a claim</option>}
            {theses.length > 0 && (
              <optgroup label="Theses">
                {theses.map((c) => (
                  <option key={c.id} value={c.id}>
                    {briefText(c.text, 90)}
                  </option>
                ))}
              </optgroup>
            )}
            {others.length > 0 && (
              <optgroup label="Other claims">
                {others.map((c) => (
                  <option key={c.id} value={c.id}>
                    {briefText(c.text, 90)}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <WeighByGrades checked={byGrades} onChange={setByGrades} />
        <button type="button" onClick={reset} disabled={!anyOff} title="Switch every source and quote back on">
          Reset
        </button>
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        <button type="button" onClick={onClose}>
          Close thesis check
        </button>
      </div>

      {!thesis || !baseline || !live || !status ? (
        <p className="placeholder">
          {claims.length === 0 ? 'This map has no claims yet.' : 'Mark a claim as a thesis, or choose a claim to check.'}
        </p>
      ) : (
        <>
          <h3 className="thesis-text">{thesis.text || '(untitled claim)'}</h3>
          <p className="thesis-status">
            Status: <strong className={`status status-${status.status}`}>{status.status}</strong>, by {directLinksText(status)}
          </p>
          <h3 className="totals-title">Quote evidence through chains</h3>
          <dl className="totals" aria-live="polite">
            <div className="total total-for">
              <dt>For</dt>
              <dd>
                {evidenceSideText(live.totals.forWeight, live.totals.forCount)}
              </dd>
            </div>
            <div className="total total-against">
              <dt>Against</dt>
              <dd>
                {evidenceSideText(live.totals.againstWeight, live.totals.againstCount)}
              </dd>
            </div>
            {anyOff && (
              <div className="total total-off">
                <dt>Switched off</dt>
                <dd>
                  {plural(disabledSources.size, 'source')}, {plural(disabledQuotes.size, 'quote')}
                </dd>
              </div>
            )}
          </dl>
          <p className="hint">
            A piece of evidence weighs as much as the weakest link on its strongest chain to the thesis (1 weak, 2 moderate, 3 strong).
          </p>
          <EvidenceChart rows={chartRows} />
          {chartRows.length < bySource.length && (
            <p className="hint">
              The chart shows the {chartRows.length} sources with the most evidence of {bySource.length}; the list below has them all.
            </p>
          )}

          <WarningList warnings={warnings} doc={doc} />

          <div className="evidence-head">
            <h3>Evidence by {sortBy}</h3>
            <div className="evidence-filters no-print">
              <SideFilter side={side} onChange={setSide} />
              <label className="inline">
                <input type="checkbox" checked={weakOnly} onChange={(e) => setWeakOnly(e.target.checked)} />
                Weak only
              </label>
              <label className="inline-field">
                Sort by
                <select
                  value={sortBy}
                  onChange={(e) => {
                    setSortBy(e.target.value as SortBy);
                    setRowBudget(ROWS_PAGE);
                  }}
                >
                  {SORTS.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </div>
          {baseline.items.length > 0 && (
            <p className="hint list-count" role="status">
              {listCount(shownItems.length, sideCount, side, weakOnly)}
            </p>
          )}
          {baseline.bySource.length === 0 && <p className="placeholder">No quote reaches this thesis yet.</p>}
          {baseline.items.length > 0 && shownItems.length === 0 && (
            <p className="placeholder">
              No {weakOnly ? 'weak ' : ''}evidence{side === 'both' ? '' : side === 'for' ? ' for' : ' against'} this thesis.
            </p>
          )}
          {sortBy === 'source' ? (
            <>
              {shownSources(listed, grouped, quoteBudget).map((b) => (
                <SourceEvidence
                  key={b.sourceId}
                  doc={doc}
                  sourceId={b.sourceId}
                  quotes={grouped.get(b.sourceId)}
                  thesisText={thesis.text}
                  sourceOn={!disabledSources.has(b.sourceId)}
                  disabledQuotes={disabledQuotes}
                  onSource={(on) => setDisabledSources((s) => toggled(s, b.sourceId, on))}
                  onQuote={(quoteId, on) => setDisabledQuotes((s) => toggled(s, quoteId, on))}
                />
              ))}
              {shownSources(listed, grouped, quoteBudget).length < listed.length && (
                <button type="button" className="no-print" onClick={() => setQuoteBudget((n) => n + QUOTES_SHOWN)}>
                  Show more sources
                </button>
              )}
            </>
          ) : (
            sortedItems.length > 0 && (
              <>
                <ul className="evidence-rows" aria-label={`Evidence by ${sortBy}`}>
                  {sortedItems.slice(0, rowBudget).map((item) => (
                    <EvidenceRow
                      key={`${item.quoteId}:${item.sign}`}
                      doc={doc}
                      item={item}
                      thesisText={thesis.text}
                      sourceOn={!disabledSources.has(item.sourceId)}
                      checked={!disabledQuotes.has(item.quoteId)}
                      onQuote={(quoteId, on) => setDisabledQuotes((s) => toggled(s, quoteId, on))}
                    />
                  ))}
                </ul>
                {sortedItems.length > rowBudget && (
                  <button type="button" className="no-print" onClick={() => setRowBudget((n) => n + ROWS_PAGE)}>
                    Show {Math.min(ROWS_PAGE, sortedItems.length - rowBudget)} more of {sortedItems.length - rowBudget}
                  </button>
                )}
              </>
            )
          )}
        </>
      )}
    </div>
  );
}

type Side = 'both' | 'for' | 'against';
type SortBy = 'weight' | 'source' | 'chain';
const SORTS: { value: SortBy; label: string }[] = [
  { value: 'weight', label: 'Weight' },
  { value: 'source', label: 'Source' },
  { value: 'chain', label: 'Chain' },
];

/** Weak evidence: lighter than a moderate link (2), so a fraction below it counts too when weighed by grades. */
const isWeak = (weight: number): boolean => weight < 2;

/** "Showing 13 weak of 33 for": how much of the side the filter keeps. */
function listCount(shown: number, total: number, side: Side, weakOnly: boolean): string {
  const of = side === 'both' ? 'pieces of evidence' : side === 'for' ? 'for' : 'against';
  return weakOnly ? `Showing ${shown} weak of ${total} ${of}` : `Showing all ${total} ${of}`;
}

/**
 * The flat list's order. Weight: heaviest first (the order evidenceFor
 * gives, kept for equal weights). Chain: evidence through the same claims
 * together, read from the thesis down, direct links first; heaviest first
 * within one chain.
 */
function sortEvidence(doc: MapDoc, items: readonly EvidenceItem[], by: Exclude<SortBy, 'source'>): EvidenceItem[] {
  const order = new Map(items.map((item, i) => [item, i]));
  if (by === 'weight') return [...items].sort((a, b) => b.weight - a.weight || order.get(a)! - order.get(b)!);
  const key = (item: EvidenceItem) =>
    [...item.via]
      .reverse()
      .map((id) => doc.claims[id]?.text ?? id)
      .join('\u0000');
  const keys = new Map(items.map((item) => [item, key(item)]));
  return [...items].sort(
    (a, b) =>
      (a.via.length === 0 ? 0 : 1) - (b.via.length === 0 ? 0 : 1) ||
      keys.get(a)!.localeCompare(keys.get(b)!) ||
      b.weight - a.weight ||
      order.get(a)! - order.get(b)!,
  );
}
const SIDES: { value: Side; label: string }[] = [
  { value: 'for', label: 'For' },
  { value: 'against', label: 'Against' },
  { value: 'both', label: 'Both' },
];

/** Which evidence the list shows: for the thesis, against it, or both. */
function SideFilter({ side, onChange }: { side: Side; onChange: (side: Side) => void }) {
  const name = useId();
  return (
    <fieldset className="side-filter no-print">
      <legend className="visually-hidden">Show evidence</legend>
      {SIDES.map((s) => (
        <label key={s.value} className="inline">
          <input type="radio" name={name} value={s.value} checked={side === s.value} onChange={() => onChange(s.value)} />
          {s.label}
        </label>
      ))}
    </fieldset>
  );
}

/** The first sources whose quotes fit in the budget (always at least one). */
function shownSources<T extends { sourceId: string }>(
  bySource: readonly T[],
  grouped: ReadonlyMap<string, ReadonlyMap<string, unknown>>,
  budget: number,
): readonly T[] {
  let used = 0;
  let n = 0;
  while (n < bySource.length && (n === 0 || used < budget)) {
    used += Math.min(QUOTES_PER_SOURCE, grouped.get(bySource[n]!.sourceId)?.size ?? 0);
    n++;
  }
  return n === bySource.length ? bySource : bySource.slice(0, n);
}

function WarningList({ warnings, doc }: { warnings: readonly Warning[]; doc: MapDoc }) {
  const showInGraph = useMapStore((s) => s.showInGraph);
  const showInSource = useMapStore((s) => s.showInSource);
  const [all, setAll] = useState(false);
  const shown = all ? warnings : warnings.slice(0, WARNINGS_SHOWN);
  const open = (w: Warning) => {
    const id = w.ids.find((x) => x in doc.claims || x in doc.quotes);
    if (!id) return;
    if (w.kind === 'quote-not-anchored') showInSource(id);
    else showInGraph(id);
  };
  return (
    <>
      <h3>Warnings ({warnings.length})</h3>
      {warnings.length === 0 ? (
        <p className="placeholder">No warnings.</p>
      ) : (
        <ul className="warnings">
          {shown.map((w, i) => (
            <li key={`${w.kind}:${w.ids.join(',')}:${i}`} className={`warning warning-${w.kind}`}>
              <button type="button" className="link-button" onClick={() => open(w)}>
                {w.message}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!all && warnings.length > shown.length && (
        <button type="button" className="no-print" onClick={() => setAll(true)}>
          Show all {warnings.length} warnings
        </button>
      )}
    </>
  );
}

type SourceEvidenceProps = {
  doc: MapDoc;
  sourceId: string;
  quotes: ReadonlyMap<string, EvidenceItem[]> | undefined;
  thesisText: string;
  sourceOn: boolean;
  disabledQuotes: ReadonlySet<string>;
  onSource: (on: boolean) => void;
  onQuote: (quoteId: string, on: boolean) => void;
};

function SourceEvidence({ doc, sourceId, quotes: byQuote, thesisText, sourceOn, disabledQuotes, onSource, onQuote }: SourceEvidenceProps) {
  const [all, setAll] = useState(false);
  const source = doc.sources[sourceId];
  const title = source?.title ?? 'Missing source';
  const quotes = byQuote ? [...byQuote] : [];
  const shown = all ? quotes : quotes.slice(0, QUOTES_PER_SOURCE);
  return (
    <section className={`source-evidence ${sourceOn ? '' : 'is-off'}`} aria-label={`Evidence from ${title}`}>
      <div className="source-head">
        <h4>
          {title}
          {source?.reliability && <span className="grade" title="Source reliability (Admiralty scale)">{source.reliability}</span>}
        </h4>
        <label className="switch no-print">
          <input type="checkbox" checked={sourceOn} onChange={(e) => onSource(e.target.checked)} />
          Use {title}
        </label>
      </div>
      <ul className="evidence-list">
        {shown.map(([quoteId, list]) => (
          <QuoteEvidence
            key={quoteId}
            doc={doc}
            quoteId={quoteId}
            items={list}
            thesisText={thesisText}
            on={sourceOn && !disabledQuotes.has(quoteId)}
            sourceOn={sourceOn}
            checked={!disabledQuotes.has(quoteId)}
            onQuote={onQuote}
          />
        ))}
      </ul>
      {!all && quotes.length > shown.length && (
        <button type="button" className="no-print" onClick={() => setAll(true)}>
          Show all {quotes.length} quotes of {briefText(title, 40)}
        </button>
      )}
    </section>
  );
}

/** The links from a piece of evidence to the thesis, each step with its sign, texts cut to fit. */
function ChainToThesis(p: { doc: MapDoc; item: EvidenceItem; thesisText: string; stepChars: number; thesisChars: number; className?: string }) {
  const { doc, item } = p;
  return (
    <ol className={p.className ? `chain ${p.className}` : 'chain'} aria-label="Chain to the thesis">
      {item.via.length === 0 && <li className="chain-direct">directly</li>}
      {item.via.map((id, i) => (
        <li key={id}>
          <StepSign doc={doc} linkId={item.path[i]} />
          {briefText(doc.claims[id]?.text ?? '', p.stepChars)}
        </li>
      ))}
      <li className="chain-thesis">
        <StepSign doc={doc} linkId={item.path[item.via.length]} />
        {briefText(p.thesisText, p.thesisChars)}
      </li>
    </ol>
  );
}

/** The sign of one link on a chain: + supports, − contradicts, so a double negative can be read. */
function StepSign({ doc, linkId }: { doc: MapDoc; linkId: string | undefined }) {
  const link = linkId ? doc.links[linkId] : undefined;
  if (!link) return null;
  const sign = link.relation === 'supports' ? 1 : -1;
  return (
    <span className={`step-sign ${sign > 0 ? 'sign-for' : 'sign-against'}`} title={link.relation} aria-label={`${link.relation}:`}>
      {signText(sign)}
    </span>
  );
}

type QuoteEvidenceProps = {
  doc: MapDoc;
  quoteId: string;
  items: readonly EvidenceItem[];
  thesisText: string;
  on: boolean;
  sourceOn: boolean;
  checked: boolean;
  onQuote: (quoteId: string, on: boolean) => void;
};

function QuoteEvidence({ doc, quoteId, items, thesisText, on, sourceOn, checked, onQuote }: QuoteEvidenceProps) {
  const showInSource = useMapStore((s) => s.showInSource);
  const showInGraph = useMapStore((s) => s.showInGraph);
  const quote = doc.quotes[quoteId];
  if (!quote) return null;
  const brief = briefText(quote.exact, 50);
  return (
    <li className={`quote-evidence ${on ? '' : 'is-off'}`}>
      <div className="quote-line">
        <label className="switch no-print" title={sourceOn ? undefined : 'The whole source is switched off'}>
          <input
            type="checkbox"
            checked={checked}
            disabled={!sourceOn}
            aria-label={`Use quote “${brief}”`}
            onChange={(e) => onQuote(quoteId, e.target.checked)}
          />
          Use
        </label>
        <blockquote className="passage clamp" title={quote.exact}>
          {quote.exact}
        </blockquote>
        <span className="grade" title="Source reliability and information credibility (Admiralty scale)">
          {gradeText(doc.sources[quote.sourceId]?.reliability, quote.credibility)}
        </span>
      </div>
      {items.map((item) => (
        <div key={item.sign} className="reach">
          <span className={`sign ${item.sign > 0 ? 'sign-for' : 'sign-against'}`}>{item.sign > 0 ? '+ For' : '− Against'}</span>
          <span className="weight">
            weight {item.weight} ({weightWord(item.weight)})
          </span>
          <ChainToThesis doc={doc} item={item} thesisText={thesisText} stepChars={60} thesisChars={60} />
        </div>
      ))}
      <div className="quote-actions no-print">
        <button type="button" aria-label={`Show in source: “${brief}”`} onClick={() => showInSource(quoteId)}>
          Show in source
        </button>
        <button type="button" aria-label={`Show in graph: “${brief}”`} onClick={() => showInGraph(quoteId)}>
          Show in graph
        </button>
      </div>
    </li>
  );
}


type EvidenceRowProps = {
  doc: MapDoc;
  item: EvidenceItem;
  thesisText: string;
  sourceOn: boolean;
  checked: boolean;
  onQuote: (quoteId: string, on: boolean) => void;
};

/**
 * One piece of evidence in two short lines, for the sorted list: its sign and
 * weight, the quote, its source and its chain, so a list of thirty fits a
 * screen or two where the grouped cards took twelve.
 */
function EvidenceRow({ doc, item, thesisText, sourceOn, checked, onQuote }: EvidenceRowProps) {
  const showInSource = useMapStore((s) => s.showInSource);
  const showInGraph = useMapStore((s) => s.showInGraph);
  const quote = doc.quotes[item.quoteId];
  if (!quote) return null;
  const brief = briefText(quote.exact, 50);
  const on = sourceOn && checked;
  const title = doc.sources[item.sourceId]?.title ?? 'Missing source';
  return (
    <li className={`quote-evidence evidence-row ${on ? '' : 'is-off'}`}>
      <label className="switch no-print" title={sourceOn ? undefined : 'The whole source is switched off'}>
        <input
          type="checkbox"
          checked={checked}
          disabled={!sourceOn}
          aria-label={`Use quote “${brief}”`}
          onChange={(e) => onQuote(item.quoteId, e.target.checked)}
        />
      </label>
      <span className={`sign ${item.sign > 0 ? 'sign-for' : 'sign-against'}`}>{item.sign > 0 ? '+ For' : '− Against'}</span>
      <span className="weight row-weight">
        weight {item.weight} ({weightWord(item.weight)})
      </span>
      <span className="passage row-passage" title={quote.exact}>
        {quote.exact}
      </span>
      <span className="row-source" title={title}>
        {title}
      </span>
      <ChainToThesis doc={doc} item={item} thesisText={thesisText} stepChars={40} thesisChars={30} className="row-chain" />
      <span className="row-actions no-print">
        <button type="button" aria-label={`Show in source: “${brief}”`} title="Show in source" onClick={() => showInSource(item.quoteId)}>
          Source
        </button>
        <button type="button" aria-label={`Show in graph: “${brief}”`} title="Show in graph" onClick={() => showInGraph(item.quoteId)}>
          Graph
        </button>
      </span>
    </li>
  );
}
