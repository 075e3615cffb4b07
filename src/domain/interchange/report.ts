/**
 * The thesis check as a Markdown report: what a reviewer reads without the
 * app. Pure: the same doc, thesis, options and `now` give the same text.
 *
 * User text (titles, passages, claims) is plain text (docs/file-format.md, rule 5):
 * it is written on one line with every Markdown-active character
 * backslash-escaped, so a title like `# <b>x</b>` can neither start a heading
 * nor become raw HTML in whatever renders the report.
 */
import { gradeText, isGraded, plural, RELIABILITY_LABELS, weightWord } from '../vocabulary';
import type { MapDoc } from '../change';
import { VERDICT_LABELS, targetLabel, threadsOf, type Thread } from '../comments';
import { type Quote, type Source } from '../schema';
import { directBalance, statusOf, type Balance, type ClaimStatus } from '../analysis/balance';
import { quoteEnabled, type EvidenceItem, type EvidenceOptions } from '../analysis/evidence';
import { evidenceOf } from '../derive/derive';
import { analyzeWarnings } from '../analysis/warnings';

export type ReportOptions = EvidenceOptions & {
  /** The report's date (ISO timestamp); defaults to the current time. */
  now?: string;
};


/**
 * The Admiralty grade of a quote: source reliability then information
 * credibility (`B2`); an en dash stands for an ungraded half, and a quote graded on
 * neither has the grade `ungraded`.
 */
export function gradeOf(source: Pick<Source, 'reliability'> | undefined, quote: Pick<Quote, 'credibility'>): string {
  const r = source?.reliability;
  const c = quote.credibility;
  return isGraded(r, c) ? gradeText(r, c) : 'ungraded';
}

/**
 * The thesis's direct balance and status (links ending at it), counting only
 * what is in play under the "what if" options: a link from a disabled quote
 * is left out, as in `evidenceFor`.
 */
export function thesisStatus(doc: MapDoc, thesisId: string, options?: EvidenceOptions): Balance & { status: ClaimStatus } {
  // The direct balance of analysis (undercuts and linked arguments count as
  // there), without the links of disabled quotes.
  const balance = directBalance(doc, thesisId, options, (g, l) => {
    const quote = doc.quotes[g.links[l]!.from];
    return !quote || quoteEnabled(quote, options);
  });
  return { ...balance, status: statusOf(balance) };
}

/**
 * One line of user text, safe in Markdown: whitespace runs collapsed; inline
 * markup (`*`, `_`, backticks, brackets, `<`, `>`, `~`, `|`, `\\`) and
 * entity-like `&` escaped everywhere; and what would start a block (`#`,
 * `-`, `+`, `=`, `1.`) escaped at the start, since the text may begin a line.
 * Other punctuation stays as typed, so the plain text reads naturally.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>~|]/g, (ch) => `\\${ch}`)
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&')
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A URL as an autolink when it can be one; otherwise as escaped text. */
function markdownUrl(url: string): string {
  return /^https?:\/\/[^\s<>\\]+$/.test(url) ? `<${url}>` : escapeMarkdown(url);
}


/** Author. Title. Publisher, date. URL. */
function citation(source: Source): string {
  const parts: string[] = [];
  if (source.author) parts.push(`${escapeMarkdown(source.author)}.`);
  parts.push(`*${escapeMarkdown(source.title) || 'Untitled source'}*.`);
  const pub = [source.publisher, source.publishedAt].filter((s): s is string => !!s?.trim()).map(escapeMarkdown);
  if (pub.length) parts.push(`${pub.join(', ')}.`);
  if (source.url) parts.push(`${markdownUrl(source.url)}.`);
  parts.push(
    source.reliability ? `Reliability ${source.reliability} (${RELIABILITY_LABELS[source.reliability].toLowerCase()}).` : 'Reliability not graded.',
  );
  return parts.join(' ');
}

function evidenceSection(doc: MapDoc, items: readonly EvidenceItem[], sourceNumber: ReadonlyMap<string, number>, thesisText: string): string[] {
  const lines: string[] = [];
  if (items.length === 0) {
    lines.push('None.', '');
    return lines;
  }
  const bySource = new Map<string, EvidenceItem[]>();
  for (const item of items) {
    const list = bySource.get(item.sourceId);
    if (list) list.push(item);
    else bySource.set(item.sourceId, [item]);
  }
  const order = [...bySource.keys()].sort((a, b) => (sourceNumber.get(a) ?? 0) - (sourceNumber.get(b) ?? 0));
  for (const sourceId of order) {
    const list = bySource.get(sourceId)!;
    const source = doc.sources[sourceId];
    const weight = list.reduce((sum, i) => sum + i.weight, 0);
    lines.push(`### [${sourceNumber.get(sourceId) ?? '?'}] ${source ? escapeMarkdown(source.title) || 'Untitled source' : 'Missing source'}`, '');
    if (source) lines.push(citation(source), '');
    lines.push(`${plural(list.length, 'quote')}, total weight ${weight}.`, '');
    for (const item of list) {
      const quote = doc.quotes[item.quoteId];
      const passage = quote ? escapeMarkdown(quote.exact) : '(missing quote)';
      const grade = quote ? gradeOf(source, quote) : 'ungraded';
      const chain = item.via.length
        ? `through ${item.via.map((id) => `“${escapeMarkdown(doc.claims[id]?.text ?? '') || '(untitled claim)'}”`).join(' → ')} → ${thesisText}`
        : 'directly';
      lines.push(`- “${passage}” — weight ${item.weight} (${weightWord(item.weight)}), grade ${grade}, ${chain}.`);
    }
    lines.push('');
  }
  return lines;
}

/**
 * The thesis check of `thesisId` as Markdown: the thesis and its status, the
 * totals, the evidence for and against grouped by source with full citations
 * and the chain of claims for indirect evidence, the warnings, and the
 * numbered list of sources. Disabled sources and quotes are left out and the
 * report says so.
 */
export function markdownReport(doc: MapDoc, thesisId: string | null, options: ReportOptions = {}): string {
  const now = options.now ?? new Date().toISOString();
  const lines: string[] = [];
  const mapTitle = escapeMarkdown(doc.map.title) || 'Untitled map';
  lines.push(`# Thesis check: ${mapTitle}`, '', `Report of ${now.slice(0, 10)}, made with Warrant.`, '');

  // Sources are numbered in title order, the order of the list at the end.
  const sources = Object.values(doc.sources).sort((a, b) => a.title.localeCompare(b.title, 'en') || (a.id < b.id ? -1 : 1));
  const sourceNumber = new Map(sources.map((s, i) => [s.id, i + 1]));

  const thesis = thesisId !== null ? doc.claims[thesisId] : undefined;
  if (!thesis) {
    lines.push('This map has no thesis to check: mark a claim as a thesis first.', '');
  } else {
    const evidenceOptions: EvidenceOptions = {
      ...(options.disabledSources ? { disabledSources: options.disabledSources } : {}),
      ...(options.disabledQuotes ? { disabledQuotes: options.disabledQuotes } : {}),
      ...(options.weighByGrades ? { weighByGrades: true } : {}),
    };
    const thesisText = `“${escapeMarkdown(thesis.text) || '(untitled claim)'}”`;
    const status = thesisStatus(doc, thesis.id, evidenceOptions);
    // The same derivation the Thesis check shows (domain/derive), anchor statuses included.
    const evidence = evidenceOf(doc, thesis.id, evidenceOptions);
    const t = evidence.totals;
    lines.push(`## Thesis`, '', `> ${escapeMarkdown(thesis.text) || '(untitled claim)'}`, '');
    lines.push(
      `- **Status:** ${status.status} (direct links: ${status.forCount} for, ${status.againstCount} against)`,
      `- **Evidence for:** weight ${t.forWeight} from ${plural(t.forCount, 'quote')}`,
      `- **Evidence against:** weight ${t.againstWeight} from ${plural(t.againstCount, 'quote')}`,
    );
    const offSources = [...(options.disabledSources ?? [])].filter((id) => id in doc.sources);
    const offQuotes = [...(options.disabledQuotes ?? [])].filter((id) => id in doc.quotes);
    if (offSources.length || offQuotes.length) {
      const what: string[] = [];
      if (offSources.length) what.push(`sources ${offSources.map((id) => `[${sourceNumber.get(id)}]`).join(', ')}`);
      if (offQuotes.length) what.push(plural(offQuotes.length, 'quote'));
      lines.push(`- **Left out (what if):** ${what.join(' and ')}`);
    }
    lines.push(
      '',
      'The weight of a piece of evidence is the weakest link on its strongest chain to the thesis (1 weak, 2 moderate, 3 strong). ' +
        'An undercut lowers the weight of the link it attacks; a linked argument counts once and is as strong as its weakest premise.' +
        (options.weighByGrades ? ' Weighed by grades: evidence from a quote is scaled by its source’s reliability and its credibility.' : ''),
      '',
    );
    lines.push('## Evidence for', '', ...evidenceSection(doc, evidence.items.filter((i) => i.sign > 0), sourceNumber, thesisText));
    lines.push('## Evidence against', '', ...evidenceSection(doc, evidence.items.filter((i) => i.sign < 0), sourceNumber, thesisText));
    const warnings = analyzeWarnings(doc, { ...evidenceOptions, thesisId: thesis.id });
    lines.push('## Warnings', '');
    if (warnings.length === 0) lines.push('None.');
    for (const w of warnings) lines.push(`- ${escapeMarkdown(w.message)}`);
    lines.push('');
  }

  lines.push(...notesSection(doc));
  lines.push(...reviewSection(doc));

  lines.push('## Sources', '');
  if (sources.length === 0) lines.push('None.');
  sources.forEach((s, i) => lines.push(`${i + 1}. ${citation(s)}`));
  lines.push('');
  return lines.join('\n');
}

/** Every note of the map (its description, claims, quotes, links), under what it belongs to. */
function notesSection(doc: MapDoc): string[] {
  const notes: string[] = [];
  if (doc.map.description?.trim()) notes.push(`- **The map:** ${escapeMarkdown(doc.map.description)}`);
  const add = (id: string, note: string | undefined) => {
    if (note?.trim()) notes.push(`- **${escapeMarkdown(capitalize(targetLabel(doc, id)))}:** ${escapeMarkdown(note)}`);
  };
  for (const c of sortedBy(Object.values(doc.claims), (c) => c.text)) add(c.id, c.note);
  for (const q of sortedBy(Object.values(doc.quotes), (q) => q.exact)) add(q.id, q.note);
  for (const l of sortedBy(Object.values(doc.links), (l) => l.id)) add(l.id, l.note);
  if (notes.length === 0) return [];
  return ['## Notes', '', ...notes, ''];
}

/**
 * The review threads: open ones first (with their verdicts), then resolved
 * ones, each with what it is on, its author and date, and its replies.
 */
function reviewSection(doc: MapDoc): string[] {
  const threads = threadsOf(doc);
  if (threads.length === 0) return [];
  const lines = ['## Review', ''];
  const open = threads.filter((t) => t.open);
  const resolved = threads.filter((t) => !t.open);
  lines.push(`### Open threads (${open.length})`, '');
  if (open.length === 0) lines.push('None.', '');
  for (const t of open) lines.push(...threadLines(doc, t), '');
  if (resolved.length) {
    lines.push(`### Resolved threads (${resolved.length})`, '');
    for (const t of resolved) lines.push(...threadLines(doc, t), '');
  }
  return lines;
}

function threadLines(doc: MapDoc, t: Thread): string[] {
  const by = (author: string, at: string) => `${escapeMarkdown(author) || 'Anonymous'}, ${at.slice(0, 10)}`;
  const verdict = t.root.verdict ? ` **${VERDICT_LABELS[t.root.verdict]}.**` : '';
  const resolved = t.root.resolvedAt ? ` (resolved ${t.root.resolvedAt.slice(0, 10)})` : '';
  return [
    `- On ${escapeMarkdown(targetLabel(doc, t.root.on))}${resolved}:${verdict} ${escapeMarkdown(t.root.text)} — ${by(t.root.author, t.root.createdAt)}`,
    ...t.replies.map((r) => `  - ${escapeMarkdown(r.text)} — ${by(r.author, r.createdAt)}`),
  ];
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const sortedBy = <T,>(rows: T[], key: (r: T) => string) => rows.sort((a, b) => key(a).localeCompare(key(b), 'en'));
