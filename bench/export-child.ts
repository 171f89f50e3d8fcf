/**
 * One export of every customer (CSV or XLSX), in a process of its own so that its peak memory is
 * its own and not the bench's (which has just ingested 3M messages). Prints one JSON line.
 * Usage: node export-child.mjs DB_FILE OUT_FILE MIGRATIONS_FOLDER csv|xlsx
 */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { openCore } from '../src/core';
import { exportCustomers } from '../src/customers/export-file';
import type { ExportFormat } from '../src/customers/export-rows';
import { cpuSince, peakRss, resetPeak, sampleRss } from './measure';
import { recording, type Executed } from './plans';

const [file, out, migrationsFolder, format] = process.argv.slice(2) as [
  string,
  string,
  string,
  ExportFormat,
];
const core = openCore(file, { migrationsFolder });
// Note the SQL the exporter runs on its reader, so the bench can show its query plan.
const executed: Executed[][] = [];
const openReader = core.openReader.bind(core);
core.openReader = () => {
  const reader = recording(openReader());
  executed.push(reader.log);
  return reader.db;
};
const rssBefore = process.memoryUsage().rss;
resetPeak();
const sampler = sampleRss(50);
const output = createWriteStream(out);
const start = performance.now();
const cpuStart = process.cpuUsage();
const { rows } = await exportCustomers(core, format, { filter: {} }, output);
output.end();
await finished(output);
const millis = performance.now() - start;
const cpuMillis = cpuSince(cpuStart);
const sampledPeak = sampler.stop();
const peak = peakRss();
core.close();
const queries = new Map<string, Executed>();
for (const e of executed.flat()) if (!queries.has(e.sql)) queries.set(e.sql, e);
console.log(
  JSON.stringify({
    rows,
    millis,
    cpuMillis,
    peak,
    sampledPeak,
    rssBefore,
    queries: [...queries.values()],
  }),
);
