/**
 * `npm run bench`: builds 1,000,000 customers and 3,000,000 messages, then measures each figure
 * beside its reference, prints them and writes docs/performance.md. Not part of `npm test`.
 */
import BetterSqlite3 from 'better-sqlite3';
import { buildSync } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { CustomerSort } from '../src/api/contract';
import { openCore } from '../src/core';
import { EXPORT_COLUMNS } from '../src/customers/csv-export';
import { applyPragmas } from '../src/db/open';
import { InboundEventSchema } from '../src/inbox/inbound-event';
import { dataset, NOW } from './dataset';
import { mb, ms, perSecond, time } from './measure';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const PER_PERSON = 3;
const BATCH = 10_000;
const ZONE = 'America/Sao_Paulo';
const dir = join('bench', '.data');
const dbFile = join(dir, 'bench.db');
const bareFile = join(dir, 'bare.db');

interface Row {
  measure: string;
  figure: string;
  reference: string;
  target: string;
  met: boolean | null;
}
const rows: Row[] = [];
const notes: string[] = [];
const report = (row: Row) => {
  rows.push(row);
  const mark = row.met === null ? '' : row.met ? '  ✓' : '  ✗ MISSED';
  console.log(
    `${row.measure}: ${row.figure}  (reference: ${row.reference}; target: ${row.target})${mark}`,
  );
};

function fresh(file: string) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

mkdirSync(dir, { recursive: true });
fresh(dbFile);
fresh(bareFile);
const events = PEOPLE * PER_PERSON;
console.log(
  `Clientela bench: ${PEOPLE.toLocaleString('en')} people, ${events.toLocaleString('en')} messages, batches of ${BATCH}`,
);

// 1. Ingest, against the bare insert of the same message rows into one table with the same unique index.
const core = openCore(dbFile, { now: () => NOW });
core.settings.update({ timeZone: ZONE, language: 'pt-BR' });
let ingestMillis = 0;
for (const batch of dataset(PEOPLE, PER_PERSON, BATCH)) {
  const start = performance.now();
  core.inbox.ingestBatch(batch);
  ingestMillis += performance.now() - start;
}
const bare = new BetterSqlite3(bareFile);
applyPragmas(bare);
bare.exec(`CREATE TABLE messages (id INTEGER PRIMARY KEY, channel TEXT NOT NULL, account TEXT NOT NULL,
  external_id TEXT, direction TEXT NOT NULL, text TEXT NOT NULL, timestamp INTEGER NOT NULL);
  CREATE UNIQUE INDEX messages_channel_account_external ON messages (channel, account, external_id);`);
const insert = bare.prepare(
  'INSERT INTO messages (channel, account, external_id, direction, text, timestamp) VALUES (?, ?, ?, ?, ?, ?)',
);
const insertAll = bare.transaction(
  (batch: ReturnType<typeof dataset> extends Generator<infer B> ? B : never) => {
    for (const e of batch)
      insert.run(e.channel, e.account, e.messageId, e.direction, e.text, Date.parse(e.timestamp));
  },
);
let bareMillis = 0;
for (const batch of dataset(PEOPLE, PER_PERSON, BATCH)) {
  const start = performance.now();
  insertAll(batch);
  bareMillis += performance.now() - start;
}
bare.close();
const ingestRate = perSecond(events, ingestMillis);
const bareRate = perSecond(events, bareMillis);
report({
  measure: 'Batch ingest (events/s)',
  figure: ingestRate.toLocaleString('en'),
  reference: `bare insert ${bareRate.toLocaleString('en')}/s; ratio ${(ingestRate / bareRate).toFixed(2)}`,
  target: '≥ 50,000/s and ≥ 0.3 of bare',
  met: ingestRate >= 50_000 && ingestRate / bareRate >= 0.3,
});
let validated = 0;
const validationStart = performance.now();
for (const batch of dataset(Math.min(PEOPLE, 100_000), PER_PERSON, BATCH)) {
  for (const e of batch) InboundEventSchema.parse(e);
  validated += batch.length;
}
report({
  measure: 'Validating InboundEvents with zod (events/s)',
  figure: perSecond(validated, performance.now() - validationStart).toLocaleString('en'),
  reference: 'done once at the boundary (CLI, connectors), before ingest',
  target: '—',
  met: null,
});

// 2. Stats, against a naive full scan.
const stats = time(() => core.customers.stats.stats(NOW, ZONE), 50);
const naive = time(() => {
  let month = 0;
  let week = 0;
  const monthStart = Date.parse('2026-11-01T03:00:00.000Z');
  for (const c of core.db
    .prepare('SELECT first_contact_at AS f, last_seen_at AS l FROM customers')
    .iterate() as Iterable<{ f: number | null; l: number | null }>) {
    if (c.f !== null && c.f >= monthStart) month++;
    if (c.l !== null && c.l >= NOW - 7 * 86_400_000) week++;
  }
  return [month, week];
}, 5);
report({
  measure: 'Stats (median)',
  figure: `${ms(stats.median)} (p95 ${ms(stats.p95)})`,
  reference: `naive full scan ${ms(naive.median)}`,
  target: '< 5 ms',
  met: stats.median < 5,
});
console.log('   ', JSON.stringify(core.customers.stats.stats(NOW, ZONE)));

// 3. First page in every sort, and prefix searches.
const list = (request: Record<string, unknown>) => () =>
  core.customers.list.list({ sort: 'lastSeen', limit: 50, ...request } as never, ZONE);
for (const sort of ['lastSeen', 'firstContact', 'name'] as CustomerSort[]) {
  for (const order of ['desc', 'asc'] as const) {
    const t = time(list({ sort, order }));
    report({
      measure: `First page, ${sort} ${order}`,
      figure: ms(t.median),
      reference: `p95 ${ms(t.p95)}`,
      target: '< 20 ms',
      met: t.median < 20,
    });
  }
}
for (const search of [
  'mar',
  'maria sou',
  'conceicao',
  '99999',
  '(11) 98',
  'cliente12',
  'jose123',
]) {
  const t = time(list({ search }));
  const found = list({ search })().items.length;
  report({
    measure: `Prefix search "${search}" (${found} on page 1)`,
    figure: ms(t.median),
    reference: `p95 ${ms(t.p95)}`,
    target: '< 20 ms',
    met: t.median < 20,
  });
}
for (const [label, request] of [
  ['Filter channel=telegram, by last seen', { channel: 'telegram' }],
  ['Filter channel=sms, by name (unnamed people sort last)', { channel: 'sms', sort: 'name' }],
  ['Filter tag (none carry it), by last seen', { tag: 'vip' }],
] as const) {
  const t = time(list(request), 10);
  report({
    measure: label,
    figure: ms(t.median),
    reference: `p95 ${ms(t.p95)}`,
    target: 'not set',
    met: null,
  });
}
core.close();

// 4. CSV export of everyone, against the sqlite3 command line's own CSV of the same columns.
// Bundled and run by plain Node, as the shipped app runs it: no TypeScript loader in the figures.
const csvOut = join(dir, 'export.csv');
const childBundle = join(dir, 'export-child.mjs');
buildSync({
  entryPoints: [join('bench', 'export-child.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile: childBundle,
});
const child = spawnSync(
  process.execPath,
  [childBundle, dbFile, csvOut, join('src', 'db', 'migrations')],
  { encoding: 'utf8' },
);
if (child.status !== 0) throw new Error(`export failed: ${child.stderr}`);
const exported = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
  rows: number;
  millis: number;
  maxRss: number;
};
let cliMillis: number | null = null;
try {
  execFileSync('sqlite3', ['-version']);
  const sql = `SELECT ${EXPORT_COLUMNS} FROM customers c ORDER BY c.last_seen_at DESC, c.id DESC;`;
  const start = performance.now();
  execFileSync('sh', [
    '-c',
    `sqlite3 -csv -header "${dbFile}" "${sql.replace(/"/g, '\\"').replace(/\s+/g, ' ')}" > "${join(dir, 'sqlite3.csv')}"`,
  ]);
  cliMillis = performance.now() - start;
} catch (error) {
  notes.push(
    `The sqlite3 command line was not available (${(error as Error).message.split('\n')[0]}): no CLI reference.`,
  );
}
report({
  measure: `CSV export of ${exported.rows.toLocaleString('en')} customers`,
  figure: `${ms(exported.millis)}, peak ${mb(exported.maxRss)} (${mb(statSync(csvOut).size)} file)`,
  reference:
    cliMillis === null
      ? 'sqlite3 CLI missing'
      : `sqlite3 CLI ${ms(cliMillis)}; ratio ${(exported.millis / cliMillis).toFixed(2)}`,
  target: '≤ 2× sqlite3, peak < 200 MB',
  met: cliMillis !== null && exported.millis <= 2 * cliMillis && exported.maxRss < 200 * 1_048_576,
});
const peak = process.resourceUsage().maxRSS * 1024;
report({
  measure: 'Peak memory of the bench process',
  figure: mb(peak),
  reference: `database ${mb(statSync(dbFile).size)}`,
  target: '—',
  met: null,
});

// 5. docs/performance.md
const sqliteVersion = new BetterSqlite3(':memory:')
  .prepare('SELECT sqlite_version() AS v')
  .get() as { v: string };
const table = rows
  .map(
    (r) =>
      `| ${r.measure} | ${r.figure} | ${r.reference} | ${r.target} | ${r.met === null ? '' : r.met ? 'yes' : '**no**'} |`,
  )
  .join('\n');
writeFileSync(
  join('docs', 'performance.md'),
  `# Performance

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores
(${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, SQLite ${sqliteVersion.v} (better-sqlite3).
Data: ${PEOPLE.toLocaleString('en')} people and ${events.toLocaleString('en')} messages, built by
\`bench/dataset.ts\` (seeded, so every run is the same): 60% WhatsApp, 20% Telegram, 10% web chat,
10% SMS; people in order of first contact over three years, each person's messages in a burst.
Figures are single-run medians on a shared machine; expect ±20% between runs.

| Measure | Figure | Reference | Target | Met |
| --- | --- | --- | --- | --- |
${table}

${notes.map((n) => `- ${n}`).join('\n')}
`,
);
console.log('\nWritten to docs/performance.md');
