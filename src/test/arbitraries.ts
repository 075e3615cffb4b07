/**
 * fast-check arbitraries for property and fuzz tests: random but always valid
 * maps (every reference resolves, every quote is verbatim, no duplicate link).
 */
import fc from 'fast-check';
import { docFromRecords, type MapDoc } from '../domain/change';
import { linkWeight, type Claim, type Link, type Quote, type Source } from '../domain/schema';
import { splitsSurrogatePair } from '../domain/integrity';

const timestamp = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const optional = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Drops keys whose value is undefined, as JSON does. */
function defined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

const sourceArb = (i: number) =>
  fc
    .record({
      title: fc.string({ maxLength: 40 }),
      author: optional(fc.string({ maxLength: 20 })),
      publisher: optional(fc.string({ maxLength: 20 })),
      publishedAt: optional(fc.constantFrom('2023', '2023-09', '2019-05-01')),
      url: optional(fc.webUrl()),
      reliability: optional(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F') as fc.Arbitrary<Source['reliability'] & string>),
      text: fc.string({ minLength: 1, maxLength: 300, unit: 'binary' }),
      addedAt: timestamp,
    })
    .map((r): Source => defined({ id: `src_${i}`, ...r }));

export const mapDocArb: fc.Arbitrary<MapDoc> = fc
  .record({
    title: fc.string({ maxLength: 60 }),
    description: optional(fc.string({ maxLength: 60 })),
    createdAt: timestamp,
    updatedAt: timestamp,
    sourceCount: fc.integer({ min: 0, max: 4 }),
    claimCount: fc.integer({ min: 0, max: 8 }),
  })
  .chain((m) =>
    fc
      .tuple(
        fc.tuple(...Array.from({ length: m.sourceCount }, (_, i) => sourceArb(i))),
        fc.array(
          fc.record({
            text: fc.string({ maxLength: 80 }),
            thesis: fc.boolean(),
            note: optional(fc.string({ maxLength: 30 })),
            tags: optional(fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 })),
            createdAt: timestamp,
          }),
          { minLength: m.claimCount, maxLength: m.claimCount },
        ),
        fc.array(
          fc.record({
            source: fc.nat(),
            a: fc.nat(),
            b: fc.nat(),
            credibility: optional(fc.constantFrom(1, 2, 3, 4, 5, 6) as fc.Arbitrary<Quote['credibility'] & number>),
            note: optional(fc.string({ maxLength: 30 })),
            createdAt: timestamp,
          }),
          { maxLength: 10 },
        ),
        fc.array(
          fc.record({
            from: fc.nat(),
            to: fc.nat(),
            contradicts: fc.boolean(),
            weight: optional(fc.constantFrom(1, 2, 3) as fc.Arbitrary<Link['weight'] & number>),
            // Format version 2: aimed at an earlier link, in a group, with a scheme.
            atLink: fc.boolean(),
            group: optional(fc.constantFrom('g1', 'g2', 'Argument 1')),
            scheme: optional(fc.constantFrom('Argument From Expert Opinion', 'Cause To Effect')),
            note: optional(fc.string({ maxLength: 30 })),
            createdAt: timestamp,
          }),
          { maxLength: 14 },
        ),
        fc.dictionary(fc.nat({ max: 30 }).map(String), fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }) }), { maxKeys: 5 }),
      )
      .map(([sources, claimRows, quoteRows, linkRows, layoutRows]) => {
        const claims: Claim[] = claimRows.map((c, i) =>
          defined({
            id: `c_${i}`,
            text: c.text,
            kind: c.thesis ? 'thesis' : 'claim',
            note: c.note,
            tags: c.tags,
            createdAt: c.createdAt,
            updatedAt: c.createdAt,
          }),
        );
        const quotes: Quote[] = [];
        if (sources.length) {
          quoteRows.forEach((r, i) => {
            const s = sources[r.source % sources.length]!;
            const len = s.text.length;
            let start = r.a % len;
            let end = start + 1 + (r.b % (len - start));
            // Rule 7: a quote never splits a surrogate pair.
            if (splitsSurrogatePair(s.text, start)) start--;
            if (splitsSurrogatePair(s.text, end)) end++;
            quotes.push(
              defined({
                id: `q_${i}`,
                sourceId: s.id,
                exact: s.text.slice(start, end),
                prefix: s.text.slice(Math.max(0, start - 32), start),
                suffix: s.text.slice(end, end + 32),
                start,
                end,
                credibility: r.credibility,
                note: r.note,
                createdAt: r.createdAt,
              }),
            );
          });
        }
        const nodes = [...claims.map((c) => c.id), ...quotes.map((q) => q.id)];
        const links: Link[] = [];
        const pairs = new Set<string>();
        if (claims.length) {
          const groupHeads = new Map<string, Link>();
          linkRows.forEach((r, i) => {
            const from = nodes[r.from % nodes.length]!;
            // Only earlier links are targets, so no link reaches itself.
            const to = r.atLink && links.length ? links[r.to % links.length]!.id : claims[r.to % claims.length]!.id;
            if (from === to || pairs.has(from + ' ' + to)) return;
            pairs.add(from + ' ' + to);
            const link: Link = defined({
              id: `l_${i}`,
              from,
              to,
              relation: r.contradicts ? 'contradicts' : 'supports',
              weight: r.weight,
              scheme: r.scheme,
              note: r.note,
              createdAt: r.createdAt,
            });
            if (r.group !== undefined) {
              const head = groupHeads.get(r.group);
              if (!head) groupHeads.set(r.group, link);
              // A group shares its target, relation and weight: join only a link that agrees.
              if (!head || (head.to === link.to && head.relation === link.relation && linkWeight(head) === linkWeight(link))) {
                link.group = r.group;
              }
            }
            links.push(link);
          });
        }
        const layout: Record<string, { x: number; y: number }> = {};
        for (const [k, p] of Object.entries(layoutRows)) {
          const id = nodes[Number(k) % Math.max(1, nodes.length)];
          if (id) layout[id] = p;
        }
        return docFromRecords({
          map: defined({ id: 'map_prop', title: m.title, description: m.description, createdAt: m.createdAt, updatedAt: m.updatedAt }),
          sources,
          quotes,
          claims,
          links,
          layout,
        });
      }),
  );
