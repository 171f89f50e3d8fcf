/** Reading JSON bodies and writing JSON answers and errors, the same way on every route. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, type ApiErrorCode } from '../api/errors';
import { texts } from '../i18n/texts';

/** Failures of the transport itself, beside the core's ApiErrorCodes. */
export type HttpErrorCode = 'unauthorized' | 'forbidden' | 'method_not_allowed' | 'too_large';

/** An error answered with its own status; its message is shown to the person as it is. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode | ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const STATUS: Record<ApiErrorCode, number> = {
  bad_input: 400,
  not_found: 404,
  unknown_method: 404,
  local_only: 403,
  conflict: 409,
  internal: 500,
};

/** Writes `body` as JSON; API answers are never cached (they change with every message). */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

/**
 * Answers `{error: {code, message}}` with the status the code means. Anything that is not an
 * ApiError or HttpError is a bug: logged in full, answered without its details.
 */
export function sendError(
  response: ServerResponse,
  error: unknown,
  log: (message: string, error: unknown) => void,
): void {
  const known =
    error instanceof HttpError
      ? error
      : error instanceof ApiError
        ? { status: STATUS[error.code], code: error.code, message: error.message }
        : null;
  if (!known) log('request failed', error);
  const { status, code, message } = known ?? {
    status: 500,
    code: 'internal',
    message: texts().internalError,
  };
  if (response.headersSent) {
    // Mid-stream (a CSV download): the only honest signal left is a broken connection.
    response.destroy();
    return;
  }
  // A body refused half-read: closing is cheaper than reading the rest of it.
  const close: Record<string, string> = code === 'too_large' ? { Connection: 'close' } : {};
  sendJson(response, status, { error: { code, message } }, close);
}

/**
 * Reads a JSON body of at most `limit` bytes; an empty body is `{}`. Refuses bodies that are
 * too large before reading them whole, and text that is not JSON.
 */
export async function readJson(request: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0);
  const tooLarge = () => new HttpError(413, 'too_large', texts().tooLarge(limit));
  if (declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('bad_input', texts().bodyNotJson);
  }
}

/** A query string as an object of its values; empty values are left out, as if not given. */
export function queryObject(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams)
    if (value !== '' && key !== 'token') query[key] = value;
  return query;
}
