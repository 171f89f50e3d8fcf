/**
 * JSON over HTTP, the same way on both servers: bodies read up to a cap, answers never cached,
 * refusals as `{"error": {"code", "message"}}` with the status they mean.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A refusal answered with its own status and code; its message is shown to the person as it is. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** More headers for the answer (Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Writes `body` as JSON; answers are never cached (they change with every message). */
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

/** How a server answers what went wrong. */
export interface ErrorAnswer {
  /** Headers of every answer of that route (CORS). */
  headers?: Record<string, string>;
  /** Where a bug (anything but an HttpError) is written down in full. */
  log(error: unknown): void;
  /** What the person is told of a bug: nothing of its details. */
  internal: string;
}

/**
 * Answers `error` with its status, or, for anything but an HttpError, logs it and answers 500
 * `internal`. After the headers have gone (mid-download) the connection is broken instead: it is
 * the only honest signal left.
 */
export function sendError(response: ServerResponse, error: unknown, answer: ErrorAnswer): void {
  if (!(error instanceof HttpError)) answer.log(error);
  const { status, code, message, headers } =
    error instanceof HttpError ? error : new HttpError(500, 'internal', answer.internal);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  // A body refused half-read: closing is cheaper than reading the rest of it.
  const close: Record<string, string> = status === 413 ? { Connection: 'close' } : {};
  sendJson(
    response,
    status,
    { error: { code, message } },
    { ...answer.headers, ...headers, ...close },
  );
}

/** What a JSON body may be, and how each server words its refusals. */
export interface JsonBody {
  /** Bytes at the most. */
  limit: number;
  /** The refusal of a body over `limit`: thrown before it is read whole, or at all. */
  tooLarge(): Error;
  /** The refusal of text that is not JSON. */
  notJson(): Error;
  /** What an empty body stands for; without it, an empty body is not JSON either. */
  empty?: () => unknown;
}

/** Reads a JSON body of at most `body.limit` bytes, counting as it arrives (chunked too). */
export async function readJson(request: IncomingMessage, body: JsonBody): Promise<unknown> {
  if (Number(request.headers['content-length'] ?? 0) > body.limit) throw body.tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > body.limit) throw body.tooLarge();
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (body.empty && text.trim() === '') return body.empty();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw body.notJson();
  }
}
