/**
 * What the inspector makes of the scales' words (domain/vocabulary.ts): the
 * short grade of a quote, and tags as typed.
 */
import { MAX_TAG, MAX_TAGS } from '../../domain/schema';
import { gradeText, isGraded } from '../../domain/vocabulary';
import type { Credibility, Reliability } from '../../domain/schema';

/**
 * The Admiralty grade of a quote: its source's reliability letter and its own
 * credibility digit, `B2`; an unrated half shows as `–`, both unrated as null.
 */
export function admiraltyGrade(reliability: Reliability | undefined, credibility: Credibility | undefined): string | null {
  return isGraded(reliability, credibility) ? gradeText(reliability, credibility) : null;
}

/** Comma-separated tags as typed → the tags stored: trimmed, no blanks, no duplicates. */
export function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(',')) {
    const t = part.trim().slice(0, MAX_TAG);
    if (t && !out.includes(t)) out.push(t);
  }
  return out.slice(0, MAX_TAGS);
}

export const formatTags = (tags: readonly string[] | undefined): string => (tags ?? []).join(', ');
