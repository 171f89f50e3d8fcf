/**
 * Migration 0008: a customer's phone and email are indexed on the customer only when they are its
 * own (typed, imported, made by hand), an auto-created customer's are found through its identity;
 * a message delivered twice is found in its conversation. A database of the version before, with
 * every kind of row, keeps all of it and finds everyone by phone and email as before.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../core';
import { ownerSql } from '../customers/contact-lookup';
import { customerSqlFunctions } from '../customers/sql-functions';
import { customerOf, event, whatsapp } from '../testing/fixtures';
import { migrate, readMigrations } from './migrate';

const folder = fileURLToPath(new URL('./migrations', import.meta.url));
const TABLES = [
  'customers',
  'identities',
  'conversations',
  'messages',
  'notes',
  'tags',
  'customer_tags',
  'dismissed_matches',
];
let dir: string | undefined;
let core: Core | undefined;
afterEach(() => {
  core?.close();
  core = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every row of the tables that hold the business's data, in a stable order. */
function rows(db: Pick<BetterSqlite3.Database, 'prepare'>) {
  return Object.fromEntries(
    TABLES.map((table) => [
      table,
      db
        .prepare(
          `SELECT * FROM ${table} ORDER BY ${table === 'customer_tags' ? 'customer_id, tag_id' : table === 'dismissed_matches' ? 'customer_id, other_id' : 'rowid'}`,
        )
        .all()
        .map((row) => {
          const { own_contact: _own, ...rest } = row as Record<string, unknown>;
          return rest;
        }),
    ]),
  );
}

/**
 * At the version before 0008: a WhatsApp customer (its phone from its identity), a customer made
 * by hand and one imported (their phones typed), a Telegram customer whose phone an agent typed,
 * a web visitor with an email, their conversations, messages, a note, a tag, a dismissed match.
 */
function olderDatabase(): string {
  dir = mkdtempSync(join(tmpdir(), 'clientela-migrate-0008-'));
  const file = join(dir, 'old.db');
  const old = new BetterSqlite3(file);
  migrate(old, readMigrations(folder).slice(0, 8), customerSqlFunctions);
  old.exec(`
    INSERT INTO customers (id, display_name, name_locked, sort_name, phone, email, source,
                           source_channel, source_account, original_external_id, first_contact_at,
                           last_seen_at, last_interaction_at, created_at, updated_at)
      VALUES (1, 'Maria Souza', 0, 'maria souza', '+5511999998888', NULL, 'auto_created',
              'whatsapp', 'default', '5511999998888@c.us', 10, 20, 30, 1, 1),
             (2, 'Loja do João', 1, 'loja do joao', '+5511933334444', 'joao@loja.com.br', 'manual',
              NULL, NULL, NULL, NULL, NULL, NULL, 2, 2),
             (3, 'Ana', 0, 'ana', '+5521988887777', NULL, 'auto_created',
              'telegram', 'default', '42', 40, 40, 40, 3, 3),
             (4, NULL, 0, '~v@exemplo.com', NULL, 'v@exemplo.com', 'auto_created',
              'webchat', 'site', 'v-1', 50, 50, 50, 4, 4),
             (5, 'Importada', 1, 'importada', '+5531977776666', NULL, 'import',
              NULL, NULL, NULL, NULL, NULL, NULL, 5, 5);
    INSERT INTO identities (id, customer_id, channel, account, external_id, display_name, phone,
                            email, username, profile_at, created_at)
      VALUES (1, 1, 'whatsapp', 'default', '5511999998888@c.us', 'Maria Souza', '+5511999998888',
              NULL, NULL, 20, 1),
             (2, 3, 'telegram', 'default', '42', 'Ana', NULL, NULL, 'ana_t', 40, 3),
             (3, 4, 'webchat', 'site', 'v-1', NULL, NULL, 'v@exemplo.com', NULL, 50, 4);
    INSERT INTO conversations (id, identity_id, channel, account, first_message_at, last_message_at,
                               last_message_key, last_message_text, last_message_direction,
                               unread_count, last_read_at, created_at)
      VALUES (1, 1, 'whatsapp', 'default', 10, 30, 'w2', 'Até amanhã', 'out', 0, 30, 1),
             (2, 2, 'telegram', 'default', 40, 40, 't1', 'Oi', 'in', 1, 0, 3),
             (3, 3, 'webchat', 'site', 50, 50, 'v1', 'Olá, tem bolo?', 'in', 1, 0, 4);
    INSERT INTO messages (id, conversation_id, channel, account, external_id, direction, text,
                          timestamp, status, created_at)
      VALUES (1, 1, 'whatsapp', 'default', 'w1', 'in', 'Bom dia', 10, 'received', 10),
             (2, 1, 'whatsapp', 'default', 'w2', 'out', 'Até amanhã', 30, 'sent', 30),
             (3, 2, 'telegram', 'default', 't1', 'in', 'Oi', 40, 'received', 40),
             (4, 3, 'webchat', 'site', 'v1', 'in', 'Olá, tem bolo?', 50, 'received', 50),
             (5, 1, 'whatsapp', 'default', NULL, 'out', 'Chegou?', 60, 'pending', 60);
    INSERT INTO notes (id, customer_id, body, created_at, updated_at)
      VALUES (1, 1, 'Prefere entrega à tarde', 5, 5);
    INSERT INTO tags (id, name) VALUES (1, 'atacado');
    INSERT INTO customer_tags (customer_id, tag_id) VALUES (2, 1);
    INSERT INTO dismissed_matches (customer_id, other_id, created_at) VALUES (1, 4, 6);`);
  old.close();
  return file;
}

describe('migration 0008 (fewer index entries)', () => {
  it('keeps every customer, identity, conversation, message, note and tag as it was', () => {
    const file = olderDatabase();
    const raw = new BetterSqlite3(file, { readonly: true });
    const before = rows(raw);
    raw.close();

    core = openCore(file);
    expect(rows(core.db)).toEqual(before);
    const own = core.db
      .prepare('SELECT id FROM customers WHERE own_contact = 1 ORDER BY id')
      .all()
      .map((r) => (r as { id: number }).id);
    // Made by hand, the phone an agent typed (no identity holds it), a visitor's claimed email
    // (no channel vouches for it), imported.
    expect(own).toEqual([2, 3, 4, 5]);
    expect(core.conversations.unreadTotal()).toBe(2);
  });

  it('finds everyone by phone and email as before: searches, and who writes from them joins them', () => {
    core = openCore(olderDatabase());
    const search = (typed: string) =>
      core!.customers.list
        .list({ sort: 'name', limit: 10, search: typed }, 'America/Sao_Paulo')
        .items.map((c) => c.label);
    expect(search('+55 11 99')).toEqual(['Maria Souza']);
    expect(search('+55 11 93')).toEqual(['Loja do João']);
    expect(search('+55 21 98')).toEqual(['Ana']);
    expect(search('+55 31')).toEqual(['Importada']);

    core.inbox.ingest(whatsapp('5511933334444'));
    core.inbox.ingest(whatsapp('5521988887777'));
    core.inbox.ingest(whatsapp('5531977776666'));
    core.inbox.ingest(event({ channel: 'sms', externalUserId: '+5511999998888' }));
    expect(customerOf(core, 'whatsapp', '5511933334444@c.us')).toBe(2);
    expect(customerOf(core, 'whatsapp', '5521988887777@c.us')).toBe(3);
    expect(customerOf(core, 'whatsapp', '5531977776666@c.us')).toBe(5);
    expect(customerOf(core, 'sms', '+5511999998888')).toBe(1);
    expect(core.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 5 });

    // The typed phone and email are still taken; the one an identity holds too.
    expect(() =>
      core!.customers.editor.create({ displayName: 'X', phone: '+55 21 98888-7777' }),
    ).toThrow(/Another customer already has this phone number/);
    expect(() =>
      core!.customers.editor.create({ displayName: 'X', email: 'joao@loja.com.br' }),
    ).toThrow(/already/);
    expect(() =>
      core!.customers.editor.create({ displayName: 'X', phone: '+55 11 99999-8888' }),
    ).toThrow(/Another customer already has this phone number/);
  });

  it('still stores a message delivered again once, and finds a sent one by the id a receipt names', () => {
    core = openCore(olderDatabase());
    const again = whatsapp('5511999998888', { messageId: 'w1', text: 'Bom dia' });
    expect(core.inbox.ingest(again)).toMatchObject({ stored: 0, duplicates: 1 });
    expect(core.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 5 });
    expect(core.conversations.byExternalId('whatsapp', 'default', 'w2')).toMatchObject({
      text: 'Até amanhã',
      status: 'sent',
    });
    expect(core.conversations.byExternalId('whatsapp', 'default', 'w1')).toBeNull();
  });

  it('looks up typed contacts through the small own-contact index, not the whole table', () => {
    core = openCore(olderDatabase());
    const plan = (sql: string) =>
      (core!.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x', 'x') as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(plan(ownerSql('phone'))).toMatch(/USING (COVERING )?INDEX customers_phone/);
    expect(plan(ownerSql('phone'))).toMatch(/USING INDEX identities_phone/);
    expect(plan(ownerSql('email'))).toMatch(/USING (COVERING )?INDEX customers_email/);
  });
});
