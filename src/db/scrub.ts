/**
 * Making deleted rows unreadable, not only unlisted. SQLite leaves a deleted row's bytes where
 * they were (in the page's free space, on free pages, in the write-ahead log) until something
 * overwrites them; an erasure must overwrite them now. Three steps, each closing a gap the
 * others leave:
 *
 * - `secure_delete` on while the rows are deleted: their cells are zeroed as they go;
 * - VACUUM afterwards: copies of the same data written before (an older version of a row an
 *   update moved, pages freed by earlier deletes, while `secure_delete` was off) are left behind
 *   when the file is rebuilt from the live rows only;
 * - a TRUNCATE checkpoint: the write-ahead log, which holds earlier versions of the pages, is
 *   copied back and emptied to zero bytes.
 */
import type { WritableDB } from './access';

/** Runs `work` with deleted content overwritten by zeros, as the connection had it after. */
export function withSecureDelete<T>(db: WritableDB, work: () => T): T {
  const before = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    return work();
  } finally {
    db.pragma(`secure_delete = ${before}`);
  }
}

/** How many times a checkpoint is tried while another connection still reads an old snapshot. */
const CHECKPOINT_TRIES = 5;

/**
 * Rebuilds the file from its live rows and empties the write-ahead log. Returns whether the log
 * was emptied: a reader holding an old snapshot (an export running on its own connection) keeps
 * its pages there until it finishes, and the next checkpoint then removes them.
 */
export function scrubFreedPages(db: WritableDB): { walEmptied: boolean } {
  // VACUUM builds the new file in a temporary database; in memory (the app's temp_store) that
  // would be a copy of the whole file in RAM, so a temporary file, deleted after, holds it.
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  db.pragma('temp_store = FILE');
  try {
    db.exec('VACUUM');
  } finally {
    db.pragma(`temp_store = ${tempStore}`);
  }
  for (let attempt = 0; attempt < CHECKPOINT_TRIES; attempt++) {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result?.busy === 0) return { walEmptied: true };
  }
  return { walEmptied: false };
}
