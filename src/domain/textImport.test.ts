import { describe, expect, it } from 'vitest';
import {
  cleanExtractedText,
  joinPages,
  normalizeLineEndings,
  textFileKind,
  titleFromFileName, titleFromText,
} from './textImport';

describe('textFileKind', () => {
  it('reads the extension, case-insensitively', () => {
    expect(textFileKind('notes.txt')).toBe('text');
    expect(textFileKind('README.MD')).toBe('text');
    expect(textFileKind('page.HTM')).toBe('html');
    expect(textFileKind('page.html')).toBe('html');
    expect(textFileKind('paper.pdf')).toBe('pdf');
  });
  it('falls back on the MIME type, and refuses what it cannot read', () => {
    expect(textFileKind('download', 'text/html; charset=utf-8')).toBe('html');
    expect(textFileKind('download', 'application/pdf')).toBe('pdf');
    expect(textFileKind('download', 'text/plain')).toBe('text');
    expect(textFileKind('photo.png', 'image/png')).toBeNull();
    expect(textFileKind('report.docx', '')).toBeNull();
  });
});

describe('normalizeLineEndings', () => {
  it('turns CRLF and lone CR into LF and drops a byte-order mark', () => {
    expect(normalizeLineEndings('\uFEFFa\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });
  it('leaves everything else as it is (a .txt is taken verbatim)', () => {
    const text = '  indented\n\n\n\ttabbed  \n';
    expect(normalizeLineEndings(text)).toBe(text);
  });
});

describe('cleanExtractedText', () => {
  it('collapses spaces inside lines, trims lines, keeps at most one blank line', () => {
    expect(cleanExtractedText('  Hello \t  world\u00A0 !\r\n\r\n\r\n\r\nNext   line  \n')).toBe('Hello world !\n\nNext line');
  });
  it('drops blank lines at both ends', () => {
    expect(cleanExtractedText('\n\n  \nText\n \n')).toBe('Text');
  });
});

describe('joinPages', () => {
  it('puts a blank line between pages and skips empty ones', () => {
    expect(joinPages(['Page one\n', '   ', 'Page  two'])).toBe('Page one\n\nPage two');
  });
});

describe('titleFromFileName', () => {
  it('drops the extension and turns underscores into spaces', () => {
    expect(titleFromFileName('Annual_report  2023.pdf')).toBe('Annual report 2023');
    expect(titleFromFileName('000_324fb6d2896b0adb.txt')).toBe('000 324fb6d2896b0adb');
  });
  it('keeps dots inside the name and ignores folders', () => {
    expect(titleFromFileName('C:\\docs\\v1.2 notes.md')).toBe('v1.2 notes');
    expect(titleFromFileName('/tmp/a.b.c.txt')).toBe('a.b.c');
  });
  it('a name that is only an extension keeps it', () => {
    expect(titleFromFileName('.txt')).toBe('.txt');
  });
});

describe('titleFromText', () => {
  it('takes the first non-empty line, without Markdown heading marks', () => {
    expect(titleFromText('\n\n  Xi meets Putin  \nBody text.')).toBe('Xi meets Putin');
    expect(titleFromText('## The Place of Cyber Diplomacy\n\nText')).toBe('The Place of Cyber Diplomacy');
  });
  it('cuts a long first line at a word', () => {
    const title = titleFromText(`${'word '.repeat(60)}\nmore`)!;
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title.endsWith('word…')).toBe(true);
  });
  it('has none for an empty text', () => {
    expect(titleFromText(' \n\t\n')).toBeNull();
  });
  it('passes over boilerplate: where it was published, navigation, bylines, dates, links', () => {
    const report = 'This report was published in Center for American Progress,\nMapping China’s Global Governance Ambitions\nBy Melanie Hart';
    expect(titleFromText(report)).toBe('Mapping China’s Global Governance Ambitions');
    expect(titleFromText('Skip to content\nMenu\nhttps://example.org/a\n12/09/2023\nBy A. Writer\nThe real title\nBody')).toBe('The real title');
    // Nothing but boilerplate: the first line, as before.
    expect(titleFromText('Subscribe now\nBy the editors')).toBe('Subscribe now');
  });
});
