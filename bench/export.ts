/**
 * CSV and XLSX exports of every customer (src/customers/csv-export.ts, xlsx-export.ts), each in
 * a child process under plain Node (bundled by esbuild, as the shipped app runs it: no TypeScript
 * loader in the figures), against the sqlite3 command line writing the same columns as CSV to a
 * file.
 */
import BetterSqlite3 from 'better-sqlite3';
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_COLUMNS, type ExportFormat } from '../src/customers/export-rows';
import { int, mb, ms } from './measure';
import { explain, indexesOf, oneLine, type Executed } from './plans';
import type { Report } from './report';

/** Each format's target: at most this many times the sqlite3 CLI, and a peak RSS under this. */
const TARGETS: Record<ExportFormat, { ratio: number; peak: number; title: string }> = {
  csv: { ratio: 2, peak: 200 * 1_048_576, title: 'CSV export' },
  xlsx: { ratio: 3, peak: 300 * 1_048_576, title: 'XLSX export' },
};
const target = (format: ExportFormat) =>
  `≤ ${TARGETS[format].ratio}× sqlite3 CLI, peak < ${TARGETS[format].peak / 1_048_576} MB`;

export interface ExportResult {
  rows: number;
  millis: number;
  /** CPU time of the export process (user + system): its own cost, whoever shares the cores. */
  cpuMillis: number;
  peak: number;
  sampledPeak: number;
  rssBefore: number;
  /** Each SQL text the exporter ran, with the parameters of its first run. */
  queries: Executed[];
}

/** The exporter's own query without its paging: the same columns, in the same order. */
export const cliQuery = () =>
  `SELECT ${EXPORT_COLUMNS} FROM customers c ORDER BY c.last_seen_at DESC, c.id DESC;`.replace(
    /\s+/g,
    ' ',
  );

function runChild(dir: string, dbFile: string, out: string, format: ExportFormat): ExportResult {
  const bundle = join(dir, 'export-child.mjs');
  buildSync({
    entryPoints: [join('bench', 'export-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: bundle,
    logLevel: 'error',
  });
  const child = spawnSync(
    process.execPath,
    [bundle, dbFile, out, join('src', 'db', 'migrations'), format],
    { encoding: 'utf8', maxBuffer: 16 * 1_048_576 },
  );
  if (child.status !== 0) throw new Error(`the export child failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ExportResult;
}

/** Wall time of `sqlite3 -csv -header FILE "SELECT ..." > out`, or null when there is no sqlite3. */
function runCli(dbFile: string, out: string): { millis: number; version: string } | null {
  const version = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return null;
  const fd = openSync(out, 'w');
  try {
    const start = performance.now();
    const run = spawnSync('sqlite3', ['-csv', '-header', dbFile, cliQuery()], {
      stdio: ['ignore', fd, 'pipe'],
      encoding: 'utf8',
    });
    const millis = performance.now() - start;
    if (run.status !== 0) throw new Error(`sqlite3 failed: ${run.stderr}`);
    return { millis, version: version.stdout.trim().split(' ').slice(0, 2).join(' ') };
  } finally {
    closeSync(fd);
  }
}

export function measureExport(
  report: Report,
  options: { dir: string; dbFile: string; customers: number },
): void {
  const { dir, dbFile } = options;
  const cliFile = join(dir, 'sqlite3.csv');
  const cli = runCli(dbFile, cliFile);
  for (const format of ['csv', 'xlsx'] as const) {
    const { title } = TARGETS[format];
    const file = join(dir, `export.${format}`);
    const result = runChild(dir, dbFile, file, format);
    const db = new BetterSqlite3(dbFile, { readonly: true });
    for (const query of result.queries.filter((q) => /^\s*SELECT/i.test(q.sql))) {
      const plan = explain(db, query);
      report.plans.push({ title, indexes: indexesOf(plan), plan, sql: oneLine(query.sql) });
    }
    db.close();
    const complete = result.rows === options.customers;
    report.add({
      measure: `${title} of ${int(result.rows)} customers (exportCustomers, ${format})`,
      figure: `${ms(result.millis)}, peak RSS ${mb(result.peak)} (${mb(statSync(file).size)} file)`,
      reference:
        cli === null
          ? 'sqlite3 CLI not installed: no reference'
          : `sqlite3 -csv ${ms(cli.millis)} (${mb(statSync(cliFile).size)} file); ratio ${(result.millis / cli.millis).toFixed(2)}`,
      target: target(format),
      met:
        complete &&
        result.peak < TARGETS[format].peak &&
        (cli === null ? null : result.millis <= TARGETS[format].ratio * cli.millis),
    });
    report.note(
      `${title}: ${ms(result.cpuMillis)} of CPU; RSS ${mb(result.rssBefore)} before exporting (Node + the open core), ` +
        `peak ${mb(result.peak)} (kernel high-water mark; sampled every 50 ms: ${mb(result.sampledPeak)}).` +
        (complete
          ? ''
          : ` It wrote ${int(result.rows)} rows for ${int(options.customers)} customers.`),
    );
  }
  if (cli === null)
    report.note('The sqlite3 command line is not installed: the exports have no CLI reference.');
  else
    report.note(
      `Export reference: the ${cli.version} command line, \`sqlite3 -csv -header FILE "SELECT …"\` ` +
        "with the exporter's columns (EXPORT_COLUMNS) in its order (ORDER BY c.last_seen_at DESC, c.id DESC), to a file, " +
        'measured once for both formats. The XLSX is deflated at level 1 as it is written.',
    );
}
