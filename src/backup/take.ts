/**
 * Taking a backup: the database copied into a new folder of the backup folder, the pictures and
 * media beside it, then the oldest backups beyond the number to keep deleted. A backup is written
 * under a hidden name and given its own only when whole, so an interrupted one is never listed,
 * kept in place of a good one, or restored.
 */
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../api/errors';
import type { BackupSet } from '../api/types';
import { copyDatabaseOnline, type OnlineCopyOptions } from '../db/copy';
import type { MigrationAhead } from '../db/open';
import { texts } from '../i18n/texts';
import { ownerOnlyFolder } from '../shared/owner-only';
import { readSettings } from '../settings/store';
import {
  copyMedia,
  DATABASE_IN_SET,
  defaultBackupFolder,
  describeSet,
  newSetName,
  pruneSets,
} from './sets';
import { recordFailure, recordSuccess } from './status';

export interface BackupPlace {
  /** The folder backups go to. */
  folder: string;
  /** How many backups stay in it. */
  keep: number;
}

/** Where the settings say the backups of `dbFile` go. */
export const placeOf = (
  dbFile: string,
  settings: { backupFolder: string | null; backupKeep: number },
): BackupPlace => ({
  folder: settings.backupFolder ?? defaultBackupFolder(dbFile),
  keep: settings.backupKeep,
});

/** The system's errors a backup folder gives, by what they mean to the owner. */
const WHY: Record<string, keyof ReturnType<typeof texts>['backupWhy']> = {
  ENOSPC: 'noSpace',
  EDQUOT: 'noSpace',
  EACCES: 'denied',
  EPERM: 'denied',
  EROFS: 'denied',
  ENOENT: 'missing',
  ENOTDIR: 'notFolder',
  EEXIST: 'notFolder',
};

/** Why a backup failed, in a sentence naming the folder, in the app's language. */
function failure(folder: string, error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const known = WHY[(error as NodeJS.ErrnoException).code ?? ''];
  const why = known ? texts().backupWhy[known] : (error as Error).message;
  return new ApiError('conflict', texts().backupFolderUnusable(folder, why));
}

/** One backup being written: its hidden folder until it is whole. */
interface Writing {
  dbFile: string;
  place: BackupPlace;
  at: Date;
  name: string;
  partial: string;
  /** Where the database's copy goes. */
  dest: string;
}

function begin(dbFile: string, place: BackupPlace, at: Date): Writing {
  ownerOnlyFolder(place.folder);
  const name = newSetName(place.folder, at);
  const partial = join(place.folder, `.${name}.partial`);
  ownerOnlyFolder(partial);
  return { dbFile, place, at, name, partial, dest: join(partial, DATABASE_IN_SET) };
}

/** The database is copied: the media join it, it takes its name, the oldest beyond `keep` go. */
function finish(writing: Writing): BackupSet {
  copyMedia(writing.dbFile, writing.partial);
  const done = join(writing.place.folder, writing.name);
  renameSync(writing.partial, done);
  const set = describeSet(done);
  recordSuccess(writing.dbFile, set);
  pruneSets(writing.place.folder, writing.place.keep);
  return set;
}

/** Records a failure and cleans up what was written; returns the error to throw. */
function failed(
  dbFile: string,
  place: BackupPlace,
  at: Date,
  writing: Writing | null,
  error: unknown,
) {
  if (writing) rmSync(writing.partial, { recursive: true, force: true });
  const refused = failure(place.folder, error);
  recordFailure(dbFile, at, refused.message);
  return refused;
}

/**
 * Backs up `dbFile` into `place` while the app keeps working: SQLite's online backup in steps,
 * from a snapshot of its own connection (db/copy.ts); `onProgress` hears the pages copied. The
 * backup is recorded, and the oldest beyond `keep` deleted; a failure is recorded too, and thrown
 * as an ApiError naming the folder.
 */
export async function takeBackup(
  dbFile: string,
  place: BackupPlace,
  options: OnlineCopyOptions & { at: Date },
): Promise<BackupSet> {
  let writing: Writing | null = null;
  try {
    writing = begin(dbFile, place, options.at);
    await copyDatabaseOnline(dbFile, writing.dest, options);
    return finish(writing);
  } catch (error) {
    throw failed(dbFile, place, options.at, writing, error);
  }
}

/**
 * The backup taken before a database is migrated, at once (nothing else runs yet): where the
 * settings say, else beside the database (the chosen folder may be a drive not plugged in, and an
 * update must not wait for it). Should both fail, the migration does not run: the database stays
 * as it was, and the version that wrote it still opens it.
 */
export function backupBeforeMigration(dbFile: string, ahead: MigrationAhead, at: Date): BackupSet {
  const place = placeOf(dbFile, readSettings(ahead.db));
  try {
    return copyNow(dbFile, place, at, ahead);
  } catch (error) {
    const beside = defaultBackupFolder(dbFile);
    if (place.folder === beside) throw error;
    return copyNow(dbFile, { ...place, folder: beside }, at, ahead);
  }
}

function copyNow(dbFile: string, place: BackupPlace, at: Date, ahead: MigrationAhead): BackupSet {
  let writing: Writing | null = null;
  try {
    writing = begin(dbFile, place, at);
    ahead.copyTo(writing.dest);
    return finish(writing);
  } catch (error) {
    throw failed(dbFile, place, at, writing, error);
  }
}
