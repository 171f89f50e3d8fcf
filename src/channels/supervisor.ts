/**
 * The supervisor runs every enabled account, each with a runner of its own (several accounts of
 * one channel at once), announces their statuses as `channel.status` events and remembers the
 * latest for the Channels page, feeds the outbox, and stops everything on shutdown.
 */
import type { ChannelStatus } from '../api/types';
import { ApiError, badInput } from '../api/errors';
import type { Core } from '../core';
import type { Channel } from '../shared/domain';
import { noDriverReason, type AccountRecord, type Accounts } from './accounts';
import type { Log } from './connector';
import { createOutbox } from './outbox';
import { DEFAULT_BACKOFF, startRunner, type Backoff, type Runner } from './runner';
import { texts } from '../i18n/texts';

export interface AccountState {
  status: ChannelStatus;
  /** Why, for `error`; the QR code's text, for `needs_qr`. */
  detail: string | null;
}

export interface SupervisorOptions {
  accounts: Accounts;
  avatarDir: string;
  log: Log;
  backoff?: Backoff;
  /**
   * How often the accounts table is read again, so that accounts added or removed by another
   * process (`clientela channels add` while host mode runs) start or stop without a restart.
   */
  reconcileEveryMs?: number;
}

/** How long an action may run before its call returns and it goes on in the background. */
const ACTION_WAIT_MS = 2_000;

const keyOf = (channel: Channel, account: string) => `${channel}/${account}`;

/** Builds the supervisor; nothing runs until `start()`. */
export function createSupervisor(core: Core, options: SupervisorOptions) {
  const { accounts, log } = options;
  const runners = new Map<string, Runner>();
  const states = new Map<string, AccountState>();
  let running = false;
  let unsubscribe: (() => void) | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  const outbox = createOutbox(core, {
    connectorFor: (channel, account) => runners.get(keyOf(channel, account))?.connector() ?? null,
    accountState: (channel, account) => {
      const record = accounts.get(channel, account);
      return !record ? 'missing' : record.enabled ? 'enabled' : 'paused';
    },
    log,
  });

  function announce(
    channel: Channel,
    account: string,
    status: ChannelStatus,
    detail: string | null,
  ) {
    const key = keyOf(channel, account);
    const last = states.get(key);
    if (last && last.status === status && last.detail === detail) return;
    states.set(key, { status, detail });
    core.bus.emit([
      { type: 'channel.status', channel, account, status, ...(detail ? { detail } : {}) },
    ]);
  }

  function run(record: AccountRecord): void {
    const { channel, account } = record;
    const key = keyOf(channel, account);
    const driver = accounts.driver(channel);
    const { config, dropped } = accounts.configToRun(record);
    for (const reason of dropped) log.error(`${key}: ${reason}`);
    // Paused and resumed before the old runner had stopped: its last words ("stopped") must not
    // overwrite the new one's status. Unset during startRunner itself: that is this runner.
    let runner: Runner | undefined = undefined;
    const speaks = () => runner === undefined || (runners.get(key) ?? runner) === runner;
    runner = startRunner({
      core,
      driver,
      account,
      config,
      loadSecrets: () => accounts.secretsOf(record),
      dataDir: accounts.dataDir(channel, account),
      avatarDir: options.avatarDir,
      log,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      onStatus: (status, detail) => {
        if (speaks()) announce(channel, account, status, detail);
      },
      onStarted: () => outbox.flush(channel, account),
    });
    runners.set(key, runner);
  }

  async function stopOne(key: string): Promise<void> {
    const runner = runners.get(key);
    if (!runner) return;
    runners.delete(key);
    await runner.stop();
    // Started again meanwhile: the state is the new runner's.
    if (!runners.has(key)) states.delete(key);
  }

  /**
   * Starts the accounts that should run and are not running, and stops the ones paused or
   * removed; the messages still waiting for those then fail with the reason.
   */
  async function reconcile(): Promise<void> {
    if (!running) return;
    const wanted = new Map<string, AccountRecord>();
    for (const record of accounts.list()) {
      if (!record.enabled) continue;
      if (!accounts.hasDriver(record.channel)) {
        // An account from a build with more channels: shown, never run.
        announce(record.channel, record.account, 'error', noDriverReason(record.channel));
        continue;
      }
      wanted.set(keyOf(record.channel, record.account), record);
    }
    const unwanted = [...runners.keys()].filter((key) => !wanted.has(key));
    const stopping = unwanted.map(stopOne);
    for (const [key, record] of wanted) if (!runners.has(key)) run(record);
    await Promise.all(stopping);
    for (const key of unwanted) {
      const [channel, account] = key.split('/') as [Channel, string];
      outbox.flush(channel, account);
    }
  }

  return {
    /** Runs every enabled account and starts handing pending messages to them. */
    async start(): Promise<void> {
      if (running) return;
      running = true;
      unsubscribe = core.bus.subscribe((events) => outbox.onEvents(events));
      await reconcile();
      outbox.flushAll();
      if (options.reconcileEveryMs)
        timer = setInterval(
          () => void reconcile().catch((error: unknown) => log.error('channel accounts', error)),
          options.reconcileEveryMs,
        );
    },

    /** Stops every connector (their signals aborted, their stop awaited). */
    async stop(): Promise<void> {
      running = false;
      if (timer) clearInterval(timer);
      timer = null;
      unsubscribe?.();
      unsubscribe = null;
      await Promise.all([...runners.keys()].map(stopOne));
      await outbox.idle();
    },

    /** Picks up accounts added, paused, resumed or removed since the last look. */
    reconcile,

    /** Stops one account's connector (before it is removed). */
    stopAccount: (channel: Channel, account: string) => stopOne(keyOf(channel, account)),

    /** The account's latest status; `stopped` when it does not run. */
    state(channel: Channel, account: string): AccountState {
      return states.get(keyOf(channel, account)) ?? { status: 'stopped', detail: null };
    },

    /**
     * Runs one of the connector's named actions (WhatsApp's "importHistory"). A long one goes
     * on in the background after a short wait (its progress arrives as events); `done` says
     * whether it had finished by then. A failure after that wait is logged and announced as a
     * failed task.
     */
    async action(channel: Channel, account: string, name: string): Promise<{ done: boolean }> {
      if (!accounts.get(channel, account))
        throw new ApiError('not_found', texts().noAccount(channel, account));
      const connector = runners.get(keyOf(channel, account))?.current();
      if (!connector) throw badInput(texts().notConnectedNow(channel, account));
      const act = connector.actions?.[name];
      if (!act || !Object.hasOwn(connector.actions!, name))
        throw badInput(texts().noAction(channel, name));
      const work = act().then(() => true);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waited = new Promise<false>(
        (resolve) => (timer = setTimeout(() => resolve(false), ACTION_WAIT_MS)),
      );
      try {
        const done = await Promise.race([work, waited]);
        if (!done)
          work.catch((error: unknown) => {
            log.error(`${channel}/${account}: ${name} failed`, error);
            core.bus.emit([
              {
                type: 'channel.progress',
                channel,
                account,
                task: name,
                done: 0,
                total: 0,
                state: 'failed',
                detail: error instanceof Error ? error.message : String(error),
              },
            ]);
          });
        return { done };
      } catch (error) {
        throw badInput(error instanceof Error ? error.message : String(error));
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
export type Supervisor = ReturnType<typeof createSupervisor>;
