/**
 * Test and benchmark helper: a valid map of a chosen size, generated
 * deterministically from a seed, shaped like a real argument map — a few
 * theses, claims in support trees several levels deep with contradicting
 * links among them, quotes anchored exactly in their sources, and a handful of
 * cross links that make cycles. Reused by benchmarks: keep it deterministic.
 */
import type { MapDoc } from '../domain/change';
import type { Claim, Credibility, Link, Quote, Reliability, Source, Weight } from '../domain/schema';
import { T0 } from './factories';

export type GenerateMapOptions = {
  claims: number;
  quotes: number;
  links: number;
  seed?: number;
  /** Sources to spread the quotes over; default one per 20 quotes. */
  sources?: number;
};

/** mulberry32: small, fast, good enough for test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The one fixed time of test records (src/test/factories.ts). */
const AT = T0;
const pad = (i: number) => String(i).padStart(6, '0');
const WORDS = ['trade', 'border', 'navy', 'summit', 'loan', 'port', 'election', 'sanction', 'alliance', 'drill'];

/**
 * A map with exactly `claims` claims and `quotes` quotes, and `links` links
 * (fewer only if the map cannot hold that many distinct links). Links are laid
 * down in this order until the budget runs out: each non-thesis claim links to
 * a random earlier claim (a random recursive tree: depth ~ln(claims), ~20%
 * contradicts), then each quote to a random claim (~25% contradicts; one in ten may
 * be a thesis), then
 * extra links (at least ~2% of the budget): a tenth from a claim's ancestor
 * back down to it (closing a cycle), four tenths between random claims, half
 * quote → claim.
 */
export function generateMap({ claims, quotes, links, seed = 1, sources }: GenerateMapOptions): MapDoc {
  const rnd = random(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const weight = (): Weight | undefined => pick([undefined, 1, 2, 3] as const);

  const theses = claims > 0 ? Math.max(1, Math.round(claims / 200)) : 0;
  const claimList: Claim[] = [];
  for (let i = 0; i < claims; i++) {
    claimList.push({
      id: `c_${pad(i)}`,
      text: `Claim ${i} about the ${pick(WORDS)} and the ${pick(WORDS)}`,
      kind: i < theses ? 'thesis' : 'claim',
      createdAt: AT,
      updatedAt: AT,
    });
  }

  const sourceCount = quotes > 0 ? Math.max(1, sources ?? Math.ceil(quotes / 20)) : 0;
  const texts = Array.from({ length: sourceCount }, (_, s) => `Source ${s}.\n`);
  const spans: { s: number; start: number; end: number }[] = [];
  for (let i = 0; i < quotes; i++) {
    const s = i % sourceCount;
    const passage = `Passage ${i}: the ${pick(WORDS)} matters for the ${pick(WORDS)}.`;
    const start = texts[s]!.length;
    spans.push({ s, start, end: start + passage.length });
    texts[s] += passage + ' Filler sentence.\n';
  }
  const reliabilities: (Reliability | undefined)[] = [undefined, 'A', 'B', 'C', 'D', 'E', 'F'];
  const credibilities: (Credibility | undefined)[] = [undefined, 1, 2, 3, 4, 5, 6];
  const sourceList: Source[] = texts.map((text, s) => {
    const reliability = pick(reliabilities);
    return { id: `src_${pad(s)}`, title: `Source ${s}`, text, addedAt: AT, ...(reliability ? { reliability } : {}) };
  });
  const quoteList: Quote[] = spans.map(({ s, start, end }, i) => {
    const text = texts[s]!;
    const credibility = pick(credibilities);
    return {
      id: `q_${pad(i)}`,
      sourceId: `src_${pad(s)}`,
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - 32), start),
      suffix: text.slice(end, end + 32),
      start,
      end,
      createdAt: AT,
      ...(credibility ? { credibility } : {}),
    };
  });

  const linkList: Link[] = [];
  const pairs = new Set<string>();
  const add = (from: string, to: string, contradictsChance: number): void => {
    if (linkList.length >= links || from === to || pairs.has(`${from} ${to}`)) return;
    pairs.add(`${from} ${to}`);
    const w = weight();
    linkList.push({
      id: `l_${pad(linkList.length)}`,
      from,
      to,
      relation: rnd() < contradictsChance ? 'contradicts' : 'supports',
      createdAt: AT,
      ...(w ? { weight: w } : {}),
    });
  };
  const parent: number[] = [];
  for (let i = theses; i < claims; i++) {
    const p = int(i);
    parent[i] = p;
    add(`c_${pad(i)}`, `c_${pad(p)}`, 0.2);
  }
  // A claim → claim link from an ancestor two or three levels up back down to
  // the claim closes a cycle (a circle of supports when every link supports).
  const backLink = () => {
    const c = theses + int(claims - theses);
    let a = c;
    for (let up = 2 + int(2); up > 0 && parent[a] !== undefined; up--) a = parent[a]!;
    add(`c_${pad(a)}`, `c_${pad(c)}`, 0.1);
  };
  if (claims > 0) {
    // Mostly into the body of the argument; one in ten straight to any claim, theses included.
    const target = () => (claims > theses && rnd() >= 0.1 ? theses + int(claims - theses) : int(claims));
    // Keep ~2% of the budget for the extra links, so large maps get their cycles
    // (the quotes left over stay unlinked, as in a map still being built).
    const quoteBudget = Math.max(0, links - Math.round(links * 0.02) - linkList.length);
    for (let i = 0; i < quotes && i < quoteBudget; i++) add(`q_${pad(i)}`, `c_${pad(target())}`, 0.25);
    // Extra links; give up after a bounded number of tries on a saturated map.
    for (let tries = 0; linkList.length < links && tries < links * 4; tries++) {
      const r = rnd();
      if (r < 0.1 && claims > theses) backLink();
      else if (r < 0.5 || quotes === 0) add(`c_${pad(int(claims))}`, `c_${pad(int(claims))}`, 0.2);
      else add(`q_${pad(int(quotes))}`, `c_${pad(int(claims))}`, 0.25);
    }
  }

  const toTable = <T extends { id: string }>(rows: readonly T[]) => Object.fromEntries(rows.map((r) => [r.id, r]));
  return {
    map: { id: `map_generated_${seed}`, title: `Generated map (seed ${seed})`, createdAt: AT, updatedAt: AT },
    sources: toTable(sourceList),
    quotes: toTable(quoteList),
    claims: toTable(claimList),
    links: toTable(linkList),
    comments: {},
    layout: {},
  };
}

export type HandMapSpec = {
  /** Claim names; their ids are `c_<name>`. */
  theses?: readonly string[];
  claims?: readonly string[];
  /** Source name → grading; ids `src_<name>`, titles the names. Sources named by quotes are added. */
  sources?: Readonly<Record<string, { reliability?: Reliability; title?: string }>>;
  /** Quote name (starting with `q`) → its source name, or more; ids `q_<rest of name>`. */
  quotes?: Readonly<Record<string, string | { source: string; credibility?: Credibility }>>;
  /**
   * `"q1 + A"` (supports), `"A - T"` (contradicts), `"q2 +3 A"` (weight 3);
   * ids `l_<from>_<to>`.
   */
  links?: readonly string[];
};

/** Id of a node named in a `HandMapSpec`: `q…` names are quotes, others claims. */
export const nodeId = (name: string): string => (name.startsWith('q') ? `q_${name.slice(1)}` : `c_${name}`);
export const linkId = (from: string, to: string): string => `l_${from}_${to}`;

/** A small map written by hand for unit tests, with every quote anchored exactly. */
export function handMap(spec: HandMapSpec): MapDoc {
  const claimList: Claim[] = [];
  for (const [names, kind] of [
    [spec.theses ?? [], 'thesis'],
    [spec.claims ?? [], 'claim'],
  ] as const) {
    for (const name of names) {
      claimList.push({ id: `c_${name}`, text: `Claim ${name}`, kind, createdAt: AT, updatedAt: AT });
    }
  }
  const texts = new Map<string, string>();
  for (const name of Object.keys(spec.sources ?? {})) texts.set(name, '');
  const quoteList: Quote[] = [];
  for (const [name, q] of Object.entries(spec.quotes ?? {})) {
    const { source, credibility } = typeof q === 'string' ? { source: q, credibility: undefined } : q;
    const before = texts.get(source) ?? '';
    const exact = `Quote ${name}.`;
    texts.set(source, `${before}${exact} `);
    quoteList.push({
      id: nodeId(name),
      sourceId: `src_${source}`,
      exact,
      prefix: before.slice(-32),
      suffix: ' ',
      start: before.length,
      end: before.length + exact.length,
      createdAt: AT,
      ...(credibility ? { credibility } : {}),
    });
  }
  const sourceList: Source[] = [...texts].map(([name, text]) => {
    const meta = spec.sources?.[name];
    return {
      id: `src_${name}`,
      title: meta?.title ?? name,
      text,
      addedAt: AT,
      ...(meta?.reliability ? { reliability: meta.reliability } : {}),
    };
  });
  const linkList: Link[] = (spec.links ?? []).map((line) => {
    const m = /^(\S+)\s+([+-])([123])?\s+(\S+)$/.exec(line.trim());
    if (!m) throw new Error(`handMap: cannot read link "${line}"`);
    const [, from, rel, w, to] = m as unknown as [string, string, string, string | undefined, string];
    return {
      id: linkId(from, to),
      from: nodeId(from),
      to: nodeId(to),
      relation: rel === '+' ? 'supports' : 'contradicts',
      createdAt: AT,
      ...(w ? { weight: Number(w) as Weight } : {}),
    };
  });
  const toTable = <T extends { id: string }>(rows: readonly T[]) => Object.fromEntries(rows.map((r) => [r.id, r]));
  return {
    map: { id: 'map_hand', title: 'Hand-made map', createdAt: AT, updatedAt: AT },
    sources: toTable(sourceList),
    quotes: toTable(quoteList),
    claims: toTable(claimList),
    links: toTable(linkList),
    comments: {},
    layout: {},
  };
}
