/**
 * Host mode's side of src/http: the shape of its routes, the core's errors as HTTP answers, and
 * the input of a call read from its body or query string.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, type ApiErrorCode } from '../api/errors';
import { HttpError, readJson, sendError } from '../http/json';
import type { Route } from '../http/router';
import { texts } from '../i18n/texts';

export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export type RouteHandler = (context: RouteContext) => Promise<void>;
export type HostRoute = Route<RouteHandler>;

const STATUS: Record<ApiErrorCode, number> = {
  bad_input: 400,
  not_found: 404,
  unknown_method: 404,
  local_only: 403,
  conflict: 409,
  internal: 500,
};

/**
 * Answers a request that failed: an ApiError with the status its code means, an HttpError with
 * its own; anything else is a bug, logged in full and answered without its details.
 */
export function sendFailure(
  response: ServerResponse,
  error: unknown,
  log: (message: string, error: unknown) => void,
): void {
  sendError(
    response,
    error instanceof ApiError
      ? new HttpError(STATUS[error.code], error.code, error.message)
      : error,
    { log: (bug) => log('request failed', bug), internal: texts().internalError },
  );
}

/** Reads a JSON body of at most `limit` bytes (its method's, from the contract); empty is `{}`. */
export const readBody = (request: IncomingMessage, limit: number): Promise<unknown> =>
  readJson(request, {
    limit,
    tooLarge: () => new HttpError(413, 'too_large', texts().tooLarge(limit)),
    notJson: () => new ApiError('bad_input', texts().bodyNotJson),
    empty: () => ({}),
  });

/** A query string as an object of its values; empty values are left out, as if not given. */
export function queryObject(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams)
    if (value !== '' && key !== 'token') query[key] = value;
  return query;
}
