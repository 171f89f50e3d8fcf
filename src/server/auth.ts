/**
 * Host mode's token: who holds it may use the inbox. It arrives once in the address the server
 * prints (`?token=`), then travels as an HttpOnly cookie; scripts and tools may send it as
 * `Authorization: Bearer`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { bearerToken, cookie } from '../http/request';

/**
 * At least 16 characters (shorter ones could be guessed by anyone on the office network), and
 * only characters that travel unchanged in an address and a cookie.
 */
const TOKEN_SHAPE = /^[A-Za-z0-9._~-]{16,256}$/;

/** Why a token chosen by hand (`--token`) cannot be used, or null when it can. */
export function tokenProblem(token: string): string | null {
  return TOKEN_SHAPE.test(token)
    ? null
    : 'the token must be 16 to 256 letters, digits or the characters . _ ~ -';
}

/** A fresh random token, safe in a URL. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Compares in constant time: digests first, so neither the length nor the first differing
 * character of the expected token shows in how long a refusal takes.
 */
export function sameToken(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** Cookies ignore ports: each server names its own, so two on one machine do not clash. */
export const cookieName = (port: number) => `clientela_token_${port}`;

/** Agents stay signed in for a month, across browser restarts, while the token is the same. */
const COOKIE_MAX_AGE_S = 30 * 24 * 60 * 60;

/**
 * The cookie that replaces the token in the address. Lax, not Strict: an agent opening the
 * address from a chat message is a cross-site navigation, and must still land signed in;
 * cross-site POSTs are refused by the Origin check anyway.
 */
export function tokenCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${COOKIE_MAX_AGE_S}`;
}

export type TokenSource = 'header' | 'cookie' | 'query';

/** The token a request carries, and where it was found; the first place that has one wins. */
export function presentedToken(
  request: IncomingMessage,
  url: URL,
  port: number,
): { token: string; source: TokenSource } | null {
  const bearer = bearerToken(request);
  if (bearer) return { token: bearer, source: 'header' };
  const fromCookie = cookie(request, cookieName(port));
  if (fromCookie !== null) return { token: fromCookie, source: 'cookie' };
  const query = url.searchParams.get('token');
  return query ? { token: query, source: 'query' } : null;
}
