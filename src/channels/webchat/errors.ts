/**
 * The errors the visitor API answers, as `{ "error": { "code", "message" } }`. The widget shows a
 * sentence of its own in the page's language for each code, and the message otherwise.
 */
import { HttpError } from '../../http/json';

export const ERRORS = {
  origin_not_allowed: [403, 'This website is not allowed to use this chat'],
  unauthorized: [401, 'Unknown visitor: the chat starts over'],
  not_found: [404, 'No such address'],
  method_not_allowed: [405, 'Method not allowed'],
  too_large: [413, 'The request is too large'],
  bad_json: [400, 'The request is not valid JSON'],
  text_empty: [400, 'Write a message first'],
  text_too_long: [400, 'The message is too long'],
  name_too_long: [400, 'The name is too long'],
  email_invalid: [400, 'The email address is not valid'],
  profile_required: [400, 'Give your name and email first'],
  invalid: [400, 'The request is not valid'],
  rate_limited: [429, 'Too many messages; wait a moment'],
} as const satisfies Record<string, readonly [number, string]>;

export type WidgetErrorCode = keyof typeof ERRORS;

/** An answer to a visitor's request that went wrong, with a code the widget knows. */
export class WidgetError extends HttpError {
  declare readonly code: WidgetErrorCode;

  constructor(
    code: WidgetErrorCode,
    message: string = ERRORS[code][1],
    /** Extra headers (Retry-After). */
    headers: Record<string, string> = {},
  ) {
    super(ERRORS[code][0], code, message, headers);
    this.name = 'WidgetError';
  }
}

export const isWidgetErrorCode = (value: string): value is WidgetErrorCode => value in ERRORS;
