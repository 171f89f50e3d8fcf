/** A Telegram account's settings and secret, as the Channels page and `channels add` collect them. */
import { z } from 'zod';
import { say } from '../../i18n/catalogue';
import type { AccountField } from '../connector';
import { telegramTexts } from './texts';

/** The form, in order. The token is the bot's password: kept in the secret store only. */
export const TELEGRAM_FIELDS: readonly AccountField[] = [
  { key: 'token', type: 'password', secret: true, required: true, placeholder: '123456789:AAE…' },
  { key: 'apiRoot', type: 'url', localOnly: 'callsOut', placeholder: 'https://api.telegram.org' },
  { key: 'includeGroups', type: 'boolean' },
];

/** An empty form field means "not set". */
const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

export const TelegramConfigSchema = z.object({
  /** Another Bot API server (Telegram's local server, or the tests' emulator); Telegram's by default. */
  apiRoot: z.preprocess(
    blankToUndefined,
    z
      .url({
        protocol: /^https?$/,
        error: () => telegramTexts().apiRootInvalid,
      })
      .optional(),
  ),
  /** Groups, supergroups and channels the bot is in become conversations too. */
  includeGroups: z.boolean().default(false),
});
export type TelegramConfig = z.output<typeof TelegramConfigSchema>;

export const TelegramSecretsSchema = z.object({
  token: z
    .string(say(() => telegramTexts().tokenRequired))
    .trim()
    .regex(
      /^\d+:[A-Za-z0-9_-]+$/,
      say(() => telegramTexts().tokenShape),
    ),
});

/** The token from an account's secrets, or a readable error naming what is wrong with it. */
export function tokenOf(secrets: Record<string, string>): string {
  const parsed = TelegramSecretsSchema.safeParse(secrets);
  if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
  return parsed.data.token;
}
