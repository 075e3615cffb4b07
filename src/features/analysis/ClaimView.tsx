import { useId, useMemo } from 'react';
import { useViewDoc } from '../../store/derived';
import { mapStore } from '../../store/useMapStore';
import { workspaceStore, useWorkspace } from '../../store/workspaceStore';
import { chainDown, chainSteps, claimColumns, type Card, type ChainStep } from '../../domain/analysis/claimView';
import { briefText } from '../../domain/vocabulary';
import { signText } from '../../domain/vocabulary';
import { weightWord } from '../../domain/vocabulary';
import './analysis.css';

const RELATION = (sign: number) => (sign > 0 ? 'supports' : 'contradicts');

/**
 * One claim at a time, as a reader moves through an argument: its reasons and
 * evidence in two columns, For and Against; a click on a claim card goes down
 * to it, the breadcrumb leads back up to the thesis.
 */
export function ClaimView({ onClose }: { onClose: () => void }) {
  const doc = useViewDoc();
  const path = useWorkspace((s) => s.claimPath);
  const steps = useMemo(() => (doc ? chainSteps(doc, path) : []), [doc, path]);
  const current = steps[steps.length - 1];
  const columns = useMemo(() => (doc && current ? claimColumns(doc, current.claimId) : null), [doc, current]);
  const forId = useId();
  const againstId = useId();

  if (!doc) return null;
  const claim = current ? doc.claims[current.claimId] : undefined;
  const goTo = (ids: string[]) => {
    workspaceStore.getState().setClaimPath(ids);
    const last = ids[ids.length - 1];
    if (last) mapStore.getState().select({ kind: 'claim', id: last });
  };
  const openCard = (card: Card) => {
    if (card.kind === 'claim') goTo(chainDown(doc, path, card.claimId));
    else mapStore.getState().select({ kind: 'quote', id: card.quoteId });
  };

  return (
    <div className="analysis-panel claim-view">
      <div className="analysis-toolbar">
        <h2 className="analysis-title">Claim view</h2>
        {claim && (
          <button type="button" onClick={() => mapStore.getState().showInGraph(claim.id)}>
            Show in graph
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close claim view
        </button>
      </div>
      {!claim || !columns ? (
        <p className="placeholder">Select a claim and choose Claim view in its details.</p>
      ) : (
        <>
          <nav aria-label="Chain from the thesis" className="breadcrumb">
            <ol>
              {steps.map((step, i) => (
                <Crumb key={step.claimId} step={step} text={doc.claims[step.claimId]?.text ?? ''} last={i === steps.length - 1} onOpen={() => goTo(steps.slice(0, i + 1).map((s) => s.claimId))} />
              ))}
            </ol>
          </nav>
          <h3 className="claim-view-claim">
            {claim.text || '(untitled claim)'}
            {steps.length > 1 && (
              <span className={`net ${current!.net > 0 ? 'sign-for' : 'sign-against'}`}>
                {current!.net > 0 ? 'counts for the thesis' : 'counts against the thesis'}
              </span>
            )}
          </h3>
          <div className="claim-columns">
            <section className="claim-column column-for" aria-labelledby={forId}>
              <h3 id={forId}>For</h3>
              <CardList cards={columns.for} label="For" onOpen={openCard} />
            </section>
            <section className="claim-column column-against" aria-labelledby={againstId}>
              <h3 id={againstId}>Against</h3>
              <CardList cards={columns.against} label="Against" onOpen={openCard} />
            </section>
          </div>
        </>
      )}
    </div>
  );
}

function Crumb({ step, text, last, onOpen }: { step: ChainStep; text: string; last: boolean; onOpen: () => void }) {
  const sign =
    step.sign === 0 ? null : (
      <span className={`step-sign ${step.sign > 0 ? 'sign-for' : 'sign-against'}`} title={RELATION(step.sign)} aria-label={RELATION(step.sign)}>
        {signText(step.sign)}
      </span>
    );
  return (
    <li>
      {sign}
      {last ? (
        <span aria-current="location" className="crumb-current">
          {briefText(text, 48)}
        </span>
      ) : (
        <button type="button" className="link-button crumb" onClick={onOpen} title={text}>
          {briefText(text, 48)}
        </button>
      )}
    </li>
  );
}

function CardList({ cards, label, onOpen }: { cards: readonly Card[]; label: string; onOpen: (card: Card) => void }) {
  if (cards.length === 0) return <p className="placeholder">Nothing {label.toLowerCase()} yet.</p>;
  return (
    <ul className="cards" aria-label={label}>
      {cards.map((card) => (
        <li key={card.linkId}>
          <button type="button" className={`card card-${card.kind} ${card.sign > 0 ? 'card-for' : 'card-against'}`} onClick={() => onOpen(card)}>
            {card.kind === 'claim' ? (
              <>
                <span className="card-text">{card.text || '(untitled claim)'}</span>
                <span className="card-meta">
                  <span className="weight">{weightWord(card.weight)}</span>
                  <span>
                    {card.forCount} for · {card.againstCount} against
                  </span>
                  {card.isThesis && <span>thesis</span>}
                </span>
              </>
            ) : (
              <>
                <q className="card-passage clamp">{card.exact}</q>
                <span className="card-meta">
                  <span className="card-source">{briefText(card.sourceTitle, 60)}</span>
                  <span className="grade" title="Source reliability and information credibility (Admiralty scale)">
                    {card.grade}
                  </span>
                  <span className="weight">{weightWord(card.weight)}</span>
                </span>
              </>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}
