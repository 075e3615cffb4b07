import { useId, useMemo, type ReactNode } from 'react';
import { EditButton, Field } from './Field';
import { updateClaim } from '../../domain/edits';
import { directBalance, statusOf, type Balance, type ClaimStatus } from '../../domain/analysis/balance';
import { evidenceOf } from '../../domain/derive/derive';
import { linkWeight, MAX_CLAIM_TEXT, type ClaimKind, type Link } from '../../domain/schema';
import { mapStore, useMapStore } from '../../store/useMapStore';
import { NoteField } from './NoteField';
import { applyEdit } from './edit';
import { EvidenceItem } from './EvidenceItem';
import { formatTags, parseTags } from './scales';
import { plural } from '../../domain/vocabulary';
import { useDraft } from './useDraft';
import { chainFromThesis } from '../../domain/analysis/claimView';
import { workspaceStore } from '../../store/workspaceStore';

/** Opens the claim view on this claim, under the chain that leads to it from a thesis. */
function openClaimView(id: string): void {
  const doc = mapStore.getState().doc;
  if (!doc) return;
  workspaceStore.getState().openClaimView(chainFromThesis(doc, id).map((s) => s.claimId));
}

const STATUS_WORDS: Record<ClaimStatus, string> = {
  unsupported: 'Unsupported: nothing links to it yet',
  supported: 'Supported: only reasons for it',
  contested: 'Contested: reasons for and against',
  contradicted: 'Contradicted: only reasons against',
};

const sameTags = (draft: string, tags: readonly string[] | undefined) => formatTags(parseTags(draft)) === formatTags(tags);

/** What other features add to a claim's details (the evidence finder), handed down from app/. */
export type ClaimTools = (claimId: string) => ReactNode;

export function ClaimDetails({ id, tools }: { id: string; tools?: ClaimTools }) {
  const claim = useMapStore((s) => s.doc?.claims[id]);
  const links = useMapStore((s) => s.doc?.links);
  const quotes = useMapStore((s) => s.doc?.quotes);
  const sources = useMapStore((s) => s.doc?.sources);
  const claims = useMapStore((s) => s.doc?.claims);
  const [tagsDraft, setTagsDraft] = useDraft(claim?.tags, formatTags, sameTags);
  const ids = { text: useId(), kind: useId(), tags: useId(), tagsHint: useId() };

  const incoming = useMemo(() => {
    const forLinks: Link[] = [];
    const against: Link[] = [];
    for (const l of Object.values(links ?? {})) {
      if (l.to !== id) continue;
      (l.relation === 'supports' ? forLinks : against).push(l);
    }
    const byWeight = (a: Link, b: Link) => linkWeight(b) - linkWeight(a);
    return { for: forLinks.sort(byWeight), against: against.sort(byWeight) };
  }, [links, id]);

  // Analysis reads the doc at render time; it is recomputed only when the
  // tables it depends on change (typing the text changes `claims`, cheaply).
  const analysis = useMemo(() => {
    const doc = mapStore.getState().doc;
    if (!doc || !links || !quotes || !claims) return null;
    const balance = directBalance(doc, id);
    return { balance, status: statusOf(balance), chains: evidenceOf(doc, id).totals };
  }, [links, quotes, claims, id]);

  if (!claim || !quotes || !sources || !claims) return null;
  const tables = { quotes, sources, claims };

  return (
    <div className="inspector">
      <h2 className="inspector-heading">{claim.kind === 'thesis' ? 'Thesis' : 'Claim'}</h2>
      <Field>
        <label htmlFor={ids.text}>Claim text</label>
        <textarea
          id={ids.text}
          rows={3}
          maxLength={MAX_CLAIM_TEXT}
          value={claim.text}
          onChange={(e) => {
            const text = e.target.value;
            applyEdit((doc) => (doc.claims[id] ? updateClaim(doc, id, { text }) : null), {
              label: 'Edit claim text',
              coalesceKey: 'claim-text:' + id,
            });
          }}
        />
      </Field>
      <Field>
        <label htmlFor={ids.kind}>Kind</label>
        <select
          id={ids.kind}
          value={claim.kind}
          onChange={(e) => {
            const kind = e.target.value as ClaimKind;
            applyEdit((doc) => (doc.claims[id] ? updateClaim(doc, id, { kind }) : null), {
              label: kind === 'thesis' ? 'Make thesis' : 'Make claim',
            });
          }}
        >
          <option value="thesis">Thesis</option>
          <option value="claim">Claim</option>
        </select>
      </Field>
      {analysis && <StatusBlock balance={analysis.balance} status={analysis.status} />}
      <EvidenceList title="For" links={incoming.for} tables={tables} empty="Nothing supports this claim yet." />
      <EvidenceList title="Against" links={incoming.against} tables={tables} empty="Nothing contradicts this claim yet." />
      {analysis && (analysis.chains.forCount > 0 || analysis.chains.againstCount > 0) && (
        <p className="chains">
          Through chains of links, {plural(analysis.chains.forCount, 'quote')} count for this claim (weight{' '}
          {analysis.chains.forWeight}) and {plural(analysis.chains.againstCount, 'quote')} against it (weight{' '}
          {analysis.chains.againstWeight}).
        </p>
      )}
      {tools?.(id)}
      <NoteField value={claim.note} kind="claim" id={id} build={(doc, note) => (doc.claims[id] ? updateClaim(doc, id, { note }) : null)} />
      <Field>
        <label htmlFor={ids.tags}>Tags</label>
        <input
          id={ids.tags}
          value={tagsDraft}
          aria-describedby={ids.tagsHint}
          onChange={(e) => {
            const text = e.target.value;
            setTagsDraft(text);
            const tags = parseTags(text);
            applyEdit(
              (doc) => {
                const c = doc.claims[id];
                return c && formatTags(c.tags) !== formatTags(tags) ? updateClaim(doc, id, { tags }) : null;
              },
              { label: 'Edit tags', coalesceKey: 'claim-tags:' + id },
            );
          }}
        />
        <span id={ids.tagsHint} className="field-hint">
          Separate tags with commas.
        </span>
      </Field>
      <div className="inspector-actions">
        <button type="button" title="Its reasons and evidence, For and Against, one claim at a time" onClick={() => openClaimView(id)}>
          Claim view
        </button>
        <EditButton
          type="button"
          className="danger"
          onClick={() => void mapStore.getState().remove({ claims: [id] }, 'Delete claim')}
        >
          Delete claim
        </EditButton>
      </div>
    </div>
  );
}

function StatusBlock({ balance, status }: { balance: Balance; status: ClaimStatus }) {
  const total = balance.forWeight + balance.againstWeight;
  const forShare = total ? (balance.forWeight / total) * 100 : 0;
  return (
    <div className={`claim-status status-${status}`}>
      <p className="status-words">{STATUS_WORDS[status]}</p>
      {total > 0 && (
        <div
          className="balance-bar"
          role="img"
          aria-label={`Weight for ${balance.forWeight}, against ${balance.againstWeight}`}
        >
          <span className="bar-for" style={{ width: `${forShare}%` }} />
          <span className="bar-against" style={{ width: `${100 - forShare}%` }} />
        </div>
      )}
      {total > 0 && (
        <p className="balance-numbers">
          For {balance.forWeight} · against {balance.againstWeight} (summed link weights)
        </p>
      )}
    </div>
  );
}

function EvidenceList({
  title,
  links,
  tables,
  empty,
}: {
  title: 'For' | 'Against';
  links: Link[];
  tables: Parameters<typeof EvidenceItem>[0]['tables'];
  empty: string;
}) {
  const headingId = useId();
  return (
    <section className={`evidence evidence-${title === 'For' ? 'for' : 'against'}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="inspector-subheading">
        {title} <span className="count">({links.length})</span>
      </h3>
      {links.length ? (
        <ul className="ev-list">
          {links.map((l) => (
            <EvidenceItem key={l.id} link={l} tables={tables} />
          ))}
        </ul>
      ) : (
        <p className="empty">{empty}</p>
      )}
    </section>
  );
}
