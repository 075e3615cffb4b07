import { describe, expect, it } from 'vitest';
import { AuthPayloadSchema, creatorAuth, formatShareLink, hashToken, memberAuth, newShareKeys, newShareToken, parseShareLink } from './tokens';

describe('share tokens and links', () => {
  it('makes tokens of at least 128 random bits, all different', () => {
    const tokens = new Set(Array.from({ length: 200 }, newShareToken));
    expect(tokens.size).toBe(200);
    for (const t of tokens) expect(t.length * 6).toBeGreaterThanOrEqual(128);
  });

  it('hashes with SHA-256', async () => {
    expect(await hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('sends the hashes, never the review token, when claiming a map', async () => {
    const keys = newShareKeys();
    const auth = await creatorAuth(keys);
    expect(auth).not.toContain(keys.reviewToken);
    const parsed = AuthPayloadSchema.parse(JSON.parse(auth));
    expect(parsed.create?.review).toBe(await hashToken(keys.reviewToken));
    expect(AuthPayloadSchema.parse(JSON.parse(memberAuth(keys.editToken)))).toEqual({ token: keys.editToken });
  });

  it('puts everything in the fragment and reads it back', () => {
    const keys = newShareKeys();
    const link = formatShareLink('https://warrant.example/app/#/map/map_x', { server: 'ws://team-box:1234', doc: keys.doc, token: keys.reviewToken });
    expect(link.startsWith('https://warrant.example/app/#/join?')).toBe(true);
    expect(parseShareLink(`  ${link} `)).toEqual({ server: 'ws://team-box:1234', doc: keys.doc, token: keys.reviewToken });
  });

  it('reads nothing else as a link', () => {
    const keys = newShareKeys();
    const bad = [
      'https://warrant.example/#/map/map_x',
      `https://x/#/join?server=javascript%3Aalert(1)&map=${keys.doc}&token=${keys.editToken}`,
      `https://x/#/join?server=ws%3A%2F%2Fh&map=../etc&token=${keys.editToken}`,
      `https://x/#/join?server=ws%3A%2F%2Fh&map=${keys.doc}&token=short`,
    ];
    for (const text of bad) expect(parseShareLink(text)).toBeNull();
  });
});
