/** How much of a source its quotes cover. */
import type { Span } from './passages';

/** Characters of `[0, length)` covered by at least one of `spans` (overlaps counted once). */
export function coveredLength(length: number, spans: readonly Span[]): number {
  const sorted = spans
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(length, s.end) }))
    .filter((s) => s.start < s.end)
    .sort((a, b) => a.start - b.start);
  let covered = 0;
  let reach = 0;
  for (const s of sorted) {
    if (s.end <= reach) continue;
    covered += s.end - Math.max(s.start, reach);
    reach = s.end;
  }
  return covered;
}

/** The quoted share of a source, 0…1. */
export function quotedShare(length: number, spans: readonly Span[]): number {
  return length > 0 ? coveredLength(length, spans) / length : 0;
}
