/**
 * The channels of one open database as the API, the CLI and the shells see them: the drivers'
 * forms, the accounts with their live status, adding, pausing, resuming and removing (which
 * starts and stops their connectors), and the connectors' actions.
 */
import type { ChannelAccount, ChannelDriverInfo } from '../api/types';
import type { Core } from '../core';
import type { Channel } from '../shared/domain';
import { tightenTree } from '../shared/owner-only';
import { avatarDirFor } from './avatars';
import {
  accountDataRootFor,
  createAccounts,
  type AccountRecord,
  type AddAccountRequest,
} from './accounts';
import type { Log } from './connector';
import { defaultRegistry, type DriverRegistry } from './registry';
import type { Backoff } from './runner';
import { createFileSecretStore, secretsFileFor, type SecretStore } from './secrets';
import { createSupervisor } from './supervisor';

export interface ChannelServiceOptions {
  registry?: DriverRegistry;
  /** The desktop app's encrypted store; a 0600 file beside the database otherwise. */
  secrets?: SecretStore;
  log?: Log;
  backoff?: Backoff;
  /** See SupervisorOptions.reconcileEveryMs; 5 s by default. */
  reconcileEveryMs?: number;
}

/** Logs to the console; used where no log file is given (the CLI, host mode). */
export const consoleLog: Log = {
  info: (message) => console.log(message),
  error: (message, error) =>
    console.error(error === undefined ? message : `${message}: ${describeError(error)}`),
};

const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The channels of `core`, with their files beside its database file. */
export function createChannelService(core: Core, options: ChannelServiceOptions = {}) {
  const dbFile = core.db.name;
  const registry = options.registry ?? defaultRegistry;
  const log = options.log ?? consoleLog;
  // Folders an older version made readable by others (0755) are closed before anything runs.
  tightenTree(accountDataRootFor(dbFile));
  tightenTree(avatarDirFor(dbFile));
  const accounts = createAccounts(core.channelAccounts, {
    registry,
    secrets: options.secrets ?? createFileSecretStore(secretsFileFor(dbFile)),
    dataRoot: accountDataRootFor(dbFile),
    now: core.now,
  });
  const supervisor = createSupervisor(core, {
    accounts,
    avatarDir: avatarDirFor(dbFile),
    log,
    backoff: options.backoff,
    reconcileEveryMs: options.reconcileEveryMs ?? 5_000,
  });

  /** What the API shows of an account: never its secrets. */
  const view = (record: AccountRecord): ChannelAccount => {
    const { status, detail } = supervisor.state(record.channel, record.account);
    return {
      channel: record.channel,
      account: record.account,
      label: record.label,
      config: record.config,
      enabled: record.enabled,
      createdAt: new Date(record.createdAt).toISOString(),
      status: record.enabled ? status : 'stopped',
      detail,
    };
  };

  return {
    accounts,
    supervisor,

    /** Each channel this build connects, with its form. */
    drivers(): ChannelDriverInfo[] {
      return [...registry.values()].map((driver) => ({
        channel: driver.channel,
        fields: driver.fields.map((field) => ({ ...field })),
      }));
    },

    list(): ChannelAccount[] {
      return accounts.list().map(view);
    },

    /** Checks and saves an account, then starts it when the connectors run. */
    async add(request: AddAccountRequest): Promise<ChannelAccount> {
      const record = await accounts.add(request);
      await supervisor.reconcile();
      return view(record);
    },

    /**
     * Pauses or resumes an account: saves the switch, then stops or starts its connector through
     * the supervisor (when the connectors run here; otherwise the running app picks it up).
     * Its secrets and session files stay: a resumed WhatsApp reconnects without a new QR code.
     */
    async setEnabled(channel: Channel, account: string, enabled: boolean): Promise<ChannelAccount> {
      const record = accounts.setEnabled(channel, account, enabled);
      await supervisor.reconcile();
      return view(record);
    },

    /** Stops the account's connector, then deletes it with its secrets and files. */
    async remove(channel: Channel, account: string): Promise<void> {
      await accounts.remove(channel, account, () => supervisor.stopAccount(channel, account));
    },

    action: supervisor.action,
    /** Runs every enabled account until `stop()`. */
    start: supervisor.start,
    stop: supervisor.stop,
  };
}
export type ChannelService = ReturnType<typeof createChannelService>;
