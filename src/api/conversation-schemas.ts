/** What the conversation and channel-account methods take. */
import { z } from 'zod';
import { CHANNELS } from '../shared/domain';
import { say } from '../i18n/catalogue';
import { texts } from '../i18n/texts';
import { id, optionalText, text, wholeNumber } from './fields';

export const StartConversationSchema = z
  .object({
    channel: z.enum(CHANNELS),
    account: text(100).min(1).default('default'),
    phone: optionalText(40),
    username: optionalText(100),
    externalUserId: optionalText(512),
    displayName: optionalText(200),
    text: text(65_536).min(
      1,
      say(() => texts().typeMessage),
    ),
  })
  .refine(
    (v) => v.phone || v.username || v.externalUserId,
    say(() => texts().giveRecipient),
  );

export const ListConversationsSchema = z.object({
  channel: z.enum(CHANNELS).optional(),
  // A query string says "false" as text, which z.coerce.boolean() would read as true.
  unreadOnly: z.union([z.boolean(), z.stringbool()]).optional(),
  customerId: id.optional(),
  cursor: z.string().max(500).optional(),
  limit: wholeNumber(z.number().int().min(1).max(200)).default(50),
});

export const ListMessagesSchema = z.object({
  conversationId: id,
  /** Older messages than this cursor (pages go back in time). */
  cursor: z.string().max(500).optional(),
  limit: wholeNumber(z.number().int().min(1).max(500)).default(100),
});

/** An account key names a folder and appears in every message's `account`: kept plain. */
export const AccountKeySchema = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,39}$/,
    say(() => texts().accountKey),
  );

export const accountRef = { channel: z.enum(CHANNELS), account: AccountKeySchema };

/** A form's value as typed, or already typed; the driver's schemas judge it. */
const FieldValueSchema = z.union([
  z.string().max(10_000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(2_000)).max(500),
  z.null(),
]);

export const AddAccountSchema = z.object({
  channel: z.enum(CHANNELS),
  /** The first free of `default`, `default-2`, ... when absent. */
  account: AccountKeySchema.optional(),
  fields: z.record(z.string().max(100), FieldValueSchema).default({}),
});
