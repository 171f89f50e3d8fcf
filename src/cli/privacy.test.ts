import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../cli';
import { openCore } from '../core';
import { avatarDirFor } from '../shared/avatar-cache';
import { captureConsole } from '../testing/console-capture';
import { modeOf, OWNER_ONLY_FILE } from '../testing/file-modes';
import { filesOf, history, PERSON, seedPerson, tracesIn } from '../privacy/testing/person';
import { readZip } from '../privacy/testing/read-zip';

const { out, err } = captureConsole();
let dir: string;
let db: string;
let id: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clientela-cli-'));
  db = join(dir, 'c.db');
  const core = openCore(db);
  id = seedPerson(core);
  core.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const customers = () => {
  const core = openCore(db);
  try {
    return core.customers.stats.stats(Date.now(), 'UTC').totalCustomers;
  } finally {
    core.close();
  }
};
const log = () => {
  const core = openCore(db);
  try {
    return core.privacy
      .log(10)
      .map(({ kind, customerId, origin }) => ({ kind, customerId, origin }));
  } finally {
    core.close();
  }
};

describe('clientela customer export', () => {
  it("writes the customer's zip, readable by its owner only, and logs it", async () => {
    const zip = join(dir, 'zuleica.zip');
    expect(await main(['customer', 'export', '--db', db, '--id', String(id), '--out', zip])).toBe(
      0,
    );
    const files = readZip(zip);
    const data = JSON.parse(files['customer.json']!.toString());
    expect(data.customer.name).toBe(PERSON.typedName);
    expect(data.messages).toHaveLength(11);
    if (process.platform !== 'win32') expect(modeOf(zip)).toBe(OWNER_ONLY_FILE);
    expect(log()).toEqual([{ kind: 'export', customerId: id, origin: 'cli' }]);
  });

  it('refuses a customer who does not exist, leaving no file', async () => {
    const zip = join(dir, 'nobody.zip');
    expect(await main(['customer', 'export', '--db', db, '--id', '999', '--out', zip])).toBe(1);
    expect(err.join('\n')).toMatch(/not found/i);
    expect(existsSync(zip)).toBe(false);
    expect(log()).toEqual([]);
  });

  it.each([['--id', 'abc'], ['--id', '0'], ['--id', '-3'], []])(
    'asks for a customer number and a file (%s %s)',
    async (...flags) => {
      const code = await main([
        'customer',
        'export',
        '--db',
        db,
        ...flags,
        '--out',
        join(dir, 'x.zip'),
      ]);
      expect(code).toBe(64);
      expect(err.join('\n')).toContain('--id N');
    },
  );
});

describe('clientela customer erase', () => {
  it('says whom it would erase and erases nothing without --yes', async () => {
    expect(await main(['customer', 'erase', '--db', db, '--id', String(id)])).toBe(1);
    expect(err.join('\n')).toContain(`customer ${id} (${PERSON.typedName}, +55 11 98765-4321`);
    expect(err.join('\n')).toContain('--yes');
    expect(customers()).toBe(2);
  });

  it('erases for good: a later clientela ingest of her history leaves it out', async () => {
    expect(await main(['customer', 'erase', '--db', db, '--id', String(id), '--yes'])).toBe(0);
    expect(out.join('\n')).toContain(`customer ${id} erased: 11 messages, 1 pictures`);
    expect(log()).toEqual([{ kind: 'erase', customerId: id, origin: 'cli' }]);
    // (The web visitor who typed her e-mail is another customer, kept: the erasure tests.)
    const hers = ['Zuleica', '987654321', 'pistache azul', 'Xiquexique', PERSON.telegramId];
    expect(tracesIn(filesOf(db, [avatarDirFor(db)]), hers)).toEqual([]);

    const file = join(dir, 'history.jsonl');
    writeFileSync(
      file,
      history()
        .map((e) => JSON.stringify(e))
        .join('\n'),
    );
    expect(await main(['ingest', '--db', db, file])).toBe(0);
    expect(out.join('\n')).toContain('5 messages of erased customers left out');
    expect(customers()).toBe(1);
  });
});
