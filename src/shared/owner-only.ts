/**
 * Files only their owner can read: the database, the channels' sessions, the profile pictures, the
 * secrets. On Linux and macOS that is mode 0600 for files and 0700 for folders (a folder closed to
 * others also closes everything in it, whatever a library made its files); on Windows a user's
 * profile folders already belong to the user alone, and modes mean nothing there.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const POSIX = process.platform !== 'win32';

/** Bits that let the group or others in. */
const OTHERS = 0o077;

/** Creates a folder and its missing parents for the owner only; tightens the folder if it exists. */
export function ownerOnlyFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  if (POSIX) tighten(path);
}

/** Takes the group's and others' bits off a file or folder of ours (links are left alone). */
export function tighten(path: string): void {
  if (!POSIX) return;
  let mode: number;
  try {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    mode = stat.mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((mode & OTHERS) === 0) return;
  try {
    chmodSync(path, mode & ~OTHERS);
  } catch (error) {
    // Someone else's file (or a read-only disk) stays as it is; ours are what this is for.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EROFS') throw error;
  }
}

/**
 * Tightens a folder and everything in it, as an older version left them (0755 folders, 0644
 * files). A folder already closed to others is taken as done: what is made in it from now on is
 * made owner-only, and this runs at every start.
 */
export function tightenTree(path: string): void {
  if (!POSIX) return;
  let stat;
  try {
    stat = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (!stat.isDirectory() || (stat.mode & OTHERS) === 0) return;
  const walk = (folder: string) => {
    tighten(folder);
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const child = join(folder, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) tighten(child);
    }
  };
  walk(path);
}
