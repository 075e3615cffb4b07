/**
 * Words and short forms the whole app shows the same way: the graph, the
 * details, the thesis check, the matrix and the report all spell a grade or a
 * signed weight with these, so one quote never reads "B–" in one place and
 * "B?" in another.
 */
import type { Credibility, Reliability } from './schema';

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
