/**
 * For tests that must show a database did not change (a refused input, an attack) or ended as
 * another one did (a crashed import resumed, against a clean one): every row of every table,
 * comparable with toEqual, and a short account of where two dumps differ.
 */
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

/** Each table's rows in a fixed order; blobs as hex strings. */
export type DatabaseDump = Record<string, Record<string, unknown>[]>;

export interface DumpOptions {
  /** Columns left out of every table: those stamped with the clock at write time. */
  ignoreColumns?: readonly string[];
  /**
   * Also the full-text index's own tables, its b-tree. Left out by default: SQLite may rewrite it
   * with the same words inside, and it is built from `customers.search_words`, dumped anyway.
   * Asked for where the same writes must give the same bytes (a crash test against a clean run).
   */
  searchIndex?: boolean;
}

/** Columns that hold the clock at the time of writing rather than anything the data says. */
export const CLOCK_COLUMNS = ['created_at', 'updated_at'] as const;

/** Drawn at random once per database (`erasure_salt`), never changed: two files never share it. */
const RANDOM_COLUMNS = ['salt'];

/**
 * Dumps every table (the migration bookkeeping too) so that nothing written escapes the
 * comparison; a virtual table is read through the tables that hold its data.
 */
export function dumpDatabase(db: Database, options: DumpOptions = {}): DatabaseDump {
  const ignored = new Set([...(options.ignoreColumns ?? []), ...RANDOM_COLUMNS]);
  // Inside a transaction the full-text index holds its newest entries in memory until a commit
  // or a savepoint: opening one writes them out, so they are dumped too.
  if (options.searchIndex && db.inTransaction) db.exec('SAVEPOINT dump; RELEASE dump');
  const all = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name",
    )
    .all();
  const indexes = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  const tables = all.filter(
    (t) =>
      !indexes.some(
        (index) => t.name === index || (!options.searchIndex && t.name.startsWith(`${index}_`)),
      ),
  );
  const dump: DatabaseDump = {};
  for (const { name } of tables) {
    const columns = db
      .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
      .all(name)
      .map((c) => c.name)
      .filter((c) => !ignored.has(c));
    if (columns.length === 0) continue;
    const list = columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ');
    // Ordered by every column: the same rows give the same dump however they were written.
    const rows = db
      .prepare<[], Record<string, unknown>>(
        `SELECT ${list} FROM "${name.replaceAll('"', '""')}" ORDER BY ${list}`,
      )
      .all();
    dump[name] = rows.map((row) => {
      for (const [key, value] of Object.entries(row))
        if (Buffer.isBuffer(value)) row[key] = `x'${value.toString('hex')}'`;
      return row;
    });
  }
  return dump;
}

/** The tables whose rows differ between two dumps, with their row counts: for failure messages. */
export function dumpDifference(before: DatabaseDump, after: DatabaseDump): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((name) => !isDeepStrictEqual(before[name], after[name]))
    .map((name) => `${name}: ${before[name]?.length ?? 0} rows -> ${after[name]?.length ?? 0}`);
}

/**
 * Opens the database file read-only for `read`: a reader cannot checkpoint the log a crash left
 * behind, so the next run of the app recovers from it by itself.
 */
export function readDatabase<T>(file: string, read: (db: Database) => T): T {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Dumps the database file `file` (see dumpDatabase) without writing to it. */
export const dumpFile = (file: string, options: DumpOptions = {}) =>
  readDatabase(file, (db) => dumpDatabase(db, options));

/**
 * What a crash may never leave behind, checked without touching the file (so the next run
 * recovers from its log by itself): the database's own integrity check and no row pointing
 * nowhere. Returns the messages stored, or null when the file was never created.
 */
export function crashedDatabase(
  file: string,
): { integrity: unknown; orphans: unknown[]; messages: number } | null {
  if (!existsSync(file)) return null;
  return readDatabase(file, (db) => {
    const hasMessages = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'messages'").get();
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      orphans: db.pragma('foreign_key_check') as unknown[],
      messages: hasMessages
        ? db.prepare<[], { n: number }>('SELECT count(*) AS n FROM messages').get()!.n
        : 0,
    };
  });
}
