/**
 * Capability links of a shared map. Whoever holds the edit link may change the
 * map; whoever holds the review link may read it. The server stores only the
 * SHA-256 of each token, so its database (or a backup of it) opens nothing.
 * Used by both the browser and the server: Web Crypto only.
 */
import { z } from '../domain/zod';

/** 160 random bits (≥ 128 asked for), base64url: 27 characters. */
const TOKEN_BYTES = 20;

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

export const newShareToken = (): string => base64url(randomBytes(TOKEN_BYTES));

export const SHARE_DOC_PREFIX = 'share_';
/** The name of a shared map's document on the server: random, so it cannot be guessed either. */
export const newShareDocName = (): string => SHARE_DOC_PREFIX + base64url(randomBytes(16));
export const ShareDocNameSchema = z.string().regex(/^share_[A-Za-z0-9_-]{16,64}$/);
export const ShareTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{22,128}$/);
const HashSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** Hex SHA-256 of a token. */
export async function hashToken(token: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * What the provider sends as its `token`. A client that shares a map for the
 * first time sends `create` with the hashes of both tokens: the first
 * connection to an unregistered document claims it (its name is random, so
 * only the sharer knows it). Later connections send the token alone.
 */
export const AuthPayloadSchema = z.object({
  token: ShareTokenSchema,
  create: z.object({ edit: HashSchema, review: HashSchema }).optional(),
});
export type AuthPayload = z.infer<typeof AuthPayloadSchema>;

export type ShareKeys = {
  /** Document name on the server. */
  doc: string;
  editToken: string;
  reviewToken: string;
};

export function newShareKeys(): ShareKeys {
  return { doc: newShareDocName(), editToken: newShareToken(), reviewToken: newShareToken() };
}

/** The provider token of the sharer: claims the document on first connect, edits afterwards. */
export async function creatorAuth(keys: ShareKeys): Promise<string> {
  const payload: AuthPayload = {
    token: keys.editToken,
    create: { edit: await hashToken(keys.editToken), review: await hashToken(keys.reviewToken) },
  };
  return JSON.stringify(payload);
}

export const memberAuth = (token: string): string => JSON.stringify({ token } satisfies AuthPayload);

/** Where a shared map lives and with what right: the content of a share link. */
export type ShareLink = { server: string; doc: string; token: string };

const ServerUrlSchema = z
  .string()
  .max(2000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'ws:' || u.protocol === 'wss:';
    } catch {
      return false;
    }
  });

/**
 * `https://app.example/#/join?server=ws%3A%2F%2Fhost%3A1234&map=share_…&token=…`.
 * Everything sits in the fragment, which browsers never send to a server: the
 * token stays out of every access log. `appUrl` is the app's address without a fragment.
 */
export function formatShareLink(appUrl: string, link: ShareLink): string {
  const params = new URLSearchParams({ server: link.server, map: link.doc, token: link.token });
  return `${appUrl.replace(/#.*$/, '')}#/join?${params.toString()}`;
}

/** Reads a share link pasted by the user; null for anything else. */
export function parseShareLink(text: string): ShareLink | null {
  const hash = text.trim().indexOf('#/join?');
  if (hash < 0) return null;
  const params = new URLSearchParams(text.trim().slice(hash + '#/join?'.length));
  const server = ServerUrlSchema.safeParse(params.get('server'));
  const doc = ShareDocNameSchema.safeParse(params.get('map'));
  const token = ShareTokenSchema.safeParse(params.get('token'));
  if (!server.success || !doc.success || !token.success) return null;
  return { server: server.data, doc: doc.data, token: token.data };
}
