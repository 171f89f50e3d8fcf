/** The Telegram channel: a bot that people write to, polled through the Bot API. */
import type { ChannelDriver } from '../connector';
import { whoAmI } from './bot-api';
import {
  TELEGRAM_FIELDS,
  TelegramConfigSchema,
  TelegramSecretsSchema,
  tokenOf,
  type TelegramConfig,
} from './config';
import { createTelegramConnector } from './connector';

/** The Telegram driver: a token is checked by asking Telegram who the bot is. */
export const telegramDriver: ChannelDriver<TelegramConfig> = {
  channel: 'telegram',
  fields: TELEGRAM_FIELDS,
  configSchema: TelegramConfigSchema,
  secretsSchema: TelegramSecretsSchema,
  verify: async (config, secrets, signal) => whoAmI(tokenOf(secrets), config.apiRoot, signal),
  create: (ctx) => createTelegramConnector(ctx),
};
