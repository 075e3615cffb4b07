import { useId, useMemo, useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { mapStore, useMapStore } from '../../store/useMapStore';
import { linkQuote } from '../../domain/edits';
import { MAX_CLAIM_TEXT, type Credibility, type Relation, type Weight } from '../../domain/schema';
import { ellipsize, parseCredibility } from '../../domain/vocabulary';
import { GradeSelect } from '../../components/GradeSelect';
import { newClaimPosition } from '../../domain/placement';
import type { Passage } from '../../store/readerTarget';


const NEW_CLAIM = '';

/**
 * The `Link quote` dialog: the selected passage becomes a quote linked to an
 * existing claim or a new one, as one change (one undo step).
 */
export function LinkQuoteDialog({
  passage,
  onClose,
  onLinked,
  claimId: chosenClaimId,
  keepSelection = false,
}: {
  passage: Passage;
  onClose: () => void;
  onLinked: () => void;
  /** A claim chosen beforehand (the evidence finder's): only the relation is left to pick. */
  claimId?: string;
  /** Leave the selection as it is, rather than selecting the new quote. */
  keepSelection?: boolean;
}) {
  const claims = useMapStore((s) => s.doc?.claims);
  const [filter, setFilter] = useState('');
  const [claimId, setClaimId] = useState<string>(chosenClaimId ?? NEW_CLAIM);
  const [newText, setNewText] = useState('');
  const [relation, setRelation] = useState<Relation>('supports');
  const [weight, setWeight] = useState<Weight>(2);
  const [credibility, setCredibility] = useState<Credibility | ''>('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const sorted = useMemo(
    () =>
      Object.values(claims ?? {}).sort(
        (a, b) => (a.kind === b.kind ? 0 : a.kind === 'thesis' ? -1 : 1) || a.text.localeCompare(b.text),
      ),
    [claims],
  );
  const options = useMemo(() => {
    const f = filter.trim().toLowerCase();
    // The chosen claim stays listed, so a filter never changes the choice behind the user's back.
    return f ? sorted.filter((c) => c.id === claimId || c.text.toLowerCase().includes(f)) : sorted;
  }, [sorted, filter, claimId]);
  const hasClaims = sorted.length > 0;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const store = mapStore.getState();
    // `edit` runs the build at once, against the doc of this moment.
    const out: { result?: ReturnType<typeof linkQuote> } = {};
    void store.edit(
      (doc) => {
        out.result = linkQuote(doc, {
          sourceId: passage.sourceId,
          start: passage.start,
          end: passage.end,
          claim: claimId ? { id: claimId } : { text: newText, position: newClaimPosition(doc) },
          relation,
          weight,
          credibility: credibility === '' ? undefined : credibility,
        });
        return out.result.ok ? out.result.change : null;
      },
      { label: 'Link quote' },
    );
    const { result } = out;
    if (!result) return;
    if (!result.ok) {
      setError(result.reason);
      return;
    }
    if (!keepSelection) store.select({ kind: 'quote', id: result.quoteId });
    onLinked();
  }

  return (
    <Dialog
      title="Link quote"
      onClose={onClose}
      className="link-quote-dialog"
      initialFocus={chosenClaimId ? `[name="relation"]` : hasClaims ? `[name="claimFilter"]` : `[name="newClaim"]`}
    >
      <form onSubmit={onSubmit}>
        <figure className="passage">
          <figcaption className="visually-hidden">Selected passage</figcaption>
          <blockquote>{ellipsize(passage.exact, 600)}</blockquote>
        </figure>
        {hasClaims && (
          <>
            <label>
              Filter claims
              <input
                name="claimFilter"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                aria-controls={`${id}-claim`}
                autoComplete="off"
              />
            </label>
            <label>
              Claim
              <select
                id={`${id}-claim`}
                name="claim"
                value={claimId}
                onChange={(e) => {
                  setClaimId(e.target.value);
                  setError(null);
                }}
              >
                <option value={NEW_CLAIM}>— new claim —</option>
                {options.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.kind === 'thesis' ? 'Thesis: ' : ''}
                    {ellipsize(c.text.trim() || 'Untitled claim', 100)}
                  </option>
                ))}
              </select>
            </label>
            {filter.trim() && (
              <p className="field-hint" role="status">
                {options.length} of {sorted.length} claims match
              </p>
            )}
          </>
        )}
        <label>
          New claim text
          <input
            name="newClaim"
            maxLength={MAX_CLAIM_TEXT}
            value={newText}
            onChange={(e) => {
              setNewText(e.target.value);
              setClaimId(NEW_CLAIM);
              setError(null);
            }}
            aria-describedby={`${id}-newhint`}
            autoComplete="off"
          />
        </label>
        <p id={`${id}-newhint`} className="field-hint">
          {claimId ? 'An existing claim is chosen; typing here makes a new claim instead.' : 'The claim this passage bears on.'}
        </p>
        <fieldset className="relation">
          <legend>Relation</legend>
          <label className="inline">
            <input type="radio" name="relation" value="supports" checked={relation === 'supports'} onChange={() => setRelation('supports')} />
            Supports
          </label>
          <label className="inline">
            <input
              type="radio"
              name="relation"
              value="contradicts"
              checked={relation === 'contradicts'}
              onChange={() => setRelation('contradicts')}
            />
            Contradicts
          </label>
        </fieldset>
        <div className="field-row">
          <label>
            Weight
            <select name="weight" value={weight} onChange={(e) => setWeight(Number(e.target.value) as Weight)}>
              <option value={1}>Weak</option>
              <option value={2}>Moderate</option>
              <option value={3}>Strong</option>
            </select>
          </label>
          <label>
            Credibility
            <GradeSelect name="credibility" scale="credibility" value={credibility} onChange={(value) => setCredibility(parseCredibility(value) ?? '')} />
          </label>
        </div>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Link quote
          </button>
        </div>
      </form>
    </Dialog>
  );
}
