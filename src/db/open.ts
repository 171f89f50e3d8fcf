import BetterSqlite3, { type Database } from 'better-sqlite3';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tighten } from '../shared/owner-only';
import { readOnly, writableDB, type ReaderConnection, type WritableDB } from './access';
import { copyDatabaseNow } from './copy';
import { migrate, readMigrations, type MigrationFunctions } from './migrate';

import type { ReadableDB } from './access';

export type { ReadableDB, ReaderConnection, WritableDB } from './access';

export interface OpenOptions {
  /** Path to a better-sqlite3 binary built for this runtime (Electron ships its own). */
  nativeBinding?: string;
  /** Folder of drizzle-kit migrations; defaults to the one beside this module. */
  migrationsFolder?: string;
  /** Runs before a database with data is migrated: the backup taken then. */
  beforeMigration?: (ahead: MigrationAhead) => void;
}

/** A database about to be migrated, as the code that backs it up first sees it. */
export interface MigrationAhead {
  from: number;
  to: number;
  db: ReadableDB;
  /** Writes a copy of the database, as it is, into the new file `dest`. */
  copyTo(dest: string): void;
}

/** The schema version of an open database: the number of migrations applied to it. */
export const schemaVersion = (db: ReadableDB): number =>
  db.prepare<[], { user_version: number }>('PRAGMA user_version').get()!.user_version;

const defaultMigrationsFolder = () => fileURLToPath(new URL('./migrations', import.meta.url));

/** The migrations this version of Clientela knows: their count is the newest schema version. */
export const knownMigrations = (options: Pick<OpenOptions, 'migrationsFolder'> = {}) =>
  readMigrations(options.migrationsFolder ?? defaultMigrationsFolder());

/** The connection settings every Clientela database runs with. */
export function applyPragmas(db: Database): void {
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the
  // last transactions, never corrupt the file.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  // Checkpoint every ~160 MB of WAL (SQLite: 4 MB): a bulk import rewrites the same index pages
  // batch after batch, and each checkpoint copies a page back once however often it was written.
  // A backfill batch of 10,000 events writes ~16,000 pages (~65 MB) at 300,000 customers, so this
  // checkpoints every two or three batches instead of after each (see docs/performance.md).
  db.pragma('wal_autocheckpoint = 40000');
  db.pragma('temp_store = MEMORY');
}

/**
 * A second, read-only connection to the same file, for long reads (exports): inside its
 * `snapshot` it sees one consistent database however long it takes, while the main connection
 * keeps writing. Its page cache is small because such reads scan once and move on.
 */
export function openReader(
  file: string,
  options: Pick<OpenOptions, 'nativeBinding'> = {},
): ReaderConnection {
  const db = new BetterSqlite3(file, { readonly: true, nativeBinding: options.nativeBinding });
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -8192');
  return Object.assign(readOnly(db), {
    async snapshot<T>(read: () => Promise<T>): Promise<T> {
      db.exec('BEGIN');
      try {
        return await read();
      } finally {
        if (db.inTransaction) db.exec('COMMIT');
      }
    },
    close: () => void db.close(),
  });
}

/**
 * Makes the database readable by its owner only before SQLite opens it. SQLite creates the -wal,
 * -shm and -journal files with the database file's own mode, so creating that file 0600 (an empty
 * file is an empty database) is what keeps them private too; files an older version left 0644
 * are tightened.
 */
function ownerOnlyDatabase(file: string): void {
  if (file === '' || file === ':memory:') return;
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  for (const suffix of ['', '-wal', '-shm', '-journal']) tighten(`${file}${suffix}`);
}

/**
 * Opens (creating if needed) a Clientela database file, sets its pragmas and migrates it, with
 * the SQL functions its migrations call.
 */
export function openDatabase(
  file: string,
  functions: MigrationFunctions,
  options: OpenOptions = {},
): WritableDB {
  ownerOnlyDatabase(file);
  const db = new BetterSqlite3(file, { nativeBinding: options.nativeBinding });
  try {
    applyPragmas(db);
    const before = options.beforeMigration;
    migrate(
      db,
      knownMigrations(options),
      functions,
      before &&
        ((raw, change) =>
          before({ ...change, db: readOnly(raw), copyTo: (d) => copyDatabaseNow(raw, d) })),
    );
    return writableDB(db);
  } catch (error) {
    db.close();
    throw error;
  }
}
