import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFileLock } from './file-lock';

let dir: string;
let lock: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clientela-lock-'));
  lock = join(dir, 'secrets.json.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The id of a process that has ended. */
const endedPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('a lock file between processes', () => {
  it('is taken, held while the task runs, and let go', async () => {
    const seen = await withFileLock(lock, () => existsSync(lock));
    expect(seen).toBe(true);
    expect(existsSync(lock)).toBe(false);
    await expect(
      withFileLock(lock, () => {
        throw new Error('task failed');
      }),
    ).rejects.toThrow('task failed');
    expect(existsSync(lock)).toBe(false);
  });

  it('is broken when its holder has ended on this computer', async () => {
    writeFileSync(lock, `${endedPid()} ${hostname()} abc`);
    expect(await withFileLock(lock, () => 'ran', 1_000)).toBe('ran');
    expect(existsSync(lock)).toBe(false);
  });

  it('is broken when it is older than any holder holds one, even from another computer', async () => {
    writeFileSync(lock, `4242 another-computer abc`);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, minuteAgo, minuteAgo);
    expect(await withFileLock(lock, () => 'ran', 1_000)).toBe('ran');
  });

  it('is waited for while its holder lives, and the wait ends with a clear error', async () => {
    // The test runner that started this process: alive, and not us.
    const holder = `${process.ppid} ${hostname()} abc`;
    writeFileSync(lock, holder);
    let releasedAt = 0;
    setTimeout(() => {
      releasedAt = Date.now();
      rmSync(lock);
    }, 300);
    const ranAt = await withFileLock(lock, () => Date.now(), 5_000);
    expect(ranAt).toBeGreaterThanOrEqual(releasedAt);
    expect(releasedAt).toBeGreaterThan(0);

    writeFileSync(lock, holder);
    await expect(withFileLock(lock, () => 'ran', 200)).rejects.toThrow(
      `Another Clientela is changing the files of ${lock}; try again in a moment`,
    );
    // Someone else's lock is never removed by the one who gave up.
    expect(existsSync(lock)).toBe(true);
  });
});
