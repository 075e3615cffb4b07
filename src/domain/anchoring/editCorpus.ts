/**
 * An edit corpus for anchoring (test support, not shipped): quotes sampled
 * from real source texts, each put through one kind of edit whose true new
 * position is known, so that every anchoring result can be judged right,
 * flagged or wrong. Deterministic for a given seed.
 */
import { describeQuote, type AnchorResult, type AnchorStatus, type TextQuoteSelector } from './anchor';

export type EditKind =
  | 'edits elsewhere'
  | 'joined lines'
  | 'rewrapped lines'
  | 'spaces inside quote'
  | 'typos (1-3 chars)'
  | 'rewrite > 40%'
  | 'quote deleted'
  | 'bare copy elsewhere'
  | 'copy with context elsewhere'
  | 'typo + exact copy elsewhere'
  | 'typo + copy with context'
  | 'curly/straight quotes, dashes'
  | 'copy with context nearby'
  | 'typo + bare copy nearby'
  | 'deleted with context, copy elsewhere';

export const EDIT_KINDS: readonly EditKind[] = [
  'edits elsewhere',
  'joined lines',
  'rewrapped lines',
  'spaces inside quote',
  'typos (1-3 chars)',
  'rewrite > 40%',
  'quote deleted',
  'bare copy elsewhere',
  'copy with context elsewhere',
  'typo + exact copy elsewhere',
  'typo + copy with context',
  'curly/straight quotes, dashes',
];

/**
 * The adversarial families: each puts a copy of the quote's words where
 * position or a chance agreement of context could pick it over the truth.
 * - a copy of the passage with its surroundings (sometimes more of them)
 *   inserted near the quote, before or after, even inside its context; the
 *   one undecidable placement (the copy's words exactly at the quote's old
 *   offset, with the same surroundings) is never generated;
 * - the original typo-edited while a bare copy of its words is inserted near
 *   it, right next to it or inside its context;
 * - the quote deleted with some of its surroundings (one side or both) while
 *   a bare copy of its words survives elsewhere.
 */
export const ADVERSARIAL_KINDS: readonly EditKind[] = [
  'copy with context nearby',
  'typo + bare copy nearby',
  'deleted with context, copy elsewhere',
];

export type CorpusCase = {
  kind: EditKind;
  short: boolean;
  quote: TextQuoteSelector;
  text: string;
  /** Where the quote's passage is in `text`; null when it was deleted. */
  truth: { start: number; end: number } | null;
};

/** mulberry32: small, seedable, good enough to sample with. */
export function rng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Replacement = { at: number; del: number; ins: string };

/** Applies non-overlapping replacements; `mapChar` follows a character that none of them touched. */
function applyEdits(text: string, edits: Replacement[]): { text: string; mapChar: (i: number) => number } {
  const sorted = [...edits].sort((a, b) => a.at - b.at);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.at) + e.ins;
    pos = e.at + e.del;
  }
  out += text.slice(pos);
  const mapChar = (i: number) => {
    let shift = 0;
    for (const e of sorted) {
      if (e.at + e.del <= i) shift += e.ins.length - e.del;
      else if (e.at <= i) throw new Error('mapChar: character was replaced');
    }
    return i + shift;
  };
  return { text: out, mapChar };
}

const isWordCode = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** A quote as a user would select it: whole words, `len` code units or a little more. */
function sampleQuote(text: string, r: () => number, minLen: number, maxLen: number): TextQuoteSelector | null {
  for (let tries = 0; tries < 50; tries++) {
    let start = Math.floor(r() * (text.length - maxLen - 1));
    while (start > 0 && isWordCode(text[start - 1])) start--;
    while (start < text.length && !isWordCode(text[start])) start++;
    const want = minLen + Math.floor(r() * (maxLen - minLen + 1));
    let end = start + want;
    while (end < text.length && isWordCode(text[end])) end++;
    while (end > start && !/[\p{L}\p{N}.,;:!?)’”"']/u.test(text[end - 1]!)) end--;
    if (end - start < minLen || end - start > maxLen + 20) continue;
    const exact = text.slice(start, end);
    if (!exact.includes(' ') || exact.split(/\s+/).length < 3) continue;
    return describeQuote(text, start, end);
  }
  return null;
}

/** A word boundary at least `gap` code units away from [start, end). */
function farBoundary(text: string, r: () => number, start: number, end: number, gap: number): number | null {
  for (let tries = 0; tries < 50; tries++) {
    let at = Math.floor(r() * text.length);
    while (at > 0 && text[at - 1] !== ' ' && text[at - 1] !== '\n') at--;
    if (at < start - gap || at > end + gap) return at;
  }
  return null;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const SEPARATORS = [' ', '\n', '\n\n', ''];

/**
 * An insertion point near [start, end) but outside it: 0-400 code units
 * before or after, mostly close (inside the quote’s 32-unit context about a quarter of the time).
 */
function nearPlace(text: string, r: () => number, start: number, end: number): number {
  const distance = Math.floor(r() * r() * 400);
  return r() < 0.5 ? Math.max(0, start - distance) : Math.min(text.length, end + distance);
}

/** 1–3 single-character typos strictly inside [start, end): substitutions, insertions, deletions. */
function typos(text: string, r: () => number, start: number, end: number, count: number): Replacement[] {
  const out: Replacement[] = [];
  const used = new Set<number>();
  for (let k = 0; k < count * 10 && out.length < count; k++) {
    const at = start + 1 + Math.floor(r() * (end - start - 2));
    if (used.has(at) || used.has(at - 1) || used.has(at + 1)) continue;
    used.add(at);
    const kind = Math.floor(r() * 3);
    const letter = LETTERS[Math.floor(r() * LETTERS.length)]!;
    if (kind === 0) out.push({ at, del: 1, ins: letter === text[at] ? 'q' : letter });
    else if (kind === 1) out.push({ at, del: 0, ins: letter });
    else out.push({ at, del: 1, ins: '' });
  }
  return out;
}

function wordsFrom(other: string, r: () => number, length: number): string {
  const words = other.split(/\s+/).filter((w) => /^[\p{L}]+$/u.test(w));
  let s = '';
  while (s.length < length) s += (s ? ' ' : '') + words[Math.floor(r() * words.length)]!;
  return s;
}

function rewrap(text: string, width: number): string {
  return text
    .split(/\n{2,}/)
    .map((para) => {
      const words = para.split(/[ \n]+/).filter(Boolean);
      const lines: string[] = [];
      let line = '';
      for (const w of words) {
        if (line && line.length + 1 + w.length > width) {
          lines.push(line);
          line = w;
        } else line = line ? `${line} ${w}` : w;
      }
      if (line) lines.push(line);
      return lines.join('\n');
    })
    .join('\n\n');
}

/**
 * Whole-text whitespace changes: the new text and the new range of the
 * quote, found by walking both texts in step over their non-whitespace.
 */
function reflow(text: string, next: string, start: number, end: number): { start: number; end: number } {
  const map = new Int32Array(text.length).fill(-1);
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i]!)) continue;
    while (j < next.length && /\s/.test(next[j]!)) j++;
    if (next[j] !== text[i]) throw new Error('reflow: texts differ beyond whitespace');
    map[i] = j++;
  }
  return { start: map[start]!, end: map[end - 1]! + 1 };
}

function caseFor(kind: EditKind, text: string, other: string, q: TextQuoteSelector, r: () => number): CorpusCase | null {
  const { start, end } = q;
  const short = q.exact.length <= 40;
  const make = (edits: Replacement[]): CorpusCase | null => {
    try {
      const applied = applyEdits(text, edits);
      return { kind, short, quote: q, text: applied.text, truth: { start: applied.mapChar(start), end: applied.mapChar(end - 1) + 1 } };
    } catch {
      return null;
    }
  };
  const copyAt = (withContext: boolean): Replacement | null => {
    const at = farBoundary(text, r, start, end, 200);
    if (at === null) return null;
    return { at, del: 0, ins: (withContext ? q.prefix + q.exact + q.suffix : q.exact) + ' ' };
  };
  switch (kind) {
    case 'edits elsewhere': {
      const edits: Replacement[] = [];
      const n = 1 + Math.floor(r() * 3);
      for (let k = 0; k < n; k++) {
        // Anywhere outside the quote, including right next to it.
        const near = r() < 0.4;
        let at = near
          ? r() < 0.5
            ? Math.max(0, start - 1 - Math.floor(r() * 40))
            : Math.min(text.length, end + 1 + Math.floor(r() * 40))
          : Math.floor(r() * text.length);
        const del = Math.floor(r() * (near ? 12 : 200));
        if (at < end && at + del > start) continue;
        if (edits.some((e) => at < e.at + e.del + 1 && e.at < at + del + 1)) continue;
        at = Math.min(at, text.length);
        edits.push({ at, del: Math.min(del, text.length - at), ins: r() < 0.3 ? '' : wordsFrom(other, r, Math.floor(r() * (near ? 15 : 200))) + ' ' });
      }
      return make(edits);
    }
    case 'joined lines': {
      const next = text.replace(/([^\n])\n(?=[^\n])/g, '$1 ');
      return { kind, short, quote: q, text: next, truth: reflow(text, next, start, end) };
    }
    case 'rewrapped lines': {
      const next = rewrap(text, 55 + Math.floor(r() * 30));
      return { kind, short, quote: q, text: next, truth: reflow(text, next, start, end) };
    }
    case 'spaces inside quote': {
      const spaces: number[] = [];
      for (let i = start + 1; i < end - 1; i++) if (text[i] === ' ') spaces.push(i);
      if (!spaces.length) return null;
      const picks = new Set([spaces[Math.floor(r() * spaces.length)]!, spaces[Math.floor(r() * spaces.length)]!]);
      return make([...picks].map((at) => ({ at, del: 1, ins: r() < 0.5 ? '\n' : '  ' })));
    }
    case 'typos (1-3 chars)':
      return make(typos(text, r, start, end, 1 + Math.floor(r() * 3)));
    case 'rewrite > 40%': {
      const len = end - start;
      const cut = Math.ceil(len * (0.45 + r() * 0.15));
      const from = start + 1 + Math.floor(r() * (len - cut - 1));
      return make([{ at: from, del: cut, ins: wordsFrom(other, r, cut).slice(0, cut) }]);
    }
    case 'quote deleted': {
      const del = end - start + (text[end] === ' ' ? 1 : 0);
      return { kind, short, quote: q, text: text.slice(0, start) + text.slice(start + del), truth: null };
    }
    case 'bare copy elsewhere':
    case 'copy with context elsewhere': {
      const copy = copyAt(kind === 'copy with context elsewhere');
      return copy ? make([copy]) : null;
    }
    case 'typo + exact copy elsewhere':
    case 'typo + copy with context': {
      const copy = copyAt(kind === 'typo + copy with context');
      if (!copy) return null;
      return make([copy, ...typos(text, r, start, end, 1 + Math.floor(r() * 2))]);
    }
    case 'copy with context nearby': {
      // The passage with its stored surroundings and separators: no more of
      // the text, which would read as a passage repeated in the text since
      // before the edit (there the nearer copy is taken to be the quote).
      const from = Math.max(0, start - q.prefix.length);
      const to = Math.min(text.length, end + q.suffix.length);
      const sep = SEPARATORS[Math.floor(r() * SEPARATORS.length)]!;
      const copy = (r() < 0.5 ? sep : '') + text.slice(from, to) + sep;
      const copyQuoteOffset = copy.indexOf(text.slice(from, to)) + (start - from);
      const at = nearPlace(text, r, start, end);
      // The undecidable case: the copy's words land on the quote's old offset.
      if (at + copyQuoteOffset === start) return null;
      return make([{ at, del: 0, ins: copy }]);
    }
    case 'typo + bare copy nearby': {
      const sep = SEPARATORS[Math.floor(r() * SEPARATORS.length)]!;
      const at = nearPlace(text, r, start, end);
      return make([{ at, del: 0, ins: r() < 0.5 ? q.exact + sep : sep + q.exact }, ...typos(text, r, start, end, 1 + Math.floor(r() * 3))]);
    }
    case 'deleted with context, copy elsewhere': {
      // Cut the quote with 4-120 code units on either side (now and then one side only).
      const side = r();
      const before = side < 0.15 ? 0 : 4 + Math.floor(r() * 117);
      const after = side > 0.85 ? 0 : 4 + Math.floor(r() * 117);
      const cutFrom = Math.max(0, start - before);
      const cutTo = Math.min(text.length, end + after);
      const copy = copyAt(false);
      if (!copy || (copy.at >= cutFrom - 200 && copy.at <= cutTo + 200)) return null;
      const edits = [copy, { at: cutFrom, del: cutTo - cutFrom, ins: r() < 0.5 ? '' : ' ' }];
      return { kind, short, quote: q, text: applyEdits(text, edits).text, truth: null };
    }
    case 'curly/straight quotes, dashes': {
      const swap: Record<string, string> = { '’': "'", '‘': "'", '“': '"', '”': '"', '—': '-', '–': '-', "'": '’', '"': '”', '-': '–' };
      const edits: Replacement[] = [];
      for (let i = 0; i < text.length; i++) {
        const to = swap[text[i]!];
        if (to !== undefined) edits.push({ at: i, del: 1, ins: to });
      }
      const inside = edits.filter((e) => e.at >= start && e.at < end);
      if (inside.length === 0) return null;
      // 1:1 swaps keep every offset.
      return { kind, short, quote: q, text: applyEdits(text, edits).text, truth: { start, end } };
    }
  }
}

/** Quotes sampled from each text, put through each kind of edit. */
export function buildCorpus(texts: readonly string[], perTextAndKind: number, seed = 12, kinds: readonly EditKind[] = EDIT_KINDS): CorpusCase[] {
  const r = rng(seed);
  const cases: CorpusCase[] = [];
  texts.forEach((text, ti) => {
    const other = texts[(ti + 1) % texts.length]!;
    for (const kind of kinds) {
      let made = 0;
      for (let tries = 0; made < perTextAndKind && tries < perTextAndKind * 20; tries++) {
        const short = made % 2 === 1;
        const q = short ? sampleQuote(text, r, 20, 40) : sampleQuote(text, r, 41, 220);
        if (!q) continue;
        if (kind === 'curly/straight quotes, dashes' && !/[’‘“”—–'"-]/.test(q.exact)) continue;
        const c = caseFor(kind, text, other, q, r);
        if (c) {
          cases.push(c);
          made++;
        }
      }
    }
  });
  return cases;
}

export type Verdict = 'right' | 'flagged' | 'silent-wrong' | 'fuzzy-wrong';

/** Judges one result: found at the truth, flagged (ambiguous/orphaned), or wrong. */
export function judge(c: CorpusCase, result: AnchorResult): Verdict {
  const { status } = result;
  if (status === 'ambiguous' || status === 'orphaned') return c.truth ? 'flagged' : 'right';
  const t = c.truth;
  if (status === 'exact' || status === 'relocated') return t && result.start === t.start && result.end === t.end ? 'right' : 'silent-wrong';
  if (!t) return 'fuzzy-wrong';
  const overlap = Math.min(t.end, result.end!) - Math.max(t.start, result.start!);
  return overlap >= 0.5 * Math.min(t.end - t.start, result.end! - result.start!) ? 'right' : 'fuzzy-wrong';
}

export type Row = { kind: string; n: number } & Record<AnchorStatus, number> & {
    right: number;
    silentWrong: number;
    fuzzyWrong: number;
  };

export function tabulate(cases: readonly CorpusCase[], results: readonly AnchorResult[]): Row[] {
  const rows = new Map<string, Row>();
  const rowOf = (kind: string): Row => {
    let row = rows.get(kind);
    if (!row) {
      row = { kind, n: 0, exact: 0, relocated: 0, fuzzy: 0, ambiguous: 0, orphaned: 0, right: 0, silentWrong: 0, fuzzyWrong: 0 };
      rows.set(kind, row);
    }
    return row;
  };
  cases.forEach((c, i) => {
    const result = results[i]!;
    const v = judge(c, result);
    const groups = [rowOf(c.kind), ...(c.short ? [rowOf('short quotes (20-40), all kinds')] : []), rowOf('all')];
    for (const row of groups) {
      row.n++;
      row[result.status]++;
      if (v === 'right') row.right++;
      if (v === 'silent-wrong') row.silentWrong++;
      if (v === 'fuzzy-wrong') row.fuzzyWrong++;
    }
  });
  const all = rows.get('all');
  rows.delete('all');
  return all ? [...rows.values(), all] : [...rows.values()];
}

export function formatTable(rows: readonly Row[]): string {
  const head = ['edit kind', 'n', 'exact', 'reloc', 'fuzzy', 'ambig', 'orphan', 'right', 'SILENT WRONG', 'fuzzy wrong'];
  const lines = rows.map((r) => [
    r.kind,
    r.n,
    r.exact,
    r.relocated,
    r.fuzzy,
    r.ambiguous,
    r.orphaned,
    `${((100 * r.right) / Math.max(1, r.n)).toFixed(1)}%`,
    r.silentWrong,
    `${r.fuzzyWrong} (${((100 * r.fuzzyWrong) / Math.max(1, r.n)).toFixed(1)}%)`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const fmt = (cells: ReadonlyArray<string | number>) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i]!)).join(' | ') + ' |';
  return [fmt(head), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...lines.map(fmt)].join('\n');
}
