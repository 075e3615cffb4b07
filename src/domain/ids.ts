import {
  CLAIM_ID_PREFIX,
  COMMENT_ID_PREFIX,
  LINK_ID_PREFIX,
  MAP_ID_PREFIX,
  QUOTE_ID_PREFIX,
  SOURCE_ID_PREFIX,
} from './schema';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** 16 random base-36 characters: ~82 bits, enough never to collide in one user's data. */
function randomPart(length = 16): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 36];
  return out;
}

export const newMapId = (): string => MAP_ID_PREFIX + randomPart();
export const newSourceId = (): string => SOURCE_ID_PREFIX + randomPart();
export const newQuoteId = (): string => QUOTE_ID_PREFIX + randomPart();
export const newClaimId = (): string => CLAIM_ID_PREFIX + randomPart();
export const newLinkId = (): string => LINK_ID_PREFIX + randomPart();
export const newCommentId = (): string => COMMENT_ID_PREFIX + randomPart();

/** A fresh id with the same prefix (kind) as `id`: used to re-key a copy. */
export function freshIdLike(id: string): string {
  const underscore = id.indexOf('_');
  const prefix = underscore >= 0 ? id.slice(0, underscore + 1) : '';
  return prefix + randomPart();
}
