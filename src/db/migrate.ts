import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { defineMigrationFunctions } from '../customers/sql-functions';

/** One schema version: the SQL drizzle-kit generated for it, split into statements. */
export interface Migration {
  tag: string;
  statements: string[];
}

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

/**
 * Applies every pending migration in one transaction; the schema version is `user_version`.
 * Returns the versions before and after.
 */
export function migrate(db: Database, migrations: Migration[]): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > migrations.length) throw new NewerDatabaseError(from, migrations.length);
  if (from === migrations.length) return { from, to: from };
  defineMigrationFunctions(db);
  db.transaction(() => {
    for (const migration of migrations.slice(from)) {
      for (const statement of migration.statements) db.exec(statement);
    }
    db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
  return { from, to: migrations.length };
}
