import { describe, expect, it } from 'vitest';
import { SourceUrlSchema, QuoteSchema } from './schema';

describe('schemas', () => {
  it('accept only http(s) source URLs', () => {
    expect(SourceUrlSchema.safeParse('https://thediplomat.com/x').success).toBe(true);
    expect(SourceUrlSchema.safeParse('javascript:alert(1)').success).toBe(false);
    expect(SourceUrlSchema.safeParse('data:text/html,hi').success).toBe(false);
    expect(SourceUrlSchema.safeParse('not a url').success).toBe(false);
  });
  it('fills a quote\'s missing context with empty strings', () => {
    const q = QuoteSchema.parse({
      id: 'q_1', sourceId: 'src_1', exact: 'abc', start: 0, end: 3, createdAt: '2026-11-23T10:00:00.000Z',
    });
    expect(q.prefix).toBe('');
    expect(q.suffix).toBe('');
  });
});
