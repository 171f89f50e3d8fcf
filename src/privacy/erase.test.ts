import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnectorContext } from '../channels/context';
import { avatarDirFor } from '../shared/avatar-cache';
import { customerOf, event, NOW, tempCore, type TestCore } from '../testing/fixtures';
import {
  filesOf,
  history,
  NEEDLES,
  PERSON,
  PICTURE,
  seedBystanders,
  seedPerson,
  tracesIn,
} from './testing/person';

describe("erasing a customer's data", () => {
  let core: TestCore;
  let id: number;
  let visitor: number;
  let bystanders: number[];
  const files = () => filesOf(core.file, [avatarDirFor(core.file)]);
  const search = (text: string) =>
    core.customers.list.list({ search: text, sort: 'lastSeen', order: 'desc', limit: 10 }, 'UTC');
  const count = (table: string) =>
    core.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;

  beforeEach(() => {
    core = tempCore();
    bystanders = seedBystanders(core);
    id = seedPerson(core);
    visitor = customerOf(core, 'webchat', 'visitor-1')!;
  });
  afterEach(() => core.dispose());

  /** Her and the web visitor who typed her e-mail (an agent would erase both on her request). */
  function eraseHer() {
    const report = core.privacy.erase(id, 'desktop');
    expect(count('dismissed_matches')).toBe(0);
    core.privacy.erase(visitor, 'desktop');
    return report;
  }

  it('leaves nothing of hers in the database file, its WAL or the pictures folder', () => {
    // The search finds her before: what it does not find after is gone, not missed.
    const before = tracesIn(files());
    const stored = ['Zuleica', 'Quixadá', 'brandao', '+5511987654321', '987654321', PERSON.email];
    for (const needle of [...stored, 'pistache azul', 'Xiquexique', PERSON.telegramId])
      expect(before.join('\n')).toContain(`${needle} in`);
    expect(before.join('\n')).toContain('her picture in');

    const report = eraseHer();
    expect(report).toEqual({ customerId: id, messages: 11, pictures: 1, walEmptied: true });

    expect(tracesIn(files())).toEqual([]);
    expect(statSync(`${core.file}-wal`).size).toBe(0);
    expect(() => core.customers.detail.get(id)).toThrow(/not found/i);
    expect(search('zuleica').items).toEqual([]);
    expect(search('98765').items).toEqual([]);
    // Closed, the file on disk is what was searched.
    core.close();
    expect(tracesIn(filesOf(core.file, [avatarDirFor(core.file)]))).toEqual([]);
  });

  it('keeps everyone else whole', () => {
    const others = bystanders.map((b) => core.customers.detail.get(b));
    eraseHer();
    expect(bystanders.map((b) => core.customers.detail.get(b))).toEqual(others);
    expect(search('maria').items).toHaveLength(1);
    expect(core.customers.tags.list()).toEqual([{ name: 'vip', customers: 2 }]);
    expect(count('customers')).toBe(2);
    expect(count('identities')).toBe(2);
    expect(count('messages')).toBe(2);
  });

  it('removes every row of hers from every table', () => {
    eraseHer();
    for (const table of ['notes', 'dismissed_matches']) expect(count(table)).toBe(0);
    expect(count('customer_tags')).toBe(2);
    expect(count('conversations')).toBe(2);
    expect(core.db.prepare('SELECT name FROM tags ORDER BY name').all()).toEqual([{ name: 'vip' }]);
  });

  it('is refused for a customer who does not exist, changing nothing', () => {
    expect(() => core.privacy.erase(9999, 'cli')).toThrow(/not found/i);
    expect(core.privacy.log(10)).toEqual([]);
    expect(count('erased_identifiers')).toBe(0);
  });

  it('logs when, whom and from where, and nothing about her', () => {
    eraseHer();
    const log = core.privacy.log(10);
    expect(log.map(({ kind, customerId, origin }) => ({ kind, customerId, origin }))).toEqual([
      { kind: 'erase', customerId: visitor, origin: 'desktop' },
      { kind: 'erase', customerId: id, origin: 'desktop' },
    ]);
    expect(log[0]!.at).toBe(new Date(NOW).toISOString());
    const rows = JSON.stringify(core.db.prepare('SELECT * FROM data_requests').all());
    for (const needle of NEEDLES) expect(rows).not.toContain(needle);
  });

  describe('afterwards', () => {
    const context = (channel: 'whatsapp' | 'sms') =>
      createConnectorContext(core, {
        channel,
        account: 'default',
        config: {},
        secrets: {},
        dataDir: join(core.dir, 'channels', channel),
        avatarDir: avatarDirFor(core.file),
        log: { info: () => undefined, error: () => undefined },
        signal: new AbortController().signal,
      });

    it('a WhatsApp history import does not bring her back, by her number, id or e-mail', () => {
      eraseHer();
      const report = context('whatsapp').importHistory(history());
      expect(report).toMatchObject({ stored: 0, customersCreated: 0, erased: 5 });
      // The same number written another way, or only her e-mail on another channel.
      const other = context('sms').importHistory([
        event({ channel: 'sms', externalUserId: '(11) 98765-4321', text: 'velha' }),
        event({
          channel: 'webchat',
          externalUserId: 'v-9',
          email: 'Zuleica.Quixada@Exemplo.com.br',
        }),
      ]);
      expect(other).toMatchObject({ stored: 0, erased: 2 });
      expect(count('customers')).toBe(2);
      expect(tracesIn(files())).toEqual([]);
    });

    it('a live message from her makes her a new customer, with nothing from before', () => {
      eraseHer();
      const later = new Date(NOW + 60_000).toISOString();
      const report = context('whatsapp').deliver([
        {
          ...history()[0]!,
          messageId: 'false_new',
          text: 'Oi de novo!',
          timestamp: later,
        },
      ]);
      expect(report).toMatchObject({ stored: 1, customersCreated: 1, erased: 0 });
      const again = customerOf(core, 'whatsapp', `${PERSON.digits}@c.us`)!;
      const detail = core.customers.detail.get(again);
      expect(detail.createdAt).toBe(new Date(NOW).toISOString());
      expect(detail.identities).toHaveLength(1);
      expect(detail.notes).toEqual([]);
      expect(detail.tags).toEqual([]);
      const [conversation] = detail.conversations;
      const messages = core.conversations.messages({ conversationId: conversation!.id, limit: 50 });
      expect(messages.items.map((m) => m.text)).toEqual(['Oi de novo!']);
      // And her history import afterwards still leaves out what came before the erasure.
      expect(context('whatsapp').importHistory(history())).toMatchObject({ stored: 0, erased: 5 });
    });
  });

  it('never reads or deletes a file outside the pictures folder that a profile names', () => {
    const outside = join(core.dir, 'outside.png');
    writeFileSync(outside, PICTURE);
    core.inbox.ingest(
      event({
        channel: 'whatsapp',
        externalUserId: '5511955554444@c.us',
        profilePictureUrl: 'avatar:../outside.png',
      }),
    );
    const other = customerOf(core, 'whatsapp', '5511955554444@c.us')!;
    const chunks: Uint8Array[] = [];
    core.privacy.exportZip(other, 'cli', (chunk) => chunks.push(chunk));
    expect(Buffer.concat(chunks).includes(PICTURE)).toBe(false);
    core.privacy.erase(other, 'cli');
    expect(readFileSync(outside).equals(PICTURE)).toBe(true);
  });

  it('leaves no picture file of hers', () => {
    const dir = avatarDirFor(core.file);
    eraseHer();
    expect(existsSync(dir)).toBe(true);
    expect(tracesIn(filesOf(join(dir, 'none'), [dir]))).toEqual([]);
  });
});
