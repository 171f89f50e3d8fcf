/** Runs one CSV export of every customer in its own process, so its peak memory is its own. */
import { createWriteStream } from 'node:fs';
import { openCore } from '../src/core';
import { exportCustomersCsv } from '../src/customers/csv-export';

const [file, out, migrationsFolder] = process.argv.slice(2) as [string, string, string];
const core = openCore(file, { migrationsFolder });
core.settings.update({ language: 'pt-BR' });
const output = createWriteStream(out);
const start = performance.now();
const { rows } = await exportCustomersCsv(core, { filter: {} }, output);
await new Promise<void>((resolve, reject) =>
  output.end((e?: Error | null) => (e ? reject(e) : resolve())),
);
const millis = performance.now() - start;
core.close();
// maxRSS is in kilobytes.
console.log(JSON.stringify({ rows, millis, maxRss: process.resourceUsage().maxRSS * 1024 }));
