/**
 * The last backup and the last failure, in a small file beside the database
 * (`backup-status.json`): not in the database, so a restore does not take it back in time, and
 * readable when the backup folder is a drive that is not plugged in.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { BackupSet, BackupStatus } from '../api/types';

const Recorded = z.object({
  last: z.object({ path: z.string(), at: z.string(), bytes: z.number() }).nullable(),
  failure: z.object({ at: z.string(), reason: z.string() }).nullable(),
});
export type Recorded = z.infer<typeof Recorded>;

const NOTHING: Recorded = { last: null, failure: null };

/** A backup older than this is warned about in Settings. */
export const STALE_AFTER_MS = 2 * 24 * 3_600_000;

export const statusFileFor = (dbFile: string) => join(dirname(dbFile), 'backup-status.json');

/** What was recorded beside `dbFile`; nothing when no backup was ever attempted. */
export function readRecorded(dbFile: string): Recorded {
  try {
    const parsed = Recorded.safeParse(JSON.parse(readFileSync(statusFileFor(dbFile), 'utf8')));
    return parsed.success ? parsed.data : NOTHING;
  } catch {
    return NOTHING;
  }
}

function write(dbFile: string, recorded: Recorded): void {
  const file = statusFileFor(dbFile);
  const temporary = `${file}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify(recorded), { mode: 0o600 });
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Records a backup that succeeded: the warning about an earlier failure ends. */
export const recordSuccess = (dbFile: string, set: BackupSet) =>
  write(dbFile, { last: set, failure: null });

/** Records a failed attempt with its reason; the last good backup stays recorded. */
export const recordFailure = (dbFile: string, at: Date, reason: string) =>
  write(dbFile, { ...readRecorded(dbFile), failure: { at: at.toISOString(), reason } });

/** What Settings warns about, at the moment `now`. */
export function warningOf(recorded: Recorded, now: number): BackupStatus['warning'] {
  if (recorded.failure) return 'failed';
  if (!recorded.last) return 'never';
  return now - Date.parse(recorded.last.at) > STALE_AFTER_MS ? 'old' : null;
}
