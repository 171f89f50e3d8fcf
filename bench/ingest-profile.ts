/**
 * Where ingest time goes, statement by statement: the same data set through the core's inbox on
 * a connection whose prepared statements time each run/get/all, and the transaction's own work
 * (BEGIN/COMMIT, deferred foreign-key checks) apart from them. The rest is JavaScript.
 *
 *   npx tsx bench/ingest-profile.ts              # 1M people (~4 min), into bench/.data/profile.db
 *   BENCH_PEOPLE=200000 npx tsx bench/ingest-profile.ts
 *   PROFILE_TIMED=0 node --cpu-prof --import tsx bench/ingest-profile.ts   # plain, for a CPU profile
 *   PROFILE_VARIANT=fts-plain,no-checkpoint npx tsx bench/ingest-profile.ts   # what-ifs, see VARIANTS
 *   BENCH_BATCH=50000 npx tsx bench/ingest-profile.ts   # events per ingestBatch (10,000)
 *
 * The timers add ~0.1 µs per statement call; figures are for finding hot spots, not for the table.
 */
import type { Database, Statement } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { customerSqlFunctions } from '../src/customers/sql-functions';
import { openDatabase, type WritableDB } from '../src/db/open';
import { createEventBus } from '../src/events/event-bus';
import { createInbox } from '../src/inbox/ingest';
import { createSettingsStore } from '../src/settings/store';
import { removeDatabase } from './bare';
import { dataset, NOW } from './dataset';
import { int, ms, perSecond } from './measure';
import { oneLine } from './plans';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 10_000);
const TIMED = process.env.PROFILE_TIMED !== '0';
const FILE = join('bench', '.data', 'profile.db');

/**
 * What-if changes to the schema or pragmas, applied after the migrations, to see what a change
 * in src/ would buy without making it there. Combine with commas.
 */
const VARIANTS: Record<string, (db: Database) => void> = {
  /** The search index as a plain table: what FTS5 costs. */
  'fts-plain': (db) =>
    db.exec(
      'DROP TABLE customers_fts; CREATE TABLE customers_fts (rowid INTEGER PRIMARY KEY, body TEXT)',
    ),
  /** FTS5 without the prefix indexes (each token is then written once instead of three times). */
  'fts-no-prefix': (db) =>
    db.exec(`DROP TABLE customers_fts;
      CREATE VIRTUAL TABLE customers_fts USING fts5(body, content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2')`),
  /** FTS5 merging fewer, larger segments at a time. */
  'fts-automerge-16': (db) =>
    db.exec("INSERT INTO customers_fts (customers_fts, rank) VALUES ('automerge', 16)"),
  /** No WAL checkpoints during the run (one at the end, counted). */
  'no-checkpoint': (db) => db.pragma('wal_autocheckpoint = 0'),
  /** A bigger page cache (256 MB instead of 64 MB). */
  'cache-256': (db) => db.pragma('cache_size = -262144'),
  /** Foreign keys not enforced while ingesting (the inbox writes only ids it allocated). */
  'fk-off': (db) => db.pragma('foreign_keys = OFF'),
  /** Smaller or larger pages: fewer bytes per page dirtied by a random index insert. */
  'page-1024': (db) => pageSize(db, 1024),
  'page-2048': (db) => pageSize(db, 2048),
  'page-8192': (db) => pageSize(db, 8192),
  /** No name-sort index: what one random index costs per person. */
  'no-sort-name': (db) => db.exec('DROP INDEX customers_sort_name'),
};
/** A new database file can still change its page size: VACUUM rewrites it, outside WAL mode. */
function pageSize(db: Database, bytes: number) {
  db.pragma('journal_mode = DELETE');
  db.pragma(`page_size = ${bytes}`);
  db.exec('VACUUM');
  db.pragma('journal_mode = WAL');
}
const variants = (process.env.PROFILE_VARIANT ?? '').split(',').filter(Boolean);

interface Spent {
  calls: number;
  millis: number;
}
const bySql = new Map<string, Spent>();
let insideTransaction = 0;

function timed(db: WritableDB): WritableDB {
  const watch = (statement: Statement, sql: string) => {
    const spent = bySql.get(sql) ?? { calls: 0, millis: 0 };
    bySql.set(sql, spent);
    return new Proxy(statement, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        const fn = (value as (...a: unknown[]) => unknown).bind(target);
        if (prop !== 'run' && prop !== 'get' && prop !== 'all') return fn;
        return (...params: unknown[]) => {
          const start = performance.now();
          try {
            return fn(...params);
          } finally {
            spent.calls++;
            spent.millis += performance.now() - start;
          }
        };
      },
    });
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => watch(target.prepare(sql), sql);
      if (prop === 'transaction')
        return (fn: (...a: unknown[]) => unknown) =>
          target.transaction((...args: unknown[]) => {
            const start = performance.now();
            try {
              return fn(...args);
            } finally {
              insideTransaction += performance.now() - start;
            }
          });
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

mkdirSync(dirname(FILE), { recursive: true });
removeDatabase(FILE);
const raw = openDatabase(FILE, customerSqlFunctions);
for (const name of variants) {
  const apply = VARIANTS[name];
  if (!apply)
    throw new Error(`unknown variant ${name}; known: ${Object.keys(VARIANTS).join(', ')}`);
  apply(raw);
}
const db = TIMED ? timed(raw) : raw;
const settings = createSettingsStore(db);
const inbox = createInbox(db, { settings, bus: createEventBus(), now: () => NOW });

let total = 0;
let events = 0;
const perBatch: { millis: number; commit: number }[] = [];
for (const batch of dataset({ people: PEOPLE, batchSize: BATCH })) {
  const inside = insideTransaction;
  const start = performance.now();
  inbox.ingestBatch(batch, {});
  const millis = performance.now() - start;
  perBatch.push({ millis, commit: millis - (insideTransaction - inside) });
  total += millis;
  events += batch.length;
}
const closing = performance.now();
raw.pragma('wal_checkpoint(TRUNCATE)');
total += performance.now() - closing;
raw.close();

console.log(
  `${int(events)} events in ${ms(total)}: ${int(perSecond(events, total))} events/s` +
    (variants.length ? ` (variant: ${variants.join(', ')})` : ''),
);
const tenth = Math.max(1, Math.floor(perBatch.length / 10));
for (const [label, slice] of [
  ['first', perBatch.slice(0, tenth)],
  ['last', perBatch.slice(-tenth)],
] as const) {
  const sum = (f: (b: { millis: number; commit: number }) => number) =>
    slice.reduce((a, b) => a + f(b), 0) / slice.length;
  console.log(
    `  ${label} tenth of the batches: ${ms(sum((b) => b.millis))} a batch` +
      (TIMED ? `, of which commit ${ms(sum((b) => b.commit))}` : ''),
  );
}
if (TIMED) {
  const statements = [...bySql.entries()].filter(([, s]) => s.calls > 0);
  const inStatements = statements.reduce((sum, [, s]) => sum + s.millis, 0);
  const rows = [
    ...statements.map(([sql, s]) => ({ what: oneLine(sql).slice(0, 110), ...s })),
    { what: '(BEGIN/COMMIT, deferred FK checks)', calls: 0, millis: total - insideTransaction },
    {
      what: '(JavaScript inside the transaction)',
      calls: 0,
      millis: insideTransaction - inStatements,
    },
  ].sort((a, b) => b.millis - a.millis);
  for (const r of rows) {
    const share = ((100 * r.millis) / total).toFixed(1).padStart(5);
    const per = r.calls ? `${((r.millis * 1000) / r.calls).toFixed(1)} µs × ${int(r.calls)}` : '';
    console.log(`${share}%  ${ms(r.millis).padStart(10)}  ${per.padEnd(22)} ${r.what}`);
  }
}
