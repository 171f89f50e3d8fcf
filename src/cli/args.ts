/** The command line's flags, its errors, and opening the database it names. */
import { parseArgs } from 'node:util';
import { openCore, type Core } from '../core';
import type { DriverRegistry } from '../channels/registry';
import type { SettingsOverrides } from '../settings/environment';

export class UsageError extends Error {}

/** A failure the person can act on, said in one line (a file that cannot be read, say). */
export class CliError extends Error {}

/** Why a file cannot be opened, in words rather than a stack trace. */
export function fileProblem(file: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file or folder'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder'
          : (error as Error).message;
  return new CliError(`cannot open ${file}: ${why}`);
}

/** A setting's flag: the field's key in kebab-case (apiRoot: --api-root). */
export const flagOf = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export type FlagOptions = Record<string, { type: 'string' | 'boolean' }>;

/** Every driver's settings as flags, for `channels add`; a yes/no setting is a bare flag. */
export function settingFlags(registry: DriverRegistry): FlagOptions {
  const flags: FlagOptions = {};
  for (const driver of registry.values())
    for (const field of driver.fields) {
      const flag = flagOf(field.key);
      const before = flags[flag]?.type ?? 'boolean';
      // Two channels may share a flag with different types: a string then reads "yes" too.
      flags[flag] = {
        type: field.type === 'boolean' && before === 'boolean' ? 'boolean' : 'string',
      };
    }
  return flags;
}

/** The command line's positionals and flags; `settings`: the channels' own flags. */
export function parse(argv: string[], settings: FlagOptions = {}) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...settings,
      account: { type: 'string' },
      db: { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      keep: { type: 'string' },
      delimiter: { type: 'string' },
      format: { type: 'string' },
      preview: { type: 'boolean' },
      search: { type: 'string' },
      channel: { type: 'string' },
      source: { type: 'string' },
      tag: { type: 'string' },
      'active-since': { type: 'string' },
      'first-contact-from': { type: 'string' },
      'first-contact-to': { type: 'string' },
      sort: { type: 'string' },
      json: { type: 'boolean' },
      id: { type: 'string' },
      yes: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string' },
      'no-open': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

export type Args = ReturnType<typeof parse>;

/** Opens the database `--db` names. */
export function open(args: Args): Core {
  const file = args.values.db;
  if (!file) throw new UsageError('--db FILE is required');
  return openFile(file);
}

/** Opens a database file, or says in words why it cannot be opened. */
export function openFile(file: string, settingsOverrides?: SettingsOverrides): Core {
  try {
    return openCore(file, { settingsOverrides });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'SQLITE_CANTOPEN')
      throw fileProblem(file, error);
    throw error;
  }
}
