import { useMemo, useState } from 'react';
import { useMapStore } from '../../store/useMapStore';
import type { MapDoc } from '../../domain/change';
import { evidenceFor, type EvidenceItem } from '../../domain/analysis/evidence';
import { analyzeWarnings, type Warning } from '../../domain/analysis/warnings';
import { briefText } from '../../domain/analysis/graph';
import { gradeOf, thesisStatus, WEIGHT_LABELS } from '../../domain/interchange/report';
import { EvidenceChart, type ChartRow } from './EvidenceChart';
import { resolveThesis, useThesisChoice } from './thesisChoice';
import './analysis.css';

/** Quotes listed per source before "Show all": a source with thousands of quotes must not stall the panel. */
const QUOTES_PER_SOURCE = 50;
const WARNINGS_SHOWN = 50;
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
  const doc = useMapStore((s) => s.doc);
  const [chosen, setChosen] = useThesisChoice();
  const [disabledSources, setDisabledSources] = useState<ReadonlySet<string>>(EMPTY);
  const [disabledQuotes, setDisabledQuotes] = useState<ReadonlySet<string>>(EMPTY);
  const thesisId = doc ? resolveThesis(doc, chosen) : null;

  // Everything that reaches the thesis, switches aside: the list keeps a
  // switched-off quote in place so it can be switched back on.
  const baseline = useMemo(() => (doc && thesisId ? evidenceFor(doc, thesisId) : null), [doc, thesisId]);
  const live = useMemo(
    () => (doc && thesisId ? evidenceFor(doc, thesisId, { disabledSources, disabledQuotes }) : null),
    [doc, thesisId, disabledSources, disabledQuotes],
  );
  const warnings = useMemo(
    () => (doc && thesisId ? analyzeWarnings(doc, { thesisId, disabledSources, disabledQuotes }) : []),
    [doc, thesisId, disabledSources, disabledQuotes],
  );
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

  const chartRows: ChartRow[] = (baseline?.bySource ?? []).map((b) => {
    const now = live?.bySource.find((x) => x.sourceId === b.sourceId);
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
            Status: <strong className={`status status-${status.status}`}>{status.status}</strong> (direct links: {status.forCount} for,{' '}
            {status.againstCount} against)
          </p>
          <dl className="totals" aria-live="polite">
            <div className="total total-for">
              <dt>For</dt>
              <dd>
                weight {live.totals.forWeight} · {live.totals.forCount} quote{live.totals.forCount === 1 ? '' : 's'}
              </dd>
            </div>
            <div className="total total-against">
              <dt>Against</dt>
              <dd>
                weight {live.totals.againstWeight} · {live.totals.againstCount} quote{live.totals.againstCount === 1 ? '' : 's'}
              </dd>
            </div>
            {anyOff && (
              <div className="total total-off">
                <dt>Switched off</dt>
                <dd>
                  {disabledSources.size} source{disabledSources.size === 1 ? '' : 's'}, {disabledQuotes.size} quote
                  {disabledQuotes.size === 1 ? '' : 's'}
                </dd>
              </div>
            )}
          </dl>
          <p className="hint">
            A piece of evidence weighs as much as the weakest link on its strongest chain to the thesis (1 weak, 2 moderate, 3 strong).
          </p>
          <EvidenceChart rows={chartRows} />

          <WarningList warnings={warnings} doc={doc} />

          <h3>Evidence by source</h3>
          {baseline.bySource.length === 0 && <p className="placeholder">No quote reaches this thesis yet.</p>}
          {baseline.bySource.map((b) => (
            <SourceEvidence
              key={b.sourceId}
              doc={doc}
              sourceId={b.sourceId}
              items={baseline.items}
              thesisText={thesis.text}
              sourceOn={!disabledSources.has(b.sourceId)}
              disabledQuotes={disabledQuotes}
              onSource={(on) => setDisabledSources((s) => toggled(s, b.sourceId, on))}
              onQuote={(quoteId, on) => setDisabledQuotes((s) => toggled(s, quoteId, on))}
            />
          ))}
        </>
      )}
    </div>
  );
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
  items: readonly EvidenceItem[];
  thesisText: string;
  sourceOn: boolean;
  disabledQuotes: ReadonlySet<string>;
  onSource: (on: boolean) => void;
  onQuote: (quoteId: string, on: boolean) => void;
};

function SourceEvidence({ doc, sourceId, items, thesisText, sourceOn, disabledQuotes, onSource, onQuote }: SourceEvidenceProps) {
  const [all, setAll] = useState(false);
  const source = doc.sources[sourceId];
  const title = source?.title ?? 'Missing source';
  // One row per quote: a quote reaching the thesis with both signs shows both chains.
  const byQuote = new Map<string, EvidenceItem[]>();
  for (const item of items) {
    if (item.sourceId !== sourceId) continue;
    const list = byQuote.get(item.quoteId);
    if (list) list.push(item);
    else byQuote.set(item.quoteId, [item]);
  }
  const quotes = [...byQuote];
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
          {gradeOf(doc.sources[quote.sourceId], quote)}
        </span>
      </div>
      {items.map((item) => (
        <div key={item.sign} className="reach">
          <span className={`sign ${item.sign > 0 ? 'sign-for' : 'sign-against'}`}>{item.sign > 0 ? '+ For' : '− Against'}</span>
          <span className="weight">
            weight {item.weight} ({WEIGHT_LABELS[item.weight]})
          </span>
          <ol className="chain" aria-label="Chain to the thesis">
            {item.via.length === 0 && <li className="chain-direct">directly</li>}
            {item.via.map((id) => (
              <li key={id}>{briefText(doc.claims[id]?.text ?? '', 60)}</li>
            ))}
            <li className="chain-thesis">{briefText(thesisText, 60)}</li>
          </ol>
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
