/**
 * For the Telegram tests: one bot account running against a real core and a Bot API server on
 * this machine (the emulator, or a small server speaking the documented protocol).
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';
import type { TestCore } from '../../testing/fixtures';
import { avatarDirFor } from '../avatars';
import type { Connector, ConnectorContext, Log } from '../connector';
import { createConnectorContext } from '../context';
import { registryOf } from '../registry';
import { createChannelService, type ChannelService } from '../service';
import type { TelegramConfig } from './config';
import { createTelegramConnector, telegramDriver } from './driver';
import type { PollerOptions } from './poller';

/** A token shaped like BotFather's; the test servers accept it. */
export const TOKEN = '7012345678:AAFakeTokenForTestsOnly_xyz-0123456789';

/** A TCP port nobody listens on right now, on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Waits until `check` returns something other than undefined/false, or fails after `ms`. */
export async function until<T>(check: () => T | undefined | false, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${check}`);
    await sleep(20);
  }
}

/** What an account told the app: its statuses (with their detail) and its log lines. */
export interface Recording {
  /** Every status the account announced, in order: "connected", "error: <why>". */
  statuses: string[];
  /** Every log line, to check that no secret is ever written. */
  logs: string[];
}

function record(core: TestCore): Recording & { log: Log; unsubscribe: () => void } {
  const statuses: string[] = [];
  const logs: string[] = [];
  const unsubscribe = core.bus.subscribe((events) => {
    for (const e of events)
      if (e.type === 'channel.status')
        statuses.push(e.detail ? `${e.status}: ${e.detail}` : e.status);
  });
  const log: Log = {
    info: (line) => logs.push(line),
    // inspect() prints the whole cause chain: a token hidden anywhere in it would show.
    error: (line, error) => logs.push(`${line} ${error === undefined ? '' : inspect(error)}`),
  };
  return { statuses, logs, log, unsubscribe };
}

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
  const { log, unsubscribe, ...recording } = record(core);
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
  const { log, unsubscribe, ...recording } = record(core);
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
