/**
 * What a customer list shows after WhatsApp messages of every kind arrive: messages built by the
 * library's own Message class from raw data shaped as WhatsApp Web serializes it, through the
 * connector, into a real database.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AVATAR_PREFIX } from '../context';
import { connected, storedCustomers, storedMessages, type Harness } from './testing/harness';

let harness: Harness;
afterEach(() => harness?.dispose());

const MARIA = '5511999998888@c.us';

/** Delivers messages and waits until the account has handled them all. */
async function receive(...raws: Parameters<Harness['world']['client']['deliver']>[0][]) {
  for (const raw of raws) harness.world.client.deliver(raw);
  await harness.connector.idle();
  return storedMessages(harness.core);
}

describe('WhatsApp messages in the customer list', () => {
  it('makes a customer of a person who writes, with the phone, push name and timestamp', async () => {
    harness = await connected();
    const raw = harness.world.incoming(MARIA, 'Olá! Vocês entregam hoje?', {
      notifyName: 'Maria Souza',
    });
    const [message] = await receive(raw);
    expect(message).toMatchObject({
      externalId: raw.id.$1,
      direction: 'in',
      text: 'Olá! Vocês entregam hoje?',
      who: MARIA,
    });
    const [maria] = storedCustomers(harness.core);
    expect(maria).toMatchObject({ name: 'Maria Souza', phone: '+5511999998888', isBusiness: 0 });
    const row = harness.core.db.prepare('SELECT timestamp FROM messages').get() as {
      timestamp: number;
    };
    expect(row.timestamp).toBe(raw.t * 1000);
  });

  it('names the person as the business saved them, and marks a business account', async () => {
    harness = await connected();
    harness.world.contact(MARIA, { name: 'Maria (padaria)', pushname: 'Maria', isBusiness: true });
    await receive(harness.world.incoming(MARIA, 'Bom dia', { notifyName: 'Maria' }));
    expect(storedCustomers(harness.core)[0]).toMatchObject({
      name: 'Maria (padaria)',
      isBusiness: 1,
    });
  });

  it('makes a customer of a person the owner wrote to from the phone, without the owner’s name', async () => {
    harness = await connected();
    harness.world.contact(MARIA, { pushname: 'Maria Souza' });
    const raw = harness.world.outgoing(MARIA, 'Seu pedido saiu para entrega', {
      notifyName: 'Loja do Zé',
    });
    const [message] = await receive(raw);
    expect(message).toMatchObject({ direction: 'out', who: MARIA, status: 'sent' });
    expect(storedCustomers(harness.core)[0]).toMatchObject({
      name: 'Maria Souza',
      phone: '+5511999998888',
    });
  });

  it('keeps one conversation for an old twelve-digit Brazilian id and its thirteen-digit form', async () => {
    harness = await connected();
    const messages = await receive(
      harness.world.incoming('551188887777@c.us', 'sem o nove'),
      harness.world.incoming('5511988887777@c.us', 'com o nove'),
    );
    expect(messages.map((m) => m.who)).toEqual(['5511988887777@c.us', '5511988887777@c.us']);
    expect(storedCustomers(harness.core)).toHaveLength(1);
    expect(storedCustomers(harness.core)[0]).toMatchObject({
      phone: '+5511988887777',
      identities: 1,
    });
  });

  it('leaves status updates, newsletters, broadcast lists and groups alone', async () => {
    harness = await connected();
    const stored = await receive(
      harness.world.incoming('status@broadcast', 'minha viagem', {
        author: MARIA,
        isStatusV3: true,
      }),
      harness.world.incoming('120363025246125888@newsletter', 'Promoções da semana'),
      harness.world.outgoing('1700000000@broadcast', 'Aviso a todos os clientes'),
      harness.world.incoming('120363041234567890@g.us', 'oi grupo', { author: MARIA }),
    );
    expect(stored).toEqual([]);
    expect(storedCustomers(harness.core)).toEqual([]);
  });

  it('leaves the “message yourself” chat alone, also on an account moved to @lid', async () => {
    harness = await connected();
    const { world } = harness;
    world.ownLidContact();
    const stored = await receive(
      world.outgoing(world.me, 'lembrete: pagar fornecedor'),
      world.outgoing(world.meLid, 'anotação: pedido da Maria'),
      // The owner's own @lid chat, with only the contact to tell it is theirs.
      world.incoming(world.meLid, 'nota vinda de outro aparelho'),
    );
    expect(stored).toEqual([]);
    expect(storedCustomers(harness.core)).toEqual([]);
  });

  it('keeps a group as one conversation named by its subject when groups are switched on', async () => {
    harness = await connected({ config: { includeGroups: true } });
    const group = '120363041234567890@g.us';
    harness.world.contact(group, { name: 'Clientes VIP' });
    const raw = harness.world.incoming(group, 'Chegou o pedido?', {
      author: MARIA,
      notifyName: 'Maria',
    });
    const [message] = await receive(raw);
    // WhatsApp's own id of a group message names its author too.
    expect(raw.id.$1).toBe(`false_${group}_${raw.id.id}_${MARIA}`);
    expect(message).toMatchObject({
      externalId: raw.id.$1,
      who: group,
      text: 'Maria: Chegou o pedido?',
    });
    expect(storedCustomers(harness.core)[0]).toMatchObject({ name: 'Clientes VIP', phone: null });
  });

  it('finds the phone number behind a @lid id, joining the number’s conversation', async () => {
    harness = await connected();
    harness.world.lids.set('180123456789012@lid', MARIA);
    const messages = await receive(
      harness.world.incoming(MARIA, 'pelo número'),
      harness.world.incoming('180123456789012@lid', 'pelo lid'),
    );
    expect(messages.map((m) => m.who)).toEqual([MARIA, MARIA]);
    expect(storedCustomers(harness.core)[0]).toMatchObject({
      phone: '+5511999998888',
      identities: 1,
    });
  });

  it('uses the phone the library put on a @lid contact, without asking WhatsApp', async () => {
    harness = await connected();
    // getContactModel replaces a lid contact's id by its phone id when WhatsApp Web knows it.
    harness.world.contact('180123456789012@lid', { pushname: 'João' });
    harness.world.contacts.get('180123456789012@lid')!.id = {
      server: 'c.us',
      user: '5531977776666',
      _serialized: '5531977776666@c.us',
    };
    await receive(harness.world.incoming('180123456789012@lid', 'oi'));
    expect(storedCustomers(harness.core)[0]).toMatchObject({
      name: 'João',
      phone: '+5531977776666',
      externalId: '5531977776666@c.us',
    });
    expect(harness.world.lidLookups).toBe(0);
  });

  it('keeps an unresolvable @lid person as a customer of their own, needing details', async () => {
    harness = await connected();
    const [message] = await receive(
      harness.world.incoming('180123456789012@lid', 'quero um orçamento', {
        notifyName: 'Cliente',
      }),
    );
    expect(message!.who).toBe('180123456789012@lid');
    const [customer] = storedCustomers(harness.core);
    expect(customer).toMatchObject({ name: 'Cliente', phone: null });
    expect(harness.core.customers.detail.get(customer!.id).needsDetails).toBe(true);
  });

  it('looks up a person once, however many messages they send', async () => {
    harness = await connected();
    await receive(
      harness.world.incoming('180123456789012@lid', 'um'),
      harness.world.incoming('180123456789012@lid', 'dois'),
      harness.world.incoming('180123456789012@lid', 'três'),
    );
    expect(harness.world.lidLookups).toBe(1);
  });

  it('stores media as readable placeholders with their caption, in the app’s language', async () => {
    harness = await connected({ settings: { language: 'pt-BR' } });
    const { world } = harness;
    const media = { directPath: '/v/t62/abc', mimetype: 'image/jpeg' };
    const texts = await receive(
      world.incoming(MARIA, '/9j/4AAQSkZJRg==', {
        ...media,
        type: 'image',
        caption: 'Olha o bolo',
      }),
      world.incoming(MARIA, '', { ...media, type: 'ptt' }),
      world.incoming(MARIA, '', {
        ...media,
        type: 'document',
        filename: 'nota.pdf',
        mimetype: 'application/pdf',
      }),
      world.incoming(MARIA, '', {
        type: 'location',
        lat: -23.5613,
        lng: -46.6565,
        loc: 'Padaria Real\nAv. Paulista, 1000',
      }),
      world.incoming(
        MARIA,
        'BEGIN:VCARD\nVERSION:3.0\nFN:João Silva\nTEL:+5511911112222\nEND:VCARD',
        {
          type: 'vcard',
        },
      ),
      world.incoming(MARIA, '', { type: 'e2e_notification' }),
    );
    expect(texts.map((m) => m.text)).toEqual([
      '[Foto] Olha o bolo',
      '[Mensagem de voz]',
      '[Documento: nota.pdf]',
      '[Localização: Padaria Real, Av. Paulista, 1000] https://maps.google.com/?q=-23.5613,-46.6565',
      '[Contato: João Silva]',
    ]);
  });

  it('writes placeholders in English when the app is in English', async () => {
    harness = await connected({ settings: { language: 'en' } });
    const [photo, sticker] = await receive(
      harness.world.incoming(MARIA, '', { type: 'image', directPath: '/v/x', caption: 'The cake' }),
      harness.world.incoming(MARIA, '', { type: 'sticker', directPath: '/v/y' }),
    );
    expect([photo!.text, sticker!.text]).toEqual(['[Photo] The cake', '[Sticker]']);
  });

  it('joins a number seen on WhatsApp and later by SMS into one customer', async () => {
    harness = await connected();
    await receive(
      harness.world.incoming('551199998888@c.us', 'oi pelo zap', { notifyName: 'Maria' }),
    );
    const report = harness.core.inbox.ingest({
      channel: 'sms',
      account: 'default',
      direction: 'in',
      messageId: 'sms-1',
      externalUserId: '+5511999998888',
      phone: '+5511999998888',
      text: 'oi por SMS',
      timestamp: '2026-11-24T11:30:00.000Z',
    });
    expect(report).toMatchObject({ customersCreated: 0, identitiesLinked: 1 });
    const maria = storedCustomers(harness.core).find((c) => c.phone === '+5511999998888');
    expect(maria).toMatchObject({ name: 'Maria', identities: 2 });
  });
});

describe('slow lookups', () => {
  it('stores a message even when WhatsApp Web never says who sent it', async () => {
    harness = await connected({ lookupTimeoutMs: 100 });
    for (const lookup of ['getContactById', 'getProfilePicUrl'] as const) {
      harness.world.hang(lookup, MARIA);
    }
    const [message] = await receive(
      harness.world.incoming(MARIA, 'alguém aí?', { notifyName: 'Maria Souza' }),
    );
    expect(message).toMatchObject({ text: 'alguém aí?', who: MARIA });
    expect(storedCustomers(harness.core)[0]).toMatchObject({
      name: 'Maria Souza',
      phone: '+5511999998888',
    });
  });

  it('keeps storing other people’s messages while one person’s lookup hangs', async () => {
    harness = await connected({ lookupTimeoutMs: 3_000 });
    const lid = '180123456789012@lid';
    harness.world.hang('getContactLidAndPhone', lid);
    harness.world.client.deliver(harness.world.incoming(lid, 'primeira'));
    const joao = harness.world.incoming('5521988887777@c.us', 'segunda');
    harness.world.client.deliver(joao);
    await vi.waitFor(() =>
      expect(storedMessages(harness.core).map((m) => m.text)).toEqual(['segunda']),
    );
    // The hanging lookup is given up in time, and its message stored.
    await vi.waitFor(
      () => expect(storedMessages(harness.core).map((m) => m.text)).toContain('primeira'),
      { timeout: 5_000 },
    );
  });
});

describe('profile pictures', () => {
  let server: Server;
  let hits = 0;
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

  async function pictureServer(): Promise<string> {
    hits = 0;
    server = createServer((_, response) => {
      hits++;
      response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/pp/maria.jpg?oh=expires`;
  }
  afterEach(() => server?.close());

  it('downloads the picture into the local cache, since its address expires', async () => {
    harness = await connected();
    harness.world.pictures.set(MARIA, await pictureServer());
    await receive(harness.world.incoming(MARIA, 'oi'), harness.world.incoming(MARIA, 'tudo bem?'));
    const [maria] = storedCustomers(harness.core);
    expect(maria!.picture).toMatch(new RegExp(`^${AVATAR_PREFIX}[0-9a-f]{32}\\.img$`));
    const file = join(harness.core.dir, 'avatars', maria!.picture!.slice(AVATAR_PREFIX.length));
    expect(existsSync(file)).toBe(true);
    expect(hits).toBe(1);
  });

  it('does not even ask for the picture when the setting is off', async () => {
    harness = await connected({ settings: { fetchProfilePictures: false } });
    harness.world.pictures.set(MARIA, await pictureServer());
    await receive(harness.world.incoming(MARIA, 'oi'));
    expect(storedCustomers(harness.core)[0]!.picture).toBeNull();
    expect(hits).toBe(0);
  });
});
