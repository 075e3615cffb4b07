/**
 * Words for search: folding (case, diacritics, curly vs straight quotes),
 * tokens with their offsets in the original text, stop words and stemming.
 * Plain TS: used by the search worker, the evidence finder and their tests.
 */
import { stemmer } from 'stemmer';

/** Typographic quotes and apostrophes, folded to their ASCII forms. */
const QUOTES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u02BC': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
};
const QUOTE_RE = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;

/**
 * Lower case without diacritics, with curly quotes straightened, so that
 * `Beijing’s`, `beijing's` and `BEIJİNG'S` are one word and `régime` matches
 * `regime`. Length may change (NFKD expands ligatures): use it on words, and
 * keep offsets from {@link tokenize}.
 */
export function foldText(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').replace(QUOTE_RE, (c) => QUOTES[c] ?? c).toLowerCase();
}

export type Token = {
  /** The folded word. */
  term: string;
  /** Offsets of the word in the original text. */
  start: number;
  end: number;
};

/**
 * A word: letters and digits (with their combining marks). Apostrophes,
 * hyphens and dashes separate words, so `China’s` gives `china` and `s`
 * whichever apostrophe was typed.
 */
const WORD_RE = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

const foldCache = new Map<string, string>();

/**
 * {@link foldText} of one word, cached: Unicode normalization per word was
 * most of the time of indexing a long text, whose vocabulary is small.
 */
function foldWord(word: string): string {
  let f = foldCache.get(word);
  if (f === undefined) {
    f = foldText(word);
    if (foldCache.size > 200_000) foldCache.clear();
    foldCache.set(word, f);
  }
  return f;
}

/** The words of `text`, folded, with their offsets in `text`. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const start = m.index;
    out.push({ term: foldWord(m[0]), start, end: start + m[0].length });
  }
  return out;
}

/** The folded words of `text`, without offsets (what an index needs). */
export function words(text: string): string[] {
  // Lower-casing the whole text at once, then folding only the words that are
  // not plain ASCII, took most of the time out of tokenizing: a cache lookup
  // a word cost more than the rest of indexing it. (Lower case first gives
  // the same fold: NFKD and dropping marks commute with it.)
  const found = text.toLowerCase().match(WORD_RE);
  if (!found) return [];
  for (let i = 0; i < found.length; i++) {
    const w = found[i]!;
    if (!isAscii(w)) found[i] = foldWord(w);
  }
  return found;
}

function isAscii(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (w.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * English function words: they carry no topic, and leaving them out keeps
 * an AND query such as "the summit" from failing on a passage without "the".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not of off on once only or other our ' +
    'ours ourselves out over own same she should so some such than that the their theirs them themselves then there these ' +
    'they this those through to too under until up very was we were what when where which while who whom why will with ' +
    'would you your yours yourself yourselves s t d ll m re ve also its may might must shall upon us'
  ).split(' '),
);

const stemCache = new Map<string, string>();

/**
 * The Porter stem of a folded word (`negotiations` → `negoti`), cached: a
 * text's vocabulary is small next to its length. Numbers stay as they are.
 */
export function stem(term: string): string {
  let s = stemCache.get(term);
  if (s === undefined) {
    s = /^\p{N}+$/u.test(term) ? term : stemmer(term);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(term, s);
  }
  return s;
}
