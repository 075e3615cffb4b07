import { describe, expect, it } from 'vitest';
import { repairedText } from './shareStore';

describe('repairedText: what the rule book mended, in the user words', () => {
  it('counts each kind of repair once, in the order met', () => {
    expect(
      repairedText([
        { path: 'links[l_1].group', message: 'disagreed with links[l_2] of group "g": now a plain link' },
        { path: 'links[l_3]', message: 'an end of it was deleted: removed' },
        { path: 'links[l_4]', message: 'went from a node to itself: removed' },
        { path: 'links[l_5].to', message: 'reached itself through its targets: removed' },
        { path: 'quotes[q_1].end', message: 'the range 1–9 no longer fits its source: now 1–5, to review' },
        { path: 'comments[cm_1]', message: 'what it was on was deleted: removed' },
      ]),
    ).toBe('turned 1 link of an argument into a plain link, removed 3 links, fitted 1 quote to its edited source (marked to review), removed 1 comment');
  });

  it('says plurals as plurals', () => {
    expect(
      repairedText([
        { path: 'quotes[q_1]', message: 'its source was deleted: removed' },
        { path: 'quotes[q_2]', message: 'its source was deleted: removed' },
        { path: 'quotes[q_3].end', message: 'no longer fits' },
        { path: 'quotes[q_4].end', message: 'no longer fits' },
      ]),
    ).toBe('removed 2 quotes, fitted 2 quotes to their edited sources (marked to review)');
  });
});
