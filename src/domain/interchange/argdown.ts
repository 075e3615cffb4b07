/**
 * Argdown (https://argdown.org) export and import.
 *
 * Export writes every claim and quote as a titled statement and every link as
 * a `+` (supports) or `-` (contradicts) relation under the claim it bears on;
 * the thesis carries `#thesis`, a quote carries `#source-<slug>` and the
 * source's metadata sits in the YAML front matter under `sources`.
 *
 * Import runs `@argdown/core` (parser + data + model plugins, synchronously)
 * and reads its model: statements become claims, support/attack relations
 * become links, reconstructed arguments become "premises support conclusion"
 * links; what Warrant has no link for (undercuts, contraries,
 * contradictions, entailments) becomes notes, listed in the summary.
 */
import {
  ArgdownApplication,
  ArgdownTypes,
  DataPlugin,
  FrontMatterSettingsModes,
  ModelPlugin,
  ParserPlugin,
  RelationType,
  StatementRole,
  type IArgdownResponse,
  type IArgument,
  type IEquivalenceClass,
  type IRelation,
  type RelationMember,
} from '@argdown/core';
import type { MapDoc } from '../change';
import type { Claim, Link, Quote, Source } from '../schema';
import { ImportBuilder, importTime, orderedClaims, orderedLinks, orderedQuotes } from './build';
import type { ExportNotice, ImportResult } from './summary';

// ---------------------------------------------------------------- export

/**
 * Characters Argdown reads as markup inside a statement's text: tags,
 * statement/argument references and mentions, bold/italic, data blocks,
 * comments (`//`, `<!--`) and escapes. Escaped, each is read back literally.
 */
const MARKUP = new Set('\\#[]@*_{}<>/');

/** Statement text as Argdown reads it back verbatim (whitespace runs become one space). */
export function escapeArgdownText(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  let out = '';
  let wordEnd = -1; // index of the space ending the current word
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (i > wordEnd) wordEnd = t.indexOf(' ', i) < 0 ? t.length : t.indexOf(' ', i);
    // `.name.` and `:name:` are shortcodes (`.A.` → ∀); an unknown one is kept
    // raw, escapes and all. Escaping every dot or colon that could open one
    // (the same character follows later in the word) reads back verbatim either way.
    let opensShortcode = false;
    if (c === '.' || c === ':') {
      const next = t.indexOf(c, i + 2);
      opensShortcode = next >= 0 && next < wordEnd;
    }
    out += MARKUP.has(c) || opensShortcode ? `\\${c}` : c;
  }
  return out;
}

/**
 * A YAML double-quoted scalar. JSON strings are valid YAML; braces and `=` are
 * escaped too because Argdown's lexer finds the end of a `{…}` data block and of
 * the `===` front matter by pattern, before YAML sees them.
 */
function yamlString(s: string): string {
  return JSON.stringify(s).replace(/[{}=\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const TITLE_WORDS = 6;
const TITLE_CHARS = 48;

/** A short readable title from a text: its first words, without Argdown markup characters. */
function titleFrom(text: string, fallback: string): string {
  const words = text
    .replace(/[[\]<>#@{}\\/*_:.`|]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, TITLE_WORDS);
  let title = '';
  for (const w of words) {
    const next = title ? `${title} ${w}` : w;
    if (next.length > TITLE_CHARS) break;
    title = next;
  }
  title = title.replace(/[,;!?'"-]+$/, '');
  if (/^untitled \d+$/i.test(title)) title = `${title} claim`;
  return title || fallback;
}

function uniqueTitles<T extends { id: string }>(
  items: readonly T[],
  textOf: (t: T) => string,
  fallback: string,
  used: Set<string>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of items) {
    const base = titleFrom(textOf(item), fallback);
    let title = base;
    for (let n = 2; used.has(title.toLowerCase()); n++) title = `${base} (${n})`;
    used.add(title.toLowerCase());
    out.set(item.id, title);
  }
  return out;
}

function slugFrom(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'untitled';
}

function sourceTags(sources: readonly Source[]): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const s of [...sources].sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id))) {
    const base = `source-${slugFrom(s.title)}`;
    let tag = base;
    for (let n = 2; used.has(tag); n++) tag = `${base}-${n}`;
    used.add(tag);
    out.set(s.id, tag);
  }
  return out;
}

/** `#tag` when the tag is a plain word, `#(tag text)` otherwise. */
function tagText(tag: string): string | undefined {
  const t = tag.replace(/[()\n\r]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!t) return undefined;
  return /^[A-Za-z0-9-]+$/.test(t) ? `#${t}` : `#(${t})`;
}

function dataBlock(entries: Record<string, string | number | undefined>): string {
  const parts = Object.entries(entries)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'number' ? v : yamlString(v)}`);
  return parts.length ? ` {${parts.join(', ')}}` : '';
}

/**
 * The map as an Argdown document. Claims keep their text, kind, tags and note;
 * quotes keep their text, source (as a tag and front matter) and note; links
 * keep from, to and relation. Not written: link weights and notes, quote
 * positions, credibility, source texts, layout.
 */
export function toArgdown(doc: MapDoc): string {
  const claims = orderedClaims(doc);
  const quotes = orderedQuotes(doc);
  const used = new Set<string>();
  const claimTitles = uniqueTitles(claims, (c) => c.text, 'Untitled claim', used);
  const quoteTitles = uniqueTitles(quotes, (q) => `Quote ${q.exact}`, 'Quote', used);
  const titleOf = (id: string) => claimTitles.get(id) ?? quoteTitles.get(id);
  const sources = Object.values(doc.sources);
  const tagsBySource = sourceTags(sources);

  const lines: string[] = ['==='];
  lines.push(`title: ${yamlString(doc.map.title)}`);
  if (doc.map.description) lines.push(`description: ${yamlString(doc.map.description)}`);
  if (sources.length) {
    lines.push('sources:');
    for (const s of sources) {
      lines.push(`  ${tagsBySource.get(s.id)}:`);
      lines.push(`    title: ${yamlString(s.title)}`);
      for (const key of ['author', 'publisher', 'publishedAt', 'url', 'reliability'] as const) {
        const v = s[key];
        if (v !== undefined) lines.push(`    ${key}: ${yamlString(v)}`);
      }
    }
  }
  lines.push('===', '');

  const plan = argdownPlan(doc);
  const incoming = new Map<string, string[]>();
  for (const l of orderedLinks(doc)) {
    if (plan.asArgument.has(l.id) || !claimTitles.has(l.to)) continue; // dangling, aimed at a link, or in an argument
    const from = titleOf(l.from);
    if (!from) continue;
    const list = incoming.get(l.to) ?? [];
    list.push(`  ${l.relation === 'supports' ? '+' : '-'} [${from}]`);
    incoming.set(l.to, list);
  }
  // Undercuts: under the undercutter, `_> <argument>`.
  const outgoing = new Map<string, string[]>();
  for (const u of plan.undercuts) {
    const list = outgoing.get(u.from) ?? [];
    list.push(`  _> <${plan.argumentTitle.get(u.to)}>`);
    outgoing.set(u.from, list);
  }

  const claimLine = (c: Claim) => {
    const tags = [
      ...(c.kind === 'thesis' ? ['#thesis'] : []),
      ...(c.tags ?? []).filter((t) => t !== 'thesis').map(tagText),
    ].filter((t): t is string => !!t);
    const text = escapeArgdownText(c.text);
    return `[${claimTitles.get(c.id)}]: ${[text, ...tags].filter(Boolean).join(' ')}${dataBlock({ note: c.note })}`;
  };
  const quoteLine = (q: Quote) => {
    const tag = tagsBySource.get(q.sourceId);
    const text = escapeArgdownText(q.exact);
    return `[${quoteTitles.get(q.id)}]: ${[text, tag ? `#${tag}` : ''].filter(Boolean).join(' ')}${dataBlock({ note: q.note })}`;
  };

  for (const c of claims) {
    lines.push(claimLine(c), ...(incoming.get(c.id) ?? []), ...(outgoing.get(c.id) ?? []), '');
  }
  for (const q of quotes) lines.push(quoteLine(q), ...(outgoing.get(q.id) ?? []), '');
  // Linked arguments, and arguments an undercut is aimed at, as premise–conclusion structures.
  for (const a of plan.arguments) {
    const premises = a.links.map((l, i) => `(${i + 1}) [${titleOf(l.from)}]`);
    const scheme = a.links[0]!.scheme?.replace(/[-{}<>[\]\n\r]/g, ' ').replace(/\s+/g, ' ').trim();
    lines.push(`<${a.title}>`, '', ...premises, scheme ? `-- ${scheme} --` : '----', `(${a.links.length + 1}) [${claimTitles.get(a.links[0]!.to)}]`, '');
  }
  return lines.join('\n');
}

type ArgdownPlan = {
  /** Supports links written inside a premise–conclusion structure. */
  asArgument: Set<string>;
  arguments: Array<{ title: string; links: Link[] }>;
  /** Link id → the title of the argument it is written in. */
  argumentTitle: Map<string, string>;
  /** Contradicts links aimed at a link written in an argument. */
  undercuts: Link[];
  /** Links Argdown cannot say, by reason. */
  unsaid: { backings: number; counterArguments: number; aimedElsewhere: number };
};

/**
 * How the argument model of format version 2 goes into Argdown: a linked
 * argument of supports links is a premise–conclusion structure (its group
 * name the argument's title, its scheme the inference rule), and so is a
 * supports link an undercut is aimed at; an undercut is `_>` aimed at that
 * argument. Argdown has no linked counter-argument (its links are written
 * as separate attacks), no backing of an inference, and no undercut of an
 * attack or of an undercut.
 */
function argdownPlan(doc: MapDoc): ArgdownPlan {
  const plan: ArgdownPlan = {
    asArgument: new Set(),
    arguments: [],
    argumentTitle: new Map(),
    undercuts: [],
    unsaid: { backings: 0, counterArguments: 0, aimedElsewhere: 0 },
  };
  const live = orderedLinks(doc).filter((l) => (l.from in doc.claims || l.from in doc.quotes) && (l.to in doc.claims || l.to in doc.links));
  const undercut = new Set(live.filter((l) => l.to in doc.links && l.relation === 'contradicts').map((l) => l.to));
  const groups = new Map<string, Link[]>();
  for (const l of live) {
    if (!(l.to in doc.claims)) continue;
    const grouped = l.group !== undefined;
    if (l.relation === 'contradicts') {
      if (grouped) plan.unsaid.counterArguments++;
      continue;
    }
    if (!grouped && !undercut.has(l.id)) continue;
    const key = grouped ? `${l.group}\u0000${l.to}` : `\u0000${l.id}`;
    const list = groups.get(key) ?? [];
    list.push(l);
    groups.set(key, list);
  }
  const used = new Set<string>();
  for (const links of groups.values()) {
    const head = links[0]!;
    const base = (head.group ?? `Inference ${titleFrom(doc.claims[head.to]?.text ?? '', 'of a claim')}`).replace(/[<>[\]\n\r]/g, ' ').replace(/\s+/g, ' ').trim() || 'Argument';
    let title = base;
    for (let n = 2; used.has(title.toLowerCase()); n++) title = `${base} (${n})`;
    used.add(title.toLowerCase());
    plan.arguments.push({ title, links });
    for (const l of links) {
      plan.asArgument.add(l.id);
      plan.argumentTitle.set(l.id, title);
    }
  }
  for (const l of live) {
    if (!(l.to in doc.links)) continue;
    if (l.relation === 'supports') plan.unsaid.backings++;
    else if (plan.argumentTitle.has(l.to)) plan.undercuts.push(l);
    else plan.unsaid.aimedElsewhere++;
  }
  return plan;
}

/** What an Argdown export does not keep, with counts, for the notice shown on export. */
export function argdownExportNotice(doc: MapDoc): ExportNotice {
  const plan = argdownPlan(doc);
  const links = Object.values(doc.links);
  const leftOut: string[] = [];
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  const weights = links.filter((l) => l.weight !== undefined && l.weight !== 2).length;
  if (weights) leftOut.push(`${n(weights, 'link weight')}.`);
  const linkNotes = links.filter((l) => l.note).length;
  if (linkNotes) leftOut.push(`${n(linkNotes, 'link note')}.`);
  const sources = Object.keys(doc.sources).length;
  if (sources) leftOut.push(`the text of ${n(sources, 'source')} (quotes come back as claims).`);
  const credibility = Object.values(doc.quotes).filter((q) => q.credibility !== undefined).length;
  if (credibility) leftOut.push(`credibility of ${n(credibility, 'quote')}.`);
  const placed = Object.keys(doc.layout).length;
  if (placed) leftOut.push(`positions of ${n(placed, 'node')}.`);
  if (plan.unsaid.counterArguments) leftOut.push(`${n(plan.unsaid.counterArguments, 'link')} of linked counter-arguments, written as separate attacks.`);
  if (plan.unsaid.backings) leftOut.push(`${n(plan.unsaid.backings, 'backing')} of an inference.`);
  if (plan.unsaid.aimedElsewhere) leftOut.push(`${n(plan.unsaid.aimedElsewhere, 'undercut')} of an attack or of another undercut.`);
  const comments = Object.keys(doc.comments).length;
  if (comments) leftOut.push(`${n(comments, 'comment')} of the review (export the map file to keep them).`);
  return { leftOut, otherToolsIgnore: [] };
}

// ---------------------------------------------------------------- import

let application: ArgdownApplication | undefined;

function argdownApp(): ArgdownApplication {
  if (!application) {
    const app = new ArgdownApplication();
    app.addPlugin(new ParserPlugin(), 'parse-input');
    // Front matter is not merged into the settings here (Argdown deep-merges
    // it, which an alias bomb blows up); parseArgdown takes its `model`
    // settings once the YAML has passed checkYaml.
    app.addPlugin(new DataPlugin({ frontMatterSettingsMode: FrontMatterSettingsModes.IGNORE }), 'read-data');
    app.addPlugin(new ModelPlugin(), 'build-model');
    application = app;
  }
  return application;
}

/** The most YAML values (front matter and data blocks together) a file may hold. */
export const MAX_YAML_NODES = 100_000;

/** A file whose YAML (front matter, `{…}` data) Warrant refuses to read. */
export class ArgdownDataError extends Error {
  override readonly name = 'ArgdownDataError';
}

/**
 * Throws ArgdownDataError when the YAML of a parsed file uses an alias (the
 * same mapping or list reached twice: `*name` of an `&name`) or holds more
 * than MAX_YAML_NODES values. js-yaml keeps an alias as a second reference,
 * so reading is cheap; it is every later deep copy or merge (Argdown's model
 * merges data blocks) that expands a 400-byte "billion laughs" into billions.
 * The walk itself visits each distinct value once.
 */
function checkYaml(res: IArgdownResponse): void {
  // Each YAML text read is one root; a root may hang off more than one node of the tree.
  const roots = new Set<unknown>([res.frontMatter]);
  const visited = new Set<object>();
  const nodes: object[] = res.ast ? [res.ast] : [];
  while (nodes.length) {
    const node = nodes.pop() as { data?: unknown; children?: unknown[] };
    if (visited.has(node)) continue;
    visited.add(node);
    if (node.data !== undefined) roots.add(node.data);
    if (Array.isArray(node.children)) for (const c of node.children) if (typeof c === 'object' && c) nodes.push(c);
  }
  const seen = new Set<object>();
  const stack: unknown[] = [...roots];
  let count = 0;
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (seen.has(v)) throw new ArgdownDataError('Its YAML data uses aliases (*name), which Warrant does not read. Write the values out in full.');
    seen.add(v);
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (++count > MAX_YAML_NODES) {
        throw new ArgdownDataError(`Its YAML data holds more than ${MAX_YAML_NODES.toLocaleString('en')} values, more than Warrant reads.`);
      }
      stack.push(child);
    }
  }
}

/**
 * Runs the Argdown parser and model synchronously. Throws ArgdownDataError
 * for YAML data it refuses (aliases, too much), and the YAML parser's own
 * error for broken YAML (which Argdown would otherwise swallow, silently
 * leaving out the rest of the file).
 */
export function parseArgdown(text: string): IArgdownResponse {
  const request = {
    input: text,
    logLevel: 'none',
    logExceptions: false,
    throwExceptions: true,
    // Tags are read from `tags`; left in, they would become part of the claim's text.
    model: { removeTagsFromText: true },
  };
  const app = argdownApp();
  const res = app.run({ ...request, process: ['parse-input'] });
  if (res.lexerErrors?.length || res.parserErrors?.length) return res;
  app.run({ ...request, process: ['read-data'] }, res);
  checkYaml(res);
  // The model settings of the front matter (`mode: strict`), plain values only.
  const front = res.frontMatter as { model?: unknown } | undefined;
  const model: Record<string, unknown> = {};
  if (front && typeof front.model === 'object' && front.model !== null) {
    for (const [k, v] of Object.entries(front.model)) if (typeof v !== 'object' || v === null) model[k] = v;
  }
  return app.run({ ...request, model: { ...model, removeTagsFromText: true }, process: ['build-model'] }, res);
}

/** The first problem Argdown reported, with its line, or undefined when it read the text cleanly. */
function argdownError(res: IArgdownResponse): string | undefined {
  const lex = res.lexerErrors?.[0];
  if (lex) return `Argdown syntax error at line ${lex.line ?? '?'}: ${lex.message}`;
  const parse = res.parserErrors?.[0];
  if (parse) {
    const line = parse.token.startLine;
    const where = line !== undefined && Number.isFinite(line) ? `at line ${line}` : 'at the end of the text';
    return `Argdown syntax error ${where}: ${parse.message.split('\n')[0]}`;
  }
  const exc = res.exceptions?.[0];
  if (exc) return `Argdown could not be read: ${exc.message}`;
  return undefined;
}

const AUTO_TITLE = /^Untitled \d+$/;

/** Last member with text: Argdown's "canonical" text of a statement. */
function statementText(ec: IEquivalenceClass): string | undefined {
  for (let i = ec.members.length - 1; i >= 0; i--) {
    const t = ec.members[i]?.text?.trim();
    if (t) return t;
  }
  return undefined;
}

function argumentDescription(a: IArgument): string | undefined {
  for (let i = a.members.length - 1; i >= 0; i--) {
    const t = a.members[i]?.text?.trim();
    if (t) return t;
  }
  return undefined;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

function describe(m: RelationMember | undefined): string {
  if (!m) return '?';
  if (m.type === ArgdownTypes.ARGUMENT) return `<${m.title}>`;
  if (m.type === ArgdownTypes.INFERENCE) return `the inference of <${m.argumentTitle}>`;
  return `[${m.title}]`;
}

/**
 * Reads an Argdown document into a new map.
 *
 * Kept: statements (as claims; `#thesis` makes a thesis; other tags and a
 * `note` in the data block are kept), support and attack relations (as
 * supports / contradicts links; a relation of an argument applies to its
 * conclusion), reconstructed arguments (each premise supports the conclusion
 * it leads to), unreconstructed arguments (as claims with their description),
 * front matter `title` and `description`.
 * As notes: undercuts (on the conclusion of the undercut argument),
 * contraries and contradictions (on both claims), entailments (strict mode,
 * on the entailed claim), argument descriptions of reconstructed arguments.
 * Quotes exported by Warrant come back as claims tagged with their source.
 */
export function fromArgdown(
  text: string,
  /** `parse`: Argdown's parse of `text` when format detection already ran it (it throws what the parser threw). */
  options: { now?: string; parse?: () => IArgdownResponse } = {},
): ImportResult {
  let res: IArgdownResponse;
  try {
    res = (options.parse ?? (() => parseArgdown(text)))();
  } catch (e) {
    return { ok: false, message: `Argdown could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
  const error = argdownError(res);
  if (error) return { ok: false, message: error };

  const front: Record<string, unknown> = isObj(res.frontMatter) ? res.frontMatter : {};
  const b = new ImportBuilder(importTime(options.now), str(front.title) ?? 'Imported Argdown map');
  const sourceMeta = isObj(front.sources) ? front.sources : {};

  const claimOfStatement = new Map<string, string>();
  let quoteLike = 0;
  for (const [title, ec] of Object.entries(res.statements ?? {})) {
    const body = statementText(ec);
    if (!body && AUTO_TITLE.test(title)) {
      b.leftOut.push(`An empty statement (${title}) has no text.`);
      continue;
    }
    const tags = ec.tags ?? [];
    const data: Record<string, unknown> = isObj(ec.data) ? ec.data : {};
    const sourceTag = tags.find((t) => t.startsWith('source-'));
    let note = str(data.note);
    if (sourceTag) {
      quoteLike++;
      const meta = sourceMeta[sourceTag];
      const from = isObj(meta) ? str(meta.title) : undefined;
      const said = `Quoted from ${from ? `“${from}”` : sourceTag}.`;
      note = note ? `${said}\n\n${note}` : said;
    }
    const id = b.addClaim(body ?? title, {
      kind: tags.includes('thesis') ? 'thesis' : 'claim',
      tags: tags.filter((t) => t !== 'thesis'),
      note,
    });
    if (!body) b.notes.push(`Statement [${title}] has no text; its title is the claim's text.`);
    claimOfStatement.set(title, id);
  }
  if (quoteLike) {
    b.notes.push(
      `${quoteLike} quote${quoteLike === 1 ? '' : 's'} (statements tagged #source-…) came back as claims: Argdown carries no source text to anchor a quote in.`,
    );
  }
  const sourceCount = Object.keys(sourceMeta).length;
  if (sourceCount) {
    b.leftOut.push(`${sourceCount} source${sourceCount === 1 ? '' : 's'} in the front matter: Argdown carries only their titles, not their text.`);
  }

  // Detail Argdown has and Warrant does not: counted, never dropped silently.
  const sections = res.sections?.length ?? 0;
  if (sections) b.leftOut.push(`${sections} section heading${sections === 1 ? '' : 's'}: Warrant maps have no sections.`);
  let alternatives = 0;
  let dataFields = 0;
  for (const ec of Object.values(res.statements ?? {})) {
    alternatives += Math.max(0, new Set(ec.members.map((m) => m.text?.trim()).filter(Boolean)).size - 1);
    if (isObj(ec.data)) dataFields += Object.keys(ec.data).filter((k) => k !== 'note').length;
  }
  if (alternatives) b.leftOut.push(`${alternatives} alternative formulation${alternatives === 1 ? '' : 's'} of statements: the last one is each claim's text.`);
  if (dataFields) b.leftOut.push(`${dataFields} data field${dataFields === 1 ? '' : 's'} of statements (other than note).`);

  // An argument stands for its conclusion; one without premise–conclusion structure is a claim of its own.
  const claimOfArgument = new Map<string, string>();
  const inferenceLink = new Map<string, string>(); // argument title → the first link of its final inference
  const counts = { groups: 0, schemes: 0, argumentData: 0 };
  for (const [title, arg] of Object.entries(res.arguments ?? {})) {
    const description = argumentDescription(arg);
    const conclusion = arg.pcs[arg.pcs.length - 1];
    const conclusionClaim = conclusion?.title ? claimOfStatement.get(conclusion.title) : undefined;
    if (isObj(arg.data)) counts.argumentData += Object.keys(arg.data).length;
    if (conclusionClaim) {
      claimOfArgument.set(title, conclusionClaim);
      if (description) b.addNote(conclusionClaim, `Argument <${title}>: ${description}`);
      const last = linkPremises(b, arg, claimOfStatement, counts);
      if (last) inferenceLink.set(title, last);
    } else {
      const id = b.addClaim(description ?? title, { note: `Argdown argument <${title}>, not reconstructed.` });
      claimOfArgument.set(title, id);
      b.notes.push(`Argument <${title}> has no premise–conclusion structure; it became a claim.`);
    }
  }

  const claimOf = (m: RelationMember | undefined): string | undefined => {
    if (!m) return undefined;
    if (m.type === ArgdownTypes.ARGUMENT) return m.title ? claimOfArgument.get(m.title) : undefined;
    if (m.type === ArgdownTypes.INFERENCE) return m.argumentTitle ? claimOfArgument.get(m.argumentTitle) : undefined;
    return m.title ? claimOfStatement.get(m.title) : undefined;
  };

  const relationCounts = { undercuts: 0, symmetric: 0 };
  // Undercuts last: an argument without premise–conclusion structure has its
  // inference in its own support or attack relation, which must be there first.
  const relations = res.relations ?? [];
  for (const rel of relations) if (rel.relationType !== RelationType.UNDERCUT) importRelation(b, rel, claimOf, inferenceLink, relationCounts);
  for (const [title, claim] of claimOfArgument) {
    if (inferenceLink.has(title)) continue;
    const first = b.firstLinkFrom(claim);
    if (first) inferenceLink.set(title, first);
  }
  for (const rel of relations) if (rel.relationType === RelationType.UNDERCUT) importRelation(b, rel, claimOf, inferenceLink, relationCounts);
  if (counts.groups) b.notes.push(`${counts.groups} inference${counts.groups === 1 ? '' : 's'} with several premises became linked arguments (groups), named after their argument.`);
  if (counts.schemes) b.notes.push(`${counts.schemes} inference rule${counts.schemes === 1 ? '' : 's'} kept as the scheme of the links.`);
  if (counts.argumentData) b.leftOut.push(`${counts.argumentData} data field${counts.argumentData === 1 ? '' : 's'} of arguments (such as source:).`);
  if (relationCounts.undercuts) b.notes.push(`${relationCounts.undercuts} undercut${relationCounts.undercuts === 1 ? '' : 's'} became links aimed at the undercut inference.`);
  if (relationCounts.symmetric) b.notes.push(`${relationCounts.symmetric} contrary or contradictory relation${relationCounts.symmetric === 1 ? '' : 's'} became contradicts links in both directions.`);

  return { ok: true, ...b.finish(str(front.description) ?? str(front.abstract)) };
}

/**
 * Links each inference of a premise–conclusion structure: its premises
 * support its conclusion, as one linked argument (a group named after the
 * argument) when there are several; an inference rule becomes the scheme.
 * Returns the first link of the final inference (what an undercut of the
 * argument aims at).
 */
function linkPremises(
  b: ImportBuilder,
  arg: IArgument,
  claimOfStatement: Map<string, string>,
  counts: { groups: number; schemes: number },
): string | undefined {
  // Each conclusion is inferred from the statements since the previous
  // conclusion (that one included), unless its inference names them (`uses`).
  let since: number[] = [];
  let last: string | undefined;
  const steps = arg.pcs.filter((s) => s.role !== StatementRole.PREMISE).length;
  let step = 0;
  arg.pcs.forEach((s, i) => {
    if (s.role === StatementRole.PREMISE) {
      since.push(i);
      return;
    }
    step++;
    const conclusion = s.title ? claimOfStatement.get(s.title) : undefined;
    const inference = 'inference' in s ? (s as { inference?: { data?: unknown; inferenceRules?: string[] } }).inference : undefined;
    const uses = isObj(inference?.data) && Array.isArray(inference.data.uses) ? inference.data.uses : undefined;
    const premises = uses
      ? uses.filter((n): n is number => typeof n === 'number').map((n) => n - 1)
      : since;
    const scheme = inference?.inferenceRules?.map((r) => r.trim()).filter(Boolean).join(', ') || undefined;
    const froms = premises
      .map((p) => [p, arg.pcs[p]?.title ? claimOfStatement.get(arg.pcs[p]!.title!) : undefined] as const)
      .filter((x): x is readonly [number, string] => x[1] !== undefined);
    const group = froms.length > 1 ? b.groupName(steps > 1 ? `${arg.title} (${step})` : (arg.title ?? 'Argument')) : undefined;
    let first: string | undefined;
    for (const [p, from] of froms) {
      if (!conclusion) continue;
      const id = b.addLink(from, conclusion, 'supports', `Premise (${p + 1}) of <${arg.title}>`, {
        ...(group ? { group } : {}),
        ...(scheme ? { scheme } : {}),
      });
      first ??= id;
    }
    if (first && group) counts.groups++;
    if (first && scheme) counts.schemes++;
    last = first;
    since = [i];
  });
  return last;
}

function importRelation(
  b: ImportBuilder,
  rel: IRelation,
  claimOf: (m: RelationMember | undefined) => string | undefined,
  inferenceLink: ReadonlyMap<string, string>,
  counts: { undercuts: number; symmetric: number },
): void {
  const what = `${describe(rel.from)} ${rel.relationType} ${describe(rel.to)}`;
  const from = claimOf(rel.from);
  const to = claimOf(rel.to);
  if (!from || !to) {
    b.leftOut.push(`${what}: one end is not a statement or argument of the file.`);
    return;
  }
  const quoted = (id: string) => `“${b.claimText(id)}”`;
  switch (rel.relationType) {
    case RelationType.SUPPORT:
    case RelationType.ATTACK:
      if (rel.to?.type === ArgdownTypes.ARGUMENT && rel.to.pcs.length > 0) {
        b.notes.push(`${what}: taken as bearing on the argument's conclusion.`);
      }
      b.addLink(from, to, rel.relationType === RelationType.SUPPORT ? 'supports' : 'contradicts', what);
      return;
    case RelationType.UNDERCUT: {
      // An undercut is aimed at an argument's inference: a link aimed at that inference's link.
      const title = rel.to?.type === ArgdownTypes.INFERENCE ? rel.to.argumentTitle : rel.to?.type === ArgdownTypes.ARGUMENT ? rel.to.title : undefined;
      const target = title ? inferenceLink.get(title) : undefined;
      if (target && b.addLink(from, target, 'contradicts', what)) {
        counts.undercuts++;
        return;
      }
      b.addNote(to, `Undercut by ${quoted(from)}: it questions whether the reasons given lead to this claim.`);
      b.notes.push(`${what}: the undercut argument supports or attacks nothing; kept as a note on ${quoted(to)}.`);
      return;
    }
    case RelationType.CONTRARY:
    case RelationType.CONTRADICTORY: {
      // Symmetric: each claim counts against the other.
      const one = b.addLink(from, to, 'contradicts', what);
      const other = b.addLink(to, from, 'contradicts', what);
      if (one || other) counts.symmetric++;
      if (rel.relationType === RelationType.CONTRARY) {
        b.addNote(from, `Contrary to ${quoted(to)} (both can be false).`);
        b.addNote(to, `Contrary to ${quoted(from)} (both can be false).`);
      }
      return;
    }
    case RelationType.ENTAILS:
      b.addNote(to, `Entailed by ${quoted(from)}.`);
      b.notes.push(`${what}: kept as a note on ${quoted(to)}.`);
      return;
    default:
      b.leftOut.push(`${what}: unknown relation type.`);
  }
}
