#!/usr/bin/env node
/** The `clientela` command line: ingest, export, import and stats over one database file. */
import { createReadStream, createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { CustomerFilterSchema, CUSTOMER_SORTS } from './api/contract';
import { ApiError } from './api/errors';
import { openCore, type Core } from './core';
import { exportCustomersCsv } from './customers/csv-export';
import { importCustomersCsv } from './customers/csv-import';
import { ingestJsonLines } from './inbox/jsonl';

const USAGE = `Usage: clientela <command> --db FILE [options]

Commands:
  ingest --db FILE [FILE.jsonl | -]      store InboundEvents (JSON Lines; - or no file: stdin)
  export customers --db FILE [--out FILE] [--delimiter ";"|","] [--search TEXT]
         [--channel C] [--source S] [--tag T] [--active-since DATE]
         [--first-contact-from DATE] [--first-contact-to DATE] [--sort ${CUSTOMER_SORTS.join('|')}]
  import customers --db FILE FILE.csv    add or update customers from a CSV sheet
  stats --db FILE [--json]               total, new this month, active this week
`;

class UsageError extends Error {}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
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
      help: { type: 'boolean', short: 'h' },
    },
  });
}

type Args = ReturnType<typeof parse>;

function open(args: Args): Core {
  if (!args.values.db) throw new UsageError('--db FILE is required');
  return openCore(args.values.db);
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
    const output = v.out ? createWriteStream(v.out) : process.stdout;
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

async function importCustomers(args: Args): Promise<number> {
  const file = args.positionals[2];
  if (!file) throw new UsageError('name the CSV file to import');
  const core = open(args);
  try {
    const report = await importCustomersCsv(core, createReadStream(file));
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

/** Runs one command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const args = parse(argv);
    const [command, object] = args.positionals;
    if (args.values.help || !command) {
      console.log(USAGE);
      return command ? 0 : 1;
    }
    if (command === 'ingest') return await ingest(args);
    if (command === 'stats') return stats(args);
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
