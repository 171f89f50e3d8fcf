import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';

/** One schema version: the SQL drizzle-kit generated for it, split into statements. */
export interface Migration {
  tag: string;
  statements: string[];
}

/**
 * SQL functions the migrations call, by name: what only the app's own code can compute (a
 * customer's search words, say). db/ knows none of them; the core hands them in.
 */
export type MigrationFunctions = Readonly<Record<string, (...args: unknown[]) => unknown>>;

/** The database was written by a newer Clientela than this one; opening it could lose data. */
export class NewerDatabaseError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `This database was written by a newer version of Clientela (schema ${databaseVersion}; ` +
        `this version knows up to ${knownVersion}). Update Clientela to open it.`,
    );
    this.name = 'NewerDatabaseError';
  }
}

/** Reads drizzle-kit's journal and SQL files from a migrations folder, in order. */
export function readMigrations(folder: string): Migration[] {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map(({ tag }) => ({
      tag,
      statements: readFileSync(join(folder, `${tag}.sql`), 'utf8')
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    }));
}

/** Called once before an existing database is migrated (a backup is taken then). */
export type BeforeMigration = (db: Database, change: { from: number; to: number }) => void;

/**
 * Applies every pending migration in one transaction, with `functions` defined for their SQL; the
 * schema version is `user_version`. `before` runs first when a database with data is migrated.
 * Returns the versions before and after.
 */
export function migrate(
  db: Database,
  migrations: Migration[],
  functions: MigrationFunctions,
  before?: BeforeMigration,
): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > migrations.length) throw new NewerDatabaseError(from, migrations.length);
  if (from === migrations.length) return { from, to: from };
  if (from > 0) before?.(db, { from, to: migrations.length });
  for (const [name, fn] of Object.entries(functions))
    db.function(name, { deterministic: true }, fn);
  db.transaction(() => {
    for (const migration of migrations.slice(from)) {
      for (const statement of migration.statements) db.exec(statement);
    }
    db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
  return { from, to: migrations.length };
}
