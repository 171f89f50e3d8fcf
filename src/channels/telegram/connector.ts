/** One running Telegram bot account: polls the Bot API for updates and sends agents' replies. */
import type { Update } from 'node-telegram-bot-api';
import { currentLanguage } from '../../i18n/language';
import type { Connector, ConnectorContext } from '../connector';
import { createApi, describeError, whoAmI } from './bot-api';
import { tokenOf, type TelegramConfig } from './config';
import { DEFAULT_POLLER_OPTIONS, pollUpdates, type PollerOptions } from './poller';
import { createFileDownloader, createPhotoAttacher } from './profile-photo';
import { sendText } from './send';
import { translateUpdate } from './translate';

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
