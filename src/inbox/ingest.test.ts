import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../api/types';
import {
  customerOf,
  event,
  iso,
  NOW,
  tempCore,
  type TestCore,
  whatsapp,
} from '../testing/fixtures';
import type { InboundEvent } from './inbound-event';

let core: TestCore;
afterEach(() => core?.dispose());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The database as a person sees it, keyed by natural keys only (row ids depend on order). */
function logicalDump(c: TestCore) {
  const customers = c.db
    .prepare(
      `SELECT c.display_name, c.phone, c.email, c.source, c.source_channel, c.original_external_id,
              c.profile_picture_url, c.first_contact_at, c.last_seen_at, c.last_interaction_at, c.sort_name,
              (SELECT group_concat(k, ',') FROM (SELECT channel || ':' || external_id AS k FROM identities
                WHERE customer_id = c.id ORDER BY k)) AS identities
       FROM customers c ORDER BY identities`,
    )
    .all();
  const identities = c.db
    .prepare(
      `SELECT channel, account, external_id, display_name, phone, email, username, language,
              profile_picture_url, is_business, profile_at FROM identities ORDER BY channel, external_id`,
    )
    .all();
  const conversations = c.db
    .prepare(
      `SELECT i.channel, i.external_id, cv.first_message_at, cv.last_message_at, cv.last_message_key,
              cv.last_message_text, cv.last_message_direction, cv.unread_count, cv.last_read_at
       FROM conversations cv JOIN identities i ON i.id = cv.identity_id ORDER BY i.channel, i.external_id`,
    )
    .all();
  const messages = c.db
    .prepare(
      'SELECT channel, external_id, direction, text, timestamp, status FROM messages ORDER BY channel, external_id',
    )
    .all();
  const search = c.db
    .prepare(`SELECT count(*) AS n FROM customers_fts WHERE customers_fts MATCH '"maria"*'`)
    .get();
  return { customers, identities, conversations, messages, search };
}

/** A realistic mixed history: several people, channels, directions and a name change. */
function history(): InboundEvent[] {
  const events: InboundEvent[] = [];
  const base = NOW - 40 * DAY;
  const names = ['Maria Souza', 'João Silva', 'Conceição Araújo', 'Pedro Álvares', 'Ana Lima'];
  names.forEach((name, p) => {
    const digits = `55119${String(90000000 + p * 1111).padStart(8, '0')}`;
    for (let m = 0; m < 6; m++) {
      events.push(
        whatsapp(digits, {
          direction: m % 3 === 2 ? 'out' : 'in',
          // The person renamed themselves halfway: the newest name must win in any order.
          displayName: m < 3 ? name : `${name} (loja)`,
          timestamp: iso(base + p * DAY + m * HOUR),
          profilePictureUrl: m === 5 ? `https://pps.whatsapp.net/${p}.jpg` : null,
        }),
      );
    }
  });
  // The same person as Maria on SMS, written with the old eight-digit mobile number.
  events.push(
    event({
      channel: 'sms',
      externalUserId: '+55 11 9000-0000',
      phone: '+55 11 9000-0000',
      timestamp: iso(base - DAY),
    }),
  );
  events.push(
    event({
      channel: 'telegram',
      externalUserId: '777001',
      username: 'carla_t',
      displayName: 'Carla',
      timestamp: iso(base + 2 * HOUR),
    }),
  );
  events.push(
    event({
      channel: 'telegram',
      externalUserId: '777001',
      username: 'carla_t',
      displayName: 'Carla T.',
      timestamp: iso(base + 5 * HOUR),
    }),
  );
  events.push(
    event({
      channel: 'webchat',
      externalUserId: 'visitor-1',
      email: 'Maria.Souza@Example.com',
      displayName: 'Maria',
      timestamp: iso(base + 9 * HOUR),
    }),
  );
  return events;
}

/** Fisher-Yates with a fixed seed, so a failure can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('ingest', () => {
  it('auto-creates a customer with the seed metadata from the first WhatsApp message', () => {
    core = tempCore();
    const report = core.inbox.ingest(
      whatsapp('5511999998888', {
        displayName: 'Maria Souza',
        profilePictureUrl: 'https://pps.whatsapp.net/maria.jpg',
        timestamp: '2026-11-24T12:00:00.000Z',
      }),
    );
    expect(report).toMatchObject({ stored: 1, customersCreated: 1, duplicates: 0 });
    const [summary] = core.customers.list.list({ sort: 'lastSeen', limit: 10 }, 'UTC').items;
    const detail = core.customers.detail.get(summary!.id);
    expect(detail.displayName).toBe('Maria Souza');
    expect(detail.phone).toBe('+5511999998888');
    expect(detail.channels).toEqual(['whatsapp']);
    expect(detail.metadata).toEqual({
      source: 'auto_created',
      channel: 'whatsapp',
      firstContactAt: '2026-11-24T12:00:00.000Z',
      originalExternalId: '5511999998888@c.us',
      lastSeenAt: '2026-11-24T12:00:00.000Z',
      profilePictureUrl: 'https://pps.whatsapp.net/maria.jpg',
    });
    expect(detail.conversations[0]).toMatchObject({
      unreadCount: 1,
      lastMessageText: expect.stringContaining('mensagem'),
    });
  });

  it('is idempotent: the same events twice change nothing', () => {
    core = tempCore();
    const events = history();
    core.inbox.ingestBatch(events);
    const before = logicalDump(core);
    const again = core.inbox.ingestBatch(events);
    expect(again).toMatchObject({ stored: 0, duplicates: events.length, customersCreated: 0 });
    expect(logicalDump(core)).toEqual(before);
  });

  it('gives the same database for any order of the same events, in one batch or one by one', () => {
    core = tempCore();
    const events = history();
    core.inbox.ingestBatch(events);
    const inOrder = logicalDump(core);
    for (const seed of [1, 2, 3]) {
      const other = tempCore();
      try {
        const order = shuffled(events, seed);
        if (seed === 3) for (const e of order) other.inbox.ingest(e);
        else other.inbox.ingestBatch(order);
        expect(logicalDump(other)).toEqual(inOrder);
      } finally {
        other.dispose();
      }
    }
    // And the content is what a person expects: newest name, earliest channel as the origin.
    // The web visitor gave only an email nobody else has: a separate customer, not a guess.
    const marias = core.customers.list.list(
      { search: 'maria', sort: 'name', limit: 10 },
      'UTC',
    ).items;
    expect(marias.map((m) => m.label)).toEqual(['Maria', 'Maria Souza (loja)']);
    expect(marias[1]).toMatchObject({ channels: ['sms', 'whatsapp'], phone: '+5511990000000' });
    expect(core.customers.detail.get(marias[1]!.id).metadata.channel).toBe('sms');
  });

  it('links a phone seen on WhatsApp and on SMS, with and without the ninth digit, to one customer', () => {
    core = tempCore();
    // WhatsApp still uses the twelve-digit id for many older Brazilian numbers.
    core.inbox.ingest(whatsapp('551199998888', { displayName: 'Zé' }));
    const report = core.inbox.ingest(
      event({ channel: 'sms', externalUserId: '+5511999998888', phone: '+55 11 99999-8888' }),
    );
    expect(report).toMatchObject({ customersCreated: 0, identitiesLinked: 1 });
    const { items } = core.customers.list.list({ sort: 'name', limit: 10 }, 'UTC');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      displayName: 'Zé',
      phone: '+5511999998888',
      channels: ['sms', 'whatsapp'],
    });
  });

  it('finds people renamed in a later batch by their new name only, beside the newcomers', () => {
    core = tempCore();
    core.inbox.ingestBatch([
      whatsapp('5511911110000', { displayName: 'Ana Velha', timestamp: iso(NOW - 2 * DAY) }),
      whatsapp('5511922220000', { displayName: 'Bruno Velho', timestamp: iso(NOW - 2 * DAY) }),
    ]);
    core.inbox.ingestBatch([
      whatsapp('5511933330000', { displayName: 'Carla Nova', timestamp: iso(NOW - DAY) }),
      whatsapp('5511922220000', { displayName: 'Bruno Novo', timestamp: iso(NOW - DAY) }),
      whatsapp('5511911110000', { displayName: 'Ana Nova', timestamp: iso(NOW - DAY) }),
    ]);
    const found = (search: string) =>
      core.customers.list
        .list({ search, sort: 'name', limit: 10 }, 'UTC')
        .items.map((c) => c.label);
    expect(found('velh')).toEqual([]);
    expect(found('nov')).toEqual(['Ana Nova', 'Bruno Novo', 'Carla Nova']);
    expect(found('11 92222')).toEqual(['Bruno Novo']);
  });

  it('creates customers for outbound messages too, without marking them as seen', () => {
    core = tempCore();
    core.inbox.ingest(
      whatsapp('5521988887777', { direction: 'out', timestamp: '2026-11-20T10:00:00.000Z' }),
    );
    const [customer] = core.customers.list.list({ sort: 'lastSeen', limit: 10 }, 'UTC').items;
    expect(customer).toMatchObject({
      source: 'auto_created',
      firstContactAt: '2026-11-20T10:00:00.000Z',
      lastInteractionAt: '2026-11-20T10:00:00.000Z',
      lastSeenAt: null,
      label: '+55 21 98888-7777',
    });
  });

  it('keeps people known only by a channel id in the list, marked as needing details', () => {
    core = tempCore();
    core.inbox.ingest(event({ channel: 'telegram', externalUserId: '4242', username: 'bia' }));
    const [customer] = core.customers.list.list({ sort: 'name', limit: 10 }, 'UTC').items;
    expect(customer).toMatchObject({ label: '@bia', needsDetails: true, channels: ['telegram'] });
    expect(
      core.customers.list.list({ search: 'bia', sort: 'name', limit: 10 }, 'UTC').items,
    ).toHaveLength(1);
  });

  it('stores every message with auto-creation off, and the person joins when an agent adds them', () => {
    core = tempCore();
    core.settings.update({ autoCreateCustomers: false });
    core.inbox.ingestBatch([
      whatsapp('5511977776666', { displayName: 'Rita', timestamp: '2026-11-01T10:00:00.000Z' }),
      whatsapp('5511977776666', { timestamp: '2026-11-02T10:00:00.000Z' }),
    ]);
    expect(core.customers.stats.stats(NOW, 'UTC').totalCustomers).toBe(0);
    const { items: conversations } = core.conversations.list({ limit: 10 });
    expect(conversations).toMatchObject([{ customerId: null, label: 'Rita', unreadCount: 2 }]);
    expect(
      core.conversations.messages({ conversationId: conversations[0]!.id, limit: 10 }).items,
    ).toHaveLength(2);

    const id = core.customers.editor.create({
      displayName: 'Rita Lopes',
      phone: '(11) 97777-6666',
    });
    const detail = core.customers.detail.get(id);
    expect(detail).toMatchObject({
      source: 'manual',
      firstContactAt: '2026-11-01T10:00:00.000Z',
      lastSeenAt: '2026-11-02T10:00:00.000Z',
      channels: ['whatsapp'],
    });
  });

  /** One number's WhatsApp and SMS identities are one customer, the only one, with `details`. */
  function expectOneCustomer(digits: string, details: Record<string, unknown>): number {
    const id = customerOf(core, 'whatsapp', `${digits}@c.us`)!;
    expect(customerOf(core, 'sms', `+${digits}`)).toBe(id);
    expect(core.customers.stats.stats(NOW, 'UTC').totalCustomers).toBe(1);
    expect(core.customers.detail.get(id)).toMatchObject({
      channels: ['sms', 'whatsapp'],
      ...details,
    });
    return id;
  }

  it('someone who wrote while auto-creation was off joins the customer their number belongs to once it is back on', () => {
    core = tempCore();
    core.settings.update({ autoCreateCustomers: false });
    const sms = (timestamp: number) =>
      event({ channel: 'sms', externalUserId: '+5511977776666', timestamp: iso(timestamp) });
    core.inbox.ingest(sms(NOW - 3 * DAY));
    expect(customerOf(core, 'sms', '+5511977776666')).toBeNull();

    core.settings.update({ autoCreateCustomers: true });
    core.inbox.ingest(
      whatsapp('5511977776666', { displayName: 'Rita', timestamp: iso(NOW - 2 * DAY) }),
    );
    const report = core.inbox.ingest(sms(NOW - DAY));
    expect(report).toMatchObject({ customersCreated: 0, identitiesLinked: 1 });
    expectOneCustomer('5511977776666', {
      displayName: 'Rita',
      firstContactAt: iso(NOW - 3 * DAY),
      lastSeenAt: iso(NOW - DAY),
    });
  });

  it('one number that wrote on WhatsApp and on SMS while auto-creation was off becomes one customer', () => {
    for (const together of [false, true]) {
      core?.dispose();
      core = tempCore();
      core.settings.update({ autoCreateCustomers: false });
      core.inbox.ingestBatch([
        whatsapp('5511966665555', { displayName: 'Caio', timestamp: iso(NOW - 3 * DAY) }),
        event({ channel: 'sms', externalUserId: '+5511966665555', timestamp: iso(NOW - 2 * DAY) }),
      ]);
      core.settings.update({ autoCreateCustomers: true });
      const again = [
        whatsapp('5511966665555', { timestamp: iso(NOW - DAY) }),
        event({ channel: 'sms', externalUserId: '+5511966665555', timestamp: iso(NOW - HOUR) }),
      ];
      if (together) core.inbox.ingestBatch(again);
      else for (const e of again) core.inbox.ingest(e);
      expectOneCustomer('5511966665555', {
        displayName: 'Caio',
        phone: '+5511966665555',
        firstContactAt: iso(NOW - 3 * DAY),
        lastSeenAt: iso(NOW - HOUR),
      });
    }
  });

  it('a waiting number joins a customer its own batch creates, with its earlier history', () => {
    core = tempCore();
    core.settings.update({ autoCreateCustomers: false });
    core.inbox.ingest(
      event({ channel: 'sms', externalUserId: '+5511955554444', timestamp: iso(NOW - 5 * DAY) }),
    );
    core.settings.update({ autoCreateCustomers: true });
    core.inbox.ingestBatch([
      whatsapp('5511955554444', { displayName: 'Lia', timestamp: iso(NOW - 2 * DAY) }),
      event({ channel: 'sms', externalUserId: '+5511955554444', timestamp: iso(NOW - DAY) }),
    ]);
    const lia = expectOneCustomer('5511955554444', {
      displayName: 'Lia',
      firstContactAt: iso(NOW - 5 * DAY),
      lastSeenAt: iso(NOW - DAY),
    });
    const [found] = core.customers.list.list(
      { search: 'Lia', sort: 'name', limit: 5 },
      'UTC',
    ).items;
    expect(found?.id).toBe(lia);
  });

  it('saves the connector cursor with the messages, and neither when the batch fails', () => {
    core = tempCore();
    const cursor = (value: string) => ({ channel: 'telegram' as const, account: 'bot', value });
    core.inbox.ingestBatch([event({ channel: 'telegram', account: 'bot', externalUserId: '1' })], {
      cursor: cursor('101'),
    });
    const broken = {
      ...event({ channel: 'telegram', account: 'bot', externalUserId: '2' }),
      channel: 'fax',
    } as unknown as InboundEvent;
    expect(() =>
      core.inbox.ingestBatch(
        [event({ channel: 'telegram', account: 'bot', externalUserId: '3' }), broken],
        { cursor: cursor('102') },
      ),
    ).toThrow();
    const saved = core.db.prepare('SELECT cursor FROM connector_cursors').all();
    expect(saved).toEqual([{ cursor: '101' }]);
    expect(core.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 1 });
  });

  it('announces changes only after they are committed, customers before their messages', () => {
    core = tempCore();
    const seen: DomainEvent[] = [];
    core.bus.subscribe((events) => {
      for (const e of events) {
        if (e.type === 'customer.created')
          expect(core.customers.detail.get(e.customerId).phone).toBe('+5511955554444');
      }
      seen.push(...events);
    });
    core.inbox.ingest(whatsapp('5511955554444'));
    expect(seen.map((e) => e.type)).toEqual([
      'customer.created',
      'conversation.updated',
      'message.created',
    ]);
  });

  it('announces history as backfill and live messages as news, storing both alike', () => {
    core = tempCore();
    const created: DomainEvent[] = [];
    core.bus.subscribe((events) =>
      created.push(...events.filter((e) => e.type === 'message.created')),
    );
    core.inbox.ingestBatch([whatsapp('5511955554444'), whatsapp('5511955553333')], {
      backfill: true,
    });
    core.inbox.ingest(whatsapp('5511955554444', { text: 'chegou agora' }));
    expect(created.map((e) => e.type === 'message.created' && e.backfill)).toEqual([
      true,
      true,
      undefined,
    ]);
    expect(core.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 3 });
    expect(core.conversations.unreadTotal()).toBe(3);
  });

  it('counts unread messages until the business replies', () => {
    core = tempCore();
    const t = (h: number) => iso(NOW - 10 * HOUR + h * HOUR);
    core.inbox.ingestBatch([
      whatsapp('5511944443333', { timestamp: t(0) }),
      whatsapp('5511944443333', { timestamp: t(1) }),
      whatsapp('5511944443333', { timestamp: t(2), direction: 'out' }),
      whatsapp('5511944443333', { timestamp: t(3), text: 'Obrigada!' }),
    ]);
    const [conversation] = core.conversations.list({ limit: 10 }).items;
    expect(conversation).toMatchObject({
      unreadCount: 1,
      lastMessageText: 'Obrigada!',
      lastMessageDirection: 'in',
    });
    core.inbox.ingest(whatsapp('5521977776666', { timestamp: t(4) }));
    expect(core.conversations.unreadTotal()).toBe(2);
    core.conversations.markRead(conversation!.id);
    expect(core.conversations.unreadTotal()).toBe(1);
  });
});

describe('vouched and claimed: what a web visitor types never takes over a customer', () => {
  const visitor = (externalUserId: string, fields: Partial<InboundEvent>) =>
    event({ channel: 'webchat', externalUserId, timestamp: iso(NOW - HOUR), ...fields });

  it("a visitor typing a WhatsApp customer's email and a new name stays on their own customer", () => {
    core = tempCore();
    core.inbox.ingest(
      whatsapp('5511999998888', { displayName: 'Maria Souza', timestamp: iso(NOW - DAY) }),
    );
    const maria = customerOf(core, 'whatsapp', '5511999998888@c.us')!;
    // The agent knows Maria's email and typed it in.
    core.customers.editor.update(maria, { email: 'maria@exemplo.com.br' });

    const report = core.inbox.ingest(
      visitor('v-1', { email: 'MARIA@exemplo.com.br', displayName: 'Maria (nova conta)' }),
    );
    expect(report).toMatchObject({ customersCreated: 1, identitiesLinked: 0 });
    const stranger = customerOf(core, 'webchat', 'v-1')!;
    expect(stranger).not.toBe(maria);
    expect(core.customers.detail.get(maria)).toMatchObject({
      displayName: 'Maria Souza',
      email: 'maria@exemplo.com.br',
      channels: ['whatsapp'],
      possibleMatches: [
        { customerId: stranger, label: 'Maria (nova conta)', reason: 'same_email', keepId: maria },
      ],
    });
    // A customer made only of claims shows what the visitor typed.
    expect(core.customers.detail.get(stranger)).toMatchObject({
      displayName: 'Maria (nova conta)',
      email: 'maria@exemplo.com.br',
      source: 'auto_created',
      channels: ['webchat'],
      possibleMatches: [
        { customerId: maria, label: 'Maria Souza', reason: 'same_email', keepId: maria },
      ],
    });
  });

  it('tells the customers whose email or phone a visitor typed, so their open detail offers the match', () => {
    core = tempCore();
    core.inbox.ingestBatch([
      whatsapp('5511999998888', { displayName: 'Maria Souza', timestamp: iso(NOW - DAY) }),
      visitor('v-1', { email: 'ana@exemplo.com', timestamp: iso(NOW - DAY) }),
    ]);
    const [maria, ana] = [
      customerOf(core, 'whatsapp', '5511999998888@c.us')!,
      customerOf(core, 'webchat', 'v-1')!,
    ];
    const told: DomainEvent[] = [];
    core.bus.subscribe((events) => told.push(...events));
    core.inbox.ingest(visitor('v-2', { phone: '11 99999-8888', email: 'ana@exemplo.com' }));
    const stranger = customerOf(core, 'webchat', 'v-2')!;
    expect(told.filter((e) => e.type.startsWith('customer.'))).toEqual([
      { type: 'customer.created', customerId: stranger },
      { type: 'customer.updated', customerId: maria },
      { type: 'customer.updated', customerId: ana },
    ]);
    // A visitor who types a phone later, in a message of an existing conversation, too.
    told.length = 0;
    core.inbox.ingest(visitor('v-1', { phone: '+55 11 99999-8888' }));
    expect(told.filter((e) => e.type === 'customer.updated').map((e) => e.customerId)).toEqual([
      ana,
      maria,
      stranger,
    ]);
  });

  it('a visitor claiming the email of a customer the owner typed in by hand stays apart', () => {
    core = tempCore();
    const shop = core.customers.editor.create({
      displayName: 'Loja Bela',
      email: 'contato@lojabela.com.br',
    });
    core.inbox.ingest(
      visitor('v-1', { email: 'CONTATO@lojabela.com.br', displayName: 'Visitante' }),
    );
    const stranger = customerOf(core, 'webchat', 'v-1')!;
    expect(stranger).not.toBe(shop);
    expect(core.customers.detail.get(shop)).toMatchObject({
      displayName: 'Loja Bela',
      identities: [],
      possibleMatches: [{ customerId: stranger, reason: 'same_email', keepId: shop }],
    });
    expect(core.customers.stats.stats(NOW, 'UTC').totalCustomers).toBe(2);
  });

  it('two visitors typing the same email are two customers, each offered as the other one', () => {
    core = tempCore();
    core.inbox.ingestBatch([
      visitor('v-1', { email: 'ana@exemplo.com', displayName: 'Ana', timestamp: iso(NOW - DAY) }),
      visitor('v-2', { email: 'ana@exemplo.com', displayName: 'Ana Paula' }),
    ]);
    const [first, second] = [
      customerOf(core, 'webchat', 'v-1')!,
      customerOf(core, 'webchat', 'v-2')!,
    ];
    expect(first).not.toBe(second);
    // Neither is vouched for: the older record is the one a merge keeps.
    expect(core.customers.detail.get(first).possibleMatches).toEqual([
      { customerId: second, label: 'Ana Paula', reason: 'same_email', keepId: first },
    ]);
    expect(core.customers.detail.get(second).possibleMatches).toEqual([
      { customerId: first, label: 'Ana', reason: 'same_email', keepId: first },
    ]);
  });

  it('a phone typed in the web chat joins nobody, before or after the number writes, in any batch', () => {
    const maria = whatsapp('5511999998888', {
      displayName: 'Maria Souza',
      timestamp: iso(NOW - DAY),
    });
    const claim = visitor('v-1', { phone: '+55 11 99999-8888', displayName: 'Intruso' });
    for (const run of [
      (c: TestCore) => c.inbox.ingestBatch([maria, claim]),
      (c: TestCore) => c.inbox.ingestBatch([claim, maria]),
      (c: TestCore) => [claim, maria].forEach((e) => c.inbox.ingest(e)),
      (c: TestCore) => [maria, claim].forEach((e) => c.inbox.ingest(e)),
    ]) {
      core?.dispose();
      core = tempCore();
      run(core);
      const [owner, stranger] = [
        customerOf(core, 'whatsapp', '5511999998888@c.us')!,
        customerOf(core, 'webchat', 'v-1')!,
      ];
      expect(owner).not.toBe(stranger);
      expect(core.customers.detail.get(owner)).toMatchObject({
        displayName: 'Maria Souza',
        channels: ['whatsapp'],
        possibleMatches: [{ customerId: stranger, reason: 'same_phone', keepId: owner }],
      });
      expect(core.customers.detail.get(stranger)).toMatchObject({
        displayName: 'Intruso',
        channels: ['webchat'],
      });
    }
    // An SMS from the number is vouched for by its network: it joins the WhatsApp customer.
    core.inbox.ingest(
      event({ channel: 'sms', externalUserId: '+5511999998888', phone: '+5511999998888' }),
    );
    expect(customerOf(core, 'sms', '+5511999998888')).toBe(
      customerOf(core, 'whatsapp', '5511999998888@c.us'),
    );
  });

  it('a visitor who wrote while auto-creation was off gets their own customer when it is back on', () => {
    core = tempCore();
    core.inbox.ingest(
      whatsapp('5511977776666', { displayName: 'Rita', timestamp: iso(NOW - DAY) }),
    );
    core.settings.update({ autoCreateCustomers: false });
    core.inbox.ingest(visitor('v-1', { phone: '(11) 97777-6666', displayName: 'Rita?' }));
    expect(customerOf(core, 'webchat', 'v-1')).toBeNull();
    core.settings.update({ autoCreateCustomers: true });
    core.inbox.ingest(visitor('v-1', { text: 'Alguém aí?' }));
    const rita = customerOf(core, 'whatsapp', '5511977776666@c.us')!;
    expect(customerOf(core, 'webchat', 'v-1')).not.toBe(rita);
    expect(core.customers.detail.get(rita)).toMatchObject({
      displayName: 'Rita',
      channels: ['whatsapp'],
    });
  });
});
