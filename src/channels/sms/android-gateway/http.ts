/**
 * HTTP to the SMS Gateway for Android app's local server (a Ktor server on the phone, Basic auth),
 * with every failure turned into a sentence the business owner can act on.
 */
import type { z } from 'zod';
import { SmsProviderError } from '../provider';
import { smsTexts } from '../texts';

/** Where the phone is and how to sign in: the account's settings. */
export interface GatewayAddress {
  /** The phone's address on the office network, without a trailing slash. */
  url: string;
  username: string;
  password: string;
}

/** A phone on the same network answers in milliseconds; a long wait means it is asleep or gone. */
const TIMEOUT_MS = 15_000;

/**
 * An answer other than 2xx, with the status so that callers can tell "not found" apart. Refused
 * credentials are not permanent: once the owner corrects them, queued messages can still go.
 */
export class GatewayHttpError extends SmsProviderError {
  override name = 'GatewayHttpError';
  constructor(
    message: string,
    readonly status: number,
    permanent: boolean,
    /** The app's own words (the `message` of its answer), when it gave any. */
    readonly detail: string | null = null,
  ) {
    super(message, permanent);
  }
}

export interface GatewayRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Statuses besides 2xx whose body is the answer (GET /health says 500 with its checks). */
  accept?: readonly number[];
  signal: AbortSignal;
}

export interface GatewayResponse<T> {
  data: T;
  headers: Headers;
}

export interface GatewayHttp {
  /** Sends one request and validates the JSON answer with `schema`. */
  request<T>(request: GatewayRequest, schema: z.ZodType<T>): Promise<GatewayResponse<T>>;
}

/** The `message` of the app's error answers ({"message": "..."}), when there is one. */
async function errorMessage(response: Response): Promise<string | null> {
  try {
    const body: unknown = JSON.parse(await response.text());
    if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string')
      return body.message;
  } catch {
    // Ktor's own 401/404 answers have an empty body.
  }
  return null;
}

/** The error for an answer other than 2xx, worded for the business owner. */
function failure(
  address: GatewayAddress,
  request: GatewayRequest,
  status: number,
  detail: string | null,
) {
  const what = `${request.method} ${request.path}`;
  const say = smsTexts();
  if (status === 401)
    return new GatewayHttpError(say.credentialsRefused(address.url), status, false);
  if (status === 403) return new GatewayHttpError(say.notAllowed(address.url, what), status, false);
  if (status === 404)
    return new GatewayHttpError(say.unknownPath(address.url, what, detail), status, true, detail);
  if (status < 500)
    return new GatewayHttpError(
      say.rejected(what, detail ?? `HTTP ${status}`),
      status,
      true,
      detail,
    );
  return new GatewayHttpError(say.appFailed(what, status, detail), status, false, detail);
}

/** Why fetch itself failed, in words: the phone is off the network, asleep, or the address is wrong. */
function unreachable(address: GatewayAddress, error: unknown): SmsProviderError {
  if (error instanceof Error && error.name === 'TimeoutError')
    return new SmsProviderError(smsTexts().noAnswer(address.url, TIMEOUT_MS / 1000));
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return new SmsProviderError(smsTexts().unreachable(address.url, cause?.code ?? null));
}

/** The client for one phone. Credentials travel only in the Authorization header. */
export function createGatewayHttp(address: GatewayAddress): GatewayHttp {
  const authorization = `Basic ${Buffer.from(`${address.username}:${address.password}`).toString('base64')}`;

  return {
    async request(request, schema) {
      const url = new URL(address.url + request.path);
      for (const [key, value] of Object.entries(request.query ?? {}))
        if (value !== undefined) url.searchParams.set(key, String(value));
      let response: Response;
      try {
        response = await fetch(url, {
          method: request.method,
          headers: {
            authorization,
            accept: 'application/json',
            ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal: AbortSignal.any([request.signal, AbortSignal.timeout(TIMEOUT_MS)]),
        });
      } catch (error) {
        // Stopping the account is not a failure to report.
        if (request.signal.aborted) throw request.signal.reason;
        throw unreachable(address, error);
      }
      if (!response.ok && !request.accept?.includes(response.status))
        throw failure(address, request, response.status, await errorMessage(response));
      const text = await response.text();
      let json: unknown;
      try {
        json = text === '' ? null : JSON.parse(text);
      } catch {
        json = undefined;
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
        throw new SmsProviderError(
          smsTexts().unexpectedAnswer(
            `${request.method} ${request.path}`,
            `${where}${issue?.message ?? smsTexts().notJson}`,
            address.url,
          ),
        );
      }
      return { data: parsed.data, headers: response.headers };
    },
  };
}
