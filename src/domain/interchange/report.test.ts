import { describe, expect, it } from 'vitest';
import { docFromRecords } from '../change';
import { handMap } from '../../test/testMaps';
import { makeClaim, makeLink, makeMap, makeQuote, makeSource, smallDoc } from '../../test/factories';
import { escapeMarkdown, gradeOf, markdownReport, thesisStatus } from './report';

const NOW = '2026-12-01T09:00:00.000Z';

/** The lines of the section under `## title`, up to the next `## `. */
function section(md: string, title: string): string[] {
  const lines = md.split('\n');
  const start = lines.indexOf(`## ${title}`);
  if (start < 0) throw new Error(`no section ${title}`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => l.startsWith('## '));
  return (end < 0 ? rest : rest.slice(0, end)).filter((l) => l.trim() !== '');
}

describe('markdownReport', () => {
  it('gives the thesis, its status and the totals of the small map', () => {
    const md = markdownReport(smallDoc(), 'c_thesis', { now: NOW });
    expect(md.startsWith('# Thesis check: Test map\n')).toBe(true);
    expect(md).toContain('Report of 2026-12-01');
    expect(md).toContain('> The thesis');
    expect(md).toContain('- **Status:** contested (direct links: 2 for, 1 against)');
    // q_1 direct (3) + q_3 through the sub-claim (weakest link 1); q_2 against (2).
    expect(md).toContain('- **Evidence for:** weight 4 from 2 quotes');
    expect(md).toContain('- **Evidence against:** weight 2 from 1 quote');
  });

  it('lists evidence for and against by source, with citation, grade and chain', () => {
    const md = markdownReport(smallDoc(), 'c_thesis', { now: NOW });
    const forLines = section(md, 'Evidence for');
    expect(forLines[0]).toBe('### [1] Source src\\_a');
    expect(forLines[1]).toBe('*Source src\\_a*. Pub. <https://example.org/a>. Reliability B (usually reliable).');
    expect(forLines).toContain('- “The sky is blue today.” — weight 3 (strong), grade B2, directly.');
    expect(forLines).toContain('- “Theta iota kappa.” — weight 1 (weak), grade B–, through “A sub-claim” → “The thesis”.');
    const against = section(md, 'Evidence against');
    expect(against).toContain('- “Delta epsilon — “zeta” eta.” — weight 2 (moderate), grade B–, directly.');
    expect(against.filter((l) => l.startsWith('- '))).toHaveLength(1);
  });

  it('numbers the sources by title with their reliability', () => {
    const doc = handMap({
      theses: ['T'],
      sources: { b: { title: 'Beta', reliability: 'E' }, a: { title: 'Alpha' } },
      quotes: { q1: 'a', q2: 'b' },
      links: ['q1 + T', 'q2 - T'],
    });
    const sources = section(markdownReport(doc, 'c_T', { now: NOW }), 'Sources');
    expect(sources).toEqual(['1. *Alpha*. Reliability not graded.', '2. *Beta*. Reliability E (unreliable).']);
  });

  it('leaves out disabled sources and quotes and says so', () => {
    const doc = smallDoc();
    const md = markdownReport(doc, 'c_thesis', { now: NOW, disabledSources: new Set(['src_a']) });
    expect(md).toContain('- **Evidence for:** weight 0 from 0 quotes');
    expect(md).toContain('- **Evidence against:** weight 0 from 0 quotes');
    expect(md).toContain('- **Left out (what if):** sources [1]');
    expect(md).toContain('- **Status:** supported (direct links: 1 for, 0 against)');
    const quoteOff = markdownReport(doc, 'c_thesis', { now: NOW, disabledQuotes: new Set(['q_2']) });
    expect(quoteOff).toContain('- **Evidence against:** weight 0 from 0 quotes');
    expect(quoteOff).toContain('- **Left out (what if):** 1 quote');
    expect(section(quoteOff, 'Evidence against')).toEqual(['None.']);
  });

  it('includes the warnings about the thesis', () => {
    const warnings = section(markdownReport(smallDoc(), 'c_thesis', { now: NOW }), 'Warnings');
    // Every piece of support comes from the one source.
    expect(warnings.some((l) => l.startsWith('- All the evidence supporting “The thesis” comes from one source'))).toBe(true);
  });

  it('escapes user text so it cannot break the structure or emit HTML', () => {
    const text = 'Hello <b>world</b> and *stars*.';
    const s = makeSource('src_x', text, {
      title: '# <img src=x onerror=alert(1)> [click](javascript:alert(1))',
      author: '1. Someone_Else',
      url: 'https://example.org/a?b=1&c=2',
    });
    const q = makeQuote('q_x', s, text);
    const doc = docFromRecords({
      map: makeMap({ title: '## Map\nwith <script>alert(1)</script>' }),
      sources: [s],
      quotes: [q],
      claims: [makeClaim('c_t', '- not a list\n> nor a quote', { kind: 'thesis' }), makeClaim('c_m', 'Mid `code` | pipe')],
      links: [makeLink('l_1', 'q_x', 'c_m'), makeLink('l_2', 'c_m', 'c_t')],
    });
    const md = markdownReport(doc, 'c_t', { now: NOW });
    // No raw tag survives: every < from user text is escaped.
    expect(md).not.toMatch(/(^|[^\\])<(img|b|script)/m);
    // Headings are only ours; user text never starts a line.
    const headings = md.split('\n').filter((l) => /^#/.test(l));
    expect(headings).toEqual([
      '# Thesis check: \\## Map with \\<script\\>alert(1)\\</script\\>',
      '## Thesis',
      '## Evidence for',
      '### [1] \\# \\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(1))',
      '## Evidence against',
      '## Warnings',
      '## Sources',
    ]);
    expect(md).toContain('> \\- not a list \\> nor a quote');
    expect(md).toContain('1\\. Someone\\_Else.');
    expect(md).toContain('<https://example.org/a?b=1&c=2>');
    expect(md).toContain('“Hello \\<b\\>world\\</b\\> and \\*stars\\*.”');
    expect(md).toContain('through “Mid \\`code\\` \\| pipe” → “\\- not a list \\> nor a quote”');
  });

  it('reports a map with no thesis, and is the same for the same inputs', () => {
    const doc = handMap({ claims: ['A'], quotes: { q1: 's' }, links: ['q1 + A'] });
    const md = markdownReport(doc, null, { now: NOW });
    expect(md).toContain('This map has no thesis to check');
    expect(md).not.toContain('## Evidence for');
    expect(section(md, 'Sources')).toEqual(['1. *s*. Reliability not graded.']);
    expect(markdownReport(smallDoc(), 'c_thesis', { now: NOW })).toBe(markdownReport(smallDoc(), 'c_thesis', { now: NOW }));
  });
});

describe('gradeOf', () => {
  it('joins reliability and credibility, marking the missing half', () => {
    expect(gradeOf({ reliability: 'B' }, { credibility: 2 })).toBe('B2');
    expect(gradeOf({ reliability: 'A' }, {})).toBe('A–');
    expect(gradeOf({}, { credibility: 6 })).toBe('–6');
    expect(gradeOf(undefined, {})).toBe('ungraded');
  });
});

describe('escapeMarkdown', () => {
  it('keeps plain punctuation readable and collapses lines', () => {
    expect(escapeMarkdown("Xi's diplomacy (2023): a shift.\n\nNext")).toBe("Xi's diplomacy (2023): a shift. Next");
    expect(escapeMarkdown('+ plus')).toBe('\\+ plus');
    expect(escapeMarkdown('AT&T &amp; co')).toBe('AT&T \\&amp; co');
  });
});

describe('thesisStatus', () => {
  it('counts the direct links still in play', () => {
    const doc = smallDoc();
    expect(thesisStatus(doc, 'c_thesis')).toMatchObject({ status: 'contested', forWeight: 5, againstWeight: 2 });
    expect(thesisStatus(doc, 'c_thesis', { disabledQuotes: new Set(['q_1', 'q_2']) })).toMatchObject({
      status: 'supported',
      forCount: 1,
      againstCount: 0,
    });
  });
});
