/** `ingest`, `export customers`, `import customers` and `stats`. */
import {
  closeSync,
  createReadStream,
  createWriteStream,
  fchmodSync,
  openSync,
  readFileSync,
} from 'node:fs';
import { CustomerFilterSchema, CUSTOMER_SORTS, EXPORT_FORMATS } from '../api/contract';
import { exportCustomers as exportFile } from '../customers/export-file';
import { importCustomersCsv, previewCustomersImport } from '../customers/csv-import';
import { ingestJsonLines } from '../inbox/jsonl';
import { fileProblem, open, UsageError, type Args } from './args';

/** `ingest`: JSON Lines of InboundEvents from a file or stdin; bad lines are named, not fatal. */
export async function ingest(args: Args): Promise<number> {
  const file = args.positionals[1];
  const core = open(args);
  try {
    const input = !file || file === '-' ? process.stdin : createReadStream(file);
    const report = await ingestJsonLines(core.inbox, input);
    for (const bad of report.badLines) console.error(`line ${bad.line}: ${bad.reason}`);
    console.log(
      `${report.lines} lines read: ${report.stored} messages stored, ` +
        `${report.duplicates} already present (skipped), ${report.customersCreated} customers created, ` +
        `${report.identitiesLinked} contacts joined to existing customers, ${report.badLines.length} bad lines` +
        (report.erased > 0 ? `, ${report.erased} messages of erased customers left out` : ''),
    );
    return report.badLines.length > 0 ? 2 : 0;
  } finally {
    core.close();
  }
}

/** `export customers`: the list's filters and order, as CSV or XLSX to a private file or stdout. */
export async function exportCustomers(args: Args): Promise<number> {
  const v = args.values;
  // An --out ending in .xlsx says it, as a save dialog would.
  const format = v.format ?? (v.out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
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
    const { rows } = await exportFile(
      core,
      format as (typeof EXPORT_FORMATS)[number],
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

/**
 * `import customers`: a CSV or XLSX sheet, all or nothing, with what was skipped or left out;
 * with --preview, what it would do, storing nothing.
 */
export async function importCustomers(args: Args): Promise<number> {
  const file = args.positionals[2];
  if (!file) throw new UsageError('name the CSV or XLSX file to import');
  let sheet: Buffer;
  try {
    sheet = readFileSync(file);
  } catch (error) {
    throw fileProblem(file, error);
  }
  const core = open(args);
  try {
    const preview = args.values.preview === true;
    const report = await (preview ? previewCustomersImport : importCustomersCsv)(core, sheet);
    for (const skip of report.skipped) console.error(`line ${skip.line}: skipped: ${skip.reason}`);
    for (const warning of report.warnings) console.error(`line ${warning.line}: ${warning.reason}`);
    console.log(
      preview
        ? `${report.rows} rows: ${report.created} customers would be created, ${report.updated} updated, ${report.skipped.length} skipped; nothing was stored (without --preview it is)`
        : `${report.rows} rows: ${report.created} customers created, ${report.updated} updated, ${report.skipped.length} skipped`,
    );
    return 0;
  } finally {
    core.close();
  }
}

/** `stats`: the three numbers, as text or JSON. */
export function stats(args: Args): number {
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
