/**
 * Accumulates the records of an imported map. Shared by the Argdown and AIF
 * imports so both give the same guarantees: fresh ids, one timestamp, no
 * self-links, no two links with the same from/to, records within the limits
 * of the map schema.
 */
import type { MapDoc } from '../change';
import { newClaimId, newLinkId, newMapId, newQuoteId, newSourceId } from '../ids';
import { MAX_AFFIX, MAX_CLAIM_TEXT, MAX_NOTE, MAX_TAG, MAX_TAGS, MAX_TITLE, type Claim, type ClaimKind, type Credibility, type Link, type Position, type Quote, type Relation, type Source, type Weight } from '../schema';
import type { InterchangeSummary } from './summary';

const CONTEXT = MAX_AFFIX;

export class ImportBuilder {
  readonly notes: string[] = [];
  readonly leftOut: string[] = [];
  private readonly claims = new Map<string, Claim>();
  private readonly quotes = new Map<string, Quote>();
  private readonly sources = new Map<string, Source>();
  private readonly links = new Map<string, Link>();
  private readonly linkKeys = new Map<string, Link>();
  private readonly layout: Record<string, Position> = {};

  constructor(
    private readonly now: string,
    public title: string,
  ) {}

  addClaim(text: string, opts: { kind?: ClaimKind; tags?: readonly string[]; note?: string } = {}): string {
    let t = text;
    if (t.length > MAX_CLAIM_TEXT) {
      this.leftOut.push(`Text of claim "${t.slice(0, 60)}…" cut to ${MAX_CLAIM_TEXT} characters (the limit of a claim).`);
      t = t.slice(0, MAX_CLAIM_TEXT);
    }
    const claim: Claim = {
      id: newClaimId(),
      text: t,
      kind: opts.kind ?? 'claim',
      createdAt: this.now,
      updatedAt: this.now,
    };
    const tags = [...new Set((opts.tags ?? []).map((s) => s.trim().slice(0, MAX_TAG)).filter(Boolean))].slice(0, MAX_TAGS);
    if (tags.length) claim.tags = tags;
    if (opts.note) claim.note = opts.note.slice(0, MAX_NOTE);
    this.claims.set(claim.id, claim);
    return claim.id;
  }

  claimText(id: string): string {
    return this.claims.get(id)?.text ?? this.quotes.get(id)?.exact ?? '';
  }

  /** Appends a paragraph to the note of a claim (or quote). */
  addNote(id: string, note: string): void {
    const rec = this.claims.get(id) ?? this.quotes.get(id);
    if (!rec) return;
    rec.note = (rec.note ? `${rec.note}\n\n${note}` : note).slice(0, MAX_NOTE);
  }

  /**
   * Adds a link unless it is a self-link or repeats a from/to pair (rule 4);
   * says why when it does not. Returns the new link's id. `to` may be a link
   * id of this import (format version 2: an undercutter or backing).
   */
  addLink(
    from: string,
    to: string,
    relation: Relation,
    what: string,
    extra: { group?: string; scheme?: string; weight?: Weight; note?: string } = {},
  ): string | undefined {
    if (from === to) {
      this.leftOut.push(`${what}: a claim cannot be a reason for itself.`);
      return undefined;
    }
    const key = `${from}\u0000${to}`;
    const existing = this.linkKeys.get(key);
    if (existing) {
      this.duplicatePairs++;
      this.leftOut.push(
        existing.relation !== relation
          ? `${what}: the same pair is already linked as "${existing.relation}"; Warrant keeps one link per pair.`
          : `${what}: the same premise and conclusion are already linked by another argument; Warrant keeps one link per pair.`,
      );
      return undefined;
    }
    const link: Link = { id: newLinkId(), from, to, relation, createdAt: this.now };
    if (extra.weight !== undefined && extra.weight !== 2) link.weight = extra.weight;
    const group = extra.group?.trim().slice(0, 100);
    if (group) link.group = group;
    const scheme = extra.scheme?.trim().slice(0, 200);
    if (scheme) link.scheme = scheme;
    if (extra.note) link.note = extra.note.slice(0, MAX_NOTE);
    this.links.set(link.id, link);
    this.linkKeys.set(key, link);
    return link.id;
  }
  /** Links refused because their from/to pair was taken (counted for the summary). */
  duplicatePairs = 0;

  /** Is the pair from → to already linked? */
  hasPair(from: string, to: string): boolean {
    return this.linkKeys.has(`${from}\u0000${to}`);
  }

  /** Aims an added link at another target (its pair must be free). */
  retarget(id: string, to: string): void {
    const link = this.links.get(id);
    if (!link) return;
    this.linkKeys.delete(`${link.from}\u0000${link.to}`);
    link.to = to;
    this.linkKeys.set(`${link.from}\u0000${to}`, link);
  }

  /** The first link added from `from` (to a claim), if any. */
  firstLinkFrom(from: string): string | undefined {
    for (const l of this.links.values()) if (l.from === from && !this.links.has(l.to)) return l.id;
    return undefined;
  }

  /** The link with this id, if added. */
  link(id: string): Link | undefined {
    return this.links.get(id);
  }

  /** A new group name, unique in this import, from a wish (an argument's title, a node id). */
  groupName(wish: string): string {
    const base = wish.trim().slice(0, 90) || 'Argument';
    let name = base;
    for (let n = 2; this.groupNames.has(name); n++) name = `${base} (${n})`;
    this.groupNames.add(name);
    return name;
  }
  private readonly groupNames = new Set<string>();

  /**
   * Makes a group agree (rule: a group shares its to, relation and weight):
   * members that would not agree with the first leave the group. A group
   * left with one member is a plain link.
   */
  private settleGroups(): void {
    const members = new Map<string, Link[]>();
    for (const l of this.links.values()) {
      if (l.group === undefined) continue;
      const list = members.get(l.group);
      if (list) list.push(l);
      else members.set(l.group, [l]);
    }
    for (const list of members.values()) {
      const head = list[0]!;
      for (const l of list) {
        if (l.to !== head.to || l.relation !== head.relation) delete l.group;
        else if (l.weight !== head.weight) {
          if (head.weight === undefined) delete l.weight;
          else l.weight = head.weight;
        }
      }
      if (list.filter((l) => l.group !== undefined).length < 2) for (const l of list) delete l.group;
    }
  }

  addSourceRecord(key: string, source: Omit<Source, 'id' | 'addedAt'> & { addedAt?: string }): string {
    const have = this.sourceByKey.get(key);
    if (have) return have;
    const record: Source = { ...source, id: newSourceId(), addedAt: source.addedAt ?? this.now };
    this.sources.set(record.id, record);
    this.sourceByKey.set(key, record.id);
    return record.id;
  }

  /** The source added under `key`, if any. */
  sourceOf(key: string): Source | undefined {
    const id = this.sourceByKey.get(key);
    return id === undefined ? undefined : this.sources.get(id);
  }

  /** Adds a source once per distinct key (e.g. the index of a supplied source). */
  addSource(key: string, title: string, text: string): string {
    const have = this.sourceByKey.get(key);
    if (have) return have;
    const source: Source = { id: newSourceId(), title: title.slice(0, MAX_TITLE), text, addedAt: this.now };
    this.sources.set(source.id, source);
    this.sourceByKey.set(key, source.id);
    return source.id;
  }
  private readonly sourceByKey = new Map<string, string>();

  /** A quote of `exact` at `start` in the source, with up to 32 characters of context each side. */
  addQuote(
    sourceId: string,
    start: number,
    exact: string,
    note?: string,
    credibility?: Credibility,
    context?: { prefix: string; suffix: string },
  ): string {
    const source = this.sources.get(sourceId);
    if (!source) throw new Error(`unknown source ${sourceId}`);
    const end = start + exact.length;
    const quote: Quote = {
      id: newQuoteId(),
      sourceId,
      exact,
      prefix: source.text.slice(Math.max(0, start - CONTEXT), start),
      suffix: source.text.slice(end, end + CONTEXT),
      start,
      end,
      createdAt: this.now,
    };
    if (note) quote.note = note.slice(0, MAX_NOTE);
    if (credibility !== undefined) quote.credibility = credibility;
    // The context Warrant wrote, when it still matches the text around the quote.
    if (context && source.text.slice(0, start).endsWith(context.prefix) && source.text.startsWith(context.suffix, end)) {
      quote.prefix = context.prefix.slice(-CONTEXT);
      quote.suffix = context.suffix.slice(0, CONTEXT);
    }
    this.quotes.set(quote.id, quote);
    return quote.id;
  }

  place(id: string, x: number, y: number): void {
    // Rule 7: finite and within ±10,000,000.
    if (Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= 1e7 && Math.abs(y) <= 1e7) this.layout[id] = { x, y };
  }

  finish(description?: string): { doc: MapDoc; summary: InterchangeSummary } {
    this.settleGroups();
    const map: MapDoc['map'] = {
      id: newMapId(),
      title: this.title.slice(0, MAX_TITLE),
      createdAt: this.now,
      updatedAt: this.now,
    };
    if (description) map.description = description.slice(0, MAX_NOTE);
    const doc: MapDoc = {
      map,
      sources: Object.fromEntries(this.sources),
      quotes: Object.fromEntries(this.quotes),
      claims: Object.fromEntries(this.claims),
      links: Object.fromEntries(this.links),
      comments: {},
      layout: { ...this.layout },
    };
    return {
      doc,
      summary: {
        imported: {
          claims: this.claims.size,
          links: this.links.size,
          quotes: this.quotes.size,
          sources: this.sources.size,
        },
        notes: [...this.notes],
        leftOut: [...this.leftOut],
      },
    };
  }
}

/** `options.now`, or the current time, as the ISO timestamp of every imported record. */
export const importTime = (now?: string): string => now ?? new Date().toISOString();

/** Claims first by kind (thesis first), then by creation, then id: a stable order for exports. */
export function orderedClaims(doc: MapDoc): Claim[] {
  return Object.values(doc.claims).sort(
    (a, b) =>
      (a.kind === 'thesis' ? 0 : 1) - (b.kind === 'thesis' ? 0 : 1) ||
      a.createdAt.localeCompare(b.createdAt) ||
      a.id.localeCompare(b.id),
  );
}

export function orderedQuotes(doc: MapDoc): Quote[] {
  return Object.values(doc.quotes).sort(
    (a, b) =>
      a.sourceId.localeCompare(b.sourceId) || a.start - b.start || a.id.localeCompare(b.id),
  );
}

export function orderedLinks(doc: MapDoc): Link[] {
  return Object.values(doc.links).sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}
