/**
 * Restoring a backup, in two steps. `prepareRestore` copies the backup's database beside the
 * database and checks the copy (whole, `integrity_check` clean, a Clientela schema no newer than
 * this version's) while the app still runs on the database: a refused copy is deleted and nothing
 * else changes. `completeRestore`, with the database closed, renames the database (and its
 * pictures and media) aside, `clientela.before-restore-<time>.db`, and puts the checked copy and
 * the backup's pictures and media in their place.
 */
import {
  closeSync,
  copyFileSync,
  cpSync,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { ApiError } from '../api/errors';
import type { RestoreResult } from '../api/types';
import { checkDatabaseCopy, UnusableCopyError, type CopyProblem } from '../db/copy';
import { texts } from '../i18n/texts';
import { tighten, tightenTree } from '../shared/owner-only';
import { DATABASE_IN_SET, MEDIA_FOLDERS, stampOf } from './sets';

/** A backup copied beside the database and checked, ready to take its place. */
export interface PreparedRestore {
  dbFile: string;
  /** The checked copy, beside the database. */
  staging: string;
  /** The backup's folder, where its pictures and media are. */
  setFolder: string;
}

/** What is wrong with a copy, in the app's language. */
function reason(problem: CopyProblem): string {
  const t = texts();
  switch (problem.kind) {
    case 'notSqlite':
      return t.copyNotSqlite;
    case 'damaged':
      return t.copyDamaged(problem.detail);
    case 'notClientela':
      return t.copyNotClientela;
    case 'newer':
      return t.copyNewer(problem.version, problem.known);
  }
}

/** The backup's database: `from` is a backup's folder, or a database file. */
function databaseIn(from: string): string {
  const stat = statSync(from, { throwIfNoEntry: false });
  const file = stat?.isDirectory() ? join(from, DATABASE_IN_SET) : from;
  if (!statSync(file, { throwIfNoEntry: false })?.isFile())
    throw new ApiError('not_found', texts().backupNotFound(from));
  return file;
}

const removeDatabase = (file: string) => {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    rmSync(`${file}${suffix}`, { force: true });
};

/**
 * Copies the backup at `from` beside `dbFile` and checks it against the schema version this
 * Clientela knows (`known`). Throws a readable ApiError, having changed nothing, when the backup
 * is missing or the copy unusable.
 */
export function prepareRestore(
  dbFile: string,
  from: string,
  known: number,
  options: { nativeBinding?: string } = {},
): PreparedRestore {
  const source = databaseIn(from);
  const staging = `${dbFile}.restoring`;
  removeDatabase(staging);
  try {
    copyFileSync(source, staging);
    tighten(staging);
    checkDatabaseCopy(staging, known, options);
    // On disk before it takes the database's name.
    const fd = openSync(staging, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    removeDatabase(staging);
    if (error instanceof UnusableCopyError) throw new ApiError('bad_input', reason(error.problem));
    throw error;
  }
  return { dbFile, staging, setFolder: dirname(source) };
}

/** `clientela.db` → `clientela.before-restore-2026-11-25-163000.db`, beside it. */
function asideName(path: string, stamp: string): string {
  const ext = extname(path);
  return join(dirname(path), `${basename(path, ext)}.before-restore-${stamp}${ext}`);
}

/**
 * Puts a prepared copy in the database's place, with the database closed: the database and its
 * pictures and media are renamed aside (said in the result), the backup's take their place. Should
 * the swap fail, the database is put back.
 */
export function completeRestore(prepared: PreparedRestore, at: Date): RestoreResult {
  const { dbFile, staging } = prepared;
  const stamp = stampOf(at);
  const previous = asideName(dbFile, stamp);
  const moved: [string, string][] = [];
  const moveAside = (path: string, to: string) => {
    if (!existsSync(path)) return;
    renameSync(path, to);
    moved.push([path, to]);
  };
  try {
    for (const suffix of ['', '-wal', '-shm'])
      moveAside(`${dbFile}${suffix}`, `${previous}${suffix}`);
    renameSync(staging, dbFile);
    for (const name of MEDIA_FOLDERS) {
      const here = join(dirname(dbFile), name);
      moveAside(here, asideName(here, stamp));
      const there = join(prepared.setFolder, name);
      if (existsSync(there)) {
        cpSync(there, here, { recursive: true, verbatimSymlinks: true });
        tightenTree(here);
      }
    }
  } catch (error) {
    removeDatabase(staging);
    for (const [path, to] of moved.reverse()) {
      rmSync(path, { recursive: true, force: true });
      renameSync(to, path);
    }
    throw error;
  }
  return {
    databaseFile: dbFile,
    previous: moved.length > 0 && moved[0]![0] === dbFile ? previous : null,
  };
}

/** Deletes a prepared copy that will not be used. */
export const discardRestore = (prepared: PreparedRestore) => removeDatabase(prepared.staging);
