import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import {
  customerOf,
  event,
  iso,
  NOW,
  tempCore,
  type TestCore,
  whatsapp,
} from '../testing/fixtures';

let core: TestCore;
afterEach(() => core?.dispose());

const DAY = 86_400_000;
const count = (table: string) =>
  (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const search = (text: string) =>
  core.customers.list
    .list({ search: text, sort: 'name', limit: 10 }, 'UTC')
    .items.map((c) => c.label);

describe('editing customers by hand', () => {
  it('adds a customer with a normalized phone and refuses a second one with the same number', () => {
    core = tempCore();
    const id = core.customers.editor.create({
      displayName: 'Dona Benta',
      phone: '(11) 9999-8888',
      tags: ['sítio'],
    });
    expect(core.customers.detail.get(id)).toMatchObject({
      source: 'manual',
      phone: '+5511999998888',
      tags: ['sítio'],
      needsDetails: false,
      metadata: { source: 'manual', channel: null, firstContactAt: null },
    });
    expect(() =>
      core.customers.editor.create({ displayName: 'Outra', phone: '+55 11 99999-8888' }),
    ).toThrow(/Another customer already has this phone number/);
    expect(() => core.customers.editor.create({ displayName: 'X', phone: '12' })).toThrow(
      /is not a phone number/,
    );
    expect(count('customers')).toBe(1);
  });

  it('keeps a name typed by an agent when the channel profile name changes', () => {
    core = tempCore();
    core.inbox.ingest(
      whatsapp('5511988880000', { displayName: 'mãe', timestamp: iso(NOW - 2 * DAY) }),
    );
    const [customer] = core.customers.list.list({ sort: 'name', limit: 5 }, 'UTC').items;
    core.customers.editor.update(customer!.id, {
      displayName: 'Lúcia Ferreira',
      email: 'lucia@exemplo.com',
    });
    core.inbox.ingest(
      whatsapp('5511988880000', { displayName: 'Lu 🌻', timestamp: iso(NOW - DAY) }),
    );
    expect(core.customers.detail.get(customer!.id)).toMatchObject({
      displayName: 'Lúcia Ferreira',
      email: 'lucia@exemplo.com',
    });
    expect(search('lucia')).toEqual(['Lúcia Ferreira']);
    // The profile name stays findable too.
    expect(search('lu')).toEqual(['Lúcia Ferreira']);
  });

  it('makes notes searchable and removes them from search when deleted', () => {
    core = tempCore();
    const id = core.customers.editor.create({ displayName: 'Seu Jorge' });
    const note = core.customers.editor.addNote(id, 'Quer orçamento de bolo de casamento');
    expect(search('casamento')).toEqual(['Seu Jorge']);
    core.customers.editor.updateNote(note.id, 'Quer orçamento de festa infantil');
    expect(search('casamento')).toEqual([]);
    expect(search('infantil')).toEqual(['Seu Jorge']);
    core.customers.editor.deleteNote(note.id);
    expect(search('infantil')).toEqual([]);
    expect(core.customers.detail.get(id).notes).toEqual([]);
  });

  it('merges two customers: identities, notes and tags move, times cover both histories', () => {
    core = tempCore();
    core.inbox.ingestBatch([
      whatsapp('5511977770000', { displayName: 'Carlos', timestamp: iso(NOW - 30 * DAY) }),
      event({
        channel: 'telegram',
        externalUserId: '55',
        username: 'carlao',
        timestamp: iso(NOW - DAY),
      }),
    ]);
    const [carlos, carlao] = core.customers.list.list({ sort: 'name', limit: 5 }, 'UTC').items;
    core.customers.editor.addNote(carlao!.id, 'Mesmo que o Carlos do WhatsApp');
    core.customers.editor.update(carlao!.id, { tags: ['revenda'] });
    core.customers.editor.merge(carlos!.id, carlao!.id);
    const merged = core.customers.detail.get(carlos!.id);
    expect(merged).toMatchObject({
      displayName: 'Carlos',
      channels: ['telegram', 'whatsapp'],
      tags: ['revenda'],
      firstContactAt: iso(NOW - 30 * DAY),
      lastSeenAt: iso(NOW - DAY),
    });
    expect(merged.notes).toHaveLength(1);
    expect(() => core.customers.detail.get(carlao!.id)).toThrow(ApiError);
    expect(search('carlao')).toEqual(['Carlos']);
    expect(core.customers.stats.stats(NOW, 'UTC').totalCustomers).toBe(1);
  });

  it('keeps the name of the customer merged into, even when the other profile is newer', () => {
    core = tempCore();
    core.inbox.ingestBatch([
      whatsapp('5511999998888', { displayName: 'Maria Souza', timestamp: iso(NOW - 2 * DAY) }),
      event({ channel: 'telegram', externalUserId: '777', displayName: 'Maria S.' }),
    ]);
    const named = (name: string) =>
      core.customers.list.list({ search: name, sort: 'name', limit: 5 }, 'UTC').items[0]!.id;
    const target = named('Maria Souza');
    core.customers.editor.merge(target, named('Maria S.'));
    expect(core.customers.detail.get(target)).toMatchObject({
      displayName: 'Maria Souza',
      channels: ['telegram', 'whatsapp'],
    });
    // From then on the name is the agent's choice: a later profile name does not replace it.
    core.inbox.ingest(event({ channel: 'telegram', externalUserId: '777', displayName: 'Mah' }));
    expect(core.customers.detail.get(target).displayName).toBe('Maria Souza');
  });

  it('splits a contact back out into its own customer', () => {
    core = tempCore();
    core.inbox.ingestBatch([
      whatsapp('5511966660000', { displayName: 'Bia', timestamp: iso(NOW - 10 * DAY) }),
      event({ channel: 'sms', externalUserId: '+5511966660000', timestamp: iso(NOW - DAY) }),
    ]);
    const [bia] = core.customers.list.list({ sort: 'name', limit: 5 }, 'UTC').items;
    const sms = core.customers.detail.get(bia!.id).identities.find((i) => i.channel === 'sms')!;
    const createdId = core.customers.editor.split(bia!.id, [sms.id]);
    expect(core.customers.detail.get(bia!.id)).toMatchObject({
      channels: ['whatsapp'],
      lastSeenAt: iso(NOW - 10 * DAY),
    });
    expect(core.customers.detail.get(createdId)).toMatchObject({
      channels: ['sms'],
      lastSeenAt: iso(NOW - DAY),
    });
    expect(() => core.customers.editor.split(createdId, [sms.id])).toThrow(/Leave at least one/);
  });

  it('deletes a customer and erases their conversations and messages', () => {
    core = tempCore();
    core.inbox.ingestBatch([
      whatsapp('5511955550000'),
      whatsapp('5511955550000'),
      whatsapp('5511944440000'),
    ]);
    const [first] = core.customers.list.list(
      { search: '955550000', sort: 'name', limit: 5 },
      'UTC',
    ).items;
    core.customers.editor.delete(first!.id);
    expect(count('customers')).toBe(1);
    expect(count('messages')).toBe(1);
    expect(count('conversations')).toBe(1);
    expect(search('955550000')).toEqual([]);
  });
});

describe('conversations started by an agent', () => {
  it('creates the customer on the spot and keeps the typed message as pending', () => {
    core = tempCore();
    const { conversation, message } = core.conversations.start({
      channel: 'whatsapp',
      account: 'default',
      phone: '(11) 91234-5678',
      text: 'Olá! Seu pedido chegou.',
    });
    expect(message).toMatchObject({
      direction: 'out',
      status: 'pending',
      text: 'Olá! Seu pedido chegou.',
    });
    expect(conversation.customerId).not.toBeNull();
    expect(core.customers.detail.get(conversation.customerId!)).toMatchObject({
      source: 'auto_created',
      phone: '+5511912345678',
      firstContactAt: iso(NOW),
      lastSeenAt: null,
      metadata: { channel: 'whatsapp', originalExternalId: '5511912345678@c.us' },
    });
    // When the person answers, it is the same conversation and the same customer.
    core.inbox.ingest(
      whatsapp('5511912345678', { text: 'Obrigado!', timestamp: iso(NOW + 60_000) }),
    );
    expect(core.conversations.list({ limit: 5 }).items).toHaveLength(1);
    expect(core.customers.stats.stats(NOW + 60_000, 'UTC').totalCustomers).toBe(1);
  });

  it('cannot write first on Telegram to someone who never wrote to the bot', () => {
    core = tempCore();
    expect(() =>
      core.conversations.start({
        channel: 'telegram',
        account: 'default',
        username: 'ninguem',
        text: 'oi',
      }),
    ).toThrow(/must write first/);
    expect(count('messages')).toBe(0);
  });

  it('records a failed send with its reason, and a retry can mark it sent', () => {
    core = tempCore();
    core.inbox.ingest(whatsapp('5511933330000'));
    const [conversation] = core.conversations.list({ limit: 5 }).items;
    const message = core.conversations.send(conversation!.id, 'Pode ser amanhã?');
    const failed = core.conversations.setStatus(message.id, 'failed', { error: 'Phone offline' });
    expect(failed).toMatchObject({
      status: 'failed',
      error: 'Phone offline',
      text: 'Pode ser amanhã?',
    });
    const sent = core.conversations.setStatus(message.id, 'sent', {
      externalId: 'true_5511933330000@c.us_ABC',
    });
    expect(sent).toMatchObject({ status: 'sent', error: null });
  });
});

describe('vouched and claimed, after an agent acts', () => {
  /** Maria on WhatsApp, and later a visitor who typed her email and another name. */
  function mariaAndVisitor() {
    core.inbox.ingestBatch([
      whatsapp('5511999998888', { displayName: 'Maria Souza', timestamp: iso(NOW - 2 * DAY) }),
      event({
        channel: 'webchat',
        externalUserId: 'v-1',
        displayName: 'Outra Pessoa',
        email: 'maria@exemplo.com.br',
        timestamp: iso(NOW - DAY),
      }),
    ]);
    return {
      maria: customerOf(core, 'whatsapp', '5511999998888@c.us')!,
      visitor: customerOf(core, 'webchat', 'v-1')!,
    };
  }

  it('merging a visitor into a WhatsApp customer, either way round, keeps the WhatsApp name', () => {
    core = tempCore();
    const { maria, visitor } = mariaAndVisitor();
    core.customers.editor.merge(visitor, maria);
    // The visitor's name is newer, but nothing vouches for it: the WhatsApp profile names her.
    expect(core.customers.detail.get(visitor)).toMatchObject({
      displayName: 'Maria Souza',
      nameLocked: false,
      email: 'maria@exemplo.com.br',
      channels: ['webchat', 'whatsapp'],
      possibleMatches: [],
    });
    core.inbox.ingest(
      event({ channel: 'webchat', externalUserId: 'v-1', displayName: 'Mudei de nome' }),
    );
    expect(core.customers.detail.get(visitor).displayName).toBe('Maria Souza');
    core.inbox.ingest(whatsapp('5511999998888', { displayName: 'Maria S. Souza' }));
    expect(core.customers.detail.get(visitor).displayName).toBe('Maria S. Souza');

    core.dispose();
    core = tempCore();
    const again = mariaAndVisitor();
    core.customers.editor.merge(again.maria, again.visitor);
    expect(core.customers.detail.get(again.maria)).toMatchObject({
      displayName: 'Maria Souza',
      email: 'maria@exemplo.com.br',
    });
  });

  it('adding a customer by hand attaches who wrote from that phone, never a visitor who typed the email', () => {
    core = tempCore();
    core.settings.update({ autoCreateCustomers: false });
    core.inbox.ingestBatch([
      whatsapp('5511977776666', { displayName: 'Rita', timestamp: iso(NOW - 2 * DAY) }),
      event({
        channel: 'webchat',
        externalUserId: 'v-1',
        displayName: 'Rita',
        email: 'rita@exemplo.com',
      }),
    ]);
    const rita = core.customers.editor.create({
      displayName: 'Rita Lopes',
      phone: '(11) 97777-6666',
      email: 'rita@exemplo.com',
    });
    expect(core.customers.detail.get(rita)).toMatchObject({ channels: ['whatsapp'] });
    expect(customerOf(core, 'webchat', 'v-1')).toBeNull();
  });

  it("a visitor's claim does not stop the owner typing that email on a customer", () => {
    core = tempCore();
    core.inbox.ingest(
      event({ channel: 'webchat', externalUserId: 'v-1', email: 'vera@exemplo.com' }),
    );
    const vera = core.customers.editor.create({ displayName: 'Vera', email: 'vera@exemplo.com' });
    expect(core.customers.detail.get(vera).possibleMatches).toMatchObject([
      { customerId: customerOf(core, 'webchat', 'v-1'), reason: 'same_email', keepId: vera },
    ]);
  });

  it("a visitor split out of a customer typed in by hand is their own record, not the owner's word", () => {
    core = tempCore();
    const shop = core.customers.editor.create({ displayName: 'Loja Bela', phone: '11 93333-0000' });
    core.inbox.ingestBatch([
      whatsapp('5511933330000'),
      event({ channel: 'webchat', externalUserId: 'v-1', email: 'vera@exemplo.com' }),
    ]);
    core.customers.editor.merge(shop, customerOf(core, 'webchat', 'v-1')!);
    const web = core.customers.detail.get(shop).identities.find((i) => i.channel === 'webchat');
    const split = core.customers.editor.split(shop, [web!.id]);
    expect(core.customers.detail.get(split)).toMatchObject({
      source: 'auto_created',
      email: 'vera@exemplo.com',
      metadata: { channel: 'webchat', originalExternalId: 'v-1' },
    });
    // So the email the visitor typed belongs to nobody: the owner can give it to a customer.
    const vera = core.customers.editor.create({ displayName: 'Vera', email: 'vera@exemplo.com' });
    expect(core.customers.detail.get(vera).possibleMatches).toMatchObject([
      { customerId: split, reason: 'same_email', keepId: vera },
    ]);
  });

  it('an agent cannot reach a visitor by a phone the visitor typed; WhatsApp to it is someone else', () => {
    core = tempCore();
    core.inbox.ingest(
      event({ channel: 'webchat', externalUserId: 'v-1', phone: '+55 11 91234-5678' }),
    );
    expect(() =>
      core.conversations.start({
        channel: 'webchat',
        account: 'default',
        phone: '(11) 91234-5678',
        text: 'Seu pedido chegou',
      }),
    ).toThrow(/answer in their conversation/);
    expect(count('messages')).toBe(1);
    const { conversation } = core.conversations.start({
      channel: 'whatsapp',
      account: 'default',
      phone: '(11) 91234-5678',
      text: 'Seu pedido chegou',
    });
    expect(conversation.customerId).not.toBe(customerOf(core, 'webchat', 'v-1'));
  });
});
