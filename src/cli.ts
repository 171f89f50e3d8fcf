#!/usr/bin/env node
/**
 * The `clientela` command line over one database file: ingest, export, import, stats, channel
 * accounts, and host mode.
 */
import { join } from 'node:path';
import { CUSTOMER_SORTS } from './api/contract';
import { ApiError } from './api/errors';
import { defaultRegistry, type DriverRegistry } from './channels/registry';
import { DEFAULT_HOST_PORT } from './server/host-server';
import { CliError, parse, settingFlags, UsageError } from './cli/args';
import { backup, restore } from './cli/backup';
import { channels } from './cli/channels';
import { exportCustomers, importCustomers, ingest, stats } from './cli/customers';
import { eraseCustomer, exportCustomerData } from './cli/privacy';
import { rotateToken, serve, TOKEN_RECHECK_MS } from './cli/serve';

/** The built renderer host mode serves (`npm run build`), found from this entry point. */
const RENDERER_DIR = join(import.meta.dirname, '..', 'out', 'renderer');

const USAGE = `Usage: clientela <command> --db FILE [options]

Commands:
  ingest --db FILE [FILE.jsonl | -]      store InboundEvents (JSON Lines; - or no file: stdin)
  export customers --db FILE [--out FILE] [--format csv|xlsx] [--delimiter ";"|","] [--search TEXT]
         [--channel C] [--source S] [--tag T] [--active-since DATE]
         [--first-contact-from DATE] [--first-contact-to DATE] [--sort ${CUSTOMER_SORTS.join('|')}]
  import customers --db FILE FILE [--preview]
                                         add or update customers from a CSV or XLSX sheet (Google
                                         Contacts, WhatsApp exporters, Chatwoot, ours); --preview
                                         says what it would create, update and skip, storing nothing
  stats --db FILE [--json]               total, new this month, active this week
  customer export --db FILE --id N --out FILE.zip
                                         one customer's data (LGPD): every message, note, tag
                                         and picture, as JSON and files in a zip
  customer erase --db FILE --id N [--yes]
                                         erase one customer for good (LGPD): says who without
                                         --yes; a history import will not bring them back
  backup --db FILE [--out DIR] [--keep N]
                                         a copy of the database, its pictures and media (never the
                                         channel secrets) into a new folder of DIR (the one chosen
                                         in Settings, else backups/ beside the database), taken
                                         while the app keeps working; the oldest beyond N are deleted
  restore --db FILE --from BACKUP        replace the database with a backup (its folder or its
                                         .db file), checked first; the replaced file is kept beside
                                         it. With Clientela closed (the app's Settings restore too)
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
    if (command === 'backup') return await backup(args);
    if (command === 'restore') return restore(args);
    if (command === 'serve') return await serve(args, RENDERER_DIR);
    if (command === 'token' && object === 'rotate') return await rotateToken(args);
    if (command === 'export' && object === 'customers') return await exportCustomers(args);
    if (command === 'import' && object === 'customers') return await importCustomers(args);
    if (command === 'customer' && object === 'export') return exportCustomerData(args);
    if (command === 'customer' && object === 'erase') return eraseCustomer(args);
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
