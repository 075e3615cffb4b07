/**
 * Every user action as a pure function from the open map to the Change that
 * performs it. The store applies and commits these; undo inverts them. Keeping
 * them here (no React, no Dexie) means each action is tested in plain Node.
 */
import { emptyChange, type Change, type MapDoc } from './change';
import { newClaimId, newLinkId, newQuoteId, newSourceId } from './ids';
import { linkRefusal } from './integrity';
import { describeQuote, type AnchorStatus } from './anchoring/anchor';
import { anchorOfQuote, primeAnchors, selectorKey } from './anchoring/cache';
import { reanchorSourceQuotes, type QuoteOutcome } from './anchoring/quotes';
import {
  MAX_CLAIM_TEXT,
  MAX_NAME,
  MAX_NOTE,
  MAX_PUBLISHED_AT,
  MAX_TAG,
  MAX_TAGS,
  MAX_TITLE,
  MAX_URL,
  type Claim,
  type ClaimKind,
  type Credibility,
  type Link,
  type Position,
  type Quote,
  type Relation,
  type Source,
  type Weight,
} from './schema';
import { clipText } from './vocabulary';
import { MAX_SCHEME, storedWeight } from './schema';

const nowIso = () => new Date().toISOString();

/** Text is stored with LF line endings, whatever the file or clipboard had. */
export const normalizeText = (text: string): string => text.replace(/\r\n?/g, '\n');

/**
 * An optional string field: blank means absent. Every builder keeps each
 * value within its schema limit, whatever it is handed: the fields of the UI
 * stop typing at the limit, and this is the second line, so that no edit can
 * store a map its own import would refuse.
 */
const opt = (s: string | undefined, max: number): string | undefined => {
  const t = s?.trim();
  return t ? clipText(t, max) : undefined;
};
const clipNote = (note: string) => clipText(note, MAX_NOTE);

export type SourceFields = Pick<Source, 'title' | 'text'> &
  Partial<Pick<Source, 'author' | 'publisher' | 'publishedAt' | 'url' | 'reliability'>>;

function cleanSourceFields(fields: SourceFields): Omit<Source, 'id' | 'addedAt'> {
  const out: Omit<Source, 'id' | 'addedAt'> = {
    title: clipText(fields.title.trim(), MAX_TITLE) || 'Untitled source',
    text: normalizeText(fields.text),
  };
  const author = opt(fields.author, MAX_NAME);
  const publisher = opt(fields.publisher, MAX_NAME);
  const publishedAt = opt(fields.publishedAt, MAX_PUBLISHED_AT);
  // A URL cut short is another URL: one over the limit (no field of the UI takes it) is left out.
  const url = fields.url?.trim() && fields.url.trim().length <= MAX_URL ? fields.url.trim() : undefined;
  if (author) out.author = author;
  if (publisher) out.publisher = publisher;
  if (publishedAt) out.publishedAt = publishedAt;
  if (url) out.url = url;
  if (fields.reliability) out.reliability = fields.reliability;
  return out;
}

export function addSource(doc: MapDoc, fields: SourceFields, now = nowIso()): { change: Change; id: string } {
  const id = newSourceId();
  const change = emptyChange(doc.map.id);
  change.put.sources = [{ id, ...cleanSourceFields(fields), addedAt: now }];
  return { change, id };
}

export type ReanchorReport = { quoteId: string; status: AnchorStatus };

/** The quotes of a source, in the order `updateSource` anchors them (and a worker must, too). */
export const quotesOfSource = (doc: MapDoc, sourceId: string): Quote[] =>
  Object.values(doc.quotes).filter((q) => q.sourceId === sourceId);

/**
 * Edits a source. When its text changes every quote of it is re-anchored
 * through one shared index (see `reanchorSourceQuotes`): found quotes move
 * silently; fuzzy ones move but keep their original `exact`, so they show as
 * needing review; ambiguous and orphaned ones keep their range (made valid
 * for the new text) and are flagged. No quote is ever dropped.
 *
 * `anchored` are outcomes worked out off the main thread for the quotes of
 * `quotesOfSource(doc, id)` against the new text; they are used only when
 * they still match those quotes, one for one.
 */
export function updateSource(
  doc: MapDoc,
  id: string,
  fields: SourceFields,
  anchored?: readonly QuoteOutcome[],
): { change: Change; reanchored: ReanchorReport[] } {
  const old = doc.sources[id];
  if (!old) throw new Error(`No source ${id}`);
  const next: Source = { id, addedAt: old.addedAt, ...cleanSourceFields(fields) };
  const change = emptyChange(doc.map.id);
  change.put.sources = [next];
  const reanchored: ReanchorReport[] = [];
  if (next.text !== old.text) {
    const quotes = quotesOfSource(doc, id);
    // Outcomes from a worker carry the quotes as they were when it started:
    // take only their selectors, onto the quotes as they are now.
    const usable =
      anchored && anchored.length === quotes.length && quotes.every((q, i) => anchored[i]!.quoteId === q.id)
        ? anchored.map((o, i) => {
            const q = quotes[i]!;
            const { exact, prefix, suffix, start, end } = o.quote;
            const changed = exact !== q.exact || prefix !== q.prefix || suffix !== q.suffix || start !== q.start || end !== q.end;
            return { ...o, quote: changed ? { ...q, exact, prefix, suffix, start, end } : q, changed };
          })
        : reanchorSourceQuotes(next.text, quotes);
    // Anchors worked out with the outcomes (a worker's) go into the cache for
    // the new record: a 5 MB text anchored again on the main thread took seconds.
    if (usable.length && usable.every((o) => o.anchor)) primeAnchors(next, usable.map((o) => [selectorKey(o.quote), o.anchor!] as const));
    const moved: Quote[] = [];
    for (const outcome of usable) {
      reanchored.push({ quoteId: outcome.quoteId, status: outcome.status });
      if (outcome.changed) moved.push(outcome.quote);
    }
    if (moved.length) change.put.quotes = moved;
  }
  return { change, reanchored };
}

/** Accepts a fuzzy anchor: the quote takes the text now at its position. */
export function acceptQuoteAnchor(doc: MapDoc, quoteId: string): Change {
  const q = doc.quotes[quoteId];
  const s = q && doc.sources[q.sourceId];
  if (!q || !s) throw new Error(`No quote ${quoteId}`);
  const change = emptyChange(doc.map.id);
  change.put.quotes = [{ ...q, ...describeQuote(s.text, q.start, Math.min(q.end, s.text.length)) }];
  return change;
}

export function newClaim(
  doc: MapDoc,
  input: { text?: string; kind?: ClaimKind; position?: Position },
  now = nowIso(),
): { change: Change; id: string } {
  const id = newClaimId();
  const change = emptyChange(doc.map.id);
  change.put.claims = [{ id, text: clipText(input.text ?? '', MAX_CLAIM_TEXT), kind: input.kind ?? 'claim', createdAt: now, updatedAt: now }];
  if (input.position) change.put.layout = { [id]: input.position };
  return { change, id };
}

export type ClaimPatch = Partial<Pick<Claim, 'text' | 'kind' | 'note' | 'tags'>>;

export function updateClaim(doc: MapDoc, id: string, patch: ClaimPatch, now = nowIso()): Change {
  const old = doc.claims[id];
  if (!old) throw new Error(`No claim ${id}`);
  const next: Claim = { ...old, ...patch, updatedAt: now };
  if (patch.text !== undefined) next.text = clipText(patch.text, MAX_CLAIM_TEXT);
  if (patch.note) next.note = clipNote(patch.note);
  if (patch.tags) next.tags = [...new Set(patch.tags.map((t) => clipText(t, MAX_TAG)))].slice(0, MAX_TAGS);
  if (patch.note !== undefined && !patch.note) delete next.note;
  if (patch.tags !== undefined && patch.tags.length === 0) delete next.tags;
  const change = emptyChange(doc.map.id);
  change.put.claims = [next];
  return change;
}

export type QuotePatch = { credibility?: Credibility | null; note?: string };

export function updateQuote(doc: MapDoc, id: string, patch: QuotePatch): Change {
  const old = doc.quotes[id];
  if (!old) throw new Error(`No quote ${id}`);
  const next: Quote = { ...old };
  if (patch.credibility === null) delete next.credibility;
  else if (patch.credibility !== undefined) next.credibility = patch.credibility;
  if (patch.note !== undefined) {
    if (patch.note) next.note = clipNote(patch.note);
    else delete next.note;
  }
  const change = emptyChange(doc.map.id);
  change.put.quotes = [next];
  return change;
}

export type LinkPatch = {
  relation?: Relation;
  weight?: Weight | null;
  note?: string;
  /** Format version 2; an empty string or null removes it. */
  scheme?: string | null;
};

/**
 * An edit of one link. A link in a group shares its relation and weight with
 * the other co-premises (docs/file-format.md, version 2), so changing either
 * changes the whole group, in the same change.
 */
export function updateLink(doc: MapDoc, id: string, patch: LinkPatch): Change {
  const old = doc.links[id];
  if (!old) throw new Error(`No link ${id}`);
  const next: Link = { ...old };
  if (patch.relation) next.relation = patch.relation;
  if (patch.weight !== undefined) {
    const weight = storedWeight(patch.weight);
    if (weight === undefined) delete next.weight;
    else next.weight = weight;
  }
  if (patch.note !== undefined) {
    if (patch.note) next.note = clipNote(patch.note);
    else delete next.note;
  }
  if (patch.scheme !== undefined) {
    const scheme = patch.scheme?.trim().slice(0, MAX_SCHEME);
    if (scheme) next.scheme = scheme;
    else delete next.scheme;
  }
  const change = emptyChange(doc.map.id);
  const puts: Link[] = [next];
  if (old.group !== undefined && (next.relation !== old.relation || next.weight !== old.weight || next.scheme !== old.scheme)) {
    for (const l of Object.values(doc.links)) {
      if (l.id === id || l.group !== old.group) continue;
      const member: Link = { ...l, relation: next.relation };
      if (next.weight === undefined) delete member.weight;
      else member.weight = next.weight;
      if (next.scheme === undefined) delete member.scheme;
      else member.scheme = next.scheme;
      puts.push(member);
    }
  }
  change.put.links = puts;
  return change;
}

/**
 * Joins links into one linked argument (their `from`s become co-premises),
 * or, with fewer than two links, removes them from any group. The links must
 * end at the same target; they take the relation, weight and scheme of the
 * first. Returns the reason when the rules refuse it.
 */
export function groupLinks(
  doc: MapDoc,
  ids: readonly string[],
): { ok: true; change: Change; group: string | null } | { ok: false; reason: string } {
  const links = ids.map((id) => doc.links[id]);
  if (links.some((l) => !l)) return { ok: false, reason: 'That link no longer exists.' };
  const members = links as Link[];
  const change = emptyChange(doc.map.id);
  if (members.length < 2) {
    change.put.links = members.filter((l) => l.group !== undefined).map((l) => {
      const next = { ...l };
      delete next.group;
      return next;
    });
    return { ok: true, change, group: null };
  }
  const head = members[0]!;
  if (members.some((l) => l.to !== head.to)) return { ok: false, reason: 'Only reasons for the same conclusion can be joined.' };
  const taken = new Set<string>();
  for (const l of Object.values(doc.links)) if (l.group !== undefined) taken.add(l.group);
  const group = head.group ?? freshGroupName(taken);
  const puts: Link[] = members.map((l) => {
    const next: Link = { ...l, group, relation: head.relation };
    if (head.weight === undefined) delete next.weight;
    else next.weight = head.weight;
    if (head.scheme === undefined) delete next.scheme;
    else next.scheme = head.scheme;
    return next;
  });
  change.put.links = puts;
  return { ok: true, change, group };
}

/**
 * Takes a link out of its linked argument. A group left with one link is no
 * argument any more: that link leaves it too, in the same change.
 */
export function ungroupLink(doc: MapDoc, id: string): Change | null {
  const link = doc.links[id];
  if (!link || link.group === undefined) return null;
  const rest = Object.values(doc.links).filter(
    (l) => l.id !== id && l.group === link.group && l.to === link.to && l.relation === link.relation,
  );
  const out = rest.length === 1 ? [link, rest[0]!] : [link];
  const change = emptyChange(doc.map.id);
  change.put.links = out.map((l) => {
    const next = { ...l };
    delete next.group;
    return next;
  });
  return change;
}

/**
 * Breaks the linked arguments that `ids` belong to into separate reasons:
 * every co-premise of each leaves its group, in one change. Null when none
 * of the links is in a group.
 */
export function breakArguments(doc: MapDoc, ids: readonly string[]): Change | null {
  const keys = new Set<string>();
  const key = (l: Link) => `${l.to}\u0000${l.relation}\u0000${l.group}`;
  for (const id of ids) {
    const l = doc.links[id];
    if (l?.group !== undefined) keys.add(key(l));
  }
  if (!keys.size) return null;
  const change = emptyChange(doc.map.id);
  change.put.links = Object.values(doc.links)
    .filter((l) => l.group !== undefined && keys.has(key(l)))
    .map((l) => {
      const next = { ...l };
      delete next.group;
      return next;
    });
  return change;
}

function freshGroupName(taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const name = `g${n}`;
    if (!taken.has(name)) return name;
  }
}

export type LinkInput = { from: string; to: string; relation: Relation; weight?: Weight };

/** A new link, or the reason the rules refuse it. */
export function addLink(
  doc: MapDoc,
  input: LinkInput,
  now = nowIso(),
): { ok: true; change: Change; id: string } | { ok: false; reason: string } {
  const reason = linkRefusal(doc, input.from, input.to);
  if (reason) return { ok: false, reason };
  const id = newLinkId();
  const link: Link = { id, from: input.from, to: input.to, relation: input.relation, createdAt: now };
  const weight = storedWeight(input.weight);
  if (weight !== undefined) link.weight = weight;
  const change = emptyChange(doc.map.id);
  change.put.links = [link];
  return { ok: true, change, id };
}

export type QuoteLinkInput = {
  sourceId: string;
  start: number;
  end: number;
  /** An existing claim, or the text of a new one. */
  claim: { id: string } | { text: string; position?: Position };
  relation: Relation;
  weight?: Weight;
  credibility?: Credibility;
};

/**
 * Quote a passage and link it to a claim, as ONE change (one undo step):
 * the quote (reused when the same passage is already quoted), the claim when
 * new, and the link.
 */
export function linkQuote(
  doc: MapDoc,
  input: QuoteLinkInput,
  now = nowIso(),
): { ok: true; change: Change; quoteId: string; claimId: string; linkId: string } | { ok: false; reason: string } {
  const source = doc.sources[input.sourceId];
  if (!source) return { ok: false, reason: 'That source no longer exists.' };
  if (!(input.start >= 0 && input.start < input.end && input.end <= source.text.length)) {
    return { ok: false, reason: 'The selection is not inside the source text.' };
  }
  const sel = describeQuote(source.text, input.start, input.end);
  if (!sel.exact.trim()) return { ok: false, reason: 'The selection is empty.' };
  const change = emptyChange(doc.map.id);
  let quote = Object.values(doc.quotes).find(
    (q) => q.sourceId === source.id && q.start === sel.start && q.end === sel.end && q.exact === sel.exact,
  );
  if (!quote) {
    quote = { id: newQuoteId(), sourceId: source.id, ...sel, createdAt: now };
    if (input.credibility !== undefined) quote.credibility = input.credibility;
    change.put.quotes = [quote];
  } else if (input.credibility !== undefined && quote.credibility !== input.credibility) {
    change.put.quotes = [{ ...quote, credibility: input.credibility }];
  }
  let claimId: string;
  if ('id' in input.claim) {
    if (!doc.claims[input.claim.id]) return { ok: false, reason: 'That claim no longer exists.' };
    claimId = input.claim.id;
  } else {
    const text = clipText(input.claim.text.trim(), MAX_CLAIM_TEXT);
    if (!text) return { ok: false, reason: 'Choose a claim or type a new one.' };
    claimId = newClaimId();
    change.put.claims = [{ id: claimId, text, kind: 'claim', createdAt: now, updatedAt: now }];
    if (input.claim.position) change.put.layout = { [claimId]: input.claim.position };
  }
  for (const l of Object.values(doc.links)) {
    if (l.from === quote.id && l.to === claimId) {
      return { ok: false, reason: 'This passage is already linked to that claim.' };
    }
  }
  const linkId = newLinkId();
  const link: Link = { id: linkId, from: quote.id, to: claimId, relation: input.relation, createdAt: now };
  const weight = storedWeight(input.weight);
  if (weight !== undefined) link.weight = weight;
  change.put.links = [link];
  return { ok: true, change, quoteId: quote.id, claimId, linkId };
}

/** New positions for nodes (a drag's end, an auto layout). */
export function moveNodes(doc: MapDoc, positions: Readonly<Record<string, Position>>): Change {
  const change = emptyChange(doc.map.id);
  const layout: Record<string, Position> = {};
  for (const [id, p] of Object.entries(positions)) {
    if (!(id in doc.claims || id in doc.quotes)) continue;
    const old = doc.layout[id];
    if (old && old.x === p.x && old.y === p.y) continue;
    layout[id] = { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
  }
  if (Object.keys(layout).length) change.put.layout = layout;
  return change;
}

export function renameMap(doc: MapDoc, title: string, now = nowIso()): Change {
  return { ...emptyChange(doc.map.id), map: { ...doc.map, title: clipText(title.trim(), MAX_TITLE) || 'Untitled map', updatedAt: now } };
}

/**
 * The anchor status of a quote in its source as it is now: what re-anchoring
 * finds (`exact` when the stored position still holds the passage and its
 * context agrees). Worked out once per source text and selector, then cached.
 */
export function quoteAnchorStatus(doc: MapDoc, quote: Quote): AnchorStatus {
  const source = doc.sources[quote.sourceId];
  if (!source) return 'orphaned';
  return anchorOfQuote(source, quote).status;
}
