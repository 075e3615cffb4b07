/**
 * AIF (Argument Interchange Format) as the JSON of AIFdb and OVA:
 * `{nodes: [{nodeID, text, type}], edges: [{edgeID, fromID, toID}], locutions}`.
 *
 * Claims and quotes are I-nodes (information); a supports link is an RA node
 * (rule application, "inference") with edges premise → RA → conclusion, a
 * contradicts link a CA node (conflict). L-nodes (locutions, "Speaker: text")
 * and the dialogue nodes (YA, TA, MA, PA) come from analysed dialogues.
 */
import { z } from '../zod';
import type { MapDoc } from '../change';
import { ClaimSchema, CredibilitySchema, SourceSchema, WeightSchema, type Link } from '../schema';
import { ImportBuilder, importTime, orderedClaims, orderedLinks, orderedQuotes } from './build';
import type { ExportNotice, ImportResult } from './summary';
import { ellipsize } from '../vocabulary';

// ---------------------------------------------------------------- export

type AifNodeOut = { nodeID: string; text: string; type: string; x?: number; y?: number; scheme?: string; warrant?: unknown };

/** The S-node text AIF tools show for an inference or conflict without a scheme. */
const DEFAULT_TEXT = { RA: 'Default Inference', CA: 'Default Conflict' } as const;

/** A link's linked argument: one S-node for all its co-premises. */
const groupKey = (l: Link): string => (l.group === undefined ? `\u0000${l.id}` : `${l.group}\u0000${l.to}\u0000${l.relation}`);

/**
 * Warrant's own data on a node or the file, in a `warrant` field that AIF
 * tools ignore: what AIF has no place for rides along, so that Warrant →
 * AIF → Warrant gives back the map.
 */
const WarrantFileExtraSchema = z.object({
  format: z.literal('warrant.map'),
  map: z.object({ title: z.string().max(1000), description: z.string().max(100_000).optional() }),
  sources: z.array(SourceSchema).max(200_000),
});
const ClaimExtraSchema = z.object({ kind: z.enum(['thesis', 'claim']).optional(), tags: ClaimSchema.shape.tags, note: ClaimSchema.shape.note });
const QuoteExtraSchema = z.object({
  sourceId: z.string().max(200),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  prefix: z.string().max(32).optional(),
  suffix: z.string().max(32).optional(),
  credibility: CredibilitySchema.optional(),
  note: z.string().max(100_000).optional(),
});
const LinkExtraSchema = z.object({
  id: z.string().max(200),
  from: z.string().max(200),
  to: z.string().max(200),
  weight: WeightSchema.optional(),
  note: z.string().max(100_000).optional(),
  group: z.string().max(100).optional(),
});
const NodeExtraSchema = z.object({
  claim: ClaimExtraSchema.optional(),
  quote: QuoteExtraSchema.optional(),
  links: z.array(LinkExtraSchema).max(10_000).optional(),
});

/** Is the link's `from` there, and its `to` (a claim, or a link that is there in turn)? */
function exportableLinks(doc: MapDoc): Link[] {
  const ok = new Map<string, boolean>();
  const check = (l: Link): boolean => {
    const known = ok.get(l.id);
    if (known !== undefined) return known;
    ok.set(l.id, false); // a cycle (which integrity forbids) is not exportable
    const fromOk = l.from in doc.claims || l.from in doc.quotes;
    const target = doc.links[l.to];
    const result = fromOk && (l.to in doc.claims || (target !== undefined && check(target)));
    ok.set(l.id, result);
    return result;
  };
  return orderedLinks(doc).filter(check);
}

/**
 * The map as AIF JSON. Warrant ids are kept as the nodeIDs (an S-node's id is
 * its first link's id), so an import can tell which I-nodes were quotes. A
 * linked argument is one RA (supports) or CA (contradicts) node with an edge
 * from each co-premise; a link aimed at a link is an S-node aimed at that
 * link's S-node; a scheme is the S-node's text and `scheme`. A node's layout
 * position is written as `x`/`y`, as OVA does. Everything else (thesis,
 * tags, notes, weights, credibility, sources with their text, quote
 * positions, the title) rides in `warrant` fields that AIF tools ignore.
 */
export function toAIF(doc: MapDoc): string {
  const nodes: AifNodeOut[] = [];
  const place = (n: AifNodeOut): AifNodeOut => {
    const p = doc.layout[n.nodeID];
    return p ? { ...n, x: p.x, y: p.y } : n;
  };
  for (const c of orderedClaims(doc)) {
    const claim: Record<string, unknown> = { kind: c.kind };
    if (c.tags?.length) claim['tags'] = c.tags;
    if (c.note) claim['note'] = c.note;
    nodes.push(place({ nodeID: c.id, text: c.text, type: 'I', warrant: { claim } }));
  }
  for (const q of orderedQuotes(doc)) {
    const quote: Record<string, unknown> = { sourceId: q.sourceId, start: q.start, end: q.end, prefix: q.prefix, suffix: q.suffix };
    if (q.credibility !== undefined) quote['credibility'] = q.credibility;
    if (q.note) quote['note'] = q.note;
    nodes.push(place({ nodeID: q.id, text: q.exact, type: 'I', warrant: { quote } }));
  }
  const links = exportableLinks(doc);
  const members = new Map<string, Link[]>();
  for (const l of links) {
    const key = groupKey(l);
    const list = members.get(key);
    if (list) list.push(l);
    else members.set(key, [l]);
  }
  const sNodeOf = new Map<string, string>();
  for (const list of members.values()) for (const l of list) sNodeOf.set(l.id, list[0]!.id);
  const edges: Array<{ edgeID: string; fromID: string; toID: string }> = [];
  for (const list of members.values()) {
    const head = list[0]!;
    const type = head.relation === 'supports' ? 'RA' : 'CA';
    const extras = list.map((l) => {
      const e: Record<string, unknown> = { id: l.id, from: l.from, to: l.to };
      if (l.weight !== undefined) e['weight'] = l.weight;
      if (l.note) e['note'] = l.note;
      if (l.group !== undefined) e['group'] = l.group;
      return e;
    });
    const node: AifNodeOut = { nodeID: head.id, text: head.scheme ?? DEFAULT_TEXT[type], type, warrant: { links: extras } };
    if (head.scheme) node.scheme = head.scheme;
    nodes.push(node);
    for (const l of list) edges.push({ edgeID: `${l.id}_from`, fromID: l.from, toID: head.id });
    edges.push({ edgeID: `${head.id}_to`, fromID: head.id, toID: head.to in doc.links ? sNodeOf.get(head.to)! : head.to });
  }
  const warrant = {
    format: 'warrant.map',
    map: { title: doc.map.title, ...(doc.map.description ? { description: doc.map.description } : {}) },
    sources: Object.values(doc.sources),
  };
  return JSON.stringify({ nodes, edges, locutions: [], warrant }, null, 2);
}

/**
 * What an AIF export does with the map, for the notice shown on export. AIF
 * carries claims, quotes (as I-nodes), links, linked arguments, undercuts,
 * schemes and positions; the rest rides in `warrant` fields, which Warrant
 * reads back and other AIF tools ignore. Links with a missing end are left out.
 */
export function aifExportNotice(doc: MapDoc): ExportNotice {
  const exported = new Set(exportableLinks(doc).map((l) => l.id));
  const leftOut: string[] = [];
  const dangling = Object.keys(doc.links).length - exported.size;
  if (dangling) leftOut.push(`${count(dangling, 'link')} with a missing end.`);
  const comments = Object.keys(doc.comments).length;
  if (comments) leftOut.push(`${count(comments, 'comment')} of the review (export the map file to keep them).`);
  const hidden: string[] = [];
  const theses = Object.values(doc.claims).filter((c) => c.kind === 'thesis').length;
  if (theses) hidden.push(`the thesis mark (${theses})`);
  const tagged = Object.values(doc.claims).filter((c) => c.tags?.length).length;
  if (tagged) hidden.push(`tags of ${count(tagged, 'claim')}`);
  const notes =
    Object.values(doc.claims).filter((c) => c.note).length +
    Object.values(doc.quotes).filter((q) => q.note).length +
    Object.values(doc.links).filter((l) => l.note && exported.has(l.id)).length;
  if (notes) hidden.push(count(notes, 'note'));
  const weights = Object.values(doc.links).filter((l) => l.weight !== undefined && exported.has(l.id)).length;
  if (weights) hidden.push(`${count(weights, 'link weight')}`);
  const graded = Object.values(doc.quotes).filter((q) => q.credibility !== undefined).length;
  if (graded) hidden.push(`credibility of ${count(graded, 'quote')}`);
  const sources = Object.keys(doc.sources).length;
  if (sources) hidden.push(`${count(sources, 'source')} with their text, and the positions of ${count(Object.keys(doc.quotes).length, 'quote')} in them`);
  return {
    leftOut,
    otherToolsIgnore: hidden.length ? [`Kept for Warrant in fields other AIF tools ignore: ${hidden.join('; ')}.`] : [],
  };
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

// ---------------------------------------------------------------- import

/** AIFdb writes numeric ids as strings, OVA as numbers; both are the same id here. */
const AifIdSchema = z.union([z.string().min(1).max(200), z.number()]).transform((v) => String(v));

export const AifNodeSchema = z.object({
  nodeID: AifIdSchema,
  text: z.string().optional(),
  type: z.string(),
  x: z.number().optional(),
  y: z.number().optional(),
});
export const AifEdgeSchema = z.object({
  edgeID: AifIdSchema.optional(),
  fromID: AifIdSchema,
  toID: AifIdSchema,
});
export const AifSchema = z.object({
  nodes: z.array(AifNodeSchema),
  edges: z.array(AifEdgeSchema),
  locutions: z.array(z.unknown()).optional(),
});
/** OVA keeps positions apart from the AIF: `{OVersion, nodes: [{nodeID, x, y}]}`. */
const LayoutEntrySchema = z.object({ nodeID: AifIdSchema, x: z.number(), y: z.number() });

type AifNode = z.infer<typeof AifNodeSchema>;

const S_NODES = new Set(['RA', 'CA']);
const IGNORED: Record<string, string> = {
  YA: 'illocutionary connections',
  TA: 'dialogue transitions',
  MA: 'rephrases',
  PA: 'preferences',
};
const MAX_TEXT = 100 * 1024 * 1024;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The AIF part and the layout part of a file, whichever of the known shapes it has. */
function split(data: unknown): { aif: unknown; layout: unknown } {
  if (isObj(data) && isObj(data.AIF)) return { aif: data.AIF, layout: data.OVA ?? data.layout };
  if (isObj(data)) return { aif: data, layout: data.OVA ?? data.layout };
  return { aif: data, layout: undefined };
}

function positionsFrom(layout: unknown): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  if (!isObj(layout) || !Array.isArray(layout.nodes)) return out;
  for (const n of layout.nodes) {
    const p = LayoutEntrySchema.safeParse(n);
    if (p.success) out.set(p.data.nodeID, { x: p.data.x, y: p.data.y });
  }
  return out;
}

/** "Speaker: text" → "text"; OVA and AIFdb prefix a locution with who said it. */
const withoutSpeaker = (text: string): string => text.replace(/^[^:\n]{1,100}:\s+/, '');


/** An S-node's scheme: its `scheme` field, or its text unless that is a "Default …" placeholder. */
function schemeOf(n: AifNode & { scheme?: unknown }): string | undefined {
  if (typeof n.scheme === 'string' && n.scheme.trim()) return n.scheme.trim();
  const t = n.text?.trim();
  if (!t || /^default\b/i.test(t)) return undefined;
  return t;
}

const extraOf = (n: { warrant?: unknown }) => {
  const r = NodeExtraSchema.safeParse(n.warrant);
  return r.success ? r.data : undefined;
};

/**
 * Reads AIF JSON (AIFdb, or OVA with its layout) into a new map.
 *
 * Kept: I-nodes as claims (as quotes when Warrant wrote them, with their
 * source in the file's `warrant` field or a supplied source); RA nodes as
 * supports links and CA nodes as contradicts links, one from each premise:
 * with several premises the links form one group (a linked argument); an
 * RA/CA node aimed at an RA/CA node becomes a link aimed at that node's
 * link; a scheme (the `scheme` field, or a text other than "Default …")
 * becomes the links' scheme; L-nodes as quotes when their text (without
 * "Speaker: ") is found verbatim in a supplied source; positions (OVA layout
 * or `x`/`y` on nodes) as the layout; Warrant's own `warrant` fields.
 * As notes: locutions not found in any source (on the claim they assert,
 * via YA, or in the map description).
 * Left out and counted: YA, TA, MA, PA nodes, unknown node types, edges to
 * unknown nodes, incomplete RA/CA nodes, a second link between one pair.
 */
export function fromAIF(
  text: string,
  /** `json`: the text already parsed (format detection did), so it is not parsed again. */
  options: { sources?: ReadonlyArray<{ title: string; text: string }>; now?: string; json?: { data: unknown } } = {},
): ImportResult {
  if (text.length > MAX_TEXT) return { ok: false, message: 'The file is larger than 100 MB.' };
  let data: unknown = options.json?.data;
  if (!options.json) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { ok: false, message: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  const { aif, layout } = split(data);
  const parsed = AifSchema.safeParse(aif);
  if (!parsed.success) return { ok: false, message: `Not an AIF file:\n${z.prettifyError(parsed.error)}` };
  const { nodes, edges } = parsed.data;
  const rawNodes = isObj(aif) && Array.isArray(aif.nodes) ? (aif.nodes as unknown[]) : [];

  const byId = new Map<string, AifNode>();
  const extras = new Map<string, z.infer<typeof NodeExtraSchema>>();
  const schemes = new Map<string, string>();
  for (const [i, n] of nodes.entries()) {
    if (byId.has(n.nodeID)) return { ok: false, message: `Not an AIF file: nodeID ${n.nodeID} is used twice.` };
    byId.set(n.nodeID, n);
    const raw = rawNodes[i];
    if (isObj(raw)) {
      const extra = 'warrant' in raw ? extraOf(raw) : undefined;
      if (extra) extras.set(n.nodeID, extra);
      if (S_NODES.has(n.type)) {
        const scheme = schemeOf({ ...n, scheme: raw.scheme });
        if (scheme) schemes.set(n.nodeID, scheme);
      }
    }
  }
  const fileExtra = isObj(aif) && 'warrant' in aif ? WarrantFileExtraSchema.safeParse(aif.warrant) : undefined;
  const warrantFile = fileExtra?.success ? fileExtra.data : undefined;

  const b = new ImportBuilder(importTime(options.now), warrantFile?.map.title ?? 'Imported AIF map');
  if (fileExtra && !fileExtra.success) b.leftOut.push('The file’s "warrant" field is not one Warrant wrote; it was ignored.');
  const incoming = new Map<string, AifNode[]>();
  const outgoing = new Map<string, AifNode[]>();
  let danglingEdges = 0;
  for (const e of edges) {
    const from = byId.get(e.fromID);
    const to = byId.get(e.toID);
    if (!from || !to) {
      danglingEdges++;
      continue;
    }
    (outgoing.get(from.nodeID) ?? outgoing.set(from.nodeID, []).get(from.nodeID)!).push(to);
    (incoming.get(to.nodeID) ?? incoming.set(to.nodeID, []).get(to.nodeID)!).push(from);
  }
  if (danglingEdges) b.leftOut.push(`${danglingEdges} edge${danglingEdges === 1 ? '' : 's'} to or from a node that is not in the file.`);

  // Sources Warrant wrote into the file, by their id in the file.
  for (const src of warrantFile?.sources ?? []) {
    const { id, ...rest } = src;
    b.addSourceRecord(`warrant:${id}`, rest);
  }
  const sources = options.sources ?? [];
  /** The first supplied source containing `exact`, as a quote of the map. */
  const quoteOf = (exact: string, note?: string): string | undefined => {
    if (!exact) return undefined;
    for (const [i, s] of sources.entries()) {
      const at = s.text.indexOf(exact);
      if (at >= 0) return b.addQuote(b.addSource(String(i), s.title, s.text), at, exact, note);
    }
    return undefined;
  };
  /** A quote Warrant wrote, in the source the file carries: at its position, or found once elsewhere. */
  const warrantQuote = (exact: string, q: z.infer<typeof QuoteExtraSchema>): string | undefined => {
    const source = b.sourceOf(`warrant:${q.sourceId}`);
    if (!source || !exact) return undefined;
    let at = source.text.startsWith(exact, q.start) ? q.start : source.text.indexOf(exact);
    if (at < 0) return undefined;
    if (at !== q.start && source.text.indexOf(exact, at + 1) >= 0) at = -1;
    if (at < 0) return undefined;
    return b.addQuote(source.id, at, exact, q.note, q.credibility, { prefix: q.prefix ?? '', suffix: q.suffix ?? '' });
  };
  const isConclusionOfSNode = (id: string) => (incoming.get(id) ?? []).some((n) => S_NODES.has(n.type));

  const warrantId = new Map<string, string>();
  const ignored = new Map<string, number>();
  // Locutions not found in a source: noted on the claim they assert (via a YA node), else in the map description.
  const pending: Array<{ said: string; target: string }> = [];
  const unanchored: string[] = [];
  let quotesAsClaims = 0;
  for (const n of nodes) {
    const nodeText = n.text ?? '';
    if (n.type === 'I') {
      const extra = extras.get(n.nodeID);
      // Warrant writes a quote as an I-node with its quote id; with its source at hand it is a quote again.
      // A quote is never a link's target, so one that is a conclusion here stays a claim.
      const canBeQuote = n.nodeID.startsWith('q_') && !isConclusionOfSNode(n.nodeID);
      const asQuote = canBeQuote ? ((extra?.quote && warrantQuote(nodeText, extra.quote)) || quoteOf(nodeText)) : undefined;
      if (!asQuote && extra?.quote) quotesAsClaims++;
      const claim = extra?.claim;
      warrantId.set(
        n.nodeID,
        asQuote ??
          b.addClaim(nodeText, {
            kind: claim?.kind ?? 'claim',
            ...(claim?.tags ? { tags: claim.tags } : {}),
            ...(claim?.note ? { note: claim.note } : extra?.quote?.note ? { note: extra.quote.note } : {}),
          }),
      );
    } else if (n.type === 'L') {
      const said = nodeText.trim();
      const bare = withoutSpeaker(said);
      const q = quoteOf(said) ?? (bare !== said ? quoteOf(bare, `Said by ${said.slice(0, said.length - bare.length).replace(/:\s*$/, '')}.`) : undefined);
      if (q) {
        warrantId.set(n.nodeID, q);
        continue;
      }
      const asserted = (outgoing.get(n.nodeID) ?? [])
        .filter((ya) => ya.type === 'YA')
        .flatMap((ya) => outgoing.get(ya.nodeID) ?? [])
        .find((i) => i.type === 'I');
      if (asserted) {
        pending.push({ said, target: asserted.nodeID }); // its I-node may come later in the file
      } else {
        unanchored.push(said);
        b.notes.push(`Locution “${ellipsize(said, 80)}” is not in any supplied source; kept in the map description.`);
      }
    } else if (!S_NODES.has(n.type)) {
      ignored.set(n.type, (ignored.get(n.type) ?? 0) + 1);
    }
  }
  if (quotesAsClaims) {
    b.notes.push(`${quotesAsClaims} quote${quotesAsClaims === 1 ? '' : 's'} came back as claims: ${quotesAsClaims === 1 ? 'its' : 'their'} passage is not in the source the file carries.`);
  }
  for (const { said, target } of pending) {
    const claim = warrantId.get(target);
    if (claim) b.addNote(claim, `Locution: ${said}`);
    b.notes.push(`Locution “${ellipsize(said, 80)}” is not in any supplied source; kept as a note on the claim it asserts.`);
  }

  // S-nodes: each becomes one link per premise (a group when there are
  // several). One aimed at an S-node waits until that node has its links.
  const linkOfSNode = new Map<string, string>(); // S nodeID → its first link (what an undercut aims at)
  const newLinkOf = new Map<string, string>(); // link id Warrant wrote → the new link
  const aimedAtLink: Array<{ link: string; wanted: string }> = [];
  const sNodeOfLink = new Map<string, string>(); // new link → the S-node it came from
  let groups = 0;
  let undercuts = 0;
  let schemed = 0;
  const sNodes = nodes.filter((n) => S_NODES.has(n.type));
  let waiting = sNodes;
  for (let round = 0; waiting.length; round++) {
    const next: AifNode[] = [];
    for (const s of waiting) {
      const targets = outgoing.get(s.nodeID) ?? [];
      const sTarget = targets.find((t) => S_NODES.has(t.type));
      if (sTarget && !linkOfSNode.has(sTarget.nodeID) && round < sNodes.length) {
        next.push(s);
        continue;
      }
      importSNode(s, targets);
    }
    if (next.length === waiting.length) {
      // Aimed at S-nodes that never get links (a cycle, or incomplete): left out.
      for (const s of next) b.leftOut.push(`${labelOf(s)}: it is aimed at an inference that did not come through.`);
      break;
    }
    waiting = next;
  }

  function labelOf(s: AifNode): string {
    return `${s.type} node ${s.nodeID}${s.text ? ` (${ellipsize(s.text, 80)})` : ''}`;
  }

  function importSNode(s: AifNode, targets: AifNode[]): void {
    const supports = s.type === 'RA';
    const label = labelOf(s);
    const premises = (incoming.get(s.nodeID) ?? []).filter((n) => n.type === 'I' || n.type === 'L');
    const premiseIds = premises.map((p) => [p.nodeID, warrantId.get(p.nodeID)] as const).filter((p): p is readonly [string, string] => !!p[1]);
    if (!premiseIds.length || !targets.length) {
      b.leftOut.push(`${label}: it lacks a premise or a conclusion.`);
      return;
    }
    const extra = extras.get(s.nodeID)?.links;
    const scheme = schemes.get(s.nodeID);
    for (const t of targets) {
      let to: string | undefined;
      if (t.type === 'I') to = warrantId.get(t.nodeID);
      else if (S_NODES.has(t.type)) to = linkOfSNode.get(t.nodeID);
      else {
        b.leftOut.push(`${label}: its conclusion is a ${t.type} node.`);
        continue;
      }
      if (!to) continue;
      const written = extra?.find((e) => e.group !== undefined)?.group;
      const group = premiseIds.length > 1 ? b.groupName(written ?? (scheme ? `${scheme} ${s.nodeID}` : `${s.type} ${s.nodeID}`)) : undefined;
      let first: string | undefined;
      for (const [nodeId, from] of premiseIds) {
        const e = extra?.find((x) => x.from === nodeId);
        const id = b.addLink(from, to, supports ? 'supports' : 'contradicts', label, {
          ...(group ? { group } : {}),
          ...(scheme ? { scheme } : {}),
          ...(e?.weight !== undefined ? { weight: e.weight } : {}),
          ...(e?.note ? { note: e.note } : {}),
        });
        if (!id) continue;
        sNodeOfLink.set(id, s.nodeID);
        first ??= id;
        if (e) {
          newLinkOf.set(e.id, id);
          if (S_NODES.has(t.type) && e.to !== undefined) aimedAtLink.push({ link: id, wanted: e.to });
        }
      }
      if (first) {
        if (!linkOfSNode.has(s.nodeID)) linkOfSNode.set(s.nodeID, first);
        if (group) groups++;
        if (S_NODES.has(t.type)) undercuts++;
        if (scheme) schemed++;
      }
    }
  }
  // Warrant wrote which link of a linked argument a link was aimed at: aim it there again.
  for (const { link, wanted } of aimedAtLink) {
    const target = newLinkOf.get(wanted);
    const l = b.link(link);
    // Only to another link of the same S-node: that cannot make a cycle.
    const sameNode = l !== undefined && target !== undefined && sNodeOfLink.get(target) === sNodeOfLink.get(l.to);
    if (l && target && sameNode && target !== l.to && !b.hasPair(l.from, target)) b.retarget(link, target);
  }

  for (const [type, count] of ignored) {
    const what = IGNORED[type] ?? 'not a kind of node Warrant knows';
    b.leftOut.push(`${count} ${type} node${count === 1 ? '' : 's'} (${what}) ignored.`);
  }
  if (groups) b.notes.push(`${groups} RA/CA node${groups === 1 ? '' : 's'} with several premises became linked arguments (groups).`);
  if (undercuts) b.notes.push(`${undercuts} RA/CA node${undercuts === 1 ? '' : 's'} aimed at another RA/CA node became links aimed at links.`);
  if (schemed) b.notes.push(`${schemed} scheme name${schemed === 1 ? '' : 's'} kept on the links.`);

  const positions = positionsFrom(layout);
  for (const n of nodes) {
    const id = warrantId.get(n.nodeID);
    const p = positions.get(n.nodeID) ?? (n.x !== undefined && n.y !== undefined ? { x: n.x, y: n.y } : undefined);
    if (id && p) b.place(id, p.x, p.y);
  }

  const lines = unanchored.length
    ? `Locutions of the AIF file not found in any supplied source:\n${unanchored.map((u) => `- ${u}`).join('\n')}`
    : undefined;
  const description = [warrantFile?.map.description, lines].filter(Boolean).join('\n\n') || undefined;
  return { ok: true, ...b.finish(description) };
}
