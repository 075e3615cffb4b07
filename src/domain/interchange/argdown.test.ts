import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAP_FILE_VERSION, MapFileSchema } from '../schema';
import type { MapDoc } from '../change';
import { escapeArgdownText, fromArgdown, parseArgdown, toArgdown } from './argdown';
import { linkTriples, nodeTexts, sampleMap } from '../../test/interchangeMaps';

const NOW = '2026-03-01T12:00:00.000Z';

function imported(text: string) {
  const r = fromArgdown(text, { now: NOW });
  if (!r.ok) throw new Error(r.message);
  return r;
}
const claimByText = (doc: MapDoc, text: string) => {
  const c = Object.values(doc.claims).find((x) => x.text === text);
  if (!c) throw new Error(`no claim "${text}" among ${JSON.stringify(nodeTexts(doc))}`);
  return c;
};

/** The doc is a valid map file of format v1 (ids, timestamps, limits). */
function expectValidMap(doc: MapDoc) {
  const file = {
    format: 'warrant.map',
    version: MAP_FILE_VERSION,
    exportedAt: NOW,
    map: doc.map,
    sources: Object.values(doc.sources),
    quotes: Object.values(doc.quotes),
    claims: Object.values(doc.claims),
    links: Object.values(doc.links),
    layout: doc.layout,
  };
  const parsed = MapFileSchema.safeParse(file);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
}

describe('toArgdown', () => {
  const text = toArgdown(sampleMap());

  it('writes front matter with the title and source metadata', () => {
    expect(text.startsWith('===\ntitle: "Is the posture defensive?"\n')).toBe(true);
    expect(text).toContain('sources:\n  source-annual-report-naval-posture:\n    title: "Annual report: naval posture"');
    expect(text).toContain('    url: "https://example.org/report"');
    expect(text).toContain('    reliability: "B"');
    const res = parseArgdown(text);
    expect(res.frontMatter).toMatchObject({
      title: 'Is the posture defensive?',
      sources: { 'source-annual-report-naval-posture': { author: 'A. Analyst' } },
    });
  });

  it('marks the thesis, keeps relations under the claim they bear on, tags quotes with their source', () => {
    expect(text).toContain(
      "[Xi's diplomacy is shifting from offense]: Xi's diplomacy is shifting from offense to defense #thesis\n" +
        '  + [Official statements stress restraint and]\n' +
        '  - [Military spending keeps growing 7% a]\n',
    );
    expect(text).toContain('[Quote the new posture is defensive]: the new posture is defensive #source-annual-report-naval-posture');
    // Same first words: the second title is made unique.
    expect(text).toContain("[Xi's diplomacy is shifting from offense (2)]: Xi's diplomacy is shifting from offense to defense, again");
  });

  it('is stable: the same doc gives the same text', () => {
    expect(toArgdown(sampleMap())).toBe(text);
  });

  it('escapes Argdown markup so texts come back verbatim', () => {
    expect(escapeArgdownText('a #tag [x] <y> @[z] *b* _i_ {d: 1} // c \\ .A. :->: e.g. end.')).toBe(
      'a \\#tag \\[x\\] \\<y\\> \\@\\[z\\] \\*b\\* \\_i\\_ \\{d: 1\\} \\/\\/ c \\\\ \\.A. \\:-\\>: e\\.g. end.',
    );
    const tricky =
      'Costs rose 7% (see https://x.org/a_b.c) — a *big* #deal: [sic] <A> .A. :->: :x#y: U.S.A. 10:30:00 {x} \\ end.';
    const back = imported(`[T]: ${escapeArgdownText(tricky)}\n`);
    expect(Object.values(back.doc.claims).map((c) => c.text)).toEqual([tricky]);
  });

  it('escaped text reads back verbatim (property)', () => {
    const alphabet = [...'aZ9 .:#[]<>@*_{}/\\()+-=!?,;\'"|~^$%&`'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 40 }), (chars) => {
        const text = chars.join('').replace(/\s+/g, ' ').trim();
        fc.pre(text.length > 0);
        const r = fromArgdown(`[T]: ${escapeArgdownText(text)}\n`);
        expect(r.ok && Object.values(r.doc.claims).map((c) => c.text)).toEqual([text]);
      }),
      { numRuns: 300 },
    );
  });

  it('writes an empty map as front matter only', () => {
    const doc: MapDoc = { ...sampleMap(), sources: {}, quotes: {}, claims: {}, links: {} };
    expect(toArgdown(doc)).toBe('===\ntitle: "Is the posture defensive?"\ndescription: "A test map."\n===\n');
  });
});

describe('round trip map → Argdown → map', () => {
  it('keeps every claim and quote (by text), every link, thesis, tags and notes', () => {
    const doc = sampleMap();
    const r = imported(toArgdown(doc));
    expect(nodeTexts(r.doc)).toEqual(nodeTexts(doc));
    expect(linkTriples(r.doc)).toEqual(linkTriples(doc));
    expect(claimByText(r.doc, "Xi's diplomacy is shifting from offense to defense").kind).toBe('thesis');
    expect(Object.values(r.doc.claims).filter((c) => c.kind === 'thesis')).toHaveLength(1);
    const words = claimByText(r.doc, 'Official statements stress #restraint and [stability] <now>');
    expect(words.tags).toEqual(['rhetoric', 'two words']);
    expect(claimByText(r.doc, 'Military spending keeps growing: 7% a year (see https://example.org) .A. holds').note).toBe(
      'Check the 2024 figures.',
    );
    const quote = claimByText(r.doc, 'the fleet doubled in size since 2015');
    expect(quote.tags).toEqual(['source-annual-report-naval-posture']);
    expect(quote.note).toBe('Quoted from “Annual report: naval posture”.\n\nNumbers from {table 2}.');
    expect(r.doc.map.title).toBe('Is the posture defensive?');
    expect(r.doc.map.description).toBe('A test map.');
    expect(r.summary.imported).toEqual({ claims: 6, links: 5, quotes: 0, sources: 0 });
    expect(r.summary.notes.join('\n')).toMatch(/2 quotes .* came back as claims/);
    expect(r.summary.leftOut.join('\n')).toMatch(/1 source in the front matter/);
    expectValidMap(r.doc);
  });

  it('gives fresh ids and the import time', () => {
    const r = imported(toArgdown(sampleMap()));
    expect(r.doc.map.id).not.toBe('map_sample');
    expect(r.doc.map.id.startsWith('map_')).toBe(true);
    for (const c of Object.values(r.doc.claims)) {
      expect(c.id.startsWith('c_')).toBe(true);
      expect(c.createdAt).toBe(NOW);
    }
    for (const l of Object.values(r.doc.links)) expect(l.id.startsWith('l_')).toBe(true);
  });
});

// Written by hand from the Argdown documentation (argdown.org/syntax).
const DEBATE = `===
title: Cats or dogs
description: A small test debate.
===

[Cats]: Cats are the better pets. #thesis
  + [Quiet]: Cats are quiet.
  - <Loyalty>: Dogs are loyal, and loyalty matters most.
  >< [Dogs]: Dogs are the better pets.

<Loyalty>

(1) [Loyal]: Dogs are loyal.
(2) [Loyalty counts]: Loyal animals are the better pets.
----
(3) [Dogs]
  <_ [Cats loyal too]: Cats can be loyal as well, so loyalty decides nothing.

[Quiet]
  +> [Calm home]: A quiet pet makes a calm home.
`;

describe('fromArgdown on a hand-written debate', () => {
  const r = imported(DEBATE);
  const doc = r.doc;
  const t = (text: string) => claimByText(doc, text).id;

  it('reads statements as claims, #thesis as the thesis, the front matter title', () => {
    expect(doc.map.title).toBe('Cats or dogs');
    expect(doc.map.description).toBe('A small test debate.');
    expect(nodeTexts(doc)).toEqual(
      [
        'A quiet pet makes a calm home.',
        'Cats are quiet.',
        'Cats are the better pets.',
        'Cats can be loyal as well, so loyalty decides nothing.',
        'Dogs are loyal.',
        'Dogs are the better pets.',
        'Loyal animals are the better pets.',
      ].sort(),
    );
    expect(claimByText(doc, 'Cats are the better pets.').kind).toBe('thesis');
    expect(claimByText(doc, 'Cats are quiet.').kind).toBe('claim');
    expect(claimByText(doc, 'Cats are the better pets.').tags).toBeUndefined();
  });

  it('reads + and - (and +>) as supports and contradicts; an argument relation lands on its conclusion; pcs premises support the conclusion together', () => {
    expect(linkTriples(doc)).toEqual(
      [
        'Cats are quiet. → supports → Cats are the better pets.',
        'Cats are quiet. → supports → A quiet pet makes a calm home.',
        'Dogs are the better pets. → contradicts → Cats are the better pets.',
        'Cats are the better pets. → contradicts → Dogs are the better pets.',
        'Dogs are loyal. → supports → Dogs are the better pets.',
        'Loyal animals are the better pets. → supports → Dogs are the better pets.',
        'Cats can be loyal as well, so loyalty decides nothing. → contradicts → Dogs are loyal. → supports → Dogs are the better pets.',
      ].sort(),
    );
    expect(r.summary.imported).toEqual({ claims: 7, links: 7, quotes: 0, sources: 0 });
    // The premises of <Loyalty> are one linked argument, named after it.
    const group = Object.values(doc.links).filter((l) => l.group !== undefined);
    expect(group.map((l) => l.group)).toEqual(['Loyalty', 'Loyalty']);
  });

  it('keeps the argument description as a note on its conclusion', () => {
    expect(claimByText(doc, 'Dogs are the better pets.').note).toContain(
      'Argument <Loyalty>: Dogs are loyal, and loyalty matters most.',
    );
  });

  it('reads the undercut as a contradicts link aimed at the inference of the undercut argument, and says so', () => {
    const undercut = Object.values(doc.links).find((l) => l.from === t('Cats can be loyal as well, so loyalty decides nothing.'));
    expect(undercut).toMatchObject({ relation: 'contradicts' });
    expect(doc.links[undercut!.to]!.group).toBe('Loyalty');
    expect(r.summary.notes).toContain('1 undercut became links aimed at the undercut inference.');
  });

  it('reads the contradiction >< as contradicts links in both directions', () => {
    const between = Object.values(doc.links).filter(
      (l) => [l.from, l.to].sort().join() === [t('Cats are the better pets.'), t('Dogs are the better pets.')].sort().join(),
    );
    expect(between.map((l) => l.relation)).toEqual(['contradicts', 'contradicts']);
    expect(r.summary.notes).toContain('1 contrary or contradictory relation became contradicts links in both directions.');
  });

  it('produces a valid map', () => expectValidMap(doc));
});

describe('fromArgdown, other constructs', () => {
  it('strict mode: entailment becomes a note, contrary becomes contradicts both ways', () => {
    const r = imported(`===
model:
  mode: strict
===

[A]: Taxes should rise.
  + [B]: Schools need money.
  - [C]: Taxes should fall.
`);
    expect(r.doc.map.title).toBe('Imported Argdown map');
    expect(linkTriples(r.doc)).toEqual([
      'Taxes should fall. → contradicts → Taxes should rise.',
      'Taxes should rise. → contradicts → Taxes should fall.',
    ]);
    const a = claimByText(r.doc, 'Taxes should rise.');
    expect(a.note).toContain('Entailed by “Schools need money.”.');
    expect(a.note).toContain('Contrary to “Taxes should fall.” (both can be false).');
  });

  it('an argument without premise–conclusion structure becomes a claim; relations to and from it are kept', () => {
    const r = imported(`[T]: Remote work is good.
  + <Focus>: People focus better at home.
    - <Noise>: Homes are noisy.
`);
    expect(linkTriples(r.doc)).toEqual([
      'Homes are noisy. → contradicts → People focus better at home.',
      'People focus better at home. → supports → Remote work is good.',
    ]);
    expect(claimByText(r.doc, 'Homes are noisy.').note).toBe('Argdown argument <Noise>, not reconstructed.');
    expect(r.summary.notes.filter((n) => n.includes('no premise–conclusion structure'))).toHaveLength(2);
  });

  it('an attack on a reconstructed argument is taken as bearing on its conclusion', () => {
    const r = imported(`<Arg>

(1) [P]: All men are mortal.
(2) [Q]: Socrates is a man.
----
(3) [C]: Socrates is mortal.

<Rebut>: Socrates is a god.
  -> <Arg>
`);
    expect(linkTriples(r.doc)).toContain('Socrates is a god. → contradicts → Socrates is mortal.');
    expect(r.summary.notes.join('\n')).toMatch(/taken as bearing on the argument's conclusion/);
  });

  it('chains of inference: each conclusion is supported by the statements since the previous one, or those its inference uses', () => {
    const r = imported(`<Chain>

(1) [A]: a holds.
(2) [B]: b holds.
----
(3) [C]: c holds.
(4) [D]: d holds.
----
(5) [E]: e holds.
(6) [F]: f holds.
-- {uses: [1, 6]} --
(7) [G]: g holds.
`);
    expect(linkTriples(r.doc)).toEqual(
      [
        'a holds. → supports → c holds.',
        'b holds. → supports → c holds.',
        'c holds. → supports → e holds.',
        'd holds. → supports → e holds.',
        'a holds. → supports → g holds.',
        'f holds. → supports → g holds.',
      ].sort(),
    );
  });

  it('a statement with a title only takes its title as text; an empty one is left out', () => {
    const r = imported(`[Main]: Main claim.
  + [Bare title]
  +
`);
    expect(nodeTexts(r.doc)).toEqual(['Bare title', 'Main claim.']);
    expect(r.summary.notes.join('\n')).toMatch(/\[Bare title\] has no text/);
    expect(r.summary.leftOut.join('\n')).toMatch(/empty statement/);
  });

  it('self-support and repeated pairs are reported, not linked twice', () => {
    const r = imported(`[A]: Alpha.
  + [B]: Beta.
  - [B]

<Self>

(1) [A]
----
(2) [A]
`);
    expect(linkTriples(r.doc)).toEqual(['Beta. → supports → Alpha.']);
    const left = r.summary.leftOut.join('\n');
    expect(left).toMatch(/already linked as "supports"/);
    expect(left).toMatch(/cannot be a reason for itself/);
  });

  it('uses the current time when no time is given', () => {
    const r = fromArgdown('[A]: Alpha.\n');
    expect(r.ok && Object.values(r.doc.claims)[0]?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

describe('fromArgdown errors', () => {
  it('refuses a syntax error with its line', () => {
    const r = fromArgdown(`[A]: Alpha.
  + [B]: Beta.
 broken indentation
(1) premise
----
`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^Argdown syntax error at line 4: /);
  });

  it('refuses JSON (not Argdown)', () => {
    const r = fromArgdown('{"nodes": [{"nodeID": 1}]}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/Argdown syntax error at line 1/);
  });
});

describe('round trip of the argument model through Argdown', () => {
  it('keeps linked arguments (with their scheme) and undercuts, and the notice counts what it does not keep', async () => {
    const { argumentModelMap, argumentShape } = await import('../../test/interchangeMaps');
    const { toArgdown, argdownExportNotice } = await import('./argdown');
    const doc = argumentModelMap();
    const text = toArgdown(doc);
    expect(text).toContain('-- Argument From Expert Opinion --');
    expect(text).toMatch(/_> <Expert>/);
    const back = imported(text);
    expect(argumentShape(back.doc)).toEqual(argumentShape(doc));
    const notice = argdownExportNotice(doc);
    expect(notice.leftOut).toEqual(
      expect.arrayContaining(['3 link weights.', '1 link note.', 'the text of 1 source (quotes come back as claims).']),
    );
  });

  it('says "Nothing was left out" only when nothing was', async () => {
    const { argdownExportNotice } = await import('./argdown');
    const { exportNoticeLines } = await import('./summary');
    const { docFromRecords } = await import('../change');
    const bare = docFromRecords({
      map: { id: 'map_x', title: 'x', createdAt: NOW, updatedAt: NOW },
      sources: [],
      quotes: [],
      claims: [{ id: 'c_a', text: 'A', kind: 'thesis', createdAt: NOW, updatedAt: NOW }],
      links: [],
    });
    expect(exportNoticeLines('Argdown', argdownExportNotice(bare))).toEqual(['Nothing was left out.']);
    const { sampleMap } = await import('../../test/interchangeMaps');
    expect(exportNoticeLines('Argdown', argdownExportNotice(sampleMap()))[0]).toMatch(/^Not kept in the Argdown file: /);
  });
});
