/**
 * Splitting a source text into the runs the reader renders: plain text, or
 * text covered by one or more quotes. Quotes may overlap or nest, so the text
 * is cut at every quote boundary; each run knows every quote covering it.
 */

/** How a quote is linked: to claims it supports, contradicts, both, or none yet. */
export type MarkRelation = 'supports' | 'contradicts' | 'both' | 'unlinked';

export type MarkRange = {
  id: string;
  start: number;
  end: number;
  relation: MarkRelation;
  /** Anchored only approximately: needs review. */
  fuzzy: boolean;
};

export type Segment = {
  start: number;
  end: number;
  /** Covering quotes, innermost (shortest) first; empty for plain text. */
  quoteIds: string[];
  /** The combined relation of the covering quotes (undefined for plain text). */
  relation?: MarkRelation;
  fuzzy?: boolean;
};

/** Relations of several quotes on one run: mixed signs make `both`. */
export function combineRelations(relations: readonly MarkRelation[]): MarkRelation {
  let supports = false;
  let contradicts = false;
  for (const r of relations) {
    if (r === 'supports' || r === 'both') supports = true;
    if (r === 'contradicts' || r === 'both') contradicts = true;
  }
  return supports && contradicts ? 'both' : supports ? 'supports' : contradicts ? 'contradicts' : 'unlinked';
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Ranges moved off the middle of a surrogate pair: a start between the two
 * halves of an emoji moves back before it, an end moves on after it, so a
 * mark never shows half a character (a stored quote may have such offsets).
 */
export function snapToCharacters(text: string, ranges: readonly MarkRange[]): MarkRange[] {
  const inside = (i: number) => i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));
  return ranges.map((r) =>
    inside(r.start) || inside(r.end) ? { ...r, start: inside(r.start) ? r.start - 1 : r.start, end: inside(r.end) ? r.end + 1 : r.end } : r,
  );
}

/** Innermost first: shorter range, then later start, then id (a stable order). */
function inner(a: MarkRange, b: MarkRange): number {
  return a.end - a.start - (b.end - b.start) || b.start - a.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Cuts `[0, textLength)` at every boundary of `ranges` (clipped to the text;
 * empty ranges ignored). Adjacent runs never share the same set of quotes
 * unless a boundary separates them. A sweep over sorted boundaries keeps it
 * O(B log B + B·k) for B boundaries and k quotes open at once.
 */
export function splitSegments(textLength: number, ranges: readonly MarkRange[]): Segment[] {
  const valid = ranges
    .map((r) => ({ ...r, start: Math.max(0, r.start), end: Math.min(textLength, r.end) }))
    .filter((r) => r.start < r.end);
  if (textLength <= 0) return [];
  if (!valid.length) return [{ start: 0, end: textLength, quoteIds: [] }];
  const points = new Set<number>([0, textLength]);
  for (const r of valid) {
    points.add(r.start);
    points.add(r.end);
  }
  const cuts = [...points].sort((a, b) => a - b);
  const byStart = [...valid].sort((a, b) => a.start - b.start);
  const open: MarkRange[] = [];
  const out: Segment[] = [];
  let next = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i]!;
    const b = cuts[i + 1]!;
    for (let j = open.length - 1; j >= 0; j--) if (open[j]!.end <= a) open.splice(j, 1);
    while (next < byStart.length && byStart[next]!.start <= a) open.push(byStart[next++]!);
    if (!open.length) {
      out.push({ start: a, end: b, quoteIds: [] });
      continue;
    }
    const covering = [...open].sort(inner);
    out.push({
      start: a,
      end: b,
      quoteIds: covering.map((r) => r.id),
      relation: combineRelations(covering.map((r) => r.relation)),
      fuzzy: covering.some((r) => r.fuzzy),
    });
  }
  return out;
}

export type Block = { start: number; end: number; segments: Segment[] };

/**
 * Groups segments into blocks at paragraph boundaries (just after each run of
 * line breaks), cutting a segment that crosses one. The reader renders each
 * block as its own box, so the browser lays out and caches a long text
 * paragraph by paragraph instead of as one 300 KB inline run.
 */
export function blocksOf(text: string, segments: readonly Segment[]): Block[] {
  const cuts: number[] = [];
  for (let i = 1; i < text.length; i++) if (text.charCodeAt(i - 1) === 10 && text.charCodeAt(i) !== 10) cuts.push(i);
  cuts.push(text.length);
  const blocks: Block[] = [];
  let blockStart = 0;
  let c = 0;
  let current: Segment[] = [];
  for (const seg of segments) {
    let a = seg.start;
    while (a < seg.end) {
      const limit = cuts[c]!;
      const b = Math.min(seg.end, limit);
      current.push(a === seg.start && b === seg.end ? seg : { ...seg, start: a, end: b });
      a = b;
      if (b === limit) {
        blocks.push({ start: blockStart, end: limit, segments: current });
        current = [];
        blockStart = limit;
        c++;
      }
    }
  }
  return blocks;
}
