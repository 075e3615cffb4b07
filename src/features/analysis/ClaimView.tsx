import { useId, useMemo } from 'react';
import { useViewDoc } from '../../store/derived';
import { mapStore } from '../../store/useMapStore';
import { workspaceStore, useWorkspace } from '../../store/workspaceStore';
import { chainDown, chainSteps, claimColumns, type Card, type ChainStep } from '../../domain/analysis/claimView';
import { briefText } from '../../domain/vocabulary';
import { signText } from '../../domain/vocabulary';
import { weightWord } from '../../domain/vocabulary';
import { linkWeights, type LinkWeight } from '../../domain/analysis/weights';
import type { MapDoc } from '../../domain/change';
import type { Link } from '../../domain/schema';
import './analysis.css';

/** A column's entry: one card, or the premises of one linked argument (links sharing a group) as one card. */
type Entry = { kind: 'card'; card: Card } | { kind: 'argument'; key: string; scheme: string | undefined; cards: Card[] };

/** The cards of a column with each linked argument's premises gathered where its first premise stood. */
function entriesOf(doc: MapDoc, cards: readonly Card[]): Entry[] {
  const out: Entry[] = [];
  const groups = new Map<string, Extract<Entry, { kind: 'argument' }>>();
  for (const card of cards) {
    const link = doc.links[card.linkId];
    if (!link?.group) {
      out.push({ kind: 'card', card });
      continue;
    }
    // A group is one argument per target and relation (as the analysis keys it).
    const key = `${link.group}\u0000${link.to}\u0000${link.relation}`;
    const entry = groups.get(key);
    if (entry) {
      entry.cards.push(card);
      entry.scheme ??= link.scheme;
    } else {
      const created = { kind: 'argument' as const, key, scheme: link.scheme, cards: [card] };
      groups.set(key, created);
      out.push(created);
    }
  }
  // A "group" of one premise is no linked argument: it reads as its card.
  return out.map((e) => (e.kind === 'argument' && e.cards.length === 1 ? { kind: 'card', card: e.cards[0]! } : e));
}

/** Links aimed at links (undercutters and backings), by the link they aim at. */
function linksOnLinks(doc: MapDoc): ReadonlyMap<string, Link[]> {
  const out = new Map<string, Link[]>();
  for (const l of Object.values(doc.links)) {
    if (!(l.to in doc.links)) continue;
    const list = out.get(l.to);
    if (list) list.push(l);
    else out.set(l.to, [l]);
  }
  return out;
}

/** The text of what a link comes from: a claim's text or a quote's passage. */
const fromText = (doc: MapDoc, link: Link): string => doc.claims[link.from]?.text ?? doc.quotes[link.from]?.exact ?? 'a missing item';

/** What the view says of a link's weight: a word, with what became of it when undercut. */
function weightText(weight: number, w: LinkWeight | undefined): string {
  if (w?.status === 'undercut') return 'undercut: carries no weight';
  if (w?.status === 'weakened') return `${weightWord(weight)}, weakened from ${weightWord(w.base)}`;
  return weightWord(weight);
}

type Attacks = { weights: ReadonlyMap<string, LinkWeight>; onLinks: ReadonlyMap<string, Link[]>; doc: MapDoc };

/** "Undercut by “…”" and "Backed by “…”", one line each, for the links aimed at these links. */
function AttackLines({ linkIds, attacks }: { linkIds: readonly string[]; attacks: Attacks }) {
  const lines = linkIds.flatMap((id) => attacks.onLinks.get(id) ?? []);
  if (lines.length === 0) return null;
  return (
    <>
      {lines.map((l) => (
        <span key={l.id} className={`card-attack ${l.relation === 'contradicts' ? 'attack-undercut' : 'attack-backing'}`}>
          {l.relation === 'contradicts' ? 'Undercut by ' : 'Backed by '}“{briefText(fromText(attacks.doc, l), 90)}”
        </span>
      ))}
    </>
  );
}

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
  const attacks = useMemo<Attacks | null>(() => (doc ? { doc, weights: linkWeights(doc), onLinks: linksOnLinks(doc) } : null), [doc]);
  const forId = useId();
  const againstId = useId();

  if (!doc || !attacks) return null;
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
              <CardList cards={columns.for} label="For" onOpen={openCard} attacks={attacks} />
            </section>
            <section className="claim-column column-against" aria-labelledby={againstId}>
              <h3 id={againstId}>Against</h3>
              <CardList cards={columns.against} label="Against" onOpen={openCard} attacks={attacks} />
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

function CardList({ cards, label, onOpen, attacks }: { cards: readonly Card[]; label: string; onOpen: (card: Card) => void; attacks: Attacks }) {
  if (cards.length === 0) return <p className="placeholder">Nothing {label.toLowerCase()} yet.</p>;
  return (
    <ul className="cards" aria-label={label}>
      {entriesOf(attacks.doc, cards).map((entry) =>
        entry.kind === 'card' ? (
          <li key={entry.card.linkId}>
            <CardButton card={entry.card} onOpen={onOpen} attacks={attacks} withAttacks />
          </li>
        ) : (
          <li key={entry.key}>
            <ArgumentCard entry={entry} onOpen={onOpen} attacks={attacks} />
          </li>
        ),
      )}
    </ul>
  );
}

/**
 * A linked argument: premises that hold only together, as one card with its
 * scheme and its weight (that of its weakest premise), each premise a button
 * that opens it, and what undercuts or backs any of its links.
 */
function ArgumentCard({ entry, onOpen, attacks }: { entry: Extract<Entry, { kind: 'argument' }>; onOpen: (card: Card) => void; attacks: Attacks }) {
  const first = entry.cards[0]!;
  const ids = entry.cards.map((c) => c.linkId);
  const name = `Linked argument: ${entry.scheme ?? 'linked'}`;
  return (
    <div role="group" aria-label={name} className={`card card-argument ${first.sign > 0 ? 'card-for' : 'card-against'}`}>
      <span className="card-argument-head">
        <span className="card-argument-title">Linked argument</span>
        {entry.scheme && <span className="card-scheme">{entry.scheme}</span>}
      </span>
      <span className="card-meta">
        <span>{entry.cards.length} premises, holding only together</span>
        <span className="weight">{weightText(first.weight, attacks.weights.get(first.linkId))}</span>
      </span>
      <ul className="cards premises" aria-label="Premises">
        {entry.cards.map((card) => (
          <li key={card.linkId}>
            <CardButton card={card} onOpen={onOpen} attacks={attacks} withAttacks={false} />
          </li>
        ))}
      </ul>
      <AttackLines linkIds={ids} attacks={attacks} />
    </div>
  );
}

function CardButton({ card, onOpen, attacks, withAttacks }: { card: Card; onOpen: (card: Card) => void; attacks: Attacks; withAttacks: boolean }) {
  // Inside a linked argument the argument's card says the weight once.
  const weight = withAttacks ? <span className="weight">{weightText(card.weight, attacks.weights.get(card.linkId))}</span> : null;
  return (
    <button type="button" className={`card card-${card.kind} ${card.sign > 0 ? 'card-for' : 'card-against'}`} onClick={() => onOpen(card)}>
      {card.kind === 'claim' ? (
        <>
          <span className="card-text">{card.text || '(untitled claim)'}</span>
          <span className="card-meta">
            {weight}
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
            {weight}
          </span>
        </>
      )}
      {withAttacks && <AttackLines linkIds={[card.linkId]} attacks={attacks} />}
    </button>
  );
}
