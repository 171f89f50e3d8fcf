/**
 * A lock between processes (the CLI beside a running app): a file created with O_EXCL, so that
 * only one creator wins, holding its holder's process id and computer. A lock whose holder is
 * gone (its process ended on this computer, or it is older than any holder holds one) is broken;
 * a live one is waited for.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { texts } from '../i18n/texts';

/** A holder writes a small file in milliseconds: a lock this old was left by a hung process. */
const STALE_MS = 30_000;
/** How long to wait for a live holder before giving up. */
const WAIT_MS = 15_000;

/** Runs `task` holding the lock `lockFile`, waiting up to `waitMs` for another holder first. */
export async function withFileLock<T>(
  lockFile: string,
  task: () => T,
  waitMs = WAIT_MS,
): Promise<T> {
  const token = `${process.pid} ${hostname()} ${randomBytes(6).toString('hex')}`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (create(lockFile, token)) break;
    const holder = read(lockFile);
    if (holder === null) continue;
    if (isStale(holder)) {
      breakLock(lockFile, holder.token);
      continue;
    }
    if (Date.now() > deadline) throw new Error(texts().fileLocked(lockFile));
    // Jittered, so two waiters do not retry in step.
    await sleep(2 + Math.random() * 10);
  }
  try {
    return task();
  } finally {
    // Only our own lock: had we been taken for dead and the lock broken, it is someone else's now.
    if (read(lockFile)?.token === token) rmSync(lockFile, { force: true });
  }
}

function create(lockFile: string, token: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockFile, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, token);
  } finally {
    closeSync(fd);
  }
  return true;
}

interface Holder {
  token: string;
  age: number;
}

/** The lock's holder, or null when there is no lock any more. */
function read(lockFile: string): Holder | null {
  try {
    return {
      token: readFileSync(lockFile, 'utf8'),
      age: Date.now() - statSync(lockFile).mtimeMs,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function isStale({ token, age }: Holder): boolean {
  if (age > STALE_MS) return true;
  // Empty: its creator has not written its name yet.
  const [pid, host] = token.split(' ');
  if (!pid || host !== hostname()) return false;
  // Our own process id on a lock that is not ours: a process before us had the same id.
  if (Number(pid) === process.pid) return true;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes a dead holder's lock. Moved aside first and checked: had a live holder replaced it
 * since it was read, its lock is put back (unless a third process took the name meanwhile).
 */
function breakLock(lockFile: string, deadToken: string): void {
  const aside = `${lockFile}.${randomBytes(6).toString('hex')}.stale`;
  try {
    renameSync(lockFile, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (readFileSync(aside, 'utf8') !== deadToken) linkSync(aside, lockFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(aside, { force: true });
  }
}
