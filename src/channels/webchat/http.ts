/** Small helpers for the widget's HTTP server: JSON answers, capped bodies, origins, addresses. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WidgetError } from './errors';

/** Every body is small: a message of 4,000 characters, escaped, is at most ~24 KB of JSON. */
export const MAX_BODY_BYTES = 32 * 1024;

/** Writes a JSON answer. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Writes a WidgetError as `{ error: { code, message } }`. */
export function sendError(
  res: ServerResponse,
  error: WidgetError,
  headers: Record<string, string> = {},
): void {
  // Refusing a body half-read: closing is cheaper than reading the rest.
  const close: Record<string, string> = error.code === 'too_large' ? { Connection: 'close' } : {};
  sendJson(
    res,
    error.status,
    { error: { code: error.code, message: error.message } },
    { ...headers, ...error.headers, ...close },
  );
}

/** Reads a JSON body of at most `MAX_BODY_BYTES`. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_BODY_BYTES) throw new WidgetError('too_large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new WidgetError('too_large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new WidgetError('bad_json');
  }
}

/** The request's Origin when it is one the account allows, else null. */
export function allowedOrigin(req: IncomingMessage, allowed: ReadonlySet<string>): string | null {
  const origin = req.headers.origin;
  return origin && allowed.has(origin) ? origin : null;
}

/** CORS for an allowed origin: the token travels in a header, never in a cookie. */
export const corsHeaders = (origin: string): Record<string, string> => ({
  'Access-Control-Allow-Origin': origin,
  'Access-Control-Allow-Methods': 'GET, POST',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Max-Age': '600',
  Vary: 'Origin',
});

/**
 * The visitor's address. Behind a proxy (trustProxy) it is the last X-Forwarded-For entry, the
 * one the proxy itself appended; earlier entries are whatever the client claimed.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const last = (Array.isArray(forwarded) ? forwarded.at(-1) : forwarded)?.split(',').at(-1)?.trim();
  return last || req.socket.remoteAddress || 'unknown';
}

/** The bearer token of a request, if any. */
export function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match ? match[1]! : null;
}
