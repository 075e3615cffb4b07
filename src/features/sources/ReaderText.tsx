import { memo, type Ref } from 'react';
import { blocksOf, snapToCharacters, splitSegments, type MarkRange } from './segments';
import { reflowText } from './ReaderReflow';

type Props = {
  text: string;
  /** Quotes to mark; compared by value, so a new array with the same ranges renders nothing. */
  ranges: readonly MarkRange[];
  label: string;
  /** Draw hard-wrapped lines joined into paragraphs (display only: same length, same offsets; ReaderReflow.ts). */
  reflow?: boolean;
  ref?: Ref<HTMLDivElement>;
};

function sameRanges(a: readonly MarkRange[], b: readonly MarkRange[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.start !== y.start || x.end !== y.end || x.relation !== y.relation || x.fuzzy !== y.fuzzy) return false;
  }
  return true;
}

/**
 * The source text with its quotes as <mark> elements. It depends only on the
 * text and the quote ranges: selection, labels (claim texts) and flashing are
 * applied to the rendered marks by the Reader, so neither a selection change
 * nor typing a claim re-renders a 300 KB text. The container holds nothing
 * but the text (see textOffsets.ts): icons are CSS-generated. Each paragraph
 * is its own block so layout is per paragraph, not one 300 KB inline run.
 */
export const ReaderText = memo(
  function ReaderText({ text: stored, ranges, label, reflow = false, ref }: Props) {
    // What is drawn: the stored text, or the same length with hard wraps drawn as spaces.
    const text = reflow ? reflowText(stored) : stored;
    const blocks = blocksOf(text, splitSegments(text.length, snapToCharacters(text, ranges)));
    return (
      <div ref={ref} className={`reader-text${reflow ? ' is-reflowed' : ''}`} role="document" tabIndex={0} aria-label={label}>
        {blocks.map((block) => (
          <div key={block.start} className="reader-block">
            {block.segments.map((s) => {
              const chunk = text.slice(s.start, s.end);
              if (!s.quoteIds.length) return chunk;
              return (
                <mark
                  key={s.start}
                  className={`q q-${s.relation}${s.fuzzy ? ' q-fuzzy' : ''}`}
                  data-quote={s.quoteIds[0]}
                  data-quotes={s.quoteIds.join(' ')}
                >
                  {chunk}
                </mark>
              );
            })}
          </div>
        ))}
      </div>
    );
  },
  (prev, next) => prev.text === next.text && prev.reflow === next.reflow && prev.label === next.label && prev.ref === next.ref && sameRanges(prev.ranges, next.ranges),
);
