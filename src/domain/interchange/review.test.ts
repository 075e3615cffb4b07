import { describe, expect, it } from 'vitest';
import { applyChange, type MapDoc } from '../change';
import { addCommentChange, replyChange, resolveChange } from '../comments';
import { smallDoc } from '../../test/factories';
import { aifExportNotice } from './aif';
import { argdownExportNotice } from './argdown';
import { markdownReport } from './report';

const T1 = '2026-12-01T10:00:00.000Z';
const T2 = '2026-12-02T10:00:00.000Z';

function reviewed(): MapDoc {
  let doc = smallDoc();
  const step = (c: ReturnType<typeof addCommentChange>) => (doc = applyChange(doc, c));
  step(addCommentChange(doc, { id: 'cm_a', on: 'c_thesis', author: 'Ada', text: 'Is the *sky* really blue?', verdict: 'disputed', now: T1 }));
  step(replyChange(doc, { id: 'cm_b', to: 'cm_a', author: 'Ben', text: 'Today, yes.', now: T2 }));
  step(addCommentChange(doc, { id: 'cm_c', on: 'l_4', author: '', text: 'Fine.', verdict: 'sound', now: T1 }));
  step(resolveChange(doc, 'cm_c', true, T2));
  return doc;
}

describe('review in exports', () => {
  it('AIF and Argdown name the comments they leave out', () => {
    const doc = reviewed();
    expect(aifExportNotice(doc).leftOut).toContain('3 comments of the review (export the map file to keep them).');
    expect(argdownExportNotice(doc).leftOut).toContain('3 comments of the review (export the map file to keep them).');
    expect(aifExportNotice(smallDoc()).leftOut.join()).not.toMatch(/comment/);
  });

  it('the Markdown report has a Review section, open threads with verdicts before resolved ones, and the Notes', () => {
    const report = markdownReport(reviewed(), 'c_thesis', { now: T2 });
    const review = report.slice(report.indexOf('## Review'), report.indexOf('## Sources'));
    expect(review).toBe(
      [
        '## Review',
        '',
        '### Open threads (1)',
        '',
        '- On claim “The thesis”: **Disputed.** Is the \\*sky\\* really blue? — Ada, 2026-12-01',
        '  - Today, yes. — Ben, 2026-12-02',
        '',
        '### Resolved threads (1)',
        '',
        '- On link “Theta iota kappa. supports A sub-claim” (resolved 2026-12-02): **Sound.** Fine. — Anonymous, 2026-12-01',
        '',
        '',
      ].join('\n'),
    );
    expect(report).toContain('## Notes\n\n- **Claim “A sub-claim”:** why\n');
    expect(report.indexOf('## Notes')).toBeLessThan(report.indexOf('## Review'));
  });

  it('a map without comments or notes has neither section', () => {
    const doc = smallDoc();
    const bare = { ...doc, claims: { ...doc.claims, c_sub: { ...doc.claims['c_sub']!, note: undefined } } } as MapDoc;
    const report = markdownReport(bare, 'c_thesis', { now: T2 });
    expect(report).not.toContain('## Review');
    expect(report).not.toContain('## Notes');
  });
});
