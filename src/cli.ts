#!/usr/bin/env node
/**
 * The `clientela` command line over one database file: ingest, export, import, stats, channel
 * accounts, and host mode.
 */
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fchmodSync,
  openSync,
  readFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CustomerFilterSchema, CUSTOMER_SORTS, type Settings } from './api/contract';
import { ApiError, fieldName } from './api/errors';
import { noDriverReason } from './channels/accounts';
import { defaultRegistry, type DriverRegistry } from './channels/registry';
import { createFileSecretStore, secretsFileFor } from './channels/secrets';
import { createChannelService } from './channels/service';
import { CHANNELS, type Channel } from './shared/domain';
import { openCore, type Core } from './core';
import { exportCustomersCsv } from './customers/csv-export';
import { importCustomersCsv } from './customers/csv-import';
import { ingestJsonLines } from './inbox/jsonl';
import { desktopDatabaseFile } from './server/desktop-database';
import { tokenProblem } from './server/auth';
import { DEFAULT_HOST_PORT, type HostServer } from './server/host-server';
import { hostToken, replaceHostToken, storedHostToken } from './server/host-token';
import { openBrowser, shouldOpenBrowser } from './server/open-browser';
import { serveWorkspace } from './server/serve-workspace';
import { settingsFromEnvironment, type SettingsOverrides } from './settings/environment';
import { openWorkspace } from './workspace/workspace';

/** The built renderer host mode serves (`npm run build`). */
const RENDERER_DIR = join(import.meta.dirname, '..', 'out', 'renderer');

/** How often `serve` looks for a token replaced by `token rotate`: as often as for accounts. */
const TOKEN_RECHECK_MS = 5_000;

const USAGE = `Usage: clientela <command> --db FILE [options]

Commands:
  ingest --db FILE [FILE.jsonl | -]      store InboundEvents (JSON Lines; - or no file: stdin)
  export customers --db FILE [--out FILE] [--delimiter ";"|","] [--search TEXT]
         [--channel C] [--source S] [--tag T] [--active-since DATE]
         [--first-contact-from DATE] [--first-contact-to DATE] [--sort ${CUSTOMER_SORTS.join('|')}]
  import customers --db FILE FILE.csv    add or update customers from a CSV sheet
  stats --db FILE [--json]               total, new this month, active this week
  channels add CHANNEL --db FILE [--account KEY] [--SETTING VALUE ...]
                                         connect an account, checked first; e.g. telegram --token T
                                         [--api-root URL] (channels add CHANNEL --help: its settings)
  channels remove CHANNEL --account KEY --db FILE
  channels pause|resume CHANNEL --account KEY --db FILE
                                         stop an account without removing it (its secrets and
                                         session stay), or start it again; --channel C also names it
  channels list --db FILE [--json]       the accounts and their settings (never their secrets)
  serve [--db FILE] [--port N] [--host H] [--token T] [--no-open]
                                         the inbox in a browser (host mode); port ${DEFAULT_HOST_PORT},
                                         host 127.0.0.1 (0.0.0.0: the office network) by default;
                                         without --db, the desktop app's own database; opens the
                                         browser on it when run from a desktop (not with --no-open).
                                         The token is kept beside the database (--token replaces it)
  token rotate [--db FILE]               replace host mode's access token: the old address and
                                         every session made from it stop working (a running
                                         serve switches within ${TOKEN_RECHECK_MS / 1000} seconds)
`;

class UsageError extends Error {}

/** A failure the person can act on, said in one line (a file that cannot be read, say). */
class CliError extends Error {}

/** Why a file cannot be opened, in words rather than a stack trace. */
function fileProblem(file: string, error: unknown): CliError {
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
const flagOf = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

type FlagOptions = Record<string, { type: 'string' | 'boolean' }>;

/** Every driver's settings as flags, for `channels add`; a yes/no setting is a bare flag. */
function settingFlags(registry: DriverRegistry): FlagOptions {
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

function parse(argv: string[], settings: FlagOptions = {}) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...settings,
      account: { type: 'string' },
      db: { type: 'string' },
      out: { type: 'string' },
      delimiter: { type: 'string' },
      search: { type: 'string' },
      channel: { type: 'string' },
      source: { type: 'string' },
      tag: { type: 'string' },
      'active-since': { type: 'string' },
      'first-contact-from': { type: 'string' },
      'first-contact-to': { type: 'string' },
      sort: { type: 'string' },
      json: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string' },
      'no-open': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

type Args = ReturnType<typeof parse>;

function open(args: Args): Core {
  const file = args.values.db;
  if (!file) throw new UsageError('--db FILE is required');
  return openFile(file);
}

/** Opens a database file, or says in words why it cannot be opened. */
function openFile(file: string, settingsOverrides?: SettingsOverrides): Core {
  try {
    return openCore(file, { settingsOverrides });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'SQLITE_CANTOPEN')
      throw fileProblem(file, error);
    throw error;
  }
}

async function ingest(args: Args): Promise<number> {
  const file = args.positionals[1];
  const core = open(args);
  try {
    const input = !file || file === '-' ? process.stdin : createReadStream(file);
    const report = await ingestJsonLines(core.inbox, input);
    for (const bad of report.badLines) console.error(`line ${bad.line}: ${bad.reason}`);
    console.log(
      `${report.lines} lines read: ${report.stored} messages stored, ` +
        `${report.duplicates} already present (skipped), ${report.customersCreated} customers created, ` +
        `${report.identitiesLinked} contacts joined to existing customers, ${report.badLines.length} bad lines`,
    );
    return report.badLines.length > 0 ? 2 : 0;
  } finally {
    core.close();
  }
}

async function exportCustomers(args: Args): Promise<number> {
  const v = args.values;
  const delimiter = v.delimiter;
  if (delimiter !== undefined && delimiter !== ';' && delimiter !== ',') {
    throw new UsageError('--delimiter must be ";" or ","');
  }
  const sort = v.sort ?? 'lastSeen';
  if (!(CUSTOMER_SORTS as readonly string[]).includes(sort))
    throw new UsageError(`--sort must be one of ${CUSTOMER_SORTS.join(', ')}`);
  const filter = CustomerFilterSchema.safeParse({
    search: v.search,
    channel: v.channel,
    source: v.source,
    tag: v.tag,
    activeSince: v['active-since'],
    firstContactFrom: v['first-contact-from'],
    firstContactTo: v['first-contact-to'],
  });
  if (!filter.success) {
    throw new UsageError(
      filter.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '),
    );
  }
  const core = open(args);
  try {
    const output = v.out ? privateFile(v.out) : process.stdout;
    const { rows } = await exportCustomersCsv(
      core,
      { filter: filter.data, sort: sort as (typeof CUSTOMER_SORTS)[number], delimiter },
      output,
    );
    if (v.out) {
      await new Promise<void>((resolve, reject) =>
        output.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      console.error(`${rows} customers written to ${v.out}`);
    }
    return 0;
  } finally {
    core.close();
  }
}

/**
 * The export's file, readable by its owner only: it lists people's names, phones and notes. An
 * existing file is emptied and tightened the same way.
 */
function privateFile(file: string): NodeJS.WritableStream {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'w', 0o600);
    if (process.platform !== 'win32') fchmodSync(fd, 0o600);
    return createWriteStream('', { fd });
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    throw fileProblem(file, error);
  }
}

async function importCustomers(args: Args): Promise<number> {
  const file = args.positionals[2];
  if (!file) throw new UsageError('name the CSV file to import');
  let sheet: Buffer;
  try {
    sheet = readFileSync(file);
  } catch (error) {
    throw fileProblem(file, error);
  }
  const core = open(args);
  try {
    const report = await importCustomersCsv(core, sheet);
    for (const skip of report.skipped) console.error(`line ${skip.line}: skipped: ${skip.reason}`);
    for (const warning of report.warnings) console.error(`line ${warning.line}: ${warning.reason}`);
    console.log(
      `${report.rows} rows: ${report.created} customers created, ${report.updated} updated, ${report.skipped.length} skipped`,
    );
    return 0;
  } finally {
    core.close();
  }
}

function stats(args: Args): number {
  const core = open(args);
  try {
    const s = core.customers.stats.stats(core.now(), core.settings.get().timeZone);
    if (args.values.json) console.log(JSON.stringify(s));
    else {
      console.log(`Total customers:      ${s.totalCustomers}`);
      console.log(`New this month:       ${s.newCustomersThisMonth}`);
      console.log(`Active this week:     ${s.activeCustomersThisWeek}`);
    }
    return 0;
  } finally {
    core.close();
  }
}

/** Resolves when the process is asked to stop (Ctrl+C, or a service manager's SIGTERM). */
function stopRequested(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/** The secret store beside the database: channel secrets, and host mode's token. */
const secretsBeside = (db: string) => createFileSecretStore(secretsFileFor(db));

/**
 * Follows a token replaced by `token rotate` (another process) into the running server, and
 * prints the new address; returns the function that stops following.
 */
function followStoredToken(server: HostServer, store: ReturnType<typeof secretsBeside>) {
  const timer = setInterval(() => {
    void storedHostToken(store).then((stored) => {
      if (!stored || stored === server.token) return;
      server.replaceToken(stored);
      console.log(`The access token was replaced. The new address:\n\n  ${server.url}\n`);
    });
  }, TOKEN_RECHECK_MS);
  return () => clearInterval(timer);
}

/** Host mode: serves the inbox to browsers until stopped; the address is printed once. */
async function serve(args: Args): Promise<number> {
  const v = args.values;
  v.db ??= desktopDatabaseFile();
  const port = Number(v.port ?? DEFAULT_HOST_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError('--port must be a number from 0 to 65535');
  const problem = v.token === undefined ? null : tokenProblem(v.token);
  if (problem) throw new UsageError(problem);
  if (!existsSync(join(RENDERER_DIR, 'index.html')))
    throw new UsageError('the app is not built: run `npm run build` first (npm run serve does)');
  const { overrides, problems } = settingsFromEnvironment(process.env);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  const workspace = openWorkspace({
    file: v.db,
    open: (file) => openFile(file, overrides),
    channels: (core) => createChannelService(core),
  });
  // A channel library may reject a promise nobody awaits (whatsapp-web.js re-injecting itself into
  // a browser it closed): host mode reports it and goes on serving, as the desktop app does.
  const stray = (reason: unknown) => console.error('clientela: unexpected error:', reason);
  process.on('unhandledRejection', stray);
  const store = secretsBeside(v.db);
  try {
    // Kept beside the database, so the address the agents saved works after a restart.
    const token = v.token ? await replaceHostToken(store, v.token) : await hostToken(store);
    const server = await serveWorkspace(workspace, {
      port,
      host: v.host,
      token,
      staticDir: RENDERER_DIR,
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') throw new UsageError(`port ${port} is already in use`);
      if (error.code === 'EADDRNOTAVAIL')
        throw new UsageError(`${v.host} is not an address of this machine`);
      if (!error.code) throw new UsageError(error.message);
      throw error;
    });
    // Channel connectors start once the server is listening, so their first events are seen.
    await workspace.start();
    const fixed = Object.entries(overrides.fixedBy).map(
      ([setting, variable]) => `${variable}=${overrides.values[setting as keyof Settings]}`,
    );
    if (fixed.length > 0)
      console.log(`Set by the environment while this runs, and not saved: ${fixed.join(', ')}.`);
    console.log(
      `Clientela is serving ${v.db}. Open this address (it holds the access token; share it only ` +
        `with your team):\n\n  ${server.url}\n\nCtrl+C stops the server.`,
    );
    const context = {
      platform: process.platform,
      env: process.env,
      interactive: process.stdout.isTTY === true,
      refused: v['no-open'] === true,
    };
    if (shouldOpenBrowser(context)) openBrowser(server.url);
    const unfollow = followStoredToken(server, store);
    await stopRequested();
    unfollow();
    await server.close();
  } finally {
    process.off('unhandledRejection', stray);
    await workspace.close();
  }
  return 0;
}

/** `token rotate`: a new host-mode token beside the database; `serve` switches to it. */
async function rotateToken(args: Args): Promise<number> {
  const db = args.values.db ?? desktopDatabaseFile();
  const token = await replaceHostToken(secretsBeside(db));
  console.log(
    `The access token of host mode for ${db} was replaced. The old address, and every agent ` +
      `signed in with it, stop working; a running \`clientela serve\` switches within ` +
      `${TOKEN_RECHECK_MS / 1000} seconds and prints its new address. The new token:\n\n  ${token}\n`,
  );
  return 0;
}

function channelOf(name: string | undefined, registry: DriverRegistry): Channel {
  if (!name || !(CHANNELS as readonly string[]).includes(name))
    throw new UsageError(
      `name the channel: ${[...registry.keys()].join(', ') || 'none in this build'}`,
    );
  return name as Channel;
}

/**
 * `channels pause|resume`: the switch on the Channels page. Only the switch is saved; the running
 * app (desktop or host mode) stops or starts the account within seconds.
 */
async function pauseOrResume(
  args: Args,
  action: 'pause' | 'resume',
  registry: DriverRegistry,
): Promise<number> {
  // A channel this build has no driver for can still be paused: nothing about it runs.
  const channel = channelOf(args.positionals[2] ?? args.values.channel, registry);
  const account = args.values.account;
  if (!account)
    throw new UsageError(`name the account to ${action} with --account KEY (see channels list)`);
  const core = open(args);
  try {
    await createChannelService(core, { registry }).setEnabled(
      channel,
      account,
      action === 'resume',
    );
    console.log(
      action === 'pause'
        ? `The ${channel} account "${account}" is paused: it neither receives nor sends until ` +
            '`channels resume`. Its secrets and session are kept.'
        : `The ${channel} account "${account}" is resumed. It connects while Clientela runs ` +
            '(the desktop app, or clientela serve).',
    );
    return 0;
  } finally {
    core.close();
  }
}

/**
 * `channels add|remove|pause|resume|list`: what the Channels page does, for a machine with no
 * screen.
 */
async function channels(args: Args, registry: DriverRegistry): Promise<number> {
  const [, action, name] = args.positionals;
  const values = args.values as Record<string, string | boolean | undefined>;
  if (action === 'pause' || action === 'resume') return await pauseOrResume(args, action, registry);
  if (action === 'list') {
    const core = open(args);
    try {
      const accounts = createChannelService(core, { registry }).accounts.list();
      if (args.values.json) console.log(JSON.stringify(accounts));
      else if (accounts.length === 0)
        console.log('No channel accounts yet: add one with `channels add`.');
      for (const a of args.values.json ? [] : accounts)
        console.log(
          `${a.channel}\t${a.account}\t${a.label}\t${JSON.stringify(a.config)}${a.enabled ? '' : '\tpaused'}`,
        );
      return 0;
    } finally {
      core.close();
    }
  }
  if (action !== 'add' && action !== 'remove')
    throw new UsageError('channels: add, remove, pause, resume or list');
  const channel = channelOf(name, registry);
  const driver = registry.get(channel);
  if (!driver) throw new ApiError('bad_input', noDriverReason(channel));
  const own = new Map(driver.fields.map((field) => [flagOf(field.key), field.key]));
  if (action === 'add' && args.values.help) {
    console.log(`channels add ${channel} --db FILE [--account KEY]`);
    for (const field of driver.fields)
      console.log(
        `  --${flagOf(field.key)}${field.type === 'boolean' ? '' : ` ${field.type.toUpperCase()}`}${field.required ? ' (required)' : ''}`,
      );
    return 0;
  }
  const fields: Record<string, unknown> = {};
  for (const flag of Object.keys(settingFlags(registry))) {
    if (values[flag] === undefined) continue;
    const key = own.get(flag);
    if (key === undefined)
      throw new UsageError(`--${flag} is not a setting of ${channel} accounts`);
    fields[key] = values[flag];
  }
  if (action === 'remove' && !args.values.account)
    throw new UsageError('name the account to remove with --account KEY (see channels list)');
  const core = open(args);
  try {
    const service = createChannelService(core, { registry });
    if (action === 'remove') {
      await service.remove(channel, args.values.account!);
      console.log(`The ${channel} account "${args.values.account}" was removed, with its secrets.`);
      return 0;
    }
    const added = await service
      .add({ channel, account: args.values.account, fields })
      .catch((error: unknown) => {
        // The form's field names (as the screens name them, or their keys) become the flags the
        // person typed.
        const keyByName = new Map(
          driver.fields.flatMap((f) => [
            [f.key, f.key],
            [fieldName(f.key), f.key],
          ]),
        );
        if (error instanceof ApiError)
          error.message = error.message.replace(
            /(^|; )([^:;]+):/g,
            (whole, start: string, name: string) => {
              const key = keyByName.get(name);
              return key ? `${start}--${flagOf(key)}:` : whole;
            },
          );
        throw error;
      });
    console.log(
      `The ${channel} account "${added.account}" (${added.label}) was added. It connects while ` +
        'Clientela runs (the desktop app, or clientela serve).',
    );
    return 0;
  } finally {
    core.close();
  }
}

/** Runs one command; returns the exit code. `registry` is replaced by tests. */
export async function main(
  argv: string[],
  registry: DriverRegistry = defaultRegistry,
): Promise<number> {
  try {
    const args = parse(argv, settingFlags(registry));
    const [command, object] = args.positionals;
    // Before the general help: `channels add CHANNEL --help` lists that channel's settings.
    if (command === 'channels') return await channels(args, registry);
    if (args.values.help || !command) {
      console.log(USAGE);
      return command ? 0 : 1;
    }
    if (command === 'ingest') return await ingest(args);
    if (command === 'stats') return stats(args);
    if (command === 'serve') return await serve(args);
    if (command === 'token' && object === 'rotate') return await rotateToken(args);
    if (command === 'export' && object === 'customers') return await exportCustomers(args);
    if (command === 'import' && object === 'customers') return await importCustomers(args);
    throw new UsageError(`unknown command "${[command, object].filter(Boolean).join(' ')}"`);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      console.error(`clientela: ${error.message}\n\n${USAGE}`);
      return 64;
    }
    if (
      error instanceof ApiError ||
      error instanceof CliError ||
      (error instanceof Error && error.name === 'NewerDatabaseError')
    ) {
      console.error(`clientela: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('cli.ts')) {
  process.exitCode = await main(process.argv.slice(2));
}
