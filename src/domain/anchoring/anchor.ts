/**
 * Quote anchoring: remembering where a quoted passage sits in a source text,
 * and finding it again after the source has been edited.
 *
 * A quote is stored as a W3C-style TextQuoteSelector (the quoted text plus a
 * little context on either side) together with the offsets it had when it was
 * taken. Re-anchoring gathers candidates — the stored offsets, verbatim and
 * whitespace-insensitive occurrences, approximate matches near the old place
 * and, failing those, in the whole text — and scores each in the manner of
 * the Hypothesis annotator's `match-quote` (quote, prefix, suffix and
 * position, each compared approximately). Only a candidate whose words AND
 * context agree is reported as found (`exact`, `relocated`); one that wins on
 * the words alone is `fuzzy` (needs review); candidates that score alike are
 * `ambiguous`; a low score is `orphaned`. Wrong-but-confident is the one
 * outcome this module is built to avoid.
 *
 * All offsets are JavaScript string indices (UTF-16 code units).
 */
import approxSearch from 'approx-string-match';

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
 * - `exact`: unchanged at its stored offsets, its context agreeing;
 * - `relocated`: the same words (ignoring whitespace) elsewhere, with
 *   agreeing context or at the place the edit moved it to;
 * - `fuzzy`: an approximate match, or the same words against contrary
 *   context: needs a person to review it;
 * - `ambiguous`: several places fit alike, none can be preferred;
 * - `orphaned`: not found well enough to point at anything.
 */
export type AnchorStatus = 'exact' | 'relocated' | 'fuzzy' | 'ambiguous' | 'orphaned';

export const ANCHOR_STATUSES: readonly AnchorStatus[] = ['exact', 'relocated', 'fuzzy', 'ambiguous', 'orphaned'];

/**
 * Outcome of anchoring. `start`/`end` are set for `exact`, `relocated` and
 * `fuzzy` only; `score` (in [0, 1], 1 = identical quote and context) for
 * those too. `ambiguous` and `orphaned` deliberately carry no position so
 * that no caller can use an arbitrary pick by accident.
 */
export type AnchorResult = { status: AnchorStatus; start?: number; end?: number; score?: number };

/** Maximum length of the prefix and suffix context, in UTF-16 code units. */
export const CONTEXT_LENGTH = 32;

/**
 * Edit budget of the approximate search near the old place, as a fraction of
 * the quote length. Generous, because near the old place the context decides;
 * acceptance below is what keeps a poor match out.
 */
const DEFAULT_MAX_ERROR_RATE = 0.5;
/** The whole-text approximate search is costlier and has no position to lean on. */
const GLOBAL_ERROR_RATE = 0.25;
/** approx-string-match's cost is O(k/32 · n); Hypothesis caps k the same way. */
const MAX_ERRORS_CAP = 256;
/** Above this quote length the window search uses bit-parallel matching instead of the full table. */
const MAX_DP_QUOTE = 400;

/** Minimum overall score of a fuzzy match (the weights below, over 92). */
const DEFAULT_MIN_SCORE = 0.5;

// Hypothesis's weights: quote similarity dominates, context decides between
// similar candidates, position only breaks near-ties.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/**
 * Context "agrees" when, on average, the surroundings read as before to this
 * degree, or one side alone does to {@link ONE_SIDE_AGREES} (an edit right
 * next to a quote changes only one side).
 */
const CONTEXT_AGREES = 0.5;
const ONE_SIDE_AGREES = 0.75;
/** Context scores closer than this are alike: ~3 of 32 characters on each side. */
const CONTEXT_ALIKE = 0.1;
/**
 * Context this close to the stored one (both sides nearly intact) cannot be
 * borrowed by a bare copy, which sits next to at most one side of it.
 */
const FULL_CONTEXT = 0.9;
/** Overall scores closer than this are alike. */
const SCORE_ALIKE = 0.02;

/** Fuzzy acceptance: a close match with some agreeing context… */
const CLOSE_QUOTE = 0.8;
/** …or a looser match whose both sides agree strongly (a rewritten quote in place). */
const LOOSE_QUOTE = 0.5;
const STRONG_SIDE = 0.75;

/**
 * Candidates that fit equally well are told apart by their distance from the
 * expected place only when the nearest is at least this many times closer
 * than the next. A uniform shift keeps the right copy near and the other one
 * a copy-to-copy gap away; a deleted original leaves copies at comparable
 * distances, which must stay ambiguous rather than be guessed.
 */
const POSITION_CLARITY_RATIO = 4;

/** Line breaks or spaces a paste may add after a copy's suffix. */
const PASTE_SEPARATOR = 4;

/** Half-width of the first, tight search window around the expected place. */
const NEAR_SLACK = 64;
/**
 * A copy this close to where the quote is expected is taken to be the quote
 * without first looking for an edited original nearby.
 */
const NEAR_TOLERANCE = 16;
/** Half-width of the second window, for a quote that moved a little further. */
const WIDE_SLACK = 512;

export type AnchorOptions = { maxErrorRate?: number; minScore?: number };
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
export function splitsSurrogatePair(text: string, index: number): boolean {
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

// ---------------------------------------------------------------- characters

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

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
function isWordChar(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (Number.isNaN(code)) return false;
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  if (isHighSurrogate(code) || isLowSurrogate(code)) return true;
  return WORD_CHAR.test(text[i]!);
}

/**
 * Typographic variants that an edit or a re-extraction swaps without changing
 * the words: curly and straight quotes, dash variants, runs of whitespace.
 * Used to compare context and to score a quote, never to report offsets.
 */
function foldChar(code: number): number {
  switch (code) {
    case 0x2018:
    case 0x2019:
    case 0x201a:
    case 0x201b:
    case 0x2032:
    case 0x60:
      return 0x27; // '
    case 0x201c:
    case 0x201d:
    case 0x201e:
    case 0x201f:
    case 0x2033:
      return 0x22; // "
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return 0x2d; // -
    default:
      return code;
  }
}

/** `s` folded ({@link foldChar}) with each whitespace run made one space, as char codes. */
function fold(s: string): number[] {
  const out: number[] = [];
  let inSpace = false;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (isWhitespace(code)) {
      if (!inSpace) out.push(0x20);
      inSpace = true;
    } else {
      out.push(foldChar(code));
      inSpace = false;
    }
  }
  return out;
}

// ---------------------------------------------------------------- edit distances

/**
 * Edit distance between `a` and a prefix of `b` of any length: `a` aligned
 * from the start of `b`, free to stop anywhere in it. Compares context read
 * outward from a quote's edge, where the window is longer than the context.
 */
function anchoredDistance(a: readonly number[], b: readonly number[]): number {
  const n = b.length;
  let prev = new Int32Array(n + 1);
  let cur = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1]! + (ai === b[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  let best = a.length;
  for (let j = 0; j <= n; j++) if (prev[j]! < best) best = prev[j]!;
  return best;
}

/**
 * Levenshtein distance, computed in a diagonal band first: a quote with a few
 * typos is scored in O(length × band) instead of O(length²). Exact: a result
 * inside the band is the true distance, and otherwise the full table runs.
 */
function levenshtein(a: readonly number[], b: readonly number[]): number {
  const band = Math.abs(a.length - b.length) + 12;
  if (band * 3 < Math.max(a.length, b.length)) {
    const d = bandedLevenshtein(a, b, band);
    if (d <= band - Math.abs(a.length - b.length)) return d;
  }
  return fullLevenshtein(a, b);
}

function bandedLevenshtein(a: readonly number[], b: readonly number[], band: number): number {
  const INF = 1 << 29;
  const n = b.length;
  let prev = new Int32Array(n + 1).fill(INF);
  let cur = new Int32Array(n + 1).fill(INF);
  for (let j = 0; j <= Math.min(n, band); j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(n, i + band);
    cur[lo - 1] = lo - 1 === 0 ? i : INF;
    const ai = a[i - 1];
    for (let j = lo; j <= hi; j++) {
      const sub = prev[j - 1]! + (ai === b[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    if (hi < n) cur[hi + 1] = INF;
    [prev, cur] = [cur, prev];
  }
  return prev[n]!;
}

function fullLevenshtein(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (ai === b[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

type RawMatch = { start: number; end: number; errors: number };

/**
 * Every place in `text[from, to)` where `pattern` occurs with at most
 * `maxErrors` edits: the best end of each local minimum of the error count,
 * with the start of its alignment. Unlike a minimum-error search this keeps
 * the true place even when another one nearby matches with fewer errors.
 * O(pattern × window); used on windows only.
 */
function windowMatches(text: string, from: number, to: number, pattern: string, maxErrors: number): RawMatch[] {
  const m = pattern.length;
  const p = new Int32Array(m);
  for (let i = 0; i < m; i++) p[i] = pattern.charCodeAt(i);
  let prevCost = new Int32Array(m + 1);
  let prevOrigin = new Int32Array(m + 1);
  let cost = new Int32Array(m + 1);
  let origin = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    prevCost[i] = i;
    prevOrigin[i] = from;
  }
  const ends: RawMatch[] = [];
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    cost[0] = 0;
    origin[0] = j + 1;
    for (let i = 1; i <= m; i++) {
      // Diagonal, then pattern char skipped (up), then text char skipped (left).
      let best = prevCost[i - 1]! + (p[i - 1] === c ? 0 : 1);
      let org = prevOrigin[i - 1]!;
      const up = cost[i - 1]! + 1;
      if (up < best) {
        best = up;
        org = origin[i - 1]!;
      }
      const left = prevCost[i]! + 1;
      if (left < best) {
        best = left;
        org = prevOrigin[i]!;
      }
      cost[i] = best;
      origin[i] = org;
    }
    if (cost[m]! <= maxErrors) ends.push({ start: origin[m]!, end: j + 1, errors: cost[m]! });
    [prevCost, cost] = [cost, prevCost];
    [prevOrigin, origin] = [origin, prevOrigin];
  }
  return localMinima(ends, Math.max(4, m >> 2));
}

/** Keeps each match that no other within `radius` (by end) beats; ties go to the earlier. */
function localMinima(ends: RawMatch[], radius: number): RawMatch[] {
  const out: RawMatch[] = [];
  for (let i = 0; i < ends.length; i++) {
    const e = ends[i]!;
    let keep = true;
    for (let k = i - 1; k >= 0 && e.end - ends[k]!.end <= radius; k--) {
      if (ends[k]!.errors <= e.errors) {
        keep = false;
        break;
      }
    }
    if (!keep) continue;
    for (let k = i + 1; k < ends.length && ends[k]!.end - e.end <= radius; k++) {
      if (ends[k]!.errors < e.errors) {
        keep = false;
        break;
      }
    }
    if (keep) out.push(e);
  }
  return out;
}

// ---------------------------------------------------------------- the index

/** The text without whitespace, with each remaining code unit's original offset. */
type StrippedText = { text: string; offsets: Uint32Array };

/**
 * A text being anchored against. The whitespace-free copy is built lazily and
 * kept, so re-anchoring many quotes against one text pays for it once.
 */
export type AnchorIndex = { readonly text: string; stripped: StrippedText | null; grams: GramIndex | null };

export function createAnchorIndex(text: string): AnchorIndex {
  return { text, stripped: null, grams: null };
}

/**
 * Positions of every 8-unit gram of the whitespace-free text, hashed into
 * chained buckets, so that finding a quote's copies in a large text walks
 * the positions of its rarest gram instead of scanning the whole text once
 * per quote.
 */
type GramIndex = { head: Int32Array; next: Int32Array; count: Int32Array; mask: number };
const GRAM = 8;
/** Below this many code units a plain scan is as fast as building the index. */
const GRAM_INDEX_MIN_TEXT = 32_768;

function gramHash(s: string, at: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < GRAM; k++) h = Math.imul(h ^ s.charCodeAt(at + k), 0x01000193);
  return h >>> 0;
}

function gramsOf(index: AnchorIndex): GramIndex {
  if (index.grams) return index.grams;
  const { text } = strippedOf(index);
  const positions = Math.max(0, text.length - GRAM + 1);
  let size = 1024;
  while (size < positions) size <<= 1;
  const mask = size - 1;
  const head = new Int32Array(size).fill(-1);
  const count = new Int32Array(size);
  const next = new Int32Array(Math.max(1, positions));
  for (let i = positions - 1; i >= 0; i--) {
    const b = gramHash(text, i) & mask;
    next[i] = head[b]!;
    head[b] = i;
    count[b]!++;
  }
  index.grams = { head, next, count, mask };
  return index.grams;
}

/** Every start of `needle` in the whitespace-free text, in order. */
function strippedOccurrences(index: AnchorIndex, needle: string): number[] {
  const st = strippedOf(index);
  const out: number[] = [];
  if (st.text.length < GRAM_INDEX_MIN_TEXT || needle.length < GRAM) {
    for (let at = st.text.indexOf(needle); at !== -1; at = st.text.indexOf(needle, at + 1)) out.push(at);
    return out;
  }
  const g = gramsOf(index);
  // The rarest of a few grams spread over the needle has the fewest positions to check.
  let bestOffset = 0;
  let bestCount = Infinity;
  const last = needle.length - GRAM;
  for (let k = 0; k <= 8; k++) {
    const offset = Math.round((last * k) / 8);
    const c = g.count[gramHash(needle, offset) & g.mask]!;
    if (c < bestCount) {
      bestCount = c;
      bestOffset = offset;
    }
  }
  for (let p = g.head[gramHash(needle, bestOffset) & g.mask]!; p !== -1; p = g.next[p]!) {
    const at = p - bestOffset;
    if (at >= 0 && st.text.startsWith(needle, at)) out.push(at);
  }
  return out.sort((a, b) => a - b);
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

function strippedOf(index: AnchorIndex): StrippedText {
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

// ---------------------------------------------------------------- scoring

/** One quote being anchored, with what is derived from it once. */
type Query = {
  exact: string;
  prefix: string;
  suffix: string;
  foldedExact: number[];
  /** Folded prefix, reversed (read outward from the quote). */
  prefixOut: number[];
  foldedSuffix: number[];
  /** Where the quote was; undefined when no offset was stored. */
  hint: number | undefined;
  /** The stored end, or the quote's length past the hint. */
  storedEnd: number | undefined;
  /** Where the edit is expected to have moved it (hint plus known drift). */
  expected: number | undefined;
  /** The quote began / ended at a word boundary, so a match should too. */
  startsAtWord: boolean;
  endsAtWord: boolean;
};

type Candidate = {
  start: number;
  end: number;
  /** Same words as the quote, whitespace aside. */
  verbatim: boolean;
  quote: number;
  prefix: number;
  suffix: number;
  /** Weighted score in [0, 1] (quote, prefix, suffix, position). */
  score: number;
};

function makeQuery(sel: QuoteSelectorInput, drift: number): Query {
  const { exact, prefix, suffix } = sel;
  const hint = sel.start !== undefined && Number.isInteger(sel.start) && sel.start >= 0 ? sel.start : undefined;
  return {
    exact,
    prefix,
    suffix,
    foldedExact: fold(exact),
    prefixOut: fold(prefix).reverse(),
    foldedSuffix: fold(suffix),
    hint,
    storedEnd: hint === undefined ? undefined : (sel.end ?? hint + exact.length),
    expected: hint === undefined ? undefined : Math.max(0, hint + drift),
    startsAtWord: !(isWordChar(exact, 0) && prefix.length > 0 && isWordChar(prefix, prefix.length - 1)),
    endsAtWord: !(isWordChar(exact, exact.length - 1) && suffix.length > 0 && isWordChar(suffix, 0)),
  };
}

/** How well the text before `start` reads as the stored prefix, in [0, 1]. */
function prefixAgreement(text: string, start: number, q: Query): number {
  const n = q.prefixOut.length;
  if (n === 0) return 1;
  const window = fold(text.slice(Math.max(0, start - 2 * q.prefix.length - 8), start)).reverse();
  if (window.length === 0) return 0;
  return 1 - anchoredDistance(q.prefixOut, window) / n;
}

/** How well the text after `end` reads as the stored suffix, in [0, 1]. */
function suffixAgreement(text: string, end: number, q: Query): number {
  const n = q.foldedSuffix.length;
  if (n === 0) return 1;
  const window = fold(text.slice(end, end + 2 * q.suffix.length + 8));
  if (window.length === 0) return 0;
  return 1 - anchoredDistance(q.foldedSuffix, window) / n;
}

function positionScore(text: string, start: number, q: Query): number {
  return q.expected === undefined ? 1 : 1 - Math.min(1, Math.abs(start - q.expected) / Math.max(1, text.length));
}

function scoreCandidate(text: string, start: number, end: number, q: Query, verbatim: boolean): Candidate {
  let quote = 1;
  if (!verbatim) {
    const folded = fold(text.slice(start, end));
    quote = Math.max(0, 1 - levenshtein(q.foldedExact, folded) / Math.max(1, q.foldedExact.length));
  }
  const prefix = prefixAgreement(text, start, q);
  const suffix = suffixAgreement(text, end, q);
  const score =
    (QUOTE_WEIGHT * quote + PREFIX_WEIGHT * prefix + SUFFIX_WEIGHT * suffix + POSITION_WEIGHT * positionScore(text, start, q)) /
    TOTAL_WEIGHT;
  return { start, end, verbatim, quote, prefix, suffix, score };
}

const contextOf = (c: Candidate) => (c.prefix + c.suffix) / 2;
const contextAgrees = (c: Candidate) => contextOf(c) >= CONTEXT_AGREES || Math.max(c.prefix, c.suffix) >= ONE_SIDE_AGREES;

/** A fuzzy candidate good enough to show the user (as needing review). */
function acceptable(c: Candidate, minScore: number): boolean {
  if (c.score < minScore) return false;
  if (c.quote >= CLOSE_QUOTE && contextAgrees(c)) return true;
  return c.quote >= LOOSE_QUOTE && c.prefix >= STRONG_SIDE && c.suffix >= STRONG_SIDE;
}

/**
 * Index of the one distance clearly the smallest (see
 * {@link POSITION_CLARITY_RATIO}), or -1 when none is.
 */
function clearlySmallest(distances: readonly number[]): number {
  if (distances.length < 2) return -1;
  let best = -1;
  let nearest = Infinity;
  let runnerUp = Infinity;
  distances.forEach((distance, i) => {
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
 * Index into `starts` of the one candidate clearly nearest to `expected`, or
 * -1 when position does not decide.
 */
function clearlyNearest(starts: readonly number[], expected: number | undefined): number {
  if (expected === undefined) return -1;
  return clearlySmallest(starts.map((start) => Math.abs(start - expected)));
}

/** How many code units before `end` in `text` read as the end of `prefix`. */
function commonTail(text: string, end: number, prefix: string): number {
  let n = 0;
  while (n < prefix.length && end - n > 0 && text.charCodeAt(end - n - 1) === prefix.charCodeAt(prefix.length - n - 1)) n++;
  return n;
}

/**
 * Among copies whose context agrees, the one position decides for, or
 * undefined. Position is read two ways, and trusted only where both agree:
 * the plain distance from the expected place, and the distance that remains
 * once an earlier rival is taken to have been pasted in (with whatever text
 * around it) before the old place. A copy pasted just before a quote pushes the quote
 * forward by the copy's length and is itself nearest the old place: the plain
 * reading picks the copy, the second the quote, so neither is picked. The one
 * placement no reading can decide, a copy pasted with the same surroundings
 * exactly at the old offset, is found `exact` before this is asked.
 */
function decideByPosition(text: string, rivals: readonly Candidate[], q: Query): Candidate | undefined {
  const expected = q.expected;
  if (expected === undefined) return undefined;
  const plain = rivals.map((c) => Math.abs(c.start - expected));
  // Exactly where the quote is expected (the drift of the quotes before it
  // carried over): the counterpart of an unchanged offset.
  const at = plain.indexOf(0);
  if (at !== -1) return rivals[at];
  const context = q.prefix.length + q.suffix.length;
  // Copies the paste reading explains as pushed forward by a paste just
  // before their prefix. One paste accounts for one copy: when several
  // qualify, the copies repeat at a regular spacing (a text that repeats a
  // passage with its surroundings) and each merely follows the one before.
  let pushedByPaste = 0;
  const pasted = rivals.map((c) => {
    const shift = c.start - expected;
    let d = Math.abs(shift);
    for (const y of rivals) {
      // Only a copy with the same surroundings as the quote can be the
      // quote's passage pasted with them.
      if (y.start >= c.start || contextOf(y) < FULL_CONTEXT) continue;
      if (y.start > expected) {
        // A copy now after the old place was pasted at most a separator
        // before c's prefix, or inside it: the paste (y with its suffix)
        // ends where what is left of c's prefix begins. Anything else is a
        // repeat that the edit shifted along with c.
        const pasteEnd = c.start - commonTail(text, c.start, q.prefix);
        if (pasteEnd < y.end || pasteEnd - y.end > q.suffix.length + PASTE_SEPARATOR) continue;
        if (d !== 0) pushedByPaste++;
        d = 0;
        continue;
      }
      // A paste that holds y and pushed c forward by `shift` began at or
      // before both y and the old place, and ended after y.
      // The paste is y with its surroundings: it ends a context's length
      // (and a separator) after y, so a larger shift is not explained by it.
      const need = y.end - Math.min(expected, y.start);
      if (shift <= need + context + 2 * PASTE_SEPARATOR) d = Math.min(d, Math.max(0, need - shift));
    }
    return d;
  });
  const a = clearlySmallest(plain);
  if (pushedByPaste > 1) return a !== -1 ? rivals[a] : undefined;
  return a !== -1 && a === clearlySmallest(pasted) ? rivals[a] : undefined;
}

/** Moves a match's edges onto word boundaries where the quote's own edges were on one. */
function snapToWords(text: string, start: number, end: number, q: Query): [number, number] {
  let s = start;
  let e = end;
  // An edge character that differs only typographically ties with leaving it
  // out; keep it, as the quote had it.
  const first = foldChar(q.exact.charCodeAt(0));
  const last = foldChar(q.exact.charCodeAt(q.exact.length - 1));
  if (s > 0 && foldChar(text.charCodeAt(s)) !== first && foldChar(text.charCodeAt(s - 1)) === first) s--;
  if (e < text.length && foldChar(text.charCodeAt(e - 1)) !== last && foldChar(text.charCodeAt(e)) === last) e++;
  if (q.startsAtWord && isWordChar(q.exact, 0)) {
    // Skip leading separators the match picked up, then back up to the word's start.
    for (let k = 0; k < 8 && s < e - 1 && !isWordChar(text, s); k++) s++;
    for (let k = 0; k < 24 && s > 0 && isWordChar(text, s - 1) && isWordChar(text, s); k++) s--;
  }
  if (q.endsAtWord && isWordChar(q.exact, q.exact.length - 1)) {
    for (let k = 0; k < 8 && e > s + 1 && !isWordChar(text, e - 1); k++) e--;
    for (let k = 0; k < 24 && e < text.length && isWordChar(text, e - 1) && isWordChar(text, e); k++) e++;
  }
  if (s > 0 && splitsSurrogatePair(text, s)) s--;
  if (e < text.length && splitsSurrogatePair(text, e)) e++;
  return [s, e];
}

/** Word boundaries (or the text's ends) within `radius` of `at`, nearest first. */
function boundariesNear(text: string, at: number, radius: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= radius; d++) {
    for (const i of [at - d, at + d]) {
      if (i < 0 || i > text.length) continue;
      if (isWordChar(text, i - 1) !== isWordChar(text, i) || isWhitespace(text.charCodeAt(i))) out.push(i);
    }
  }
  return out;
}

/**
 * The minimum-error alignment may stop short of a reworded ending or start
 * late (several ends tie). The context knows where the passage ends: try the
 * nearby word boundaries for each edge and keep what scores best.
 */
function refineEdges(text: string, c: Candidate, q: Query): Candidate {
  if (c.quote >= 0.9 && c.prefix >= 0.9 && c.suffix >= 0.9) return c;
  const radius = Math.max(12, Math.min(48, q.exact.length >> 1));
  let best = c;
  for (const e of boundariesNear(text, c.end, radius)) {
    if (e <= best.start) continue;
    const t = scoreCandidate(text, best.start, e, q, false);
    if (t.score > best.score + 1e-9) best = t;
  }
  const end = best.end;
  for (const s of boundariesNear(text, c.start, radius)) {
    if (s >= end || (s > 0 && splitsSurrogatePair(text, s))) continue;
    const t = scoreCandidate(text, s, end, q, false);
    if (t.score > best.score + 1e-9) best = t;
  }
  return best;
}

// ---------------------------------------------------------------- search

/** Verbatim and whitespace-insensitive occurrences of the quote, scored. */
function verbatimCandidates(index: AnchorIndex, q: Query): Candidate[] {
  const { text } = index;
  const stripped = stripWhitespace(q.exact);
  if (stripped.length === 0) return [];
  const out: Candidate[] = [];
  if (stripped === q.exact && text.length < GRAM_INDEX_MIN_TEXT) {
    // No whitespace in the quote: the raw search is the same and needs no index.
    for (let at = text.indexOf(q.exact); at !== -1; at = text.indexOf(q.exact, at + 1)) {
      out.push(scoreCandidate(text, at, at + q.exact.length, q, true));
    }
    return out;
  }
  const st = strippedOf(index);
  for (const at of strippedOccurrences(index, stripped)) {
    const start = st.offsets[at]!;
    const end = st.offsets[at + stripped.length - 1]! + 1;
    out.push(scoreCandidate(text, start, end, q, true));
  }
  return out;
}

/**
 * Approximate matches in `text[from, to)`, snapped and scored, best first.
 * `all` asks for every local best (the full table); otherwise only the
 * minimum-error matches (bit-parallel, much faster), which is what a quote
 * with a few typos needs.
 */
function approximateIn(text: string, from: number, to: number, q: Query, maxErrors: number, all: boolean): Candidate[] {
  const m = q.exact.length;
  let raw: RawMatch[];
  if (all && m <= MAX_DP_QUOTE) raw = windowMatches(text, from, to, q.exact, maxErrors);
  else {
    raw = approxSearch(text.slice(from, to), q.exact, Math.min(maxErrors, MAX_ERRORS_CAP)).map((r) => ({
      start: r.start + from,
      end: r.end + from,
      errors: r.errors,
    }));
  }
  raw.sort((a, b) => a.errors - b.errors);
  const out: Candidate[] = [];
  const seen = new Set<number>();
  let bestScore = -1;
  for (const r of raw) {
    // Branch and bound: a match with this many errors cannot outscore the best by more than its quote term allows.
    const bound = (QUOTE_WEIGHT * (1 - r.errors / m) + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT) / TOTAL_WEIGHT + 0.05;
    if (bound < bestScore - SCORE_ALIKE) break;
    const [s, e] = snapToWords(text, r.start, r.end, q);
    if (e <= s || seen.has(s * 1e7 + e)) continue;
    seen.add(s * 1e7 + e);
    let c = refineEdges(text, scoreCandidate(text, s, e, q, false), q);
    // Words glued to a neighbour (a paste with no space) have no boundary
    // to snap to: the alignment itself may be the better reading.
    if (c.quote < CLOSE_QUOTE && (s !== r.start || e !== r.end) && r.end > r.start) {
      const raw = scoreCandidate(text, r.start, r.end, q, false);
      if (raw.score > c.score) c = raw;
    }
    out.push(c);
    if (c.score > bestScore) bestScore = c.score;
    if (out.length >= 12) break;
  }
  return out.sort((a, b) => b.score - a.score);
}

/**
 * Fuzzy candidates near the expected place (and the stored one): first the
 * few-typos search in a tight window, then every local best in it, then the
 * same in a wider window.
 */
function nearCandidates(text: string, q: Query, maxErrors: number, minScore: number, exclude: readonly Candidate[]): Candidate[] {
  const m = q.exact.length;
  const centres = [...new Set([q.expected, q.hint].filter((x): x is number => x !== undefined))];
  if (centres.length === 0 || maxErrors < 1) return [];
  const fewErrors = Math.min(maxErrors, Math.max(1, Math.floor(m * 0.2)));
  for (const [slack, all] of [
    [NEAR_SLACK, false],
    [NEAR_SLACK, true],
    [WIDE_SLACK, true],
  ] as const) {
    const found: Candidate[] = [];
    // Overlapping windows are searched once.
    const windows = centres
      .map((c) => [Math.max(0, c - slack - (m >> 1)), Math.min(text.length, c + m + slack + (m >> 1))] as const)
      .sort((a, b) => a[0] - b[0]);
    let [from, to] = windows[0]!;
    for (const [f, t] of [...windows.slice(1), [Infinity, Infinity] as const]) {
      if (f <= to) to = Math.max(to, t);
      else {
        if (from < to) found.push(...approximateIn(text, from, to, q, all ? maxErrors : fewErrors, all));
        [from, to] = [f, t];
      }
    }
    // A match that merely touches a verbatim copy (snapped to a word glued to
    // it) is still a candidate of its own.
    const good = found.filter((c) => acceptable(c, minScore) && !exclude.some((x) => overlapsMostly(x, c)));
    if (good.length) return dedupe(good).sort((a, b) => b.score - a.score);
  }
  return [];
}

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.start < b.end && b.start < a.end;
}

function overlapsMostly(a: Candidate, b: Candidate): boolean {
  return 2 * (Math.min(a.end, b.end) - Math.max(a.start, b.start)) > Math.min(a.end - a.start, b.end - b.start);
}

/** One candidate per overlapping group: the best scoring. */
function dedupe(cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort((a, b) => b.score - a.score);
  const out: Candidate[] = [];
  for (const c of sorted) if (!out.some((o) => overlaps(o, c))) out.push(c);
  return out;
}

/**
 * True when the stored prefix and suffix now meet at the old place (nothing,
 * or only whitespace, between them): the quote was deleted there, so a match
 * elsewhere is another passage, not this one moved.
 */
function cutOutOfOldPlace(text: string, q: Query): boolean {
  const tail = stripWhitespace(q.prefix).slice(-12);
  const head = stripWhitespace(q.suffix).slice(0, 12);
  if (tail.length < 6 || head.length < 6) return false;
  const seam = tail + head;
  const reach = 2 * CONTEXT_LENGTH + NEAR_SLACK;
  for (const c of new Set([q.expected, q.hint])) {
    if (c === undefined) continue;
    if (stripWhitespace(text.slice(Math.max(0, c - reach), c + reach)).includes(seam)) return true;
  }
  return false;
}

function found(status: 'exact' | 'relocated' | 'fuzzy', c: Candidate): AnchorResult {
  // Exact and relocated quotes have their words unchanged: score 1, as before.
  const score = status === 'fuzzy' ? Math.min(1, Math.max(0, c.score)) : 1;
  return { status, start: c.start, end: c.end, score };
}

/** Picks among fuzzy candidates (best first): alike rivals make it ambiguous unless position decides. */
function pickFuzzy(cands: Candidate[], q: Query): AnchorResult {
  const best = cands[0];
  if (!best) return orphaned();
  const rivals = cands.slice(1).filter((c) => !overlaps(c, best) && c.score >= best.score - SCORE_ALIKE);
  if (rivals.length === 0) return found('fuzzy', best);
  const all = [best, ...rivals];
  const w = clearlyNearest(
    all.map((c) => c.start),
    q.expected,
  );
  return w === -1 ? { status: 'ambiguous' } : found('fuzzy', all[w]!);
}

/**
 * Context that vouches for words found far from the old place: both sides
 * agree. One side alone is what a passage repeated elsewhere in the text (a
 * summary restating a sentence) often shares with the quote.
 */
function contextHolds(c: Candidate): boolean {
  return contextOf(c) >= FULL_CONTEXT || Math.min(c.prefix, c.suffix) >= ONE_SIDE_AGREES;
}

/**
 * A verbatim match whose context agrees only in part may be a bare copy
 * pasted next to the quote, borrowing one side of its context, while the
 * quote itself was edited. It stands unless an edited original near the old
 * place fits as well: then the two are alike (ambiguous), or the original's
 * context is clearly better (fuzzy, at the original).
 */
function unlessEditedOriginal(c: Candidate, status: 'exact' | 'relocated', nearFuzzy: () => Candidate[], q: Query): AnchorResult {
  if (contextOf(c) >= FULL_CONTEXT) return found(status, c);
  const rivals = nearFuzzy().filter((o) => contextOf(o) >= contextOf(c) - CONTEXT_ALIKE);
  if (rivals.length === 0) return found(status, c);
  const better = rivals.filter((o) => contextOf(o) > contextOf(c) + CONTEXT_ALIKE);
  return better.length > 0 ? pickFuzzy(better, q) : { status: 'ambiguous' };
}

function isNear(c: Candidate, q: Query): boolean {
  if (q.expected === undefined) return false;
  const tolerance = NEAR_TOLERANCE;
  return Math.abs(c.start - q.expected) <= tolerance || (q.hint !== undefined && Math.abs(c.start - q.hint) <= tolerance);
}

function anchorQuery(index: AnchorIndex, q: Query, options: AnchorOptions): AnchorResult {
  const { text } = index;
  const m = q.exact.length;
  const maxErrorRate = Math.min(1, Math.max(0, options.maxErrorRate ?? DEFAULT_MAX_ERROR_RATE));
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const nearErrors = Math.min(MAX_ERRORS_CAP, Math.floor(m * maxErrorRate));

  // 1. Still in place, with context that does not say otherwise.
  // A stored range whose length disagrees with the quote is not trusted as a place.
  const hint = q.hint !== undefined && q.storedEnd === q.hint + m ? q.hint : undefined;
  // Found lazily: an unchanged quote needs neither (nor the index they build).
  let verbatimFound: Candidate[] | undefined;
  const verbatimAll = () => (verbatimFound ??= verbatimCandidates(index, q));
  const nearFuzzy = () => nearCandidates(text, q, nearErrors, minScore, verbatimAll());
  if (hint !== undefined && text.startsWith(q.exact, hint)) {
    const here = scoreCandidate(text, hint, hint + m, q, true);
    if (contextAgrees(here)) return unlessEditedOriginal(here, 'exact', nearFuzzy, q);
  }

  // 2. The same words elsewhere, ranked by how well their context agrees.
  const verbatim = verbatimAll();
  if (verbatim.length > 0) {
    const byContext = [...verbatim].sort((a, b) => contextOf(b) - contextOf(a));
    const best = byContext[0]!;
    const alike = (c: Candidate) => contextOf(c) >= contextOf(best) - CONTEXT_ALIKE;
    // Every copy whose context agrees alike, or holds on one side (a copy
    // pasted inside the quote's context takes the whole of it and leaves the
    // quote one side), is a rival: the best context alone does not decide.
    const rivals = contextAgrees(best)
      ? byContext.filter((c) => contextAgrees(c) && (alike(c) || Math.max(c.prefix, c.suffix) >= ONE_SIDE_AGREES))
      : byContext.filter(alike);
    const chosen: Candidate | undefined = rivals.length === 1 ? best : decideByPosition(text, rivals, q);
    const status = (c: Candidate): 'exact' | 'relocated' =>
      c.start === hint && c.end === hint + m && text.startsWith(q.exact, hint) ? 'exact' : 'relocated';
    if (chosen && contextAgrees(chosen) && isNear(chosen, q)) return unlessEditedOriginal(chosen, status(chosen), nearFuzzy, q);
    // The copy is far from where the quote should be, its context is
    // contrary, or copies fit alike: before accepting one, see whether the
    // quote was cut out of its old place, and look for the original, edited,
    // near that place.
    if (cutOutOfOldPlace(text, q)) return orphaned();
    const original = nearFuzzy();
    if (original.length > 0) {
      if (chosen && !contextAgrees(chosen)) return pickFuzzy(original, q);
      // Both a copy and an edited original fit: the original wins only when
      // it is nearer; otherwise they are alike, and no guess is made.
      const distance = (c: Candidate) => Math.abs(c.start - (q.expected ?? c.start));
      const others = chosen ? [chosen] : rivals;
      const nearer = original.filter((c) => others.every((r) => distance(c) < distance(r)));
      return nearer.length > 0 ? pickFuzzy(nearer, q) : { status: 'ambiguous' };
    }
    // Copies that fit alike, none nearer: no text-based rule can choose.
    if (!chosen) return { status: 'ambiguous' };
    // Far from the old place, only context that holds vouches for the words:
    // context agreeing by chance (common words around a pasted copy) does not.
    if (contextAgrees(chosen) && contextHolds(chosen)) return found(status(chosen), chosen);
    // Only the words agree: show it, as needing review.
    return found('fuzzy', chosen);
  }

  // 3. Approximate: near the old place first, then anywhere.
  if (m < 2) return orphaned();
  if (cutOutOfOldPlace(text, q)) return orphaned();
  const near = nearFuzzy();
  if (near.length > 0) return pickFuzzy(near, q);
  const globalErrors = Math.min(MAX_ERRORS_CAP, Math.floor(m * Math.min(maxErrorRate, GLOBAL_ERROR_RATE)));
  if (globalErrors < 1) return orphaned();
  const matches = approxSearch(text, q.exact, globalErrors);
  if (matches.length === 0 || matches.length > 200) return matches.length ? { status: 'ambiguous' } : orphaned();
  const cands: Candidate[] = [];
  for (const r of matches) {
    const [s, e] = snapToWords(text, r.start, r.end, q);
    if (e > s) cands.push(scoreCandidate(text, s, e, q, false));
  }
  const good = dedupe(cands.filter((c) => acceptable(c, minScore)));
  return pickFuzzy(good, q);
}

function anchorIn(index: AnchorIndex, selector: QuoteSelectorInput, options: AnchorOptions = {}, drift = 0): AnchorResult {
  if (selector.exact.length === 0 || index.text.length === 0) return orphaned();
  return anchorQuery(index, makeQuery(selector, drift), options);
}

/**
 * Finds the selector's passage in (possibly edited) text:
 *
 * 1. `exact` — still at its stored `start`/`end`, and its context agrees.
 * 2. `relocated` (score 1) — the same words (ignoring whitespace) elsewhere,
 *    whose context agrees with the stored prefix and suffix (compared
 *    approximately, curly and straight quotes, dashes and whitespace runs
 *    alike) and which is near the old place or has no edited original near
 *    the old place. Copies whose context scores alike are told apart by
 *    position only when one is clearly nearer; otherwise `ambiguous`.
 * 3. `fuzzy` — an approximate match near the old place (searched with an
 *    error budget of half the quote, every local best scored, snapped to
 *    word boundaries), or, failing that, anywhere (a quarter of the quote);
 *    scored as Hypothesis does: 50 × quote + 20 × prefix + 20 × suffix +
 *    2 × position, over 92. Accepted only when the quote is close (≥ 0.8)
 *    with agreeing context, or loosely alike (≥ 0.5) with both sides
 *    agreeing strongly. The same words against contrary context are fuzzy
 *    too: shown, but as needing review.
 * 4. `orphaned` otherwise.
 */
export function anchorQuote(text: string, selector: QuoteSelectorInput, options?: AnchorOptions): AnchorResult {
  return anchorIn(createAnchorIndex(text), selector, options);
}

export type ReanchorEntry<T> = { quote: T; result: AnchorResult; updated: T | null };

/**
 * Re-anchors every quote against one (edited) text through one shared index.
 * Quotes are taken in the order of their old offsets, and the shift of the
 * last one found is carried to the next, so a quote is first looked for
 * where the edits above it have moved it.
 *
 * Each entry keeps the original `quote`, the anchoring `result`, and
 * `updated`: the quote with its selector fields re-described at the new
 * position, or null when the quote is `ambiguous` or `orphaned`. Other fields
 * of the quote are carried over unchanged. Entries come back in input order.
 */
export function reanchorAll<T extends QuoteSelectorInput>(
  text: string,
  quotes: readonly T[],
  options: AnchorOptions & {
    onProgress?: (done: number, total: number) => void;
    index?: AnchorIndex;
    /**
     * Carry each found quote's shift to the next (default true): right after
     * an edit. Off for quotes already placed in this text, whose result must
     * not depend on which other quotes are anchored with them.
     */
    drift?: boolean;
  } = {},
): Array<ReanchorEntry<T>> {
  const index = options.index?.text === text ? options.index : createAnchorIndex(text);
  const order = quotes.map((_, i) => i).sort((a, b) => (quotes[a]!.start ?? 0) - (quotes[b]!.start ?? 0));
  const out = new Array<ReanchorEntry<T>>(quotes.length);
  let drift = 0;
  const step = Math.max(1, Math.floor(quotes.length / 100));
  order.forEach((i, done) => {
    const quote = quotes[i]!;
    const result = anchorIn(index, quote, options, drift);
    if (options.drift !== false && result.start !== undefined && quote.start !== undefined) drift = result.start - quote.start;
    const updated =
      result.start !== undefined && result.end !== undefined && result.start < result.end
        ? { ...quote, ...describeQuote(text, result.start, result.end) }
        : null;
    out[i] = { quote, result, updated };
    if (options.onProgress && (done + 1) % step === 0) options.onProgress(done + 1, quotes.length);
  });
  options.onProgress?.(quotes.length, quotes.length);
  return out;
}
