import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli';
import { openCore } from '../core';
import { capturedCli } from '../testing/cli-output';
import { NOW, whatsapp } from '../testing/fixtures';

const cli = capturedCli('clientela-cli-backup-');
const db = () => join(cli.dir, 'clientela.db');

/** Adds people to the database, as the app would have. */
function customers(...digits: string[]): void {
  const core = openCore(db(), { now: () => NOW });
  for (const d of digits) core.inbox.ingest(whatsapp(d));
  core.close();
}

const total = () => {
  const core = openCore(db(), { now: () => NOW });
  const n = core.customers.stats.stats(NOW, 'UTC').totalCustomers;
  core.close();
  return n;
};

describe('clientela backup and restore', () => {
  it('backs up into --out, keeping the last --keep, and restores a backup over the database', async () => {
    customers('5511999998888');
    const usb = join(cli.dir, 'usb');
    for (let i = 0; i < 3; i++)
      expect(await main(['backup', '--db', db(), '--out', usb, '--keep', '2'])).toBe(0);
    expect(cli.out[0]).toMatch(
      /^Backup written to .*usb\/clientela-\d{4}-\d\d-\d\d-\d{6} \(\d+\.\d MB\)$/,
    );
    const sets = readdirSync(usb).sort();
    expect(sets).toHaveLength(2);
    customers('5521988887777');
    expect(total()).toBe(2);

    cli.out.length = 0;
    expect(await main(['restore', '--db', db(), '--from', join(usb, sets[0]!)])).toBe(0);
    expect(total()).toBe(1);
    expect(cli.out[0]).toBe(`Restored ${db()} from ${join(usb, sets[0]!)}.`);
    const kept = /^The database it replaced is kept as (.*)$/.exec(cli.out[1]!)?.[1];
    expect(kept).toMatch(/clientela\.before-restore-.*\.db$/);
    expect(existsSync(kept!)).toBe(true);
  });

  it('refuses a damaged backup in one line, leaving the database as it was', async () => {
    customers('5511999998888');
    const copy = join(cli.dir, 'copy.db');
    writeFileSync(copy, readFileSync(db()).subarray(0, 5_000));
    const sha = () => createHash('sha256').update(readFileSync(db())).digest('hex');
    const before = sha();
    expect(await main(['restore', '--db', db(), '--from', copy])).toBe(1);
    expect(cli.err).toEqual(['clientela: This backup is damaged (truncated); nothing was changed']);
    expect(sha()).toBe(before);
    expect(readdirSync(cli.dir).sort()).toEqual(['clientela.db', 'copy.db']);
  });

  it('explains what is missing instead of guessing', async () => {
    expect(await main(['restore', '--db', db()])).toBe(64);
    expect(cli.err[0]).toMatch(/--from BACKUP is required/);
    expect(await main(['backup', '--db', join(cli.dir, 'none.db')])).toBe(1);
    expect(cli.err.at(-1)).toBe(
      `clientela: cannot back up ${join(cli.dir, 'none.db')}: no such file`,
    );
    expect(existsSync(join(cli.dir, 'none.db'))).toBe(false);
    customers('5511999998888');
    expect(await main(['backup', '--db', db(), '--keep', '0'])).toBe(64);
  });
});
