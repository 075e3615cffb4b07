/**
 * Quote anchoring: remembering where a quoted passage sits in a source text,
 * and finding it again after the source has been edited.
 *
 * A quote is stored as a W3C-style TextQuoteSelector (the quoted text plus a
 * little context on either side) together with the offsets it had when it was
 * taken. Re-anchoring tries progressively looser strategies — the stored
 * offsets, exact text search, whitespace-insensitive search, then approximate
 * search scored like the Hypothesis annotator's `match-quote` — and reports
 * which one succeeded, so the UI can tell "still there" from "probably this"
 * from "cannot tell" and "gone".
 *
 * All offsets are JavaScript string indices (UTF-16 code units).
 */
import approxSearch, { type Match } from 'approx-string-match';

/** A quoted passage of a text, with surrounding context to find it again. */
export type TextQuoteSelector = {
  /** The quoted text itself. */
  exact: string;
  /** Up to {@link CONTEXT_LENGTH} code units immediately before the quote. */
  prefix: string;
  /** Up to {@link CONTEXT_LENGTH} code units immediately after the quote. */
  suffix: string;
  /** Offset of the quote's first code unit when the selector was made. */
  start: number;
  /** Offset just past the quote's last code unit when the selector was made. */
  end: number;
};

/**
 * How a quote was found again:
 * - `exact`: unchanged at its stored offsets;
 * - `relocated`: the same text (ignoring whitespace differences) elsewhere;
 * - `fuzzy`: an approximate match scoring at least the minimum score;
 * - `ambiguous`: several equally good places, none of which can be preferred;
 * - `orphaned`: not found well enough to point at anything.
 */
export type AnchorStatus = 'exact' | 'relocated' | 'fuzzy' | 'ambiguous' | 'orphaned';

/**
 * Outcome of anchoring. `start`/`end` are set for `exact`, `relocated` and
 * `fuzzy` only; `score` (in [0, 1], 1 = identical quote) for those too.
 * `ambiguous` and `orphaned` deliberately carry no position so that no caller
 * can use an arbitrary pick by accident.
 */
export type AnchorResult = { status: AnchorStatus; start?: number; end?: number; score?: number };

/** Maximum length of the prefix and suffix context, in UTF-16 code units. */
export const CONTEXT_LENGTH = 32;

/**
 * Edit budget for the approximate search as a fraction of the quote length.
 * 0.2 tolerates a reworded word or two in a sentence-length quote while
 * keeping the search cheap (cost grows with the error budget).
 */
const DEFAULT_MAX_ERROR_RATE = 0.2;

/**
 * Minimum Hypothesis-style score for a fuzzy match. At the maximum edit rate
 * (quote similarity 0.8) the quote term alone gives (50·0.8 + 2)/92 ≈ 0.46,
 * so 0.6 demands that some of the context agrees too: a heavily edited quote
 * in a rewritten neighbourhood is more likely to be a different passage.
 */
const DEFAULT_MIN_SCORE = 0.6;

/** approx-string-match's cost is O(k/32 · n); Hypothesis caps k the same way. */
const MAX_ERRORS_CAP = 256;

// Hypothesis's weights: quote similarity dominates, context decides between
// similar candidates, position only breaks near-ties.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/**
 * Candidates whose context fits equally well are told apart by their distance
 * from the stored offset only when the nearest is at least this many times
 * closer than the next. A uniform shift (text inserted or removed above both
 * copies) keeps the right copy near the old offset and the other one about a
 * copy-to-copy gap away; a deleted original leaves copies at comparable
 * distances, which must stay ambiguous rather than be guessed.
 */
const POSITION_CLARITY_RATIO = 4;

const SCORE_EPSILON = 1e-9;

type AnchorOptions = { maxErrorRate?: number; minScore?: number };
type QuoteSelectorInput = Pick<TextQuoteSelector, 'exact' | 'prefix' | 'suffix'> &
  Partial<Pick<TextQuoteSelector, 'start' | 'end'>>;

/** A fresh object each time, so a caller mutating one result cannot affect another. */
function orphaned(): AnchorResult {
  return { status: 'orphaned' };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when a cut at `index` would separate the halves of a surrogate pair. */
function splitsSurrogatePair(text: string, index: number): boolean {
  return isHighSurrogate(text.charCodeAt(index - 1)) && isLowSurrogate(text.charCodeAt(index));
}

/**
 * Describes `text.slice(start, end)` as a selector: the quote, up to
 * {@link CONTEXT_LENGTH} code units of context on either side, and the offsets.
 *
 * The context is shortened by one code unit where the 32-unit cut would fall
 * inside a surrogate pair, so prefix and suffix are always well-formed and
 * never longer than {@link CONTEXT_LENGTH}. The quote boundaries themselves
 * are taken as given.
 *
 * @throws RangeError unless `start` and `end` are integers with
 *   `0 <= start < end <= text.length` (an empty quote cannot be found again).
 */
export function describeQuote(text: string, start: number, end: number): TextQuoteSelector {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new RangeError(`describeQuote: invalid range [${start}, ${end}) for a text of length ${text.length}`);
  }
  let prefixStart = Math.max(0, start - CONTEXT_LENGTH);
  if (prefixStart > 0 && splitsSurrogatePair(text, prefixStart)) prefixStart += 1;
  let suffixEnd = Math.min(text.length, end + CONTEXT_LENGTH);
  if (suffixEnd < text.length && splitsSurrogatePair(text, suffixEnd)) suffixEnd -= 1;
  return {
    exact: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
    start,
    end,
  };
}

/**
 * Same set as the ECMAScript `\s` class, tested by code so that stripping a
 * large text needs no regex call per character.
 */
function isWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function stripWhitespace(s: string): string {
  let out = '';
  let runStart = 0;
  for (let i = 0; i < s.length; i++) {
    if (isWhitespace(s.charCodeAt(i))) {
      if (i > runStart) out += s.slice(runStart, i);
      runStart = i + 1;
    }
  }
  return runStart === 0 ? s : out + s.slice(runStart);
}

/** The text without whitespace, with each remaining code unit's original offset. */
type StrippedText = { text: string; offsets: Uint32Array };

/**
 * A text being anchored against. The whitespace-free copy is built lazily and
 * kept, so re-anchoring many quotes pays for it at most once.
 */
type TextIndex = { text: string; stripped: StrippedText | null };

function strippedOf(index: TextIndex): StrippedText {
  if (index.stripped) return index.stripped;
  const { text } = index;
  const offsets = new Uint32Array(text.length);
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isWhitespace(text.charCodeAt(i))) offsets[count++] = i;
  }
  index.stripped = { text: stripWhitespace(text), offsets: offsets.subarray(0, count) };
  return index.stripped;
}

/** All (possibly overlapping) start offsets of `needle` in `haystack`, beginning at `first`. */
function occurrencesFrom(haystack: string, needle: string, first: number): number[] {
  const found: number[] = [];
  for (let at = first; at !== -1; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** How many code units before `pos` agree with the end of `prefix`. */
function sharedPrefixContext(haystack: string, pos: number, prefix: string): number {
  let n = 0;
  while (n < prefix.length && n < pos && haystack.charCodeAt(pos - 1 - n) === prefix.charCodeAt(prefix.length - 1 - n)) n++;
  return n;
}

/** How many code units from `pos` on agree with the start of `suffix`. */
function sharedSuffixContext(haystack: string, pos: number, suffix: string): number {
  let n = 0;
  while (n < suffix.length && pos + n < haystack.length && haystack.charCodeAt(pos + n) === suffix.charCodeAt(n)) n++;
  return n;
}

/**
 * Index into `starts` of the one candidate clearly nearest to `hint` (see
 * {@link POSITION_CLARITY_RATIO}), or -1 when position does not decide.
 */
function clearlyNearest(starts: readonly number[], hint: number | undefined): number {
  if (hint === undefined || starts.length < 2) return -1;
  let best = -1;
  let nearest = Infinity;
  let runnerUp = Infinity;
  starts.forEach((start, i) => {
    const distance = Math.abs(start - hint);
    if (distance < nearest) {
      runnerUp = nearest;
      nearest = distance;
      best = i;
    } else if (distance < runnerUp) {
      runnerUp = distance;
    }
  });
  return runnerUp > nearest && runnerUp >= POSITION_CLARITY_RATIO * nearest ? best : -1;
}

/**
 * Finds `exact` verbatim in `haystack` and picks among the occurrences by
 * context. `toRange` maps an offset in `haystack` to the range in the original
 * text, so the same logic serves the raw and the whitespace-free search.
 * Returns null when `exact` does not occur at all.
 */
function relocate(
  haystack: string,
  exact: string,
  prefix: string,
  suffix: string,
  hint: number | undefined,
  toRange: (at: number) => [number, number],
): AnchorResult | null {
  const first = haystack.indexOf(exact);
  if (first === -1) return null;
  const relocated = (at: number): AnchorResult => {
    const [start, end] = toRange(at);
    return { status: 'relocated', start, end, score: 1 };
  };

  if (prefix.length + suffix.length > 0) {
    const full = prefix + exact + suffix;
    const at = haystack.indexOf(full);
    if (at !== -1 && haystack.indexOf(full, at + 1) === -1) return relocated(at + prefix.length);
  }

  const candidates = occurrencesFrom(haystack, exact, first);
  if (candidates.length === 1) return relocated(first);

  // Agreement is measured outward from the quote, since context nearest the
  // quote is the most telling and a partial match further out is noise.
  let bestAgreement = -1;
  let tied: number[] = [];
  for (const at of candidates) {
    const agreement =
      sharedPrefixContext(haystack, at, prefix) + sharedSuffixContext(haystack, at + exact.length, suffix);
    if (agreement > bestAgreement) {
      bestAgreement = agreement;
      tied = [at];
    } else if (agreement === bestAgreement) {
      tied.push(at);
    }
  }
  if (tied.length === 1) return relocated(tied[0]!);
  const winner = clearlyNearest(tied.map((at) => toRange(at)[0]), hint);
  return winner === -1 ? { status: 'ambiguous' } : relocated(tied[winner]!);
}

/** Similarity in [0, 1] of `pattern` to its best approximate occurrence in `window`. */
function contextSimilarity(window: string, pattern: string): number {
  if (pattern.length === 0 || window.length === 0) return 0;
  if (window.includes(pattern)) return 1;
  // With an error budget of the whole pattern there is always a match.
  const best = approxSearch(window, pattern, pattern.length)[0];
  return best ? 1 - best.errors / pattern.length : 0;
}

type ScoredMatch = { start: number; end: number; content: number; score: number };

function fuzzyAnchor(
  text: string,
  selector: QuoteSelectorInput,
  hint: number | undefined,
  maxErrorRate: number,
  minScore: number,
): AnchorResult {
  const { exact, prefix, suffix } = selector;
  const maxErrors = Math.min(MAX_ERRORS_CAP, Math.floor(exact.length * maxErrorRate));
  // With no error budget the approximate search would only repeat indexOf.
  if (maxErrors < 1) return orphaned();
  const matches: Match[] = approxSearch(text, exact, maxErrors);
  if (matches.length === 0) return orphaned();

  const scored: ScoredMatch[] = matches.map((m) => {
    const quoteScore = 1 - m.errors / exact.length;
    // As in Hypothesis, missing context (a quote at the very start or end of
    // the text) counts as agreeing, since there was nothing to compare.
    const prefixScore = prefix ? contextSimilarity(text.slice(Math.max(0, m.start - prefix.length), m.start), prefix) : 1;
    const suffixScore = suffix ? contextSimilarity(text.slice(m.end, m.end + suffix.length), suffix) : 1;
    const positionScore = hint === undefined ? 1 : 1 - Math.min(1, Math.abs(m.start - hint) / Math.max(1, text.length));
    const content = QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore;
    return { start: m.start, end: m.end, content, score: (content + POSITION_WEIGHT * positionScore) / TOTAL_WEIGHT };
  });

  // The matcher reports every end offset with the minimal error count, so one
  // place in the text can yield several overlapping candidates (e.g. with and
  // without a trailing space). Those are one location, not rivals: keep the
  // best of each overlapping group.
  scored.sort((a, b) => a.start - b.start || a.end - b.end);
  const locations: ScoredMatch[] = [];
  let groupEnd = -1;
  for (const candidate of scored) {
    const last = locations[locations.length - 1];
    if (last && candidate.start < groupEnd) {
      if (candidate.score > last.score + SCORE_EPSILON) locations[locations.length - 1] = candidate;
      groupEnd = Math.max(groupEnd, candidate.end);
    } else {
      locations.push(candidate);
      groupEnd = candidate.end;
    }
  }

  locations.sort((a, b) => b.score - a.score);
  const best = locations[0]!;
  if (best.score < minScore) return orphaned();
  // A rival whose text and context fit as well as the best's differs from it
  // at most by position, which decides only when it is a clear signal.
  const rivals = locations.slice(1).filter((l) => l.content >= best.content - SCORE_EPSILON);
  if (rivals.length > 0 && clearlyNearest([best, ...rivals].map((l) => l.start), hint) !== 0) {
    return { status: 'ambiguous' };
  }
  return { status: 'fuzzy', start: best.start, end: best.end, score: Math.min(1, Math.max(0, best.score)) };
}

function anchorIn(index: TextIndex, selector: QuoteSelectorInput, options: AnchorOptions = {}): AnchorResult {
  const { text } = index;
  const { exact, prefix, suffix } = selector;
  if (exact.length === 0) return orphaned();
  const { start } = selector;
  const hint = start !== undefined && Number.isInteger(start) && start >= 0 ? start : undefined;

  if (hint !== undefined) {
    const end = selector.end ?? hint + exact.length;
    if (end - hint === exact.length && text.startsWith(exact, hint)) {
      return { status: 'exact', start: hint, end, score: 1 };
    }
  }

  const verbatim = relocate(text, exact, prefix, suffix, hint, (at) => [at, at + exact.length]);
  if (verbatim) return verbatim;

  // Texts extracted from PDFs break lines mid-sentence, and re-extraction or
  // hand edits move those breaks; a quote that differs only in whitespace is
  // the same passage, so it is searched for with all whitespace removed.
  const exactStripped = stripWhitespace(exact);
  if (exactStripped.length > 0) {
    const stripped = strippedOf(index);
    const found = relocate(
      stripped.text,
      exactStripped,
      stripWhitespace(prefix),
      stripWhitespace(suffix),
      hint,
      (at) => [stripped.offsets[at]!, stripped.offsets[at + exactStripped.length - 1]! + 1],
    );
    if (found) return found;
  }

  const maxErrorRate = Math.min(1, Math.max(0, options.maxErrorRate ?? DEFAULT_MAX_ERROR_RATE));
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  return fuzzyAnchor(text, selector, hint, maxErrorRate, minScore);
}

/**
 * Finds the selector's passage in (possibly edited) text, trying in order:
 *
 * 1. `exact` — the quote is still at its stored `start`/`end` (O(quote length)).
 * 2. `relocated` (score 1) — the quote occurs verbatim elsewhere: the unique
 *    occurrence of prefix + quote + suffix if there is one, else the unique
 *    occurrence of the quote, else the occurrence whose surroundings share
 *    the most code units with the prefix (read backwards from the quote) and
 *    suffix (read forwards). Failing a verbatim occurrence, the same is tried
 *    ignoring all whitespace, so line-break and spacing changes still
 *    relocate; offsets refer to the original text.
 * 3. `fuzzy` — approximate search allowing
 *    `min(256, floor(exact.length * maxErrorRate))` edits (default rate 0.2),
 *    scored as Hypothesis does: 50 × quote similarity + 20 × prefix
 *    similarity + 20 × suffix similarity + 2 × closeness to `start`, over 92.
 *    Matches scoring below `minScore` (default 0.6) are rejected.
 * 4. `orphaned` otherwise.
 *
 * When several candidates fit equally well, the result is `ambiguous` unless
 * one is at least four times closer to the stored `start` than any other.
 */
export function anchorQuote(
  text: string,
  selector: Pick<TextQuoteSelector, 'exact' | 'prefix' | 'suffix'> & Partial<Pick<TextQuoteSelector, 'start' | 'end'>>,
  options?: { maxErrorRate?: number; minScore?: number },
): AnchorResult {
  return anchorIn({ text, stripped: null }, selector, options);
}

/**
 * Re-anchors every quote against an edited text, e.g. after the user edits a
 * source. Each entry keeps the original `quote`, the anchoring `result`, and
 * `updated`: the quote with its selector fields (including the quoted text
 * and context, which fuzzy matching may have changed) re-described at the new
 * position, or null when the quote is `ambiguous` or `orphaned` and needs a
 * person to decide. Other fields of the quote are carried over unchanged.
 */
export function reanchorAll<T extends TextQuoteSelector>(
  text: string,
  quotes: readonly T[],
): Array<{ quote: T; result: AnchorResult; updated: T | null }> {
  const index: TextIndex = { text, stripped: null };
  return quotes.map((quote) => {
    const result = anchorIn(index, quote);
    const updated =
      result.start !== undefined && result.end !== undefined
        ? { ...quote, ...describeQuote(text, result.start, result.end) }
        : null;
    return { quote, result, updated };
  });
}
