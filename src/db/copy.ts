/**
 * Copies of a database file: taken while the app keeps working (SQLite's online backup, in steps),
 * taken at once before a migration, and checked before a copy replaces the database.
 */
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Pages copied per step: 4 MB, so progress moves about every percent of a 400 MB database. */
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
 * The copy runs on a thread of its own: each step reads and writes megabytes, and SQLite syncs
 * the whole copy to disk in the last one (a second and more for a gigabyte); on the main thread
 * that held every request for as long (docs/performance.md). Plain CommonJS given as text, so it
 * runs the same under Node, tsx and Electron's bundle, with the better-sqlite3 the main thread
 * resolved (`module`).
 */
const WORKER = `
const { parentPort, workerData: w } = require('node:worker_threads');
// Linux keeps a nice value per thread (setpriority(2), BUGS): this thread alone yields the CPU to
// the app's. Elsewhere the call would lower the whole app, so it is not made there.
if (process.platform === 'linux') require('node:os').setPriority(15);
const Database = require(w.module);
const db = new Database(w.source, { readonly: true, fileMustExist: true, nativeBinding: w.nativeBinding });
db.pragma('busy_timeout = 5000');
db.exec('BEGIN');
db.prepare('SELECT count(*) FROM sqlite_schema').get();
db.backup(w.dest, {
  progress: (p) => (parentPort.postMessage({ done: p.totalPages - p.remainingPages, total: p.totalPages }), w.pagesPerStep),
}).then(
  (p) => { db.exec('COMMIT'); db.close(); parentPort.postMessage({ finished: p.totalPages }); },
  (error) => { db.close(); throw error; },
);
`;

const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Copies the database `source` into the new file `dest` with SQLite's online backup API, in
 * steps, on a worker thread (see WORKER): the app's thread stays free. The copy is one snapshot:
 * a read transaction of its own connection is held from start to end, so writes by the app
 * meanwhile (WAL lets them go on) neither tear the copy nor restart it, as they would restart a
 * backup that watches the file change between steps.
 */
export function copyDatabaseOnline(
  source: string,
  dest: string,
  options: OnlineCopyOptions = {},
): Promise<{ pages: number }> {
  ownerOnlyFile(dest);
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      module: betterSqlite3,
      source,
      dest,
      nativeBinding: options.nativeBinding,
      pagesPerStep: options.pagesPerStep ?? PAGES_PER_STEP,
    },
  });
  return new Promise((resolve, reject) => {
    let started = false;
    let pages: number | null = null;
    worker.on('message', (message: { done: number; total: number } | { finished: number }) => {
      started = true;
      if ('finished' in message) {
        pages = message.finished;
        options.onProgress?.(pages, pages);
      } else options.onProgress?.(message.done, message.total);
    });
    // A worker that cannot even start (a runtime that refuses the module in a thread) leaves the
    // copy to this thread: a backup that holds the app now and then beats none.
    worker.on('error', (error) =>
      started ? reject(error) : copyOnThisThread(source, dest, options).then(resolve, reject),
    );
    worker.on('exit', (code) => {
      if (pages !== null) resolve({ pages });
      else if (code !== 1) reject(new Error(`the backup stopped (exit code ${code})`));
    });
  });
}

/** The same copy on the calling thread, each step holding it (see WORKER). */
async function copyOnThisThread(
  source: string,
  dest: string,
  options: OnlineCopyOptions,
): Promise<{ pages: number }> {
  const db = new BetterSqlite3(source, {
    readonly: true,
    fileMustExist: true,
    nativeBinding: options.nativeBinding,
  });
  try {
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    const result = await db.backup(dest, {
      progress({ totalPages, remainingPages }) {
        options.onProgress?.(totalPages - remainingPages, totalPages);
        return options.pagesPerStep ?? PAGES_PER_STEP;
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
