/**
 * The user's words, defined once: the Admiralty scales, weight names, grade
 * strings, signed weights, plurals and shortened text. The graph, the
 * details, the dialogs, the thesis check, the matrix and the report all take
 * them from here, so one grade never reads "F – Reliability cannot be judged"
 * in one place and "F — Cannot be judged" in another.
 */
import type { Credibility, Reliability, Weight } from './schema';

/** Admiralty scale, source reliability (the letters the map format stores). */
export const RELIABILITY_LABELS: Readonly<Record<Reliability, string>> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
};

/** Admiralty scale, information credibility (the digits the map format stores). */
export const CREDIBILITY_LABELS: Readonly<Record<Credibility, string>> = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Truth cannot be judged',
};

export const RELIABILITY_GRADES = Object.keys(RELIABILITY_LABELS) as Reliability[];
export const CREDIBILITY_GRADES = [1, 2, 3, 4, 5, 6] as const satisfies readonly Credibility[];

/** A link's weight in words; absent in a file means moderate (`linkWeight`). */
export const WEIGHT_NAMES: Readonly<Record<Weight, string>> = { 1: 'Weak', 2: 'Moderate', 3: 'Strong' };
export const WEIGHTS = [1, 2, 3] as const satisfies readonly Weight[];
/** A weight in running text: `weak`, `moderate`, `strong`; any other number as itself. */
export const weightWord = (value: number): string => WEIGHT_NAMES[value as Weight]?.toLowerCase() ?? String(value);

/** The text of a scale's option in a menu: `B – Usually reliable`, `2 – Probably true`. */
export const scaleOption = (grade: Reliability | Credibility, label: string): string => `${grade} \u2013 ${label}`;
export const reliabilityOption = (r: Reliability): string => scaleOption(r, RELIABILITY_LABELS[r]);
export const credibilityOption = (c: Credibility): string => scaleOption(c, CREDIBILITY_LABELS[c]);
/** The option of a grade menu for no grade. */
export const NOT_RATED = 'Not rated';

/** A select's value as a reliability letter, or undefined for "not rated". */
export function parseReliability(value: string): Reliability | undefined {
  return value in RELIABILITY_LABELS ? (value as Reliability) : undefined;
}

/** A select's value as a credibility digit, or null for "not rated". */
export function parseCredibility(value: string): Credibility | null {
  const n = Number(value);
  return value !== '' && (CREDIBILITY_GRADES as readonly number[]).includes(n) ? (n as Credibility) : null;
}

/** A select's value as a weight; anything else is moderate. */
export function parseWeight(value: string): Weight {
  const n = Number(value);
  return n === 1 || n === 3 ? n : 2;
}

/** The grade spelled out, for a tooltip and screen readers. */
export function gradeMeaning(reliability: Reliability | undefined, credibility: Credibility | undefined): string {
  const r = reliability ? `source ${RELIABILITY_LABELS[reliability].toLowerCase()}` : 'source not rated';
  const c = credibility ? `information ${CREDIBILITY_LABELS[credibility].toLowerCase()}` : 'information not rated';
  return `${r}, ${c}`;
}

/** `1 quote`, `2 quotes`; `many` for irregular words (`1 copy`, `2 copies`). */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The ellipsis that ends every shortened text. */
export const ELLIPSIS = '\u2026';

/** `text` cut to at most `max` characters, the last being `…` when anything was cut. */
export function ellipsize(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}${ELLIPSIS}` : text;
}

/** Text on one line (runs of white space become one space), cut to `max`; empty text reads `(untitled)`. */
export function briefText(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line ? ellipsize(line, max) : '(untitled)';
}

/** A passage for a list: one line, cut on a word boundary where one is near. */
export function cutAtWord(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const head = flat.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${space > max * 0.6 ? head.slice(0, space) : head}${ELLIPSIS}`;
}

/**
 * `text` cut to at most `max` UTF-16 code units with no mark, never between
 * the two halves of a surrogate pair: for a value that must fit a schema limit.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return text.slice(0, end);
}

/** Stands for an unrated half of a grade: the en dash, never "?". */
export const UNRATED = '\u2013';
/** The minus sign (U+2212), not a hyphen: it lines up with "+" in tabular figures. */
export const MINUS = '\u2212';

/**
 * The Admiralty grade of a quote: its source's reliability letter and its own
 * credibility digit, `B2`; an unrated half shows as `–` (`B–`, `–2`), both
 * unrated as `––`.
 */
export function gradeText(reliability: Reliability | undefined | null, credibility: Credibility | undefined | null): string {
  return `${reliability ?? UNRATED}${credibility ?? UNRATED}`;
}

/** Is anything of the grade rated? */
export function isGraded(reliability: Reliability | undefined | null, credibility: Credibility | undefined | null): boolean {
  return Boolean(reliability) || Boolean(credibility);
}

/** A signed weight as shown: `+3`, `−2`, and `0` without a sign. */
export function signedWeight(value: number): string {
  if (value === 0) return '0';
  return value > 0 ? `+${value}` : `${MINUS}${-value}`;
}

/** A sign alone: `+` or `−`. */
export function signText(sign: number): string {
  return sign < 0 ? MINUS : '+';
}

/**
 * A claim's direct links in the words the Details panel and the Thesis check
 * share, counts and summed weights together, so the two never seem to
 * disagree: `direct links: 5 for, 3 against (weight 7 for, 2 against)`.
 */
export const directLinksText = (b: { forCount: number; againstCount: number; forWeight: number; againstWeight: number }): string =>
  `direct links: ${b.forCount} for, ${b.againstCount} against (weight ${b.forWeight} for, ${b.againstWeight} against)`;

/** One side of the quote evidence reaching a claim through chains, in both panels' words: `weight 44 · 33 quotes`. */
export const evidenceSideText = (weight: number, count: number): string => `weight ${weight} · ${plural(count, 'quote')}`;
