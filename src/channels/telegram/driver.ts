/** The Telegram channel: a bot that people write to, polled through the Bot API. */
import type { Update } from 'node-telegram-bot-api';
import { currentLanguage } from '../../i18n/language';
import type { ChannelDriver, Connector, ConnectorContext } from '../connector';
import { createApi, describeError } from './bot-api';
import {
  TELEGRAM_FIELDS,
  TelegramConfigSchema,
  TelegramSecretsSchema,
  type TelegramConfig,
} from './config';
import { DEFAULT_POLLER_OPTIONS, pollUpdates, type PollerOptions } from './poller';
import { createFileDownloader, createPhotoAttacher } from './profile-photo';
import { sendText } from './send';
import { translateUpdate } from './translate';

/** The token from an account's secrets, or a readable error naming what is wrong with it. */
function tokenOf(secrets: Record<string, string>): string {
  const parsed = TelegramSecretsSchema.safeParse(secrets);
  if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
  return parsed.data.token;
}

/** Asks Telegram who the bot is: the check that the token works. */
async function whoAmI(
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

/** One running bot account; `options` lets tests poll a local server without long waits. */
export function createTelegramConnector(
  ctx: ConnectorContext<TelegramConfig>,
  options: Partial<PollerOptions> = {},
): Connector {
  const { apiRoot, includeGroups } = ctx.config;
  const token = tokenOf(ctx.secrets);
  const api = createApi(token, apiRoot);
  const sender = createApi(token, apiRoot, { resend: false });
  const attachPhotos = createPhotoAttacher(ctx, api, createFileDownloader(token, apiRoot));
  let polling: Promise<void> = Promise.resolve();

  async function toEvents(updates: readonly Update[]) {
    const translate = {
      account: ctx.account,
      includeGroups,
      language: currentLanguage(),
    };
    const events = updates.flatMap((u) => translateUpdate(u, translate) ?? []);
    await attachPhotos(events);
    return events;
  }

  return {
    async start() {
      const name = await whoAmI(token, apiRoot, ctx.signal);
      ctx.log.info(`telegram/${ctx.account}: connected as ${name}`);
      ctx.setStatus('connected');
      polling = pollUpdates({
        ctx,
        api,
        allowedUpdates: includeGroups ? ['message', 'channel_post'] : ['message'],
        toEvents,
        options: { ...DEFAULT_POLLER_OPTIONS, ...options },
      }).catch((error: unknown) => {
        // The supervisor takes an error as the end of this run and starts a new one after a
        // pause: one way to recover from everything, network and database alike.
        if (!ctx.signal.aborted) ctx.setStatus('error', describeError(error, apiRoot));
      });
    },
    async stop() {
      // The context's signal is aborted already: the poll in flight ends at once.
      await polling;
    },
    send: (message) => sendText(sender, message, apiRoot, ctx.signal),
  };
}

export const telegramDriver: ChannelDriver<TelegramConfig> = {
  channel: 'telegram',
  fields: TELEGRAM_FIELDS,
  configSchema: TelegramConfigSchema,
  secretsSchema: TelegramSecretsSchema,
  verify: async (config, secrets, signal) => whoAmI(tokenOf(secrets), config.apiRoot, signal),
  create: (ctx) => createTelegramConnector(ctx),
};
