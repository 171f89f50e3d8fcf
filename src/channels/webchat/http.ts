/** The widget's side of src/http: its bodies' cap, the websites it answers, its CORS headers. */
import type { IncomingMessage } from 'node:http';
import { readJson } from '../../http/json';
import { WidgetError } from './errors';

/** Every body is small: a message of 4,000 characters, escaped, is at most ~24 KB of JSON. */
export const MAX_BODY_BYTES = 32 * 1024;

/** Reads a visitor's JSON body of at most `MAX_BODY_BYTES`. */
export const readBody = (req: IncomingMessage): Promise<unknown> =>
  readJson(req, {
    limit: MAX_BODY_BYTES,
    tooLarge: () => new WidgetError('too_large'),
    notJson: () => new WidgetError('bad_json'),
  });

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
