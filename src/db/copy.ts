/**
 * Copies of a database file: taken while the app keeps working (SQLite's online backup, in steps),
 * taken at once before a migration, and checked before a copy replaces the database.
 */
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** Pages copied per step: about 4 MB, a few milliseconds of the main thread (docs/performance.md). */
export const PAGES_PER_STEP = 1024;

export interface OnlineCopyOptions {
  nativeBinding?: string;
  pagesPerStep?: number;
  /** Called after each step with the pages copied so far and the total. */
  onProgress?(done: number, total: number): void;
}

/** An empty file only the owner can read: SQLite writes a copy into it with the file's mode. */
function ownerOnlyFile(file: string): void {
  closeSync(openSync(file, 'wx', 0o600));
}

/**
 * Copies the database `source` into the new file `dest` with SQLite's online backup API, a few
 * pages per step, the event loop free between steps. The copy is one snapshot: a read transaction
 * of its own connection is held from start to end, so writes by the app meanwhile (WAL lets them
 * go on) neither tear the copy nor restart it, as they would restart a backup that watches the
 * file change between steps.
 */
export async function copyDatabaseOnline(
  source: string,
  dest: string,
  options: OnlineCopyOptions = {},
): Promise<{ pages: number }> {
  const pagesPerStep = options.pagesPerStep ?? PAGES_PER_STEP;
  ownerOnlyFile(dest);
  const db = new BetterSqlite3(source, {
    readonly: true,
    fileMustExist: true,
    nativeBinding: options.nativeBinding,
  });
  try {
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN');
    // A transaction starts reading at its first statement: this one fixes the snapshot.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    const result = await db.backup(dest, {
      progress({ totalPages, remainingPages }) {
        options.onProgress?.(totalPages - remainingPages, totalPages);
        return pagesPerStep;
      },
    });
    db.exec('COMMIT');
    options.onProgress?.(result.totalPages, result.totalPages);
    return { pages: result.totalPages };
  } finally {
    db.close();
  }
}

/**
 * Writes a compact copy of an open database into the new file `dest`, at once: before a
 * migration, when nothing else runs yet and a step-wise copy would gain nothing.
 */
export function copyDatabaseNow(db: Database, dest: string): void {
  ownerOnlyFile(dest);
  db.prepare('VACUUM INTO ?').run(dest);
}

/** Why a copy cannot replace the database. */
export type CopyProblem =
  | { kind: 'notSqlite' }
  | { kind: 'damaged'; detail: string }
  | { kind: 'notClientela' }
  | { kind: 'newer'; version: number; known: number };

/** A copy was refused before it replaced anything. */
export class UnusableCopyError extends Error {
  constructor(readonly problem: CopyProblem) {
    super(`unusable database copy: ${problem.kind}`);
    this.name = 'UnusableCopyError';
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The first bytes of a file, as many as there are up to `length`. */
function head(file: string, length: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const bytes = Buffer.alloc(length);
    return bytes.subarray(0, readSync(fd, bytes, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

/** The page size a database header declares (1 means 65536). */
const pageSizeOf = (header: Buffer) => {
  const raw = header.readUInt16BE(16);
  return raw === 1 ? 65_536 : raw;
};

/**
 * Checks a database copy that nothing else has open: an SQLite file whole to its last page,
 * `PRAGMA integrity_check` clean, a Clientela schema no newer than the `known` version. Returns
 * its schema version; throws UnusableCopyError saying what is wrong.
 */
export function checkDatabaseCopy(
  file: string,
  known: number,
  options: { nativeBinding?: string } = {},
): { version: number } {
  const header = head(file, 100);
  if (header.length < 100 || !header.subarray(0, 16).equals(SQLITE_HEADER))
    throw new UnusableCopyError({ kind: 'notSqlite' });
  const pageSize = pageSizeOf(header);
  const pages = header.readUInt32BE(28);
  // The header's page count holds when written by SQLite 3.7 or later (its two counters agree).
  const counted = header.readUInt32BE(92) === header.readUInt32BE(24);
  // A file cut short (a copy interrupted, a full disk) holds fewer pages than its header counts.
  if (counted && statSync(file).size < pageSize * pages)
    throw new UnusableCopyError({ kind: 'damaged', detail: 'truncated' });
  let db: Database;
  try {
    db = new BetterSqlite3(file, { fileMustExist: true, nativeBinding: options.nativeBinding });
  } catch (error) {
    throw new UnusableCopyError({ kind: 'damaged', detail: (error as Error).message });
  }
  try {
    const problems = readProblems(db);
    if (problems) throw new UnusableCopyError({ kind: 'damaged', detail: problems });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > known) throw new UnusableCopyError({ kind: 'newer', version, known });
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'")
      .all()
      .map((row) => row.name);
    if (version === 0 || !['customers', 'messages', 'settings'].every((t) => tables.includes(t)))
      throw new UnusableCopyError({ kind: 'notClientela' });
    return { version };
  } finally {
    db.close();
  }
}

/** What `integrity_check` finds, in a line; null when the file is whole. */
function readProblems(db: Database): string | null {
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const found = rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
    return found.length === 0 ? null : found.slice(0, 3).join('; ');
  } catch (error) {
    // A header or first page too damaged to read at all (SQLITE_CORRUPT, SQLITE_NOTADB).
    return (error as Error).message;
  }
}
