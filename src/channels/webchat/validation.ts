/** What a visitor may send, checked field by field; anything else is refused with its reason. */
import { z } from 'zod';
import { isWidgetErrorCode, WidgetError } from './errors';

export const MAX_TEXT = 4000;
export const MAX_NAME = 200;
const MAX_EMAIL = 254;

/** Control characters other than tab and line breaks have no place in a chat message. */
const stripControls = (value: string) =>
  // eslint-disable-next-line no-control-regex
  value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');

/** Issue messages are error codes, so that each reason reaches the widget as a code. */
export const PostMessageSchema = z.strictObject({
  text: z
    .string({ error: 'invalid' })
    .transform((text) => stripControls(text).trim())
    .pipe(z.string().min(1, 'text_empty').max(MAX_TEXT, 'text_too_long')),
  /** The widget's own id of the message: a resend after a dropped connection is stored once. */
  clientId: z.string({ error: 'invalid' }).regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid'),
  name: z
    .string({ error: 'invalid' })
    .transform((name) => stripControls(name).trim())
    .pipe(z.string().max(MAX_NAME, 'name_too_long'))
    .nullish(),
  email: z.preprocess(
    (email) => (typeof email === 'string' && email.trim() === '' ? null : email),
    z
      .string({ error: 'invalid' })
      .trim()
      .max(MAX_EMAIL, 'email_invalid')
      .pipe(z.email('email_invalid'))
      .nullish(),
  ),
  /**
   * The page's language (`<html lang>`), kept on the customer. A page with an odd tag must not
   * stop its visitors from writing: an unreadable one is dropped.
   */
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/)
    .max(35)
    .nullish()
    .catch(null),
});

export type PostMessage = z.output<typeof PostMessageSchema>;

/** Parses a request body with a schema, or throws the first problem as a WidgetError. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (isWidgetErrorCode(issue.message) && issue.message !== 'invalid')
    throw new WidgetError(issue.message);
  const field = issue.path.join('.') || 'body';
  throw new WidgetError('invalid', `${field}: not accepted (${issue.code})`);
}
