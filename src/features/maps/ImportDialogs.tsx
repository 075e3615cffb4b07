import { CloseRow, Dialog } from '../../components/Dialog';
import type { ImportOutcome } from './importFile';

type Failed = Extract<ImportOutcome, { kind: 'failed' }>;
type Conflict = Extract<ImportOutcome, { kind: 'conflict' }>;

export function ImportFailedDialog({ outcome, onClose }: { outcome: Failed; onClose: () => void }) {
  return (
    <Dialog title="Import failed" role="alertdialog" onClose={onClose}>
      <p>
        <strong>{outcome.fileName}</strong> was not imported, and nothing was changed. {outcome.message}
      </p>
      {outcome.problems.length > 0 && (
        <ul className="problem-list" aria-label="Problems">
          {outcome.problems.map((p, i) => (
            <li key={i}>
              <code>{p.path}</code>: {p.message}
            </li>
          ))}
        </ul>
      )}
      <CloseRow onClose={onClose} />
    </Dialog>
  );
}

export function MapExistsDialog({
  outcome,
  onReplace,
  onCopy,
  onClose,
}: {
  outcome: Conflict;
  onReplace: () => void;
  onCopy: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog title="Map already exists" onClose={onClose}>
      <p>
        The map “{outcome.title}” in <strong>{outcome.fileName}</strong> is already in your library. Replace it with the
        file’s version, or import the file as a separate copy?
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onReplace}>
          Replace
        </button>
        <button type="button" onClick={onCopy}>
          Import as copy
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
