/**
 * The re-anchoring workload of the benchmark (and its unit test): a 300 KB
 * text built from the sources' vocabulary, 1,000 quotes in it, and the text
 * with 1–3 character typos inside every quote. Deterministic.
 */
import { describeQuote, type TextQuoteSelector } from './anchor';
import { rng } from './editCorpus';

export type ReanchorWorkload = { text: string; edited: string; quotes: TextQuoteSelector[] };

export function reanchorWorkload(vocabulary: string, options: { size?: number; quotes?: number; seed?: number } = {}): ReanchorWorkload {
  const size = options.size ?? 300_000;
  const count = options.quotes ?? 1000;
  const r = rng(options.seed ?? 7);
  const words = vocabulary.split(/\s+/).filter(Boolean);
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const word = words[Math.floor(r() * words.length)]!;
    const sep = r() < 0.08 ? '\n' : ' ';
    parts.push(word + sep);
    length += word.length + 1;
  }
  const text = parts.join('');
  const quotes: TextQuoteSelector[] = [];
  const slot = text.length / count;
  for (let i = 0; i < count; i++) {
    let start = Math.floor(i * slot + r() * slot * 0.3);
    while (start > 0 && text[start - 1] !== ' ' && text[start - 1] !== '\n') start--;
    let end = Math.min(text.length, start + 60 + Math.floor(r() * 80));
    while (end < text.length && text[end] !== ' ' && text[end] !== '\n') end++;
    quotes.push(describeQuote(text, start, end));
  }
  // 1–3 typos strictly inside each quote, applied back to front so offsets hold.
  const edits: Array<{ at: number; del: number; ins: string }> = [];
  for (const q of quotes) {
    const n = 1 + Math.floor(r() * 3);
    const used = new Set<number>();
    for (let k = 0; k < n; k++) {
      const at = q.start + 2 + Math.floor(r() * (q.end - q.start - 4));
      if (used.has(at)) continue;
      used.add(at);
      const kind = Math.floor(r() * 3);
      edits.push(kind === 0 ? { at, del: 1, ins: 'x' } : kind === 1 ? { at, del: 0, ins: 'z' } : { at, del: 1, ins: '' });
    }
  }
  edits.sort((a, b) => b.at - a.at);
  let edited = text;
  for (const e of edits) edited = edited.slice(0, e.at) + e.ins + edited.slice(e.at + e.del);
  return { text, edited, quotes };
}
