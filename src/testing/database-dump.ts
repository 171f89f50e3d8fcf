/**
 * For tests that must show a database did not change (a refused input): every row of every
 * table, comparable with toEqual.
 */
import type { Database } from 'better-sqlite3';

/** Each table's rows in a fixed order. */
export type DatabaseDump = Record<string, Record<string, unknown>[]>;

/**
 * Dumps every table but the full-text index's own: those hold its b-tree, which SQLite may
 * rewrite with the same words inside (it is built from `customers.search_words`, dumped here).
 */
export function dumpDatabase(db: Database): DatabaseDump {
  const all = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name",
    )
    .all();
  const indexes = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  const tables = all.filter(
    (t) => !indexes.some((index) => t.name === index || t.name.startsWith(`${index}_`)),
  );
  const dump: DatabaseDump = {};
  for (const { name } of tables) {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    // Ordered by every column: the same rows give the same dump however they were written.
    const columns = db
      .prepare<[string], { cid: number }>('SELECT cid FROM pragma_table_info(?)')
      .all(name)
      .map((c) => c.cid + 1);
    dump[name] = db
      .prepare<[], Record<string, unknown>>(
        `SELECT * FROM ${quoted} ORDER BY ${columns.join(', ')}`,
      )
      .all();
  }
  return dump;
}
