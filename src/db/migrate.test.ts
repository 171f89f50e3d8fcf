import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../core';
import { customerSqlFunctions } from '../customers/sql-functions';
import { NOW, tempCore, whatsapp, type TestCore } from '../testing/fixtures';
import { migrate, NewerDatabaseError, readMigrations } from './migrate';
import { openDatabase } from './open';

const folder = fileURLToPath(new URL('./migrations', import.meta.url));
let dir: string;
let core: TestCore | undefined;
afterEach(() => {
  core?.dispose();
  core = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});
const tempFile = () => {
  dir = mkdtempSync(join(tmpdir(), 'clientela-migrate-'));
  return join(dir, 'old.db');
};

describe('migrations', () => {
  it('opens a database written by an older version, migrates it and keeps its data', () => {
    const file = tempFile();
    const old = new BetterSqlite3(file);
    migrate(old, readMigrations(folder).slice(0, 1), customerSqlFunctions); // the first release: no search index yet
    old
      .prepare(
        `INSERT INTO customers (display_name, sort_name, phone, source, created_at, updated_at)
         VALUES ('Antiga', 'antiga', '+5511900001111', 'manual', 1, 1)`,
      )
      .run();
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    old.close();

    const db = openDatabase(file, customerSqlFunctions);
    expect(db.pragma('user_version', { simple: true })).toBe(readMigrations(folder).length);
    expect(db.prepare('SELECT display_name FROM customers').all()).toEqual([
      { display_name: 'Antiga' },
    ]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('makes every customer of an older database searchable, by one letter too', () => {
    const file = tempFile();
    const old = new BetterSqlite3(file);
    migrate(old, readMigrations(folder).slice(0, 4), customerSqlFunctions); // before search words
    old.exec(`
      INSERT INTO customers (id, display_name, sort_name, phone, source, created_at, updated_at)
        VALUES (1, 'Zélia Antiga', 'zelia antiga', '+5511933334444', 'manual', 1, 1),
               (2, 'Outra Pessoa', 'outra pessoa', NULL, 'manual', 1, 1);
      INSERT INTO identities (id, customer_id, channel, account, external_id, username, email,
                              profile_at, created_at)
        VALUES (1, 1, 'telegram', 'default', '77', 'zelinha', 'zelia@loja.com.br', 1, 1);
      INSERT INTO notes (customer_id, body, created_at, updated_at)
        VALUES (1, 'Prefere entrega à tarde', 1, 1);`);
    old.close();

    const reopened = openCore(file);
    try {
      const found = (search: string) =>
        reopened.customers.list
          .list({ sort: 'name', limit: 50, search }, 'America/Sao_Paulo')
          .items.map((c) => c.label);
      for (const search of [
        'z',
        'zelia',
        'ANTIGA',
        'zelinha',
        'loja.com',
        'tarde',
        '9333',
        '3333-4444',
      ])
        expect(found(search), search).toEqual(['Zélia Antiga']);
      expect(found('o')).toEqual(['Outra Pessoa']);
    } finally {
      reopened.close();
    }
  });

  it('names customers a web visitor had renamed by joining them after their vouched identities again', () => {
    const file = tempFile();
    const old = new BetterSqlite3(file);
    migrate(old, readMigrations(folder).slice(0, 5), customerSqlFunctions); // before claims stopped linking people
    old.exec(`
      INSERT INTO customers (id, display_name, name_locked, sort_name, email, source, created_at, updated_at)
        VALUES (1, 'Intruso', 0, 'intruso', 'maria@exemplo.com', 'auto_created', 1, 1),
               (2, 'Dona Maria', 1, 'dona maria', NULL, 'auto_created', 1, 1),
               (3, 'Visitante', 0, 'visitante', NULL, 'auto_created', 1, 1);
      INSERT INTO identities (id, customer_id, channel, account, external_id, display_name, email,
                              profile_at, created_at)
        VALUES (1, 1, 'whatsapp', 'default', '5511999998888@c.us', 'Maria Souza', NULL, 1, 1),
               (2, 1, 'webchat', 'site', 'v-1', 'Intruso', 'maria@exemplo.com', 2, 2),
               (3, 2, 'whatsapp', 'default', '5511977776666@c.us', 'Mãe', NULL, 1, 1),
               (4, 2, 'webchat', 'site', 'v-2', 'Intrusa', NULL, 2, 2),
               (5, 3, 'webchat', 'site', 'v-3', 'Visitante', NULL, 2, 2);
      INSERT INTO conversations (identity_id, channel, account, first_message_at, created_at)
        VALUES (1, 'whatsapp', 'default', 1, 1), (2, 'webchat', 'site', 2, 2),
               (3, 'whatsapp', 'default', 1, 1), (4, 'webchat', 'site', 2, 2),
               (5, 'webchat', 'site', 2, 2);`);
    old.close();

    const reopened = openCore(file);
    try {
      const names = reopened.customers.list
        .list({ sort: 'name', limit: 10 }, 'America/Sao_Paulo')
        .items.map((c) => c.label);
      // A name an agent typed stays; a visitor who is alone keeps the name they typed.
      expect(names).toEqual(['Dona Maria', 'Maria Souza', 'Visitante']);
      // Still one record: the join may have been an agent's merge, and can be split.
      expect(reopened.customers.detail.get(1).channels).toEqual(['webchat', 'whatsapp']);
    } finally {
      reopened.close();
    }
  });

  it('refuses a database from a newer version with a clear message and leaves it untouched', () => {
    const file = tempFile();
    const db = openDatabase(file, customerSqlFunctions);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openDatabase(file, customerSqlFunctions)).toThrow(NewerDatabaseError);
    expect(() => openDatabase(file, customerSqlFunctions)).toThrow(
      /written by a newer version of Clientela .*Update Clientela/,
    );
    const raw = new BetterSqlite3(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(99);
    raw.close();
  });

  it('applies all pending migrations in one transaction: a failing one leaves the old version', () => {
    const file = tempFile();
    const db = new BetterSqlite3(file);
    const broken = [
      ...readMigrations(folder),
      { tag: 'broken', statements: ['CREATE TABLE x (a)', 'SELECT nonsense FROM nowhere'] },
    ];
    expect(() => migrate(db, broken, customerSqlFunctions)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(
      db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'customers'").get(),
    ).toEqual({ n: 0 });
    db.close();
  });
});

describe('query plans', () => {
  const plan = (c: TestCore, sql: string, params: unknown[] = []) =>
    (c.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');

  it('uses the intended indexes for the list, the stats, the unread total and ingestion look-ups', () => {
    core = tempCore();
    core.inbox.ingest(whatsapp('5511999998888'));
    expect(
      plan(
        core,
        'SELECT c.id FROM customers c WHERE c.last_seen_at IS NOT NULL AND (c.last_seen_at, c.id) < (?, ?) ORDER BY c.last_seen_at DESC, c.id DESC LIMIT 50',
        [NOW, 1],
      ),
    ).toMatch(/customers_last_seen/);
    expect(
      plan(
        core,
        'SELECT c.id FROM customers c WHERE c.sort_name IS NOT NULL ORDER BY c.sort_name, c.id LIMIT 50',
      ),
    ).toMatch(/customers_sort_name/);
    expect(
      plan(
        core,
        'SELECT count(*) FROM customers WHERE first_contact_at >= ? AND first_contact_at < ?',
        [0, 1],
      ),
    ).toMatch(/customers_first_contact/);
    expect(plan(core, 'SELECT count(*) FROM customers WHERE last_seen_at >= ?', [0])).toMatch(
      /customers_last_seen/,
    );
    expect(
      plan(
        core,
        'SELECT id FROM identities WHERE channel = ? AND account = ? AND external_id = ?',
        ['whatsapp', 'default', 'x'],
      ),
    ).toMatch(/identities_channel_account_external/);
    // The unread total reads the unread conversations only, from the index alone.
    expect(
      plan(
        core,
        'SELECT coalesce(sum(unread_count), 0) AS n FROM conversations WHERE unread_count > 0',
      ),
    ).toMatch(/COVERING INDEX conversations_unread/);
  });
});
