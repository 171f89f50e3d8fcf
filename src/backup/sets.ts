/**
 * Backups on disk: each one a folder named for its time (`clientela-2026-11-25-163000`) holding a
 * copy of the database and of the pictures and media kept beside it; never the channel secrets,
 * the accounts' sessions or host mode's token, which stay on the computer they were made for.
 */
import { cpSync, existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BackupSet } from '../api/types';
import { tightenTree } from '../shared/owner-only';

/** The database's file inside a backup's folder. */
export const DATABASE_IN_SET = 'clientela.db';

/**
 * The folders beside the database a backup carries: the profile pictures (the cache connectors
 * fill, channels/avatars.ts) and the media of messages. Nothing else beside it is copied.
 */
export const MEDIA_FOLDERS = ['avatars', 'media'] as const;

/** Where backups go unless the owner picked a folder: `backups` beside the database. */
export const defaultBackupFolder = (dbFile: string) => join(dirname(dbFile), 'backups');

const NAME = /^clientela-(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})(?:-\d+)?$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** The moment `at` (UTC) as backups name it: `2026-11-25-163000`. */
export const stampOf = (at: Date) =>
  `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}-` +
  `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;

/** A new backup's folder name for the moment `at`, not yet taken in `folder`. */
export function newSetName(folder: string, at: Date): string {
  const base = `clientela-${stampOf(at)}`;
  let name = base;
  for (let n = 2; existsSync(join(folder, name)); n++) name = `${base}-${n}`;
  return name;
}

/** The time a backup's name says it was taken; null for a name that is not a backup's. */
function timeOf(name: string): string | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!)).toISOString();
}

/** Bytes on disk of a file, or of a folder and everything in it. */
export function sizeOf(path: string): number {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

/** One backup as the app shows it. */
export const describeSet = (path: string): BackupSet => ({
  path,
  at: timeOf(path.split(/[\\/]/).at(-1)!) ?? new Date(lstatSync(path).mtimeMs).toISOString(),
  bytes: sizeOf(path),
});

/**
 * The complete backups in `folder`, newest first: folders with a backup's name and a database in
 * them (one being written has another name until it is whole). None when the folder is missing.
 */
export function listSets(folder: string): BackupSet[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((name) => NAME.test(name) && existsSync(join(folder, name, DATABASE_IN_SET)))
    .sort()
    .reverse()
    .map((name) => describeSet(join(folder, name)));
}

/** Deletes the oldest backups in `folder` beyond the newest `keep`; returns their paths. */
export function pruneSets(folder: string, keep: number): string[] {
  const old = listSets(folder).slice(keep);
  for (const set of old) rmSync(set.path, { recursive: true, force: true });
  return old.map((set) => set.path);
}

/**
 * Copies the picture and media folders beside `dbFile` into the backup's folder `into`, readable
 * by the owner only, as the originals are.
 */
export function copyMedia(dbFile: string, into: string): void {
  for (const name of MEDIA_FOLDERS) {
    const source = join(dirname(dbFile), name);
    if (!existsSync(source)) continue;
    cpSync(source, join(into, name), { recursive: true, verbatimSymlinks: true });
    // A copy keeps each file's mode: what an older version left open is closed here too.
    tightenTree(join(into, name));
  }
}
