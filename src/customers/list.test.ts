import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerSort } from '../api/contract';
import { event, iso, NOW, tempCore, whatsapp, type TestCore } from '../testing/fixtures';
import type { ListRequest } from './list';

let core: TestCore;
afterEach(() => core?.dispose());

const DAY = 86_400_000;
const list = (request: Partial<ListRequest>) =>
  core.customers.list.list({ sort: 'lastSeen', limit: 50, ...request }, 'America/Sao_Paulo');
const labels = (request: Partial<ListRequest>) => list(request).items.map((c) => c.label);
/** The ids of every customer a search finds, read page by page, in id order; none twice. */
const everyId = (search: string) => {
  const seen: number[] = [];
  let cursor: string | undefined;
  do {
    const page = list({ search, sort: 'name', limit: 500, cursor });
    seen.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  expect(new Set(seen).size, `${search}: a customer on two pages`).toBe(seen.length);
  return seen.sort((a, b) => a - b);
};
/** `count` people on São Paulo mobiles, one a minute from 100 days ago. */
const ingestPeople = (count: number, name: (i: number) => string) =>
  core.inbox.ingestBatch(
    Array.from({ length: count }, (_, i) =>
      whatsapp(`55119${String(10_000_000 + i)}`, {
        displayName: name(i),
        timestamp: iso(NOW - 100 * DAY + i * 60_000),
      }),
    ),
  );

describe('customer list', () => {
  beforeEach(() => {
    core = tempCore();
    core.inbox.ingestBatch([
      whatsapp('5511999998888', { displayName: 'Maria Souza', timestamp: iso(NOW - 1 * DAY) }),
      whatsapp('5521988887777', { displayName: 'João Araújo', timestamp: iso(NOW - 3 * DAY) }),
      whatsapp('5531977776666', { displayName: 'Mariana Costa', timestamp: iso(NOW - 40 * DAY) }),
      event({
        channel: 'telegram',
        externalUserId: '9001',
        username: 'conceicao_b',
        displayName: 'Conceição Barros',
        timestamp: iso(NOW - 10 * DAY),
      }),
      event({
        channel: 'webchat',
        externalUserId: 'visitor-7',
        email: 'pedro@padaria.com.br',
        displayName: 'Pedro',
        timestamp: iso(NOW - 2 * DAY),
      }),
      // We wrote first and the person never answered: no "last seen".
      whatsapp('5541966665555', { direction: 'out', timestamp: iso(NOW - 5 * DAY) }),
    ]);
    core.customers.editor.create({
      displayName: 'Zélia Manual',
      phone: '+55 11 3333-4444',
      tags: ['atacado'],
    });
    const joao = list({ search: 'joao' }).items[0]!;
    core.customers.editor.update(joao.id, { tags: ['VIP', 'atacado'] });
    core.customers.editor.addNote(joao.id, 'Prefere entrega pela manhã; cliente desde a feira');
  });

  it('sorts by last seen, newest first, with people who never wrote at the end', () => {
    expect(labels({ sort: 'lastSeen' })).toEqual([
      'Maria Souza',
      'Pedro',
      'João Araújo',
      'Conceição Barros',
      'Mariana Costa',
      // No message from these two: ordered among themselves by id (newest first).
      'Zélia Manual',
      '+55 41 96666-5555',
    ]);
  });

  it('sorts by name ignoring accents, unnamed people last, and by first contact both ways', () => {
    expect(labels({ sort: 'name' })).toEqual([
      'Conceição Barros',
      'João Araújo',
      'Maria Souza',
      'Mariana Costa',
      'Pedro',
      'Zélia Manual',
      '+55 41 96666-5555',
    ]);
    expect(labels({ sort: 'firstContact', order: 'asc' }).slice(0, 3)).toEqual([
      'Mariana Costa',
      'Conceição Barros',
      '+55 41 96666-5555',
    ]);
  });

  it('pages through every customer exactly once in every sort', () => {
    for (const sort of ['lastSeen', 'firstContact', 'name'] as CustomerSort[]) {
      for (const order of ['asc', 'desc'] as const) {
        const all = labels({ sort, order, limit: 100 });
        const paged: string[] = [];
        let cursor: string | undefined;
        do {
          const page = list({ sort, order, limit: 2, cursor });
          paged.push(...page.items.map((c) => c.label));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(paged, `${sort} ${order}`).toEqual(all);
        expect(all).toHaveLength(7);
      }
    }
  });

  it('finds people by the start of any name, accent-insensitive', () => {
    expect(labels({ search: 'mari', sort: 'name' })).toEqual(['Maria Souza', 'Mariana Costa']);
    expect(labels({ search: 'conceicao' })).toEqual(['Conceição Barros']);
    expect(labels({ search: 'ARAU' })).toEqual(['João Araújo']);
    expect(labels({ search: 'maria sou' })).toEqual(['Maria Souza']);
    expect(labels({ search: 'xyz' })).toEqual([]);
  });

  it('finds people by phone however it is typed', () => {
    for (const typed of [
      '99999-8888',
      '(11) 99999',
      '+55 11 99999-8888',
      '11999998888',
      '9999-8888',
    ]) {
      expect(labels({ search: typed }), typed).toEqual(['Maria Souza']);
    }
    expect(labels({ search: '3333-4444' })).toEqual(['Zélia Manual']);
  });

  it('finds people by the start of an international number, on any of their phones', () => {
    expect(labels({ search: '+55 21' })).toEqual(['João Araújo']);
    // Zélia's number was typed by hand: it is on the customer, not on any channel identity.
    expect(labels({ search: '+55 11' })).toEqual(['Maria Souza', 'Zélia Manual']);
    expect(labels({ search: '0055 (11) 3' })).toEqual(['Zélia Manual']);
    expect(labels({ search: '+1' })).toEqual([]);
    // After a merge, João keeps his number and Mariana's WhatsApp: both find him.
    const [joao] = list({ search: 'joao' }).items;
    const [mariana] = list({ search: 'mariana' }).items;
    core.customers.editor.merge(joao!.id, mariana!.id);
    expect(labels({ search: '+55 31 97' })).toEqual(['João Araújo']);
    expect(labels({ search: '+55 21 98888' })).toEqual(['João Araújo']);
  });

  it('finds people by email, username and note text', () => {
    expect(labels({ search: 'pedro@pad' })).toEqual(['Pedro']);
    expect(labels({ search: 'conceicao_b' })).toEqual(['Conceição Barros']);
    expect(labels({ search: 'entrega manha' })).toEqual(['João Araújo']);
  });

  it('filters by channel, source, tag, activity and first contact', () => {
    expect(labels({ channel: 'telegram' })).toEqual(['Conceição Barros']);
    expect(labels({ source: 'manual' })).toEqual(['Zélia Manual']);
    expect(labels({ tag: 'vip' })).toEqual(['João Araújo']);
    expect(labels({ tag: 'atacado', sort: 'name' })).toEqual(['João Araújo', 'Zélia Manual']);
    expect(labels({ tag: 'ninguém-tem' })).toEqual([]);
    expect(labels({ activeSince: iso(NOW - 2.5 * DAY) })).toEqual(['Maria Souza', 'Pedro']);
    expect(labels({ firstContactFrom: '2026-10-01', firstContactTo: '2026-10-31' })).toEqual([
      'Mariana Costa',
    ]);
    expect(labels({ channel: 'whatsapp', search: 'mari', sort: 'name' })).toEqual([
      'Maria Souza',
      'Mariana Costa',
    ]);
  });

  it('shows channels, tags and a "needs details" mark on each row', () => {
    const [conceicao] = list({ search: 'conceicao' }).items;
    expect(conceicao).toMatchObject({
      channels: ['telegram'],
      needsDetails: true,
      source: 'auto_created',
    });
    const [joao] = list({ search: 'joao' }).items;
    expect(joao).toMatchObject({
      tags: ['atacado', 'VIP'],
      needsDetails: false,
      phone: '+5521988887777',
    });
  });

  it('finds the same customers whether a search matches a few, thousands or nearly everyone', () => {
    // Over ~360 matches here the list is read in order and each row's words are checked instead of
    // fetching the matches (broadSearch in query.ts): both must find exactly what the index does.
    ingestPeople(10_100, (i) => (i % 2 ? `Marta ${i}` : `Márcio ${i}`));
    expect(labels({ search: 'mar', limit: 5 })).toEqual([
      'Maria Souza',
      'Mariana Costa',
      'Marta 10099',
      'Márcio 10098',
      'Marta 10097',
    ]);
    // João's note says "manhã".
    expect(labels({ search: 'M', limit: 3 })).toEqual([
      'Maria Souza',
      'João Araújo',
      'Mariana Costa',
    ]);
    expect(labels({ search: 'marcio 1009', sort: 'name' })).toEqual(
      [0, 2, 4, 6, 8].map((n) => `Márcio 1009${n}`),
    );
    const indexed = (query: string) =>
      core.db
        .prepare<[string], { id: number }>(
          'SELECT rowid AS id FROM customers_fts WHERE customers_fts MATCH ? ORDER BY rowid',
        )
        .all(query)
        .map((r) => r.id);
    for (const [typed, query, count] of [
      ['mar', '"mar"*', 10_102],
      ['m', '"m"*', 10_104],
      ['9', '"9"*', 10_104],
      ['mar 1', '"mar"* AND "1"*', 10_101],
      ['marta', '"marta"*', 5_050],
      ['márcio 100', '"marcio"* AND "100"*', 5_050],
    ] as const) {
      const found = everyId(typed);
      expect(found, typed).toEqual(indexed(query));
      expect(found.length, typed).toBe(count);
    }
  });

  it('pages through a phone prefix matching most people the same way as a rare one', () => {
    // Most customers share the prefix: the list is read in order, row by row (see phoneStartsWith).
    ingestPeople(2_100, (i) => `Marta ${i}`);
    expect(labels({ search: '+55 11 9', limit: 4 })).toEqual([
      'Maria Souza',
      'Marta 2099',
      'Marta 2098',
      'Marta 2097',
    ]);
    expect(everyId('+55 11 9')).toHaveLength(2_101);
    // Fewer: their ids first, then the list in order; a single one, read by the phone indexes.
    expect(everyId('+55 11 91000 00')).toHaveLength(100);
    expect(everyId('+55 11 91000 001')).toHaveLength(10);
    expect(everyId('+55 11 91000 0000')).toHaveLength(1);
  });

  it('refuses a forged page cursor with a readable error', () => {
    expect(() => list({ cursor: 'not-a-cursor' })).toThrow(/page link is no longer valid/);
  });
});
