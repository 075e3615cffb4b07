import { useRef, useState } from 'react';
import { appSearchClient } from './searchClient';
import { showPassage } from '../../store/readerTarget';

/**
 * Steps the reader to the next paragraph of this source that no quote
 * touches and that the evidence finder rates relevant to the thesis.
 */
export function NextRelevantButton({ sourceId }: { sourceId: string }) {
  const last = useRef(-1);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const step = async () => {
    setBusy(true);
    const paragraphs = await appSearchClient().relevantUnquoted(sourceId);
    setBusy(false);
    if (!paragraphs.length) {
      setMessage('No unquoted paragraph here stands out as relevant to the thesis.');
      return;
    }
    const next = paragraphs.find((p) => p.start > last.current) ?? paragraphs[0]!;
    const index = paragraphs.indexOf(next);
    last.current = next.start;
    setMessage(`Relevant unquoted paragraph ${index + 1} of ${paragraphs.length}`);
    showPassage(sourceId, next.start, next.end, false);
  };

  return (
    <>
      <button
        type="button"
        className="reader-next-unquoted"
        disabled={busy}
        onClick={() => void step()}
        title="Go to the next paragraph that has no quote yet and that the evidence finder rates relevant to the thesis"
      >
        Next unquoted paragraph
      </button>
      {message && (
        <span className="reader-hint" role="status">
          {message}
        </span>
      )}
    </>
  );
}
