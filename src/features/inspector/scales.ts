/**
 * The words the inspector shows for the scales of the map format: Admiralty
 * source reliability (A–F) and information credibility (1–6), link weight.
 */
import { MAX_TAG, MAX_TAGS } from '../../domain/schema';
import { gradeText, isGraded } from '../../domain/vocabulary';
import type { Credibility, Reliability, Weight } from '../../domain/schema';

export const RELIABILITY_MEANINGS: Record<Reliability, string> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Cannot be judged',
};

export const CREDIBILITY_MEANINGS: Record<Credibility, string> = {
  1: 'Confirmed',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Cannot be judged',
};

export const WEIGHT_NAMES: Record<Weight, string> = { 1: 'Weak', 2: 'Moderate', 3: 'Strong' };

export const RELIABILITIES = Object.keys(RELIABILITY_MEANINGS) as Reliability[];
export const CREDIBILITIES = [1, 2, 3, 4, 5, 6] as const satisfies readonly Credibility[];

export function parseReliability(value: string): Reliability | undefined {
  return value in RELIABILITY_MEANINGS ? (value as Reliability) : undefined;
}

export function parseCredibility(value: string): Credibility | null {
  const n = Number(value);
  return value !== '' && (CREDIBILITIES as readonly number[]).includes(n) ? (n as Credibility) : null;
}

export function parseWeight(value: string): Weight {
  const n = Number(value);
  return n === 1 || n === 3 ? n : 2;
}

/**
 * The Admiralty grade of a quote: its source's reliability letter and its own
 * credibility digit, `B2`; an unrated half shows as `–`, both unrated as null.
 */
export function admiraltyGrade(reliability: Reliability | undefined, credibility: Credibility | undefined): string | null {
  return isGraded(reliability, credibility) ? gradeText(reliability, credibility) : null;
}

/** The grade spelled out, for a tooltip and screen readers. */
export function gradeMeaning(reliability: Reliability | undefined, credibility: Credibility | undefined): string {
  const r = reliability ? `source ${RELIABILITY_MEANINGS[reliability].toLowerCase()}` : 'source not rated';
  const c = credibility ? `information ${CREDIBILITY_MEANINGS[credibility].toLowerCase()}` : 'information not rated';
  return `${r}, ${c}`;
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

/** A passage cut for a list, on a word boundary where one is near. */
export function cut(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const head = flat.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${space > max * 0.6 ? head.slice(0, space) : head}…`;
}
