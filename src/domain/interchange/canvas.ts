/**
 * JSON Canvas 1.0 (jsoncanvas.org), the open canvas format of Obsidian and
 * others: `{nodes: [{id, type: 'text', text, x, y, width, height}], edges:
 * [{id, fromNode, toNode, toEnd, label, color}]}`. Export, and import as claims and links.
 */
import { z } from '../zod';
import type { MapDoc } from '../change';
import { plural } from '../vocabulary';
import { ImportBuilder, importTime, orderedClaims, orderedLinks, orderedQuotes } from './build';
import type { ExportNotice, ImportResult } from './summary';

type Size = { width: number; height: number };
type Point = { x: number; y: number };

export type CanvasTextNode = { id: string; type: 'text'; text: string; x: number; y: number; width: number; height: number };
export type CanvasEdge = {
  id: string;
  fromNode: string;
  toNode: string;
  toEnd: 'arrow';
  label: 'supports' | 'contradicts';
  /** Preset colours of JSON Canvas: "4" green, "1" red. */
  color: '4' | '1';
};
export type JSONCanvas = { nodes: CanvasTextNode[]; edges: CanvasEdge[] };

export const CLAIM_SIZE: Size = { width: 260, height: 100 };
export const QUOTE_SIZE: Size = { width: 260, height: 140 };
const GAP = 60;
const COLUMNS = 4;

/** ASCII punctuation that means something in Markdown (CommonMark, and Obsidian's ==, %%, $, ^) anywhere in a line. */
const MARKDOWN_ANYWHERE = /[\\`*_[\]<>#|~!{}()$%=^&]/g;

/**
 * Plain text as Markdown that shows exactly that text: every character that
 * could make markup (emphasis, links, HTML, headings, lists, code, math,
 * Obsidian comments) is backslash-escaped, and leading spaces, which would
 * start a code block, are dropped. Claim text is the user's (or a hostile
 * file's) own: it must never become a link, an embed or HTML in the canvas.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .trimStart()
        .replace(MARKDOWN_ANYWHERE, '\\$&')
        // List items and setext underlines: `- x`, `+ x`, `1. x`, `1) x`, `---`.
        .replace(/^([-+])/, '\\$1')
        .replace(/^(\d+)([.)])/, '$1\\$2'),
    )
    .join('\n');
}

/** A quote as Markdown: the passage as a blockquote, then where it is from. */
function quoteMarkdown(exact: string, sourceTitle: string | undefined): string {
  const body = escapeMarkdown(exact)
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
  return sourceTitle ? `${body}\n>\n> — ${escapeMarkdown(sourceTitle.replace(/\s+/g, ' '))}` : body;
}

/**
 * The map as a JSON Canvas document. Node ids are the claim and quote ids and
 * edge ids the link ids, so exporting the same map twice gives the same file.
 * Positions come from `options.positions`, else the map's layout; nodes with
 * neither are laid out in a grid below the placed ones.
 */
export function buildJSONCanvas(
  doc: MapDoc,
  options: { positions?: Readonly<Record<string, Point>>; sizes?: { claim?: Size; quote?: Size } } = {},
): JSONCanvas {
  const positions = options.positions ?? doc.layout;
  const claimSize = options.sizes?.claim ?? CLAIM_SIZE;
  const quoteSize = options.sizes?.quote ?? QUOTE_SIZE;
  const items = [
    ...orderedClaims(doc).map((c) => ({ id: c.id, text: escapeMarkdown(c.text), size: claimSize })),
    ...orderedQuotes(doc).map((q) => ({ id: q.id, text: quoteMarkdown(q.exact, doc.sources[q.sourceId]?.title), size: quoteSize })),
  ];

  const placed = items.filter((i) => positions[i.id]);
  let gridTop = 0;
  for (const i of placed) gridTop = Math.max(gridTop, positions[i.id]!.y + i.size.height + GAP * 2);
  const cellW = Math.max(claimSize.width, quoteSize.width) + GAP;
  const cellH = Math.max(claimSize.height, quoteSize.height) + GAP;
  let n = 0;
  const nodes: CanvasTextNode[] = items.map((i) => {
    let p = positions[i.id];
    if (!p) {
      p = { x: (n % COLUMNS) * cellW, y: gridTop + Math.floor(n / COLUMNS) * cellH };
      n++;
    }
    return { id: i.id, type: 'text', text: i.text, x: Math.round(p.x), y: Math.round(p.y), ...i.size };
  });

  const ids = new Set(items.map((i) => i.id));
  const edges: CanvasEdge[] = orderedLinks(doc)
    .filter((l) => ids.has(l.from) && ids.has(l.to))
    .map((l) => ({
      id: l.id,
      fromNode: l.from,
      toNode: l.to,
      toEnd: 'arrow',
      label: l.relation,
      color: l.relation === 'supports' ? '4' : '1',
    }));
  return { nodes, edges };
}

/** {@link buildJSONCanvas}, as the text of a `.canvas` file. */
export function toJSONCanvas(doc: MapDoc, options: Parameters<typeof buildJSONCanvas>[1] = {}): string {
  return JSON.stringify(buildJSONCanvas(doc, options), null, 2);
}

/** What a JSON Canvas export does not keep, with counts, for the notice shown on export. */
export function canvasExportNotice(doc: MapDoc): ExportNotice {
  const links = Object.values(doc.links);
  const leftOut: string[] = [];
  const aimed = links.filter((l) => l.to in doc.links).length;
  if (aimed) leftOut.push(`${plural(aimed, 'link')} aimed at links (undercuts and backings).`);
  const grouped = links.filter((l) => l.group !== undefined).length;
  if (grouped) leftOut.push(`the grouping of ${plural(grouped, 'link')} into linked arguments.`);
  const schemes = links.filter((l) => l.scheme).length;
  if (schemes) leftOut.push(`${plural(schemes, 'scheme')}.`);
  const weights = links.filter((l) => l.weight !== undefined && l.weight !== 2).length;
  if (weights) leftOut.push(`${plural(weights, 'link weight')}.`);
  const notes = [...Object.values(doc.claims), ...Object.values(doc.quotes), ...links].filter((r) => r.note).length;
  if (notes) leftOut.push(`${plural(notes, 'note')}.`);
  const theses = Object.values(doc.claims).filter((c) => c.kind === 'thesis').length;
  if (theses) leftOut.push(`the thesis mark (${theses}).`);
  const tagged = Object.values(doc.claims).filter((c) => c.tags?.length).length;
  if (tagged) leftOut.push(`tags of ${plural(tagged, 'claim')}.`);
  const sources = Object.keys(doc.sources).length;
  if (sources) leftOut.push(`the text of ${plural(sources, 'source')} and the grades of their quotes.`);
  return { leftOut, otherToolsIgnore: [] };
}

// ---------------------------------------------------------------- import

const CanvasNodeSchema = z.object({
  id: z.string().min(1).max(1000),
  type: z.string().max(100),
  text: z.string().optional(),
  x: z.number().optional(),
  y: z.number().optional(),
});
const CanvasEdgeSchema = z.object({
  id: z.string().max(1000).optional(),
  fromNode: z.string().max(1000),
  toNode: z.string().max(1000),
  label: z.string().max(10_000).optional(),
  color: z.string().max(100).optional(),
});
export const JSONCanvasSchema = z.object({
  nodes: z.array(CanvasNodeSchema).max(200_000),
  edges: z.array(CanvasEdgeSchema).max(200_000).optional(),
});

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Is this parsed JSON a JSON Canvas (nodes with id and type, edges with fromNode/toNode)? */
export function looksLikeJSONCanvas(data: unknown): boolean {
  if (!isObj(data) || !Array.isArray(data.nodes)) return false;
  if (data.edges !== undefined && !Array.isArray(data.edges)) return false;
  const nodesOk = data.nodes.length > 0 && data.nodes.every((n) => isObj(n) && typeof n.id === 'string' && typeof n.type === 'string' && !('nodeID' in n));
  const edgesOk = ((data.edges as unknown[] | undefined) ?? []).every((e) => isObj(e) && 'fromNode' in e && 'toNode' in e);
  return nodesOk && edgesOk;
}

/** `> passage\n>\n> — Title` (what the export writes for a quote) → the passage and the title. */
function fromQuoteMarkdown(text: string): { passage: string; title?: string } | undefined {
  const lines = text.split('\n');
  if (!lines.every((l) => l === '>' || l.startsWith('> '))) return undefined;
  const body = lines.map((l) => (l === '>' ? '' : l.slice(2)));
  let title: string | undefined;
  const last = body[body.length - 1] ?? '';
  if (last.startsWith('— ') && body[body.length - 2] === '') {
    title = last.slice(2);
    body.splice(body.length - 2, 2);
  }
  return { passage: body.join('\n'), ...(title ? { title } : {}) };
}

/**
 * Reads a JSON Canvas (Obsidian's `.canvas`, or Warrant's own export) into a
 * new map. Text nodes become claims (a quote Warrant wrote, `> passage — Title`,
 * becomes a claim of the passage with a note naming its source); edges between
 * them become links, `contradicts` when labelled so or coloured red ("1"),
 * otherwise `supports`; positions are kept. File, link and group nodes, and
 * edges to them, are left out and counted.
 */
export function fromJSONCanvas(
  text: string,
  /** `json`: the text already parsed (format detection did), so it is not parsed again. */
  options: { now?: string; title?: string; json?: { data: unknown } } = {},
): ImportResult {
  let data: unknown = options.json?.data;
  if (!options.json) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { ok: false, message: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  const parsed = JSONCanvasSchema.safeParse(data);
  if (!parsed.success) return { ok: false, message: `Not a JSON Canvas file:\n${z.prettifyError(parsed.error)}` };
  const b = new ImportBuilder(importTime(options.now), options.title ?? 'Imported canvas');
  const claimOf = new Map<string, string>();
  const skipped = new Map<string, number>();
  let quotes = 0;
  for (const n of parsed.data.nodes) {
    if (n.type !== 'text') {
      skipped.set(n.type, (skipped.get(n.type) ?? 0) + 1);
      continue;
    }
    if (claimOf.has(n.id)) {
      b.leftOut.push(`A second node with id "${n.id.slice(0, 60)}".`);
      continue;
    }
    const raw = (n.text ?? '').trim();
    const quote = fromQuoteMarkdown(raw);
    if (quote) quotes++;
    const id = quote
      ? b.addClaim(quote.passage, quote.title ? { note: `Quoted from “${quote.title}”.` } : {})
      : b.addClaim(raw);
    claimOf.set(n.id, id);
    if (n.x !== undefined && n.y !== undefined) b.place(id, n.x, n.y);
  }
  let unlabelled = 0;
  let toOthers = 0;
  for (const e of parsed.data.edges ?? []) {
    const from = claimOf.get(e.fromNode);
    const to = claimOf.get(e.toNode);
    if (!from || !to) {
      toOthers++;
      continue;
    }
    const label = e.label?.trim().toLowerCase();
    const contradicts = label === 'contradicts' || (label === undefined && e.color === '1');
    if (label !== 'supports' && label !== 'contradicts') unlabelled++;
    b.addLink(from, to, contradicts ? 'contradicts' : 'supports', `Edge ${e.id ?? `${e.fromNode} → ${e.toNode}`}`);
  }
  for (const [type, count] of skipped) {
    b.leftOut.push(`${plural(count, `${type} node`)}: Warrant reads text nodes only.`);
  }
  if (toOthers) b.leftOut.push(`${plural(toOthers, 'edge')} to or from a node that is not a text node.`);
  if (unlabelled) b.notes.push(`${unlabelled} edge${unlabelled === 1 ? '' : 's'} without a supports or contradicts label became supports links (contradicts when coloured red).`);
  if (quotes) b.notes.push(`${quotes} quote${quotes === 1 ? '' : 's'} came back as claims: a canvas carries no source text to anchor a quote in.`);
  return { ok: true, ...b.finish() };
}
