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
import { ImportBuilder, importTime, orderedClaims, orderedLinks, orderedQuotes } from './build';
import type { ImportResult } from './summary';
import { ellipsize } from '../vocabulary';
import { isQuoteId } from '../schema';

// ---------------------------------------------------------------- export

type AifNodeOut = { nodeID: string; text: string; type: string; x?: number; y?: number };

/**
 * The map as AIF JSON. Warrant ids are kept as the nodeIDs (a link's id is
 * its RA/CA node), so an import can tell which I-nodes were quotes. A node's
 * layout position, when the map has one, is written as `x`/`y` on the node,
 * as OVA does. Not written: sources and quote anchors (AIF has no place for
 * them), thesis, tags, notes, weights.
 */
export function toAIF(doc: MapDoc): string {
  const nodes: AifNodeOut[] = [];
  const place = (n: AifNodeOut): AifNodeOut => {
    const p = doc.layout[n.nodeID];
    return p ? { ...n, x: p.x, y: p.y } : n;
  };
  for (const c of orderedClaims(doc)) nodes.push(place({ nodeID: c.id, text: c.text, type: 'I' }));
  for (const q of orderedQuotes(doc)) nodes.push(place({ nodeID: q.id, text: q.exact, type: 'I' }));
  const edges: Array<{ edgeID: string; fromID: string; toID: string }> = [];
  for (const l of orderedLinks(doc)) {
    if (!(l.from in doc.claims || l.from in doc.quotes) || !(l.to in doc.claims)) continue;
    const supports = l.relation === 'supports';
    nodes.push({ nodeID: l.id, text: supports ? 'Default Inference' : 'Default Conflict', type: supports ? 'RA' : 'CA' });
    edges.push({ edgeID: `${l.id}_from`, fromID: l.from, toID: l.id });
    edges.push({ edgeID: `${l.id}_to`, fromID: l.id, toID: l.to });
  }
  return JSON.stringify({ nodes, edges, locutions: [] }, null, 2);
}

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


/**
 * Reads AIF JSON (AIFdb, or OVA with its layout) into a new map.
 *
 * Kept: I-nodes as claims (as quotes, when Warrant wrote them and their text
 * is found in a supplied source); RA nodes as supports links from each premise
 * to the conclusion; CA nodes as contradicts links; L-nodes as quotes when
 * their text (without "Speaker: ") is found verbatim in a supplied source;
 * positions (OVA layout or `x`/`y` on nodes) as the layout.
 * As notes: undercuts (RA/CA aimed at another RA/CA, on the target's
 * conclusion); locutions not found in any source (on the claim they assert,
 * via YA, or in the map description).
 * Left out and counted: YA, TA, MA, PA nodes, unknown node types, edges to
 * unknown nodes, incomplete RA/CA nodes.
 */
export function fromAIF(
  text: string,
  options: { sources?: ReadonlyArray<{ title: string; text: string }>; now?: string } = {},
): ImportResult {
  if (text.length > MAX_TEXT) return { ok: false, message: 'The file is larger than 100 MB.' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const { aif, layout } = split(data);
  const parsed = AifSchema.safeParse(aif);
  if (!parsed.success) return { ok: false, message: `Not an AIF file:\n${z.prettifyError(parsed.error)}` };
  const { nodes, edges } = parsed.data;

  const byId = new Map<string, AifNode>();
  for (const n of nodes) {
    if (byId.has(n.nodeID)) return { ok: false, message: `Not an AIF file: nodeID ${n.nodeID} is used twice.` };
    byId.set(n.nodeID, n);
  }

  const b = new ImportBuilder(importTime(options.now), 'Imported AIF map');
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
  const isConclusionOfSNode = (id: string) => (incoming.get(id) ?? []).some((n) => S_NODES.has(n.type));

  const warrantId = new Map<string, string>();
  const ignored = new Map<string, number>();
  // Locutions not found in a source: noted on the claim they assert (via a YA node), else in the map description.
  const pending: Array<{ said: string; target: string }> = [];
  const unanchored: string[] = [];
  for (const n of nodes) {
    const nodeText = n.text ?? '';
    if (n.type === 'I') {
      // Warrant writes a quote as an I-node with its quote id; with its source at hand it is a quote again.
      // A quote is never a link's target, so one that is a conclusion here stays a claim.
      const asQuote = isQuoteId(n.nodeID) && !isConclusionOfSNode(n.nodeID) ? quoteOf(nodeText) : undefined;
      warrantId.set(n.nodeID, asQuote ?? b.addClaim(nodeText));
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
  for (const { said, target } of pending) {
    const claim = warrantId.get(target);
    if (claim) b.addNote(claim, `Locution: ${said}`);
    b.notes.push(`Locution “${ellipsize(said, 80)}” is not in any supplied source; kept as a note on the claim it asserts.`);
  }

  /** The I-node conclusions an S-node leads to, following S-nodes aimed at S-nodes. */
  const conclusionsOf = (id: string, seen = new Set<string>()): string[] => {
    if (seen.has(id)) return [];
    seen.add(id);
    return (outgoing.get(id) ?? []).flatMap((t) =>
      t.type === 'I' ? [t.nodeID] : S_NODES.has(t.type) ? conclusionsOf(t.nodeID, seen) : [],
    );
  };

  for (const s of nodes) {
    if (!S_NODES.has(s.type)) continue;
    const supports = s.type === 'RA';
    const label = `${s.type} node ${s.nodeID}${s.text ? ` (${ellipsize(s.text, 80)})` : ''}`;
    const premises = (incoming.get(s.nodeID) ?? []).filter((n) => n.type === 'I' || n.type === 'L');
    const targets = outgoing.get(s.nodeID) ?? [];
    const premiseIds = premises.map((p) => warrantId.get(p.nodeID)).filter((id): id is string => !!id);
    if (!premiseIds.length || !targets.length) {
      b.leftOut.push(`${label}: it lacks a premise or a conclusion.`);
      continue;
    }
    for (const t of targets) {
      if (t.type === 'I') {
        const to = warrantId.get(t.nodeID)!;
        for (const from of premiseIds) b.addLink(from, to, supports ? 'supports' : 'contradicts', label);
      } else if (S_NODES.has(t.type)) {
        const by = premiseIds.map((id) => `“${b.claimText(id)}”`).join(' and ');
        const verb = supports ? 'Supported in its inference' : 'Undercut';
        const conclusions = conclusionsOf(t.nodeID).map((id) => warrantId.get(id)!);
        for (const c of conclusions) b.addNote(c, `${verb} by ${by}: aimed at the ${t.type} step leading here, not at the claim itself.`);
        b.notes.push(
          conclusions.length
            ? `${label} is aimed at ${t.type} node ${t.nodeID} (an ${supports ? 'inference support' : 'undercut'}); kept as a note on its conclusion.`
            : `${label} is aimed at ${t.type} node ${t.nodeID}, which leads to no claim; nothing kept.`,
        );
      } else {
        b.leftOut.push(`${label}: its conclusion is a ${t.type} node.`);
      }
    }
  }

  for (const [type, count] of ignored) {
    const what = IGNORED[type] ?? 'not a kind of node Warrant knows';
    b.leftOut.push(`${count} ${type} node${count === 1 ? '' : 's'} (${what}) ignored.`);
  }

  const positions = positionsFrom(layout);
  for (const n of nodes) {
    const id = warrantId.get(n.nodeID);
    const p = positions.get(n.nodeID) ?? (n.x !== undefined && n.y !== undefined ? { x: n.x, y: n.y } : undefined);
    if (id && p) b.place(id, p.x, p.y);
  }

  const description = unanchored.length
    ? `Locutions of the AIF file not found in any supplied source:\n${unanchored.map((u) => `- ${u}`).join('\n')}`
    : undefined;
  return { ok: true, ...b.finish(description) };
}
