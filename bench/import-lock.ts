/**
 * How long a CSV import holds the database's write lock, as another process sees it (not part of
 * npm test): `npx tsx bench/import-lock.ts [ROWS]`, 100,000 rows by default. A child process tries
 * to take the write lock every 5 ms without waiting and reports the longest time it could not,
 * while this one imports a sheet of ROWS new people, then the same sheet again (every row known).
 * Other writers wait up to the busy timeout (5 s) before they fail.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../src/core';
import { importCustomersCsv } from '../src/customers/csv-import';
import { cpuSince, int, mb, peakRss, resetPeak } from './measure';

const ROWS = Number(process.argv[2] ?? 100_000);

/** Another process's writer: BEGIN IMMEDIATE every 5 ms, never waiting; the longest refusal. */
const PROBE = `
const Database = require(process.argv[2]);
const db = new Database(process.argv[1]);
db.pragma('busy_timeout = 0');
let since = null, longest = 0, refused = 0, stop = false;
process.stdin.on('data', () => (stop = true));
const tick = () => {
  const now = performance.now();
  try {
    db.exec('BEGIN IMMEDIATE'); db.exec('COMMIT');
    if (since !== null) longest = Math.max(longest, now - since);
    since = null;
  } catch (error) {
    if (error.code !== 'SQLITE_BUSY') throw error;
    refused++;
    since ??= now;
  }
  if (stop && since === null) { console.log(JSON.stringify({ longest, refused })); process.exit(0); }
  setTimeout(tick, 5);
};
console.log('ready');
tick();
`;

function startProbe(file: string) {
  const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const child = spawn(process.execPath, ['-e', PROBE, file, betterSqlite]);
  let out = '';
  child.stderr.pipe(process.stderr);
  const ready = new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      if (out.startsWith('ready\n')) resolve();
    }),
  );
  const result = new Promise<{ longest: number; refused: number }>((resolve) =>
    child.on('close', () => resolve(JSON.parse(out.split('\n')[1]!))),
  );
  return { ready, stop: () => (child.stdin.end('stop\n'), result) };
}

const dir = mkdtempSync(join(tmpdir(), 'clientela-import-lock-'));
const file = join(dir, 'clientela.db');
const core = openCore(file);
const rows = Array.from(
  { length: ROWS },
  (_, i) =>
    `Pessoa ${i} da Silva;+55 11 9${String(10_000_000 + i)};pessoa${i}@exemplo.com.br;vip | atacado`,
);
const sheet = ['nome;telefone;email;tags', ...rows].join('\r\n');
console.log(
  `CSV import of ${int(ROWS)} rows (${mb(Buffer.byteLength(sheet))}), ${file}; ` +
    `RSS before: ${mb(process.memoryUsage().rss)}`,
);

for (const run of ['new people', 'the same sheet again']) {
  const probe = startProbe(file);
  await probe.ready;
  resetPeak();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const report = await importCustomersCsv(core, sheet);
  const wall = performance.now() - start;
  const used = cpuSince(cpu);
  const { longest, refused } = await probe.stop();
  console.log(
    `${run}: ${int(report.created)} created, ${int(report.updated)} updated; import ${int(Math.round(wall))} ms ` +
      `(CPU ${int(Math.round(used))} ms), another writer refused for up to ${int(Math.round(longest))} ms ` +
      `(${int(refused)} tries); peak RSS ${mb(peakRss())}`,
  );
}
core.close();
rmSync(dir, { recursive: true, force: true });
