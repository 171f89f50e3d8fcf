/**
 * EXPLAIN QUERY PLAN for exactly the statements the core runs: a recording connection logs every
 * SQL text and its parameters as the core's own code executes them, and each is then explained
 * with the same parameters.
 */
import type { Database } from 'better-sqlite3';

export interface Executed {
  sql: string;
  params: unknown[];
}

const EXECUTE = new Set<PropertyKey>(['all', 'get', 'iterate', 'run']);

function forward<T extends object>(target: T, prop: PropertyKey): unknown {
  const value: unknown = Reflect.get(target, prop, target);
  return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
}

/** A view of `db` (a writer or a reader) whose prepared statements append what they execute to `log`. */
export function recording<Db extends { prepare(source: string): object }>(
  db: Db,
): { db: Db; log: Executed[] } {
  const log: Executed[] = [];
  const watch = (statement: object, sql: string) =>
    new Proxy(statement, {
      get(target, prop) {
        const value = forward(target, prop);
        if (!EXECUTE.has(prop)) return value;
        return (...params: unknown[]) => {
          log.push({ sql, params });
          return (value as (...a: unknown[]) => unknown)(...params);
        };
      },
    });
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => watch(target.prepare(sql), sql);
      return forward(target, prop);
    },
  });
  return { db: proxy, log };
}

interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

/** The query plan of one executed statement, one line per step, indented under its parent. */
export function explain(db: Database, executed: Executed): string[] {
  const rows = db
    .prepare(`EXPLAIN QUERY PLAN ${executed.sql}`)
    .all(...executed.params) as PlanRow[];
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((row) => {
    const d = (depth.get(row.parent) ?? -1) + 1;
    depth.set(row.id, d);
    return `${'  '.repeat(d)}${row.detail}`;
  });
}

/** The indexes a plan names ("USING INDEX x", "USING COVERING INDEX x", FTS5, rowid lookups). */
export function indexesOf(plan: string[]): string[] {
  const found = new Set<string>();
  for (const line of plan) {
    for (const m of line.matchAll(/USING (?:COVERING )?INDEX (\w+)/g)) found.add(m[1]!);
    if (/SCAN customers_fts VIRTUAL TABLE/.test(line)) found.add('customers_fts (FTS5)');
    if (/USING INTEGER PRIMARY KEY/.test(line)) found.add('rowid');
    if (/^\s*SCAN \w+( AS \w+)?$/.test(line) && !/USING/.test(line)) found.add('full table scan');
  }
  return [...found];
}

/** SQL on one line, whitespace squeezed, for the report. */
export const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/** The tail of a customer-list query (FROM customers c WHERE … ORDER BY …), or short SQL whole. */
export function sqlTail(sql: string): string {
  const from = sql.lastIndexOf(' FROM customers c ');
  return from > 0 ? `SELECT … ${sql.slice(from + 1)}` : sql;
}

/** What a helper statement is for, when it is not the measure's own page query. */
export function helperTitle(sql: string): string | null {
  if (/FROM identities WHERE customer_id IN \(SELECT value FROM json_each/.test(sql))
    return 'Every list page: the identities of its rows';
  if (/FROM customer_tags ct JOIN tags t .* json_each/.test(sql))
    return 'Every list page: the tags of its rows';
  if (/SELECT count\(\*\) AS n FROM \(SELECT rowid FROM customers_fts/.test(sql))
    return 'Every search: are there many matches? (counts up to a limit)';
  return null;
}
