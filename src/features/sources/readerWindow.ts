/**
 * Drawing a long source text by visible range. A text of megabytes laid out
 * whole costs seconds to minutes of one main-thread task (a 50 MB text: about
 * 14 s even in a bare <pre>), so above WINDOW_FROM characters the reader cuts
 * the text into chunks of a few lines, draws only the chunks in and near the
 * view, and stands a spacer of their estimated (then measured) height for the
 * rest. This module is the arithmetic of that: plain functions over typed
 * arrays, no DOM.
 */
import type { Segment } from './segments';

/** Texts longer than this are drawn by visible range. */
export const WINDOW_FROM = 200_000;
/** About this many characters a chunk: small enough to draw a screenful in a few milliseconds. */
export const CHUNK = 1_500;
/** A line longer than this is cut (at a space where there is one) so that no chunk is unbounded. */
const LONGEST_CUT = CHUNK * 2;

export type Chunks = {
  /** Chunk i is [starts[i], starts[i + 1]); the last entry is the text's length. */
  starts: Int32Array;
  /** Each chunk's pieces of line: their lengths without the line break, in order (a cut line gives several). */
  lineLengths: Int32Array;
  /** The chunk's first entry in lineLengths; the last entry is lineLengths.length. */
  firstLine: Int32Array;
};

/**
 * Cuts `text` into chunks at line starts (just after a run of line breaks, as
 * the reader's blocks are), each about CHUNK characters; a line longer than
 * LONGEST_CUT is cut at a space near CHUNK, or anywhere when it has none. A
 * cut never falls inside a surrogate pair. O(lines) indexOf jumps, not a
 * character-by-character scan: 50 MB is cut in tens of milliseconds.
 */
export function chunkText(text: string): Chunks {
  const n = text.length;
  const starts: number[] = [0];
  const lineLengths: number[] = [];
  const firstLine: number[] = [0];
  let chunkStart = 0;
  let pos = 0;
  while (pos < n) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? n : nl;
    if (lineEnd - pos > LONGEST_CUT) {
      // A very long line: cut it, preferably after a space, never inside a surrogate pair.
      let cut = text.lastIndexOf(' ', pos + CHUNK);
      cut = cut > pos + CHUNK / 2 ? cut + 1 : pos + CHUNK;
      const c = text.charCodeAt(cut);
      if (c >= 0xdc00 && c <= 0xdfff) cut++;
      lineLengths.push(cut - pos);
      pos = cut;
      starts.push(pos);
      firstLine.push(lineLengths.length);
      chunkStart = pos;
      continue;
    }
    lineLengths.push(lineEnd - pos);
    // The line's break and any blank lines after it stay with it (a blank line counts as one).
    pos = lineEnd;
    while (pos < n && text.charCodeAt(pos) === 10) {
      pos++;
      if (pos < n && text.charCodeAt(pos) === 10) lineLengths.push(0);
    }
    if (pos < n && pos - chunkStart >= CHUNK) {
      starts.push(pos);
      firstLine.push(lineLengths.length);
      chunkStart = pos;
    }
  }
  if (starts[starts.length - 1] !== n || starts.length === 1) {
    starts.push(n);
    firstLine.push(lineLengths.length);
  }
  return { starts: Int32Array.from(starts), lineLengths: Int32Array.from(lineLengths), firstLine: Int32Array.from(firstLine) };
}

export const chunkCount = (c: Chunks): number => c.starts.length - 1;

/** The chunk holding text offset `offset` (the last chunk for the text's end). */
export function chunkAt(c: Chunks, offset: number): number {
  let lo = 0;
  let hi = chunkCount(c) - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (c.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/**
 * Estimated heights (px) of every chunk: each piece of line wraps to
 * ceil(length / perLine) lines of `lineHeight`, at least one.
 */
export function estimateHeights(c: Chunks, perLine: number, lineHeight: number): Float64Array {
  const count = chunkCount(c);
  const out = new Float64Array(count);
  const per = Math.max(1, perLine);
  for (let i = 0; i < count; i++) {
    let lines = 0;
    for (let l = c.firstLine[i]!; l < c.firstLine[i + 1]!; l++) lines += Math.max(1, Math.ceil(c.lineLengths[l]! / per));
    out[i] = Math.max(1, lines) * lineHeight;
  }
  return out;
}

/** Prefix sums: tops[i] is the top of chunk i, tops[count] the total height. */
export function topsOf(heights: Float64Array): Float64Array {
  const tops = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) tops[i + 1] = tops[i]! + heights[i]!;
  return tops;
}

/** The first chunk whose bottom is below `y` (the chunk at height y). */
export function chunkAtY(tops: Float64Array, y: number): number {
  const count = tops.length - 1;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tops[mid + 1]! <= y) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo);
}

export type Window = { first: number; last: number };

/** The chunks to draw for a view of [top, top + height), with `overscan` px more on each side. */
export function windowFor(tops: Float64Array, top: number, height: number, overscan: number): Window {
  const count = tops.length - 1;
  if (count <= 0) return { first: 0, last: -1 };
  const first = chunkAtY(tops, Math.max(0, top - overscan));
  const last = chunkAtY(tops, top + Math.max(height, 1) + overscan);
  return { first, last: Math.min(count - 1, Math.max(first, last)) };
}

/** The segments (see segments.ts) of [a, b), cut at its ends; `segments` are sorted and cover the text. */
export function segmentsIn(segments: readonly Segment[], a: number, b: number): Segment[] {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.end <= a) lo = mid + 1;
    else hi = mid;
  }
  const out: Segment[] = [];
  for (let i = lo; i < segments.length && segments[i]!.start < b; i++) {
    const s = segments[i]!;
    const start = Math.max(a, s.start);
    const end = Math.min(b, s.end);
    if (start < end) out.push(start === s.start && end === s.end ? s : { ...s, start, end });
  }
  return out;
}
