import { Dialog } from '../../components/Dialog';
import { plural } from '../../domain/vocabulary';
import type { ConvertedOutcome } from './importFile';
import { FORMAT_NAMES } from './importFile';
import './importSummary.css';


/** Argdown carries no source text, so a Warrant quote written to Argdown returns as a claim; the builder's note says so. */
const QUOTES_AS_CLAIMS = /came back as claims/i;

/**
 * What an AIF or Argdown import brought in (counts), what it kept as notes,
 * and what it left out and why: every loss said out loud. The map is already
 * saved; `Open map` opens it, closing stays on the map list.
 */
export function ImportSummaryDialog({ outcome, onOpen, onClose }: { outcome: ConvertedOutcome; onOpen: () => void; onClose: () => void }) {
  const { imported, notes, leftOut } = outcome.summary;
  const quotesAsClaims = notes.some((n) => QUOTES_AS_CLAIMS.test(n));
  return (
    <Dialog title="Import summary" onClose={onClose} initialFocus=".import-summary-open">
      <p>
        “{outcome.title}” was imported from {FORMAT_NAMES[outcome.format]} ({outcome.fileName}) as a new map.
      </p>
      <p className="import-summary-counts">
        {plural(imported.claims, 'claim')} · {plural(imported.links, 'link')} · {plural(imported.quotes, 'quote')} ·{' '}
        {plural(imported.sources, 'source')}
      </p>
      {quotesAsClaims && (
        <p className="import-summary-callout">
          Quotes came back as claims: the file carries no source text to anchor them in, so each one is a claim noting the source it was
          quoted from.
        </p>
      )}
      <h3>Kept as notes</h3>
      {notes.length ? (
        <ul className="import-summary-list" aria-label="Kept as notes">
          {notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      ) : (
        <p>Nothing: everything fitted Warrant’s claims and links.</p>
      )}
      <h3>Left out</h3>
      {leftOut.length ? (
        <ul className="import-summary-list" aria-label="Left out">
          {leftOut.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      ) : (
        <p>Nothing was left out.</p>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary import-summary-open" onClick={onOpen}>
          Open map
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
