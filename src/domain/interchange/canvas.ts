/**
 * JSON Canvas 1.0 (jsoncanvas.org), the open canvas format of Obsidian and
 * others: `{nodes: [{id, type: 'text', text, x, y, width, height}], edges:
 * [{id, fromNode, toNode, toEnd, label, color}]}`. Export only.
 */
import type { MapDoc } from '../change';
import { orderedClaims, orderedLinks, orderedQuotes } from './build';

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
