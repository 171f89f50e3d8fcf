/**
 * The Bot API client (node-telegram-bot-api v2's `Api`) and what its failures mean to a person.
 * Every request URL and file URL carries the bot token, so no message built here ever includes a
 * URL: only the method, the server's host and what Telegram answered.
 */
import {
  Api,
  NetworkError,
  ParseError,
  TelegramApiError,
  TimeoutError,
} from 'node-telegram-bot-api';
import { telegramTexts } from './texts';

export const TELEGRAM_API_ROOT = 'https://api.telegram.org';

/**
 * A client for one bot on Telegram's servers, or on the server at `apiRoot`. The library tries a
 * request again after a dropped connection, a timeout or a 5xx: right for reading, but a message
 * Telegram took before the answer was lost would go twice, so a sender asks for `resend: false`.
 */
export function createApi(
  token: string,
  apiRoot: string | undefined,
  options: { resend?: boolean } = {},
): Api {
  return new Api(token, {
    apiRoot: apiRoot ?? TELEGRAM_API_ROOT,
    ...(options.resend === false ? { maxRetries: 0 } : {}),
  });
}

/** Connection failures that happen before a request can reach the server. */
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

/**
 * Whether a failed request may still have reached Telegram and done its work: the connection
 * dropped or timed out after it was made, so only the answer is known to be lost.
 */
export function mayHaveArrived(error: unknown): boolean {
  if (error instanceof TimeoutError) return true;
  if (!(error instanceof NetworkError) || error.cause === undefined) return false;
  const code = systemCode(error);
  return code === null || !NEVER_CONNECTED.has(code);
}

/** Telegram said the token is not a bot's (revoked, or mistyped). */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof TelegramApiError && error.errorCode === 401;
}

/**
 * A refusal that sending again will not change: the person blocked the bot (403), the chat does
 * not exist or the text is too long (400). Rate limits (429) and server trouble (5xx) pass.
 */
export function isPermanentRefusal(error: unknown): boolean {
  return error instanceof TelegramApiError && (error.errorCode === 400 || error.errorCode === 403);
}

/** The system's code under a failed fetch (ECONNREFUSED, ENOTFOUND...), when there is one. */
function systemCode(error: Error): string | null {
  // The library's own error carries its own code (EFETCH); the system's is further down.
  for (let e = error.cause, depth = 0; e instanceof Error && depth < 5; depth++, e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return null;
}

/** One line for the Channels page and the log, naming what failed and what to do. */
export function describeError(error: unknown, apiRoot: string | undefined): string {
  const host = new URL(apiRoot ?? TELEGRAM_API_ROOT).host;
  const say = telegramTexts();
  if (error instanceof TelegramApiError) {
    if (error.errorCode === 401) return say.tokenRefused;
    if (error.errorCode === 403 && /blocked/i.test(error.description)) return say.blocked;
    // Telegram's own description stays as Telegram words it: it is what its docs and forums quote.
    return say.refused(error.errorCode, error.description);
  }
  if (error instanceof TimeoutError) return say.noAnswer(host);
  if (error instanceof ParseError) return say.notBotApi(host);
  if (error instanceof NetworkError) {
    // Without a cause it is no fetch failure: the server answered 5xx, again after the retries.
    if (error.cause === undefined) return say.serverFailed(host, error.message);
    return say.unreachable(host, systemCode(error));
  }
  return error instanceof Error ? error.message : String(error);
}

/** Asks Telegram who the bot is: the check that the token works. */
export async function whoAmI(
  token: string,
  apiRoot: string | undefined,
  signal: AbortSignal,
): Promise<string> {
  const me = await createApi(token, apiRoot)
    .getMe(signal)
    .catch((error: unknown) => {
      throw new Error(describeError(error, apiRoot));
    });
  return `@${me.username ?? me.first_name}`;
}
