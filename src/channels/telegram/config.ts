/** A Telegram account's settings and secret, as the Channels page and `channels add` collect them. */
import { z } from 'zod';
import type { AccountField } from '../connector';

/** The form, in order. The token is the bot's password: kept in the secret store only. */
export const TELEGRAM_FIELDS: readonly AccountField[] = [
  { key: 'token', type: 'password', secret: true, required: true, placeholder: '123456789:AAE…' },
  { key: 'apiRoot', type: 'url', placeholder: 'https://api.telegram.org' },
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
        error: 'The API address must be an http(s) address, such as http://127.0.0.1:8081',
      })
      .optional(),
  ),
  /** Groups, supergroups and channels the bot is in become conversations too. */
  includeGroups: z.boolean().default(false),
});
export type TelegramConfig = z.output<typeof TelegramConfigSchema>;

export const TelegramSecretsSchema = z.object({
  token: z
    .string({ error: 'The bot token is required' })
    .trim()
    .regex(
      /^\d+:[A-Za-z0-9_-]+$/,
      'A bot token looks like 123456789:AAE…; copy it from @BotFather in Telegram',
    ),
});
