/**
 * For the Telegram tests: one bot account running against a real core and a Bot API server on
 * this machine (the emulator, or a small server speaking the documented protocol).
 */
import { join } from 'node:path';
import { recordAccount, type Recording } from '../../testing/recording';
import { until } from '../../../testing/waiting';
import type { TestCore } from '../../../testing/fixtures';
import { avatarDirFor } from '../../avatars';
import type { Connector, ConnectorContext } from '../../connector';
import { createConnectorContext } from '../../context';
import { registryOf } from '../../registry';
import { createChannelService, type ChannelService } from '../../service';
import type { TelegramConfig } from '../config';
import { createTelegramConnector } from '../connector';
import { telegramDriver } from '../driver';
import type { PollerOptions } from '../poller';

/** A token shaped like BotFather's; the test servers accept it. */
export const TOKEN = '7012345678:AAFakeTokenForTestsOnly_xyz-0123456789';

export interface RunningAccount extends Recording {
  connector: Connector;
  context: ConnectorContext<TelegramConfig>;
  /** Aborts the context's signal and waits for the connector to stop, as the supervisor does. */
  stop(): Promise<void>;
}

/**
 * Starts the account `loja` of `core` against `apiRoot`, polling fast, with no supervisor around
 * it: one run, as the supervisor starts it.
 */
export async function runAccount(
  core: TestCore,
  config: { apiRoot: string; includeGroups?: boolean; token?: string },
  poller: Partial<PollerOptions> = {},
): Promise<RunningAccount> {
  const controller = new AbortController();
  const { log, unsubscribe, ...recording } = recordAccount(core);
  const context = createConnectorContext<TelegramConfig>(core, {
    channel: 'telegram',
    account: 'loja',
    config: { apiRoot: config.apiRoot, includeGroups: config.includeGroups ?? false },
    secrets: { token: config.token ?? TOKEN },
    dataDir: join(core.dir, 'accounts', 'telegram-loja'),
    avatarDir: avatarDirFor(core.file),
    log,
    signal: controller.signal,
  });
  const connector = createTelegramConnector(context, { minIntervalMs: 20, ...poller });
  await connector.start().catch((error: unknown) => {
    unsubscribe();
    throw error;
  });
  return {
    ...recording,
    connector,
    context,
    async stop() {
      controller.abort();
      await connector.stop();
      unsubscribe();
    },
  };
}

export interface RunningChannels extends Recording {
  service: ChannelService;
  stop(): Promise<void>;
}

/**
 * The app's own channel service (accounts, supervisor, outbox) with the Telegram account `loja`
 * added through it: checked with getMe, its token in the secret store, restarted on failure.
 */
export async function startChannels(core: TestCore, apiRoot: string): Promise<RunningChannels> {
  const { log, unsubscribe, ...recording } = recordAccount(core);
  const service = createChannelService(core, {
    registry: registryOf([telegramDriver]),
    log,
    backoff: { firstMs: 50, maxMs: 200, stableMs: 60_000 },
  });
  await service.start();
  await service.add({ channel: 'telegram', account: 'loja', fields: { token: TOKEN, apiRoot } });
  await until(() => recording.statuses.includes('connected'));
  return {
    ...recording,
    service,
    async stop() {
      await service.stop();
      unsubscribe();
    },
  };
}
