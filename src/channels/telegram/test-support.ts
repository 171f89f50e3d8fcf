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
import type { Connector, ConnectorContext } from '../connector';
import { createConnectorContext } from '../context';
import type { TelegramConfig } from './config';
import { createTelegramConnector } from './driver';
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

export interface RunningAccount {
  connector: Connector;
  context: ConnectorContext<TelegramConfig>;
  /** Every status the account announced, in order, with its detail. */
  statuses: string[];
  /** Every log line, to check that no secret is ever written. */
  logs: string[];
  /** Aborts the context's signal and waits for the connector to stop, as the supervisor does. */
  stop(): Promise<void>;
}

/** Starts the account `loja` of `core` against `apiRoot`, polling fast. */
export async function runAccount(
  core: TestCore,
  config: { apiRoot: string; includeGroups?: boolean; token?: string },
  poller: Partial<PollerOptions> = {},
): Promise<RunningAccount> {
  const controller = new AbortController();
  const statuses: string[] = [];
  const logs: string[] = [];
  const unsubscribe = core.bus.subscribe((events) => {
    for (const e of events)
      if (e.type === 'channel.status')
        statuses.push(e.detail ? `${e.status}: ${e.detail}` : e.status);
  });
  const context = createConnectorContext<TelegramConfig>(core, {
    channel: 'telegram',
    account: 'loja',
    config: { apiRoot: config.apiRoot, includeGroups: config.includeGroups ?? false },
    secrets: { token: config.token ?? TOKEN },
    dataDir: join(core.dir, 'accounts', 'telegram-loja'),
    avatarDir: avatarDirFor(core.file),
    log: {
      info: (line) => logs.push(line),
      // inspect() prints the whole cause chain: a token hidden anywhere in it would show.
      error: (line, error) => logs.push(`${line} ${error === undefined ? '' : inspect(error)}`),
    },
    signal: controller.signal,
  });
  const connector = createTelegramConnector(context, {
    minIntervalMs: 20,
    firstRetryMs: 50,
    maxRetryMs: 200,
    ...poller,
  });
  await connector.start().catch((error: unknown) => {
    unsubscribe();
    throw error;
  });
  return {
    connector,
    context,
    statuses,
    logs,
    async stop() {
      controller.abort();
      await connector.stop();
      unsubscribe();
    },
  };
}
