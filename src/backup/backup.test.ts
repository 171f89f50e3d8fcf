import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { openCore, type Core } from '../core';
import { customerSqlFunctions } from '../customers/sql-functions';
import { copyDatabaseOnline } from '../db/copy';
import { migrate } from '../db/migrate';
import { knownMigrations } from '../db/open';
import { NOW, whatsapp } from '../testing/fixtures';
import { modeOf, OWNER_ONLY_FILE, OWNER_ONLY_FOLDER } from '../testing/file-modes';
import { completeRestore, prepareRestore } from './restore';
import { DATABASE_IN_SET, listSets } from './sets';
import { takeBackup } from './take';

let dir: string;
const opened: Core[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clientela-backup-'));
});
afterEach(() => {
  for (const core of opened.splice(0)) core.close();
  rmSync(dir, { recursive: true, force: true });
});

let clock = NOW;
function open(file: string): Core {
  const core = openCore(file, { now: () => clock });
  opened.push(core);
  return core;
}

const count = (db: BetterSqlite3.Database, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Ingests `n` messages of new people in one transaction; returns their message ids. */
function batch(core: Core, from: number, n: number): string[] {
  const events = Array.from({ length: n }, (_, i) =>
    whatsapp(String(5511900000000 + from + i), { text: `pedido ${from + i}` }),
  );
  core.inbox.ingestBatch(events);
  return events.map((e) => e.messageId);
}

describe('a backup taken during a live ingest', () => {
  it('restores to a consistent database: whole batches, every one committed before it began', async () => {
    const file = join(dir, 'clientela.db');
    const app = open(file);
    const batches = [batch(app, 0, 2_000)];
    // Another connection writes batches of 50 the whole time, as a second process would.
    const writer = open(file);
    let stop = false;
    const writing = (async () => {
      while (!stop) {
        batches.push(batch(writer, 2_000 + 50 * (batches.length - 1), 50));
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const committedBefore = batches.length;
    // A few pages per step, so that many batches commit while it copies.
    const set = await takeBackup(
      file,
      { folder: join(dir, 'backups'), keep: 3 },
      { at: new Date(clock), pagesPerStep: 4 },
    );
    stop = true;
    await writing;
    expect(batches.length - committedBefore).toBeGreaterThan(5);

    const target = join(dir, 'restored', 'clientela.db');
    mkdirSync(join(dir, 'restored'));
    completeRestore(prepareRestore(target, set.path, knownMigrations().length), new Date());
    const db = new BetterSqlite3(target, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const ids = new Set(
        (db.prepare('SELECT external_id AS id FROM messages').all() as { id: string }[]).map(
          (r) => r.id,
        ),
      );
      // The copy is one moment of the database: the batches up to it, each whole, none after.
      const whole = batches.findIndex((batchIds) => !ids.has(batchIds[0]!));
      expect(whole).toBeGreaterThanOrEqual(committedBefore);
      expect(whole).toBeLessThan(batches.length);
      const expected = new Set(batches.slice(0, whole).flat());
      expect(ids).toEqual(expected);
      // Every message's person and conversation came along with it.
      expect(count(db, 'customers')).toBe(expected.size);
      expect(count(db, 'conversations')).toBe(expected.size);
      expect(count(db, 'identities')).toBe(expected.size);
      expect(count(db, 'customers_fts')).toBe(expected.size);
    } finally {
      db.close();
    }
    // The live database went on: it holds the batches written during the backup too.
    expect(app.customers.stats.stats(clock, 'UTC').totalCustomers).toBe(batches.flat().length);
  });
});

describe('a backup', () => {
  it('holds the pictures and media, never the secrets or sessions, readable by the owner only', async () => {
    const file = join(dir, 'clientela.db');
    const core = open(file);
    batch(core, 0, 3);
    mkdirSync(join(dir, 'avatars'), { mode: 0o755 });
    writeFileSync(join(dir, 'avatars', 'maria.jpg'), 'jpeg', { mode: 0o644 });
    mkdirSync(join(dir, 'media', '2026'), { recursive: true });
    writeFileSync(join(dir, 'media', '2026', 'nota.pdf'), 'pdf');
    writeFileSync(join(dir, 'secrets.json'), '{"telegram":{"token":"123:ABC"}}');
    mkdirSync(join(dir, 'channels', 'whatsapp', 'default'), { recursive: true });
    writeFileSync(join(dir, 'channels', 'whatsapp', 'default', 'session'), 'login');

    const set = await core.backups.run();
    expect(readdirSync(set.path).sort()).toEqual(['avatars', DATABASE_IN_SET, 'media']);
    expect(readFileSync(join(set.path, 'avatars', 'maria.jpg'), 'utf8')).toBe('jpeg');
    expect(readFileSync(join(set.path, 'media', '2026', 'nota.pdf'), 'utf8')).toBe('pdf');
    expect(modeOf(join(dir, 'backups'))).toBe(OWNER_ONLY_FOLDER);
    expect(modeOf(set.path)).toBe(OWNER_ONLY_FOLDER);
    expect(modeOf(join(set.path, 'avatars'))).toBe(OWNER_ONLY_FOLDER);
    expect(modeOf(join(set.path, DATABASE_IN_SET))).toBe(OWNER_ONLY_FILE);
    expect(modeOf(join(set.path, 'avatars', 'maria.jpg'))).toBe(OWNER_ONLY_FILE);
    const everything = readdirSync(set.path, { recursive: true }).map(String).join('\n');
    expect(everything).not.toMatch(/secrets|session|channels/);
  });

  it('reports its progress and its end on the event bus, for Settings to follow', async () => {
    const core = open(join(dir, 'clientela.db'));
    batch(core, 0, 200);
    const events: unknown[] = [];
    core.bus.subscribe((batchOf) => events.push(...batchOf));
    await core.backups.run();
    const progress = events.filter(
      (e): e is { done: number; total: number } =>
        (e as { type: string }).type === 'backup.progress',
    );
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    expect(events.at(-1)).toEqual({ type: 'backup.finished', ok: true });
  });

  it('keeps the newest N in the folder and deletes only the oldest', async () => {
    const file = join(dir, 'clientela.db');
    const core = open(file);
    core.settings.update({ backupKeep: 3, backupFolder: join(dir, 'usb', 'clientela') });
    // Something of the owner's in the same folder is no backup, and stays.
    mkdirSync(join(dir, 'usb', 'clientela', 'fotos'), { recursive: true });
    const taken = [];
    for (let day = 0; day < 5; day++) {
      clock = NOW + day * 86_400_000;
      batch(core, day * 10, 1);
      taken.push((await core.backups.run()).path);
    }
    clock = NOW;
    const left = listSets(join(dir, 'usb', 'clientela')).map((s) => s.path);
    expect(left).toEqual(taken.slice(2).reverse());
    expect(taken.slice(0, 2).some(existsSync)).toBe(false);
    expect(existsSync(join(dir, 'usb', 'clientela', 'fotos'))).toBe(true);
  });

  it('says in Settings when it is missing, too old, or failed and why', async () => {
    const file = join(dir, 'clientela.db');
    const core = open(file);
    expect(core.backups.status()).toMatchObject({ warning: 'never', last: null, sets: [] });
    const set = await core.backups.run();
    expect(core.backups.status()).toMatchObject({ warning: null, last: set, sets: [set] });
    clock = NOW + 3 * 86_400_000;
    expect(core.backups.status().warning).toBe('old');
    // The chosen folder is a file (a drive that is not there would be like it): the attempt fails.
    writeFileSync(join(dir, 'not-a-folder'), '');
    core.settings.update({ backupFolder: join(dir, 'not-a-folder') });
    await expect(core.backups.run()).rejects.toThrow(/not-a-folder/);
    const failed = core.backups.status();
    expect(failed.warning).toBe('failed');
    expect(failed.failure?.reason).toMatch(
      /^The backup could not be written to .*not-a-folder: it is a file, not a folder$/,
    );
    expect(failed.last).toEqual(set);
    clock = NOW;
  });

  it('is taken before a migration, as the database was', () => {
    const file = join(dir, 'clientela.db');
    const migrations = knownMigrations();
    const old = new BetterSqlite3(file);
    migrate(old, migrations.slice(0, -1), customerSqlFunctions);
    old.close();
    open(file);
    const [set] = listSets(join(dir, 'backups'));
    const copy = new BetterSqlite3(join(set!.path, DATABASE_IN_SET), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(migrations.length - 1);
    copy.close();
  });

  it('before a migration, goes beside the database when the chosen folder cannot be written', () => {
    const file = join(dir, 'clientela.db');
    const old = new BetterSqlite3(file);
    migrate(old, knownMigrations().slice(0, -1), customerSqlFunctions);
    // A drive that is not plugged in: its mount point is no folder one can write into.
    writeFileSync(join(dir, 'pendrive'), '');
    old
      .prepare("INSERT INTO settings (key, value) VALUES ('backupFolder', ?)")
      .run(JSON.stringify(join(dir, 'pendrive', 'clientela')));
    old.close();
    const core = open(file);
    expect(listSets(join(dir, 'backups'))).toHaveLength(1);
    expect(core.backups.status().warning).toBe(null);
  });
});

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('a damaged backup', () => {
  async function goodBackup(): Promise<{ core: Core; file: string; copy: string }> {
    const file = join(dir, 'clientela.db');
    const core = open(file);
    batch(core, 0, 500);
    const copy = join(dir, 'copy.db');
    await copyDatabaseOnline(file, copy);
    return { core, file, copy };
  }

  const damages: [string, (copy: string) => void, RegExp][] = [
    ['cut short', (copy) => truncateSync(copy, 20_000), /damaged \(truncated\)/],
    [
      'with bytes flipped',
      (copy) => {
        const bytes = readFileSync(copy);
        // The middle of the file: pages of the messages and their index.
        for (let i = 0; i < 4096; i++) bytes[Math.floor(bytes.length / 2) + i]! ^= 0xa5;
        writeFileSync(copy, bytes);
      },
      /damaged/,
    ],
    [
      'not a database',
      (copy) => writeFileSync(copy, 'nome;telefone\nMaria;+5511999998888\n'),
      /not a Clientela database/,
    ],
    [
      'from a newer version',
      (copy) => {
        const db = new BetterSqlite3(copy);
        db.pragma('user_version = 99');
        db.close();
      },
      /newer version of Clientela \(schema 99/,
    ],
    [
      'of another program',
      (copy) => {
        rmSync(copy);
        const db = new BetterSqlite3(copy);
        db.exec('CREATE TABLE notes (body TEXT); PRAGMA user_version = 3');
        db.close();
      },
      /not a Clientela one/,
    ],
  ];

  it.each(damages)('%s is refused, and the database is left as it was', async (_, damage, why) => {
    const { core, file, copy } = await goodBackup();
    damage(copy);
    const before = { db: sha(file), files: readdirSync(dir).sort() };
    let refused: unknown;
    try {
      core.backups.prepareRestore(copy);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('bad_input');
    expect((refused as ApiError).message).toMatch(why);
    expect({ db: sha(file), files: readdirSync(dir).sort() }).toEqual(before);
    expect(core.customers.stats.stats(clock, 'UTC').totalCustomers).toBe(500);
  });

  it('a path with no backup is said so', () => {
    const core = open(join(dir, 'clientela.db'));
    expect(() => core.backups.prepareRestore(join(dir, 'nowhere'))).toThrow(
      /No Clientela backup at .*nowhere/,
    );
  });
});
