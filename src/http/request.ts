/** What a request says of itself: its address and path, its credentials, where it came from. */
import type { IncomingMessage } from 'node:http';

/** The request's URL; only its path and query are the client's, the origin is a placeholder. */
export const requestUrl = (request: IncomingMessage): URL =>
  new URL(request.url ?? '/', 'http://clientela.invalid');

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(request: IncomingMessage): string | null {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? null;
}

/** The value of the cookie called `name`, if the request carries it. */
export function cookie(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

/**
 * The client's address. Behind a proxy (`trustProxy`) it is the last X-Forwarded-For entry, the
 * one the proxy itself appended; earlier entries are whatever the client claimed.
 */
export function clientAddress(request: IncomingMessage, trustProxy = false): string {
  const forwarded = trustProxy ? request.headers['x-forwarded-for'] : undefined;
  const last = (Array.isArray(forwarded) ? forwarded.at(-1) : forwarded)?.split(',').at(-1)?.trim();
  return last || request.socket.remoteAddress || 'unknown';
}
