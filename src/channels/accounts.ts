/**
 * The accounts this installation connects: their settings in the database, their secrets in the
 * secret store, their session files in a folder of their own. Adding one checks it with its
 * driver first, so a wrong token is refused with the channel's reason and nothing is saved.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AccountKeySchema } from '../api/contract';
import { ApiError, badInput, describeZodError, fieldName } from '../api/errors';
import type { AccountRow, AccountStore } from '../settings/account-store';
import type { Channel } from '../shared/domain';
import { readFieldValues } from './account-fields';
import { describeProgramPathProblem, programPathProblem } from './program-path';
import type { AnyChannelDriver, DriverRegistry } from './registry';
import { secretKey, type SecretStore } from './secrets';
import { texts } from '../i18n/texts';

/** One account as stored. */
export interface AccountRecord {
  id: number;
  channel: Channel;
  account: string;
  label: string;
  config: Record<string, unknown>;
  enabled: boolean;
  createdAt: number;
  /** Whether its program paths were given on this computer (see CHOSEN_HERE). */
  programsChosenHere: boolean;
}

export interface AddAccountRequest {
  channel: Channel;
  /** The account's key; the first free of `default`, `default-2`, ... when absent. */
  account?: string;
  /** The form's values by field key, as typed (strings) or already typed. */
  fields: Record<string, unknown>;
}

export { readFieldValues };

/** Why an account of this channel cannot run in this build, in the app's language. */
export const noDriverReason = (channel: Channel) => texts().noDriver(channel);

/** How long a driver's credential check may take before the account is refused. */
const VERIFY_TIMEOUT_MS = 30_000;

/** The folder holding each account's session files: `channels` beside the database. */
export function accountDataRootFor(dbFile: string): string {
  return join(dirname(dbFile), 'channels');
}

/** One account's own folder under the data root. */
export function accountDataDir(root: string, channel: Channel, account: string): string {
  return join(root, channel, account);
}

/**
 * Kept in a stored config whose program paths were given on this computer. Host mode refuses
 * them, so every one saved since carries it; a path saved before that rule lacks it and is not
 * run (a token holder may have put it there).
 */
const CHOSEN_HERE = '$programsChosenHere';

function toRecord(row: AccountRow): AccountRecord {
  const { [CHOSEN_HERE]: chosenHere, ...config } = JSON.parse(row.config) as Record<
    string,
    unknown
  >;
  return { ...row, config, enabled: row.enabled === 1, programsChosenHere: chosenHere === true };
}

/** The keys of a driver's fields that name a program to run. */
const programKeys = (driver: AnyChannelDriver) =>
  driver.fields.filter((field) => field.localOnly === 'runsProgram').map((field) => field.key);

/** The program paths among a config's values: the keys that have one. */
const programPaths = (driver: AnyChannelDriver, config: Record<string, unknown>) =>
  programKeys(driver).flatMap((key) => {
    const value = config[key];
    return typeof value === 'string' && value !== '' ? [[key, value] as const] : [];
  });

export interface AccountsOptions {
  registry: DriverRegistry;
  secrets: SecretStore;
  /** Where each account's folder goes (accountDataRootFor). */
  dataRoot: string;
  now?: () => number;
}

/** The stored accounts: add (checked by the driver), pause or resume, remove, list. */
export function createAccounts(store: AccountStore, options: AccountsOptions) {
  const { registry, secrets } = options;
  const now = options.now ?? Date.now;

  function driverOf(channel: Channel): AnyChannelDriver {
    const driver = registry.get(channel);
    if (!driver) throw badInput(noDriverReason(channel));
    return driver;
  }

  function get(channel: Channel, account: string): AccountRecord | null {
    const row = store.get(channel, account);
    return row ? toRecord(row) : null;
  }

  function freeKey(channel: Channel): string {
    for (let n = 1; ; n++) {
      const key = n === 1 ? 'default' : `default-${n}`;
      if (!store.get(channel, key)) return key;
    }
  }

  function validated<T>(schema: z.ZodType<T>, value: unknown): T {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw badInput(describeZodError(parsed.error), parsed.error.issues);
    return parsed.data;
  }

  return {
    get,

    list(): AccountRecord[] {
      return store.list().map(toRecord);
    },

    /** The channel's driver; a readable error when this build has none. */
    driver: driverOf,

    hasDriver: (channel: Channel) => registry.has(channel),

    /**
     * The settings an account runs with. A program path is checked again: one saved before host
     * mode refused them, or no longer a full path to a file on this computer, is left out (the
     * driver then looks for the program itself), and `dropped` says why.
     */
    configToRun(record: AccountRecord): {
      config: Record<string, unknown>;
      dropped: string[];
    } {
      const config = { ...record.config };
      const dropped: string[] = [];
      for (const [key, path] of programPaths(driverOf(record.channel), config)) {
        const problem = record.programsChosenHere ? programPathProblem(path) : 'notChosenHere';
        if (!problem) continue;
        delete config[key];
        dropped.push(
          problem === 'notChosenHere'
            ? texts().programNotChosenHere(fieldName(key), path)
            : describeProgramPathProblem(problem, key, path),
        );
      }
      return { config, dropped };
    },

    /** The account's secrets, checked by its driver: what its connector is given. */
    async secretsOf(record: AccountRecord): Promise<Record<string, string>> {
      const stored = (await secrets.get(secretKey(record.channel, record.account))) ?? {};
      return validated(driverOf(record.channel).secretsSchema, stored);
    },

    /** One account's own folder. */
    dataDir: (channel: Channel, account: string) =>
      accountDataDir(options.dataRoot, channel, account),

    /**
     * Checks the fields with the driver's schemas and its `verify` (a wrong token is refused
     * with the channel's reason), then saves the settings in the database and the secrets in
     * the secret store.
     */
    async add(request: AddAccountRequest, signal?: AbortSignal): Promise<AccountRecord> {
      const driver = driverOf(request.channel);
      const account =
        request.account === undefined
          ? freeKey(request.channel)
          : validated(AccountKeySchema, request.account);
      const taken = () => new ApiError('conflict', texts().accountTaken(request.channel, account));
      if (store.get(request.channel, account)) throw taken();
      const raw = readFieldValues(request.channel, driver.fields, request.fields);
      // Both checked before either is reported: the person sees every wrong field at once.
      const configCheck = driver.configSchema.safeParse(raw.config);
      const secretsCheck = driver.secretsSchema.safeParse(raw.secrets);
      const wrong = [configCheck, secretsCheck].flatMap((c) => (c.success ? [] : [c.error]));
      if (wrong.length > 0)
        throw badInput(
          wrong.map(describeZodError).join('; '),
          wrong.flatMap((e) => e.issues),
        );
      const config = configCheck.data as Record<string, unknown>;
      const secretValues = secretsCheck.data as Record<string, string>;
      const programs = programPaths(driver, config);
      for (const [key, path] of programs) {
        const problem = programPathProblem(path);
        if (problem) throw badInput(describeProgramPathProblem(problem, key, path));
      }

      let label = account;
      if (driver.verify) {
        const timeout = AbortSignal.timeout(VERIFY_TIMEOUT_MS);
        try {
          label = await driver.verify(
            config,
            secretValues,
            signal ? AbortSignal.any([signal, timeout]) : timeout,
          );
        } catch (error) {
          const reason = timeout.aborted
            ? texts().noAnswerWithin(VERIFY_TIMEOUT_MS / 1000)
            : error instanceof Error
              ? error.message
              : String(error);
          throw badInput(texts().checkFailed(request.channel, reason));
        }
      }

      // The row first: the unique index settles a race between two adds of one name, so the
      // loser never overwrites the winner's secrets.
      try {
        store.insert({
          channel: request.channel,
          account,
          label,
          config: JSON.stringify(programs.length > 0 ? { ...config, [CHOSEN_HERE]: true } : config),
          createdAt: now(),
        });
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw taken();
        throw error;
      }
      try {
        if (Object.keys(secretValues).length > 0)
          await secrets.set(secretKey(request.channel, account), secretValues);
      } catch (error) {
        store.remove(request.channel, account);
        throw error;
      }
      return get(request.channel, account)!;
    },

    /**
     * Switches the account on or off. Only the switch changes: its secrets and session files stay,
     * so a paused WhatsApp keeps its pairing and resumes without a new QR code.
     */
    setEnabled(channel: Channel, account: string, enabled: boolean): AccountRecord {
      if (!store.setEnabled(channel, account, enabled))
        throw new ApiError('not_found', texts().noAccount(channel, account));
      return get(channel, account)!;
    },

    /**
     * Deletes the account, then (once `stop` has stopped its connector: the row is already gone,
     * so nothing starts it again meanwhile) its secrets and its session files.
     */
    async remove(
      channel: Channel,
      account: string,
      stop: () => Promise<void> = async () => undefined,
    ): Promise<void> {
      if (!store.remove(channel, account))
        throw new ApiError('not_found', texts().noAccount(channel, account));
      await stop();
      await secrets.delete(secretKey(channel, account));
      rmSync(accountDataDir(options.dataRoot, channel, account), { recursive: true, force: true });
    },
  };
}
export type Accounts = ReturnType<typeof createAccounts>;
