import type { Credibility, Reliability } from '../../domain/schema';

/** Admiralty scale, source reliability (the grades the map format stores). */
export const RELIABILITY_LABELS: Readonly<Record<Reliability, string>> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
};

/** Admiralty scale, information credibility. */
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
